"""Write the audit row for a read or change of a restricted object: exactly one per event."""

from __future__ import annotations

from django.http import HttpRequest

from cspkit.web.accounts.models import AuditEvent, User


def client_address(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a proxy we trust set it.
    return request.META.get("REMOTE_ADDR") or None


def record(request: HttpRequest, action: str, object_type: str, object_id: str = "", owner: str = "") -> AuditEvent:
    user = request.user if isinstance(request.user, User) else None
    agency = user.agency.slug if user is not None and user.agency is not None else ""
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username() if user is not None else "",
        agency=agency,
        action=action,
        object_type=object_type,
        object_id=object_id[:200],
        owning_agency=owner,
        address=client_address(request),
        path=request.get_full_path()[:500],
    )
