"""A text field stored encrypted (special-category details: health, ethnicity) with the keys in
`settings.CASE_KEYS`, which come from the environment in production."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import models

from cspkit.privacy.field_crypto import FieldCipher


@lru_cache(maxsize=4)
def _cipher(keys: str) -> FieldCipher:
    return FieldCipher.from_setting(keys)


def cipher() -> FieldCipher:
    return _cipher(settings.CASE_KEYS)


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Plain text in Python, a Fernet token in the database; blank stays blank."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return cipher().decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return cipher().encrypt(str(value))
