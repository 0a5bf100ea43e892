"""Abuse resistance for the public's forms (issue: Safer Streets, Open311).

- A rate limit per address per clock hour, counted in a table every web worker shares and
  raised atomically; the address is hashed so the table never holds it in clear.
- A honeypot field people never see: a filled one means a robot, which is thanked and ignored.
- A one-time form token (nonce): the pin keeps it under a unique constraint, so a replayed or
  double-clicked submission finds the first pin and is never stored twice.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.audit import client_address

HONEYPOT = "website"  # a field name robots like to fill
WINDOW_SECONDS = 3600


def hashed(value: str, purpose: str) -> str:
    """A keyed hash: stable for the deployment, meaningless without its SECRET_KEY."""
    key = f"{settings.SECRET_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:40]


def over_limit(request: HttpRequest, scope: str, per_hour: int, *, by_address: bool = True) -> bool:
    """Count this request against its address (or, `by_address=False`, against the scope alone,
    e.g. one Open311 client) in this clock hour; True once the hour's allowance is spent.

    The count is a database row every web worker shares, raised atomically, so a burst of
    concurrent requests never gets past the limit."""
    from cspkit.web.engage.models import RateCount

    who = hashed(client_address(request) or "unknown", "rate") if by_address else "all"
    hour = int(time.time() // WINDOW_SECONDS)
    key = f"{scope}:{who}:{hour}"[:160]
    with transaction.atomic():
        if not RateCount.objects.filter(key=key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCount.objects.create(key=key, hour=hour, count=1)
            except IntegrityError:  # another worker made the row first
                RateCount.objects.filter(key=key).update(count=F("count") + 1)
        count = RateCount.objects.values_list("count", flat=True).get(key=key)
    return count > per_hour


def clear_old_counts() -> int:
    """Rows of hours gone by (the daily job)."""
    from cspkit.web.engage.models import RateCount

    deleted, _ = RateCount.objects.filter(hour__lt=int(time.time() // WINDOW_SECONDS)).delete()
    return deleted


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def add_honeypot(form: forms.BaseForm) -> None:
    """The field people never see (hidden by the stylesheet and from screen readers)."""
    form.fields[HONEYPOT] = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def is_robot(request: HttpRequest) -> bool:
    return bool(request.POST.get(HONEYPOT, "").strip())


def new_reference(prefix: str = "SS") -> str:
    """What the resident is told, e.g. SS-7KQ4MX: no 0/O or 1/I to misread."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    return f"{prefix}-" + "".join(secrets.choice(alphabet) for _ in range(6))
