from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cspkit.settings import setting
from cspkit.web.datahub import worker


class Command(BaseCommand):
    help = (
        "Ingest uploads from the data hub and build the reports people asked for, as they arrive "
        "(`--once`: until both queues are empty)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            from cspkit.web.partnership import report_runs

            worker.requeue_interrupted()
            report_runs.requeue_interrupted()
            uploads = worker.drain()
            reports = report_runs.drain()
            self.stdout.write(f"{uploads} uploads handled, {reports} reports built")
        else:
            worker.run(float(setting("CSPKIT_WORKER_POLL") or "2"))
