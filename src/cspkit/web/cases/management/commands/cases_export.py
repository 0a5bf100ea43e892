from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cspkit.web.cases.numbers import export_cases


class Command(BaseCommand):
    help = (
        "Write case work as depersonalised partner datasets and ingest them: MARAC cases heard "
        "(cases-marac, NI 32), the IOM cohort's proven offences (cases-iom, NI 30) and ASB case "
        "incidents, interventions and desistance (cases-asb). Rows are month, LSOA and category; "
        "nothing about the person. The worker runs this nightly; an unchanged extract is skipped."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for dataset, done in export_cases().items():
            self.stdout.write(f"{dataset}: " + ", ".join(f"{what} {count}" for what, count in done.items()))
