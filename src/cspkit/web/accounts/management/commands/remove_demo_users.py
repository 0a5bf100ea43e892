from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cspkit.web.accounts.models import User


class Command(BaseCommand):
    help = "Deactivate and rename every demo account (audit rows keep pointing at them)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for user in User.objects.filter(is_demo=True):
            user.is_active = False
            user.is_demo = False
            user.set_unusable_password()
            user.username = f"removed-demo-{user.pk}"
            user.save()
            count += 1
        self.stdout.write(f"{count} demo accounts removed")
