"""Board and delivery-group meetings: an agenda generated from the performance report's
exceptions and the actions earlier meetings of the same group left open; decisions and
actions logged at the meeting, and its open actions carried forward to the next."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cspkit.errors import CspkitError
from cspkit.web.accounts.models import Agency, User
from cspkit.web.accounts.permissions import may_see
from cspkit.web.accounts.roles import ANALYST, MANAGER
from cspkit.web.partnership.models import ActionItem, AgendaItem, Decision, Meeting

CLERKS = frozenset({MANAGER, ANALYST})


def _priorities() -> list[tuple[str, str]]:
    from cspkit.web.dashboard.materialised import request_for

    try:
        config = request_for(Path(settings.HOME)).config
    except CspkitError:
        return []
    titles = {i.id: i.title for i in config.assessment.issues}
    return [(p.issue, titles.get(p.issue, p.issue)) for p in config.plan.priorities]


def open_actions(kind: str, priority: str, before: Any) -> QuerySet[ActionItem]:
    """Actions earlier meetings of the same group logged and nobody has completed."""
    return (
        ActionItem.objects.filter(meeting__kind=kind, meeting__priority=priority, meeting__date__lt=before)
        .exclude(status=ActionItem.COMPLETE)
        .select_related("owner", "meeting")
    )


def _exceptions(priority: str) -> list[dict[str, Any]]:
    from cspkit.web.dashboard.materialised import performance

    try:
        report = performance(Path(settings.HOME))
    except CspkitError:
        return []
    found = report.get("exceptions", [])
    if priority:
        titles = {p["issue"]: p["title"] for p in report.get("priorities", [])}
        found = [e for e in found if e["priority"] == titles.get(priority)]
    return list(found)


def build_agenda(meeting: Meeting) -> None:
    """Standing items, then each exception, then each action carried forward, then other business."""
    items = [(AgendaItem.STANDING, _("Apologies and declarations of interest"), "")]
    previous = Meeting.objects.filter(kind=meeting.kind, priority=meeting.priority, date__lt=meeting.date).first()
    if previous is not None:
        items.append(
            (AgendaItem.STANDING, _("Minutes of the meeting of %(date)s") % {"date": f"{previous.date:%Y-%m-%d}"}, "")
        )
    for exception in _exceptions(meeting.priority):
        if exception["kind"] == "target":
            title = f"{exception['priority']}: {exception['indicator']}, {exception['place']}"
        else:
            title = f"{exception['priority']}: {exception['milestone']} ({exception['owner']})"
        items.append((AgendaItem.EXCEPTION, title, "; ".join(exception["reasons"])))
    for action in open_actions(meeting.kind, meeting.priority, meeting.date):
        detail = _("%(owner)s, due %(due)s, %(status)s; from the meeting of %(date)s") % {
            "owner": action.owner.name,
            "due": f"{action.due:%Y-%m-%d}" if action.due else "—",
            "status": action.get_status_display(),
            "date": f"{action.meeting.date:%Y-%m-%d}" if action.meeting else "",
        }
        items.append((AgendaItem.CARRIED, action.title, detail))
    items.append((AgendaItem.OTHER, _("Any other business"), ""))
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, order=n, kind=kind, title=title[:300], detail=detail)
        for n, (kind, title, detail) in enumerate(items, start=1)
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Meeting"), choices=Meeting.KINDS, widget=forms.RadioSelect)
    priority = forms.ChoiceField(
        label=gettext_lazy("Delivery group's priority"),
        required=False,
        help_text=gettext_lazy("For a delivery group: the priority it delivers."),
    )
    date = forms.DateField(label=gettext_lazy("Date (YYYY-MM-DD)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].choices = [("", "—"), *_priorities()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("kind") == Meeting.DELIVERY and not cleaned.get("priority"):
            self.add_error("priority", _("Choose the priority this delivery group delivers"))
        if cleaned.get("kind") == Meeting.BOARD:
            cleaned["priority"] = ""
        return cleaned


def meetings(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        if user.role not in CLERKS:
            return render(request, "403.html", status=403)
        if form.is_valid():
            data = form.cleaned_data
            titles = dict(_priorities())
            title = (
                _("Partnership board")
                if data["kind"] == Meeting.BOARD
                else _("Delivery group: %(priority)s") % {"priority": titles.get(data["priority"], data["priority"])}
            )
            with transaction.atomic():
                meeting = Meeting.objects.create(
                    kind=data["kind"], priority=data["priority"], title=title, date=data["date"], created_by=user
                )
                build_agenda(meeting)
            return redirect("partnership:meeting", pk=meeting.pk)
    context = {"meetings": Meeting.objects.all()[:100], "form": form, "may_clerk": user.role in CLERKS}
    return render(request, "partnership/meetings.html", context, status=400 if form.errors else 200)


class DecisionForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Decision"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)


class ActionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Action"), max_length=200)
    owner = forms.ModelChoiceField(label=gettext_lazy("Owning agency"), queryset=Agency.objects.all())
    due = forms.DateField(label=gettext_lazy("Due (YYYY-MM-DD)"), required=False)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=gettext_lazy("Minutes"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    held = forms.BooleanField(label=gettext_lazy("The meeting has been held"), required=False)


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Meeting, pk=pk)
    user: User = request.user  # type: ignore[assignment]
    forms_: dict[str, forms.Form] = {
        "decision": DecisionForm(prefix="decision"),
        "action": ActionForm(prefix="action"),
        "minutes": MinutesForm(prefix="minutes", initial={"minutes": item.minutes, "held": item.held}),
    }
    if request.method == "POST":
        if user.role not in CLERKS:
            return render(request, "403.html", status=403)
        which = request.POST.get("form", "")
        if which in forms_:
            bound = type(forms_[which])(request.POST, prefix=which)
            forms_[which] = bound
            if bound.is_valid():
                data = bound.cleaned_data
                if which == "decision":
                    Decision.objects.create(meeting=item, text=data["text"], recorded_by=user)
                elif which == "action":
                    ActionItem.objects.create(
                        title=data["title"], owner=data["owner"], due=data["due"], meeting=item, priority=item.title
                    )
                else:
                    item.minutes, item.held = data["minutes"], data["held"]
                    item.save(update_fields=["minutes", "held"])
                messages.success(request, _("Saved."))
                return redirect("partnership:meeting", pk=item.pk)
    actions = [a for a in item.actions.select_related("owner") if may_see(user, {a.owner.slug}, a.restricted)]
    context = {
        "meeting": item,
        "agenda": item.agenda.all(),
        "decisions": item.decisions.select_related("recorded_by"),
        "actions": actions,
        "forms": forms_,
        "may_clerk": user.role in CLERKS,
    }
    failed = any(f.is_bound and f.errors for f in forms_.values())
    return render(request, "partnership/meeting.html", context, status=400 if failed else 200)
