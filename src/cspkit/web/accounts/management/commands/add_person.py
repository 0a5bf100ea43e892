from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspkit.web.accounts.models import Agency, User
from cspkit.web.accounts.roles import ROLES


class Command(BaseCommand):
    help = (
        "Add a person (or change their role and agency) and print a one-off password to pass on securely. "
        "Roles that need a second factor enrol an authenticator app at their first sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role.key for role in ROLES])
        parser.add_argument("--agency", required=True, help="The agency's slug (cspkit manage add_agency).")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(slug=options["agency"]).first()
        if agency is None:
            known = ", ".join(Agency.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"no agency {options['agency']!r} (known: {known}); add it with add_agency")
        user, made = User.objects.get_or_create(username=options["username"])
        user.role, user.agency, user.is_demo, user.is_active = options["role"], agency, False, True
        for field in ("email", "first_name", "last_name"):
            if options[field]:
                setattr(user, field, options[field])
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        self.stdout.write(
            f"{'added' if made else 'updated'} {user.username} ({user.get_role_display()}, {agency.name})"
        )
        self.stdout.write(f"one-off password: {password}")
