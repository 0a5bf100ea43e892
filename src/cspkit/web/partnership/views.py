"""Action items: a restricted one only for its agency and partnership-wide roles."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.accounts.permissions import may_see
from cspkit.web.partnership.models import ActionItem


def actions(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    shown = [a for a in ActionItem.objects.select_related("owner") if may_see(user, {a.owner.slug}, a.restricted)]
    if any(a.restricted for a in shown):
        audit.record(request, AuditEvent.LIST, "action")
    return render(request, "partnership/actions.html", {"actions": shown})


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(ActionItem.objects.select_related("owner"), pk=pk)
    if not may_see(request.user, {item.owner.slug}, item.restricted):  # type: ignore[arg-type]
        raise Http404("no such action")
    if item.restricted:
        audit.record(request, AuditEvent.READ, "action", str(item.pk), item.owner.slug)
    return render(request, "partnership/action_detail.html", {"action": item})
