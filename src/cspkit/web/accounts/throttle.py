"""Sign-in throttling in the shared cache: counts failures per account and per address across
every web worker, so guessing passwords is slow whichever process answers."""

from __future__ import annotations

import hashlib

from django.core.cache import cache

from cspkit.settings import setting

WINDOW = 15 * 60


def _keys(username: str, address: str | None) -> list[str]:
    # Hashed, so the cache table never holds a user name or an address in clear.
    def key(kind: str, value: str) -> str:
        return f"signin:{kind}:" + hashlib.sha256(value.lower().encode()).hexdigest()[:32]

    return [key("account", username), key("address", address or "unknown")]


def limit() -> int:
    return int(setting("CSPKIT_LOGIN_ATTEMPTS") or "5")


def refused(username: str, address: str | None) -> bool:
    return any((cache.get(key) or 0) >= limit() for key in _keys(username, address))


def failed(username: str, address: str | None) -> None:
    for key in _keys(username, address):
        if not cache.add(key, 1, WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, WINDOW)


def succeeded(username: str, address: str | None) -> None:
    cache.delete(_keys(username, address)[0])
