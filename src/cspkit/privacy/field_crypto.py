"""Special-category fields encrypted at rest (Fernet: AES-128-CBC with an HMAC-SHA256 tag).

Keys come from the environment (`CSPKIT_CASE_KEYS`: one or more Fernet keys, comma-separated,
newest first). Every value is encrypted with the first; any of them decrypts, so a key is
rotated by putting the new one in front and re-saving the records (`rotate`).
"""

from __future__ import annotations

from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class FieldKeyError(ValueError):
    """The configured keys are missing or malformed, or a value was encrypted with another key."""


class FieldCipher:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise FieldKeyError("no field encryption key given")
        try:
            self._fernet = MultiFernet([Fernet(key.strip().encode()) for key in keys])
        except ValueError as error:
            raise FieldKeyError("a field encryption key is not a Fernet key (32 url-safe base64 bytes)") from error

    @classmethod
    def from_setting(cls, value: str) -> FieldCipher:
        return cls([key for key in value.split(",") if key.strip()])

    @staticmethod
    def new_key() -> str:
        return Fernet.generate_key().decode()

    def encrypt(self, plain: str) -> str:
        return self.encrypt_bytes(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        return self.decrypt_bytes(token.encode("ascii")).decode("utf-8")

    def encrypt_bytes(self, plain: bytes) -> bytes:
        return self._fernet.encrypt(plain)

    def decrypt_bytes(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken as error:
            raise FieldKeyError("a stored value cannot be decrypted with the configured keys") from error

    def rotate(self, token: str) -> str:
        """The same value re-encrypted with the newest key."""
        return self._fernet.rotate(token.encode("ascii")).decode("ascii")
