from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspkit.errors import CspkitError
from cspkit.web.partnership.configuration import import_file


class Command(BaseCommand):
    help = (
        "Take partnership.yaml (or FILE) into the web app's database, which keeps every revision. "
        "A file older than the database's latest revision is refused."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            saved = import_file(options["file"])
        except CspkitError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"configuration at revision {saved.revision} ({saved.change})")
