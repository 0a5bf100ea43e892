"""Audit rows for reads and changes of restricted and person-level objects.

Within a request the rows are gathered (`record` only notes them) and written together by
`AuditBatchMiddleware` in one insert as the response leaves: a case list of fifty people is
one statement, not fifty. Outside a request (the worker, management commands) a row is
written at once.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cspkit.web.accounts.models import AuditEvent, User

_BATCH = "_cspkit_audit_batch"


def client_address(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a proxy we trust set it.
    return request.META.get("REMOTE_ADDR") or None


def event(request: HttpRequest, action: str, object_type: str, object_id: str = "", owner: str = "") -> AuditEvent:
    found = getattr(request, "user", None)
    user = found if isinstance(found, User) else None
    agency = user.agency.slug if user is not None and user.agency is not None else ""
    return AuditEvent(
        user=user,
        username=user.get_username() if user is not None else "",
        agency=agency,
        action=action,
        object_type=object_type,
        object_id=object_id[:200],
        owning_agency=owner,
        address=client_address(request),
        path=_path(request)[:500],
    )


def _path(request: HttpRequest) -> str:
    """The address read; for case work without its query, which may hold a name searched for."""
    return request.path if request.path.startswith("/cases/") else request.get_full_path()


def record(request: HttpRequest, action: str, object_type: str, object_id: str = "", owner: str = "") -> AuditEvent:
    """One audit row: added to the request's batch, or written now when there is no batch."""
    row = event(request, action, object_type, object_id, owner)
    batch: list[AuditEvent] | None = getattr(request, _BATCH, None)
    if batch is None:
        row.save()
    else:
        batch.append(row)
    return row


def record_many(request: HttpRequest, action: str, object_type: str, objects: list[tuple[str, str]]) -> None:
    """One row per (object id, owning agency), as one batch."""
    for object_id, owner in objects:
        record(request, action, object_type, object_id, owner)


def flush(request: HttpRequest) -> int:
    """Write the request's gathered rows now (a streamed export calls this before streaming)."""
    batch: list[AuditEvent] | None = getattr(request, _BATCH, None)
    if not batch:
        return 0
    AuditEvent.objects.bulk_create(batch)
    written = len(batch)
    batch.clear()
    return written


class AuditBatchMiddleware:
    """Gathers a request's audit rows and writes them in one insert, even when the view fails."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        setattr(request, _BATCH, [])
        try:
            return self.get_response(request)
        finally:
            flush(request)
            setattr(request, _BATCH, None)
