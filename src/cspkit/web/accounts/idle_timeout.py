"""Sessions end after CSPKIT_SESSION_MINUTES without a request (an idle timeout).

Django's SESSION_SAVE_EVERY_REQUEST would write the session row on every page; under load that
is a database write per request. Instead the expiry is pushed on at most once a minute, so the
timeout is exact to within a minute and reading pages stays read-only.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

REFRESH_SECONDS = 60
KEY = "_cspkit_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(KEY, 0)) >= REFRESH_SECONDS:
                session[KEY] = now  # marks the session changed: saved with a new expiry
        return response
