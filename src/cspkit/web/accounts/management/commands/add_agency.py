from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspkit.web.accounts.agencies import KINDS
from cspkit.web.accounts.models import Agency


class Command(BaseCommand):
    help = "Add or rename a partner agency. SLUG is the key its partner mappings use (agency: in the YAML)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")
        parser.add_argument("name")
        parser.add_argument("--kind", required=True, choices=[key for key, _ in KINDS])

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["name"].strip():
            raise CommandError("the agency needs a name")
        agency, made = Agency.objects.update_or_create(
            slug=options["slug"], defaults={"name": options["name"], "kind": options["kind"]}
        )
        self.stdout.write(f"{'added' if made else 'updated'} agency {agency.slug}: {agency.name}")
