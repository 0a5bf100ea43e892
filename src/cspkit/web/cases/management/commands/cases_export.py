from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cspkit.web.cases.numbers import export_marac


class Command(BaseCommand):
    help = (
        "Write the MARAC cases heard (month, LSOA, repeat or not; nothing about the person) as the "
        "partner dataset cases-marac and ingest it, so NI 32 is in the indicators. The worker runs "
        "this nightly; an unchanged extract is skipped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for what, count in export_marac().items():
            self.stdout.write(f"{what}: {count}")
