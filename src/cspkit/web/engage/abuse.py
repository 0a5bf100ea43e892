"""Abuse resistance for the public's forms (issue: Safer Streets, Open311).

- A rate limit per address per hour, counted in the cache every web worker shares; the
  address is hashed so the cache never holds it in clear.
- A honeypot field people never see: a filled one means a robot, which is thanked and ignored.
- A one-time form token (nonce): the pin keeps it under a unique constraint, so a replayed or
  double-clicked submission finds the first pin and is never stored twice.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from cspkit.web.accounts.audit import client_address

HONEYPOT = "website"  # a field name robots like to fill
WINDOW_SECONDS = 3600


def hashed(value: str, purpose: str) -> str:
    """A keyed hash: stable for the deployment, meaningless without its SECRET_KEY."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:40]


def over_limit(request: HttpRequest, scope: str, per_hour: int, *, by_address: bool = True) -> bool:
    """Count this request against its address (or, `by_address=False`, against the scope alone,
    e.g. one Open311 client); True once the hour's allowance is spent."""
    who = hashed(client_address(request) or "unknown", "rate") if by_address else "all"
    key = f"rate:{scope}:{who}"
    if cache.add(key, 1, WINDOW_SECONDS):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return False
    return count > per_hour


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def is_robot(request: HttpRequest) -> bool:
    return bool(request.POST.get(HONEYPOT, "").strip())


def new_reference(prefix: str = "SS") -> str:
    """What the resident is told, e.g. SS-7KQ4MX: no 0/O or 1/I to misread."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return f"{prefix}-" + "".join(secrets.choice(alphabet) for _ in range(6))
