"""Action items: a restricted one only for its agency and partnership-wide roles; status
updates (the RAG history) only by the owning agency or the partnership manager."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.accounts.permissions import may_see
from cspkit.web.accounts.roles import MANAGER
from cspkit.web.partnership.models import ActionItem, StatusUpdate


def may_update(user: User, item: ActionItem) -> bool:
    """The owning agency's people and the partnership manager update an action; nobody else."""
    return user.role == MANAGER or (user.agency_id is not None and user.agency_id == item.owner_id)


def actions(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    shown = [a for a in ActionItem.objects.select_related("owner") if may_see(user, {a.owner.slug}, a.restricted)]
    if any(a.restricted for a in shown):
        audit.record(request, AuditEvent.LIST, "action")
    return render(request, "partnership/actions.html", {"actions": shown})


def _visible(request: HttpRequest, pk: int) -> ActionItem:
    item = get_object_or_404(ActionItem.objects.select_related("owner"), pk=pk)
    if not may_see(request.user, {item.owner.slug}, item.restricted):  # type: ignore[arg-type]
        raise Http404("no such action")
    return item


class StatusUpdateForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ActionItem.STATES, widget=forms.RadioSelect)
    note = forms.CharField(
        label=gettext_lazy("What has happened since the last update"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    if item.restricted:
        audit.record(request, AuditEvent.READ, "action", str(item.pk), item.owner.slug)
    user: User = request.user  # type: ignore[assignment]
    context: dict[str, Any] = {
        "action": item,
        "updates": item.updates.select_related("author"),
        "may_update": may_update(user, item),
        "form": StatusUpdateForm(initial={"status": item.status}),
    }
    return render(request, "partnership/action_detail.html", context)


def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    item = _visible(request, pk)
    user: User = request.user  # type: ignore[assignment]
    if not may_update(user, item):
        return render(request, "403.html", status=403)
    form = StatusUpdateForm(request.POST or None, initial={"status": item.status})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            StatusUpdate.objects.create(
                action=item, status=form.cleaned_data["status"], note=form.cleaned_data["note"], author=user
            )
            item.status = form.cleaned_data["status"]
            item.save(update_fields=["status"])
        if item.restricted:
            audit.record(request, AuditEvent.UPDATE, "action", str(item.pk), item.owner.slug)
        messages.success(request, _("Status updated."))
        return redirect("partnership:action-detail", pk=item.pk)
    context = {"action": item, "updates": item.updates.select_related("author"), "may_update": True, "form": form}
    return render(request, "partnership/action_detail.html", context, status=400 if form.errors else 200)
