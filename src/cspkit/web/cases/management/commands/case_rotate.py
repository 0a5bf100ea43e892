from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from cspkit.web.cases.documents import folder
from cspkit.web.cases.encrypted import cipher
from cspkit.web.cases.models import CaseDocument, PersonRecord


class Command(BaseCommand):
    help = "Re-encrypt every special-category field and case document with the first key in CSPKIT_CASE_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            people = 0
            for record in PersonRecord.objects.all().iterator():
                record.save(update_fields=["ethnicity", "health"])  # decrypted on load, encrypted anew on save
                people += 1
        files = 0
        for document in CaseDocument.objects.all().iterator():
            path = folder() / document.stored_name
            if path.exists():
                path.write_bytes(cipher().encrypt_bytes(cipher().decrypt_bytes(path.read_bytes())))
                files += 1
        self.stdout.write(f"re-encrypted: {people} records, {files} documents")
