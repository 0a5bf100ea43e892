"""E-mail notifications for public engagement. Every message carries a link and nothing
else about the matter or the people in it (the link's page shows it to whoever may see it)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from cspkit.settings import setting
from cspkit.web.accounts.models import User


def link(request: HttpRequest | None, name: str, *args: object) -> str:
    """An absolute link: from the request, or from CSPKIT_SITE_URL for the worker's messages."""
    path = reverse(name, args=args)
    if request is not None:
        return request.build_absolute_uri(path)
    return (setting("CSPKIT_SITE_URL") or "").rstrip("/") + path


def send(subject: str, url: str, to: Iterable[str]) -> int:
    addresses = sorted({a for a in to if a})
    if not addresses:
        return 0
    body = _("There is news on a matter you follow:\n\n%(url)s\n\nThis message is sent automatically.") % {"url": url}
    return send_mail(subject, body, None, addresses)


def staff_addresses(users: Iterable[User]) -> list[str]:
    return [u.email for u in users if u.is_active and u.email]
