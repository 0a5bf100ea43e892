from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cspkit.settings import setting
from cspkit.web.datahub import worker


class Command(BaseCommand):
    help = "Ingest uploads from the data hub as they arrive (`--once`: until the queue is empty)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            worker.requeue_interrupted()
            self.stdout.write(f"{worker.drain()} uploads handled")
        else:
            worker.run(float(setting("CSPKIT_WORKER_POLL") or "2"))
