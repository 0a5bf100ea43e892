"""Files kept on a case record: encrypted at rest under $CSPKIT_HOME/web/case-files/, named by
a random id (the file name says nothing about the person), removed with the record."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings

from cspkit.web.accounts.models import User
from cspkit.web.cases.encrypted import cipher
from cspkit.web.cases.models import CaseDocument, PersonRecord


def folder() -> Path:
    return Path(settings.HOME) / "web" / "case-files"


def keep(
    person: PersonRecord, title: str, original_name: str, content_type: str, data: bytes, by: User
) -> CaseDocument:
    name = secrets.token_hex(16)
    folder().mkdir(parents=True, exist_ok=True)
    path = folder() / name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(cipher().encrypt_bytes(data))
    return CaseDocument.objects.create(
        person=person,
        title=title,
        original_name=Path(original_name).name[:255],
        content_type=content_type,
        stored_name=name,
        size=len(data),
        uploaded_by=by,
    )


def read(document: CaseDocument) -> bytes:
    return cipher().decrypt_bytes((folder() / document.stored_name).read_bytes())


def remove(document: CaseDocument) -> bool:
    path = folder() / document.stored_name
    if path.exists():
        path.unlink()
        return True
    return False
