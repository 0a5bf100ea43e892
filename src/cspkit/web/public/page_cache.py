"""Whole public pages kept for visitors who are not signed in, so a resident's page costs a
cache lookup, not a render: keyed by the path, the language, the store version and
configuration, and the public meetings' and priorities' own version; kept a minute at most
(an upcoming meeting stops being upcoming). The language switcher's CSRF token is the one
per-visitor part: kept as a marker and written in for each visitor."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from cspkit.errors import CspkitError
from cspkit.web.dashboard.materialised import assessment_run, config_digest
from cspkit.web.datahub.store_view import generation
from cspkit.web.public.models import NeighbourhoodPriority, PublicMeeting

KEEP_SECONDS = 60
VISITOR_MARK = "cspkit-visitor-csrf-token"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")([^"]+)(")')


def _version_sql() -> str:
    parts = []
    for model in (PublicMeeting, NeighbourhoodPriority):
        table = connection.ops.quote_name(model._meta.db_table)
        parts += [
            f"(SELECT COUNT(*) FROM {table})",  # noqa: S608 - a model's own table name
            f"(SELECT MAX(updated_at) FROM {table})",  # noqa: S608 - a model's own table name
        ]
    return "SELECT " + ", ".join(parts)


def public_records_version() -> str:
    """Changes whenever a public meeting or priority is added, edited or removed: one query
    (the ORM's two aggregates cost a visitor's page more than the rest of it)."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql())  # table names from the models, nothing from a request
        return ":".join(str(value) for value in cursor.fetchone())


def data_version(with_assessment: bool) -> str:
    """The store generation and the configuration; with the kept assessment's run for pages
    that show the plan's progress."""
    home = Path(settings.HOME)
    parts = [generation(home), config_digest(home)]
    if with_assessment:
        from cspkit.web.dashboard.materialised import request_for

        try:
            parts.append(assessment_run(home, str(request_for(home).config.area)))
        except CspkitError:  # no configuration: the page itself says so
            parts.append("")
    return "\x1f".join(parts)


def _visitor(request: HttpRequest) -> bool:
    """Certainly not signed in and with nothing of their own on the page (no session, no messages)."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies
    )


def kept_for_visitors(
    view: Callable[..., HttpResponse], *, with_assessment: bool = False
) -> Callable[..., HttpResponse]:
    """A public view whose page is kept for visitors (`with_assessment`: the kept strategic
    assessment's run is part of its version too)."""

    @wraps(view)
    def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _visitor(request):
            return view(request, *args, **kwargs)
        cache = caches["template_fragments"]
        parts = (view.__name__, request.get_full_path(), getattr(request, "LANGUAGE_CODE", ""))
        version = (*parts, data_version(with_assessment), public_records_version())
        key = "page:" + hashlib.sha256("\x1f".join(version).encode()).hexdigest()
        kept = cache.get(key)
        if kept is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            kept = (
                response["Content-Type"],
                _TOKEN.sub(rb"\g<1>" + VISITOR_MARK.encode() + rb"\g<3>", response.content),
            )
            cache.set(key, kept, KEEP_SECONDS)
            return response
        content_type, body = kept
        answer = HttpResponse(
            body.replace(VISITOR_MARK.encode(), get_token(request).encode()), content_type=content_type
        )
        answer["Vary"] = "Cookie, Accept-Language"
        return answer

    return page
