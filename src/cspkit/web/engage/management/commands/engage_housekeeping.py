from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cspkit.web.engage import housekeeping, publishing


class Command(BaseCommand):
    help = (
        "Apply public engagement's retention periods (partnership.yaml engage.retention) and send "
        "reminders of overdue Calls for Action; the worker runs this once a day."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        done = housekeeping.run(publishing.engage_config())
        for what, count in done.items():
            self.stdout.write(f"{what}: {count}")
