from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cspkit.web.cases import housekeeping
from cspkit.web.cases.access import cases_config


class Command(BaseCommand):
    help = (
        "Apply case work's retention schedules (partnership.yaml cases.purposes): set review tasks, "
        "delete records past their deletion date, leaving tombstones; send task reminders. The worker "
        "runs this once a day."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for what, count in housekeeping.run(cases_config()).items():
            self.stdout.write(f"{what}: {count}")
