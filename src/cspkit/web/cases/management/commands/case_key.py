from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cspkit.privacy.field_crypto import FieldCipher


class Command(BaseCommand):
    help = (
        "Print a new key for CSPKIT_CASE_KEYS (special-category case fields are encrypted with it). "
        "To rotate, put the new key first, the old after a comma, then run `cspkit manage case_rotate`."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(FieldCipher.new_key())
