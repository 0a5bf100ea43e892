"""Public meetings (PACT, "face the people"): the schedule and each meeting's agenda, the
priorities it agreed (up to three open per neighbourhood), its minutes, and the report back
on the previous meeting's priorities. Neighbourhood staff arrange and record them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cspkit.errors import CspkitError
from cspkit.web.public import figures
from cspkit.web.public.models import MAX_OPEN_PRIORITIES, NeighbourhoodPriority, PublicMeeting
from cspkit.web.public.page_cache import kept_for_visitors
from cspkit.web.public.staff import may_manage


def _home() -> Path:
    return Path(settings.HOME)


def _ward_names() -> dict[str, str]:
    try:
        return dict(figures.wards(_home()))
    except CspkitError:
        return {}


@kept_for_visitors
def meetings_page(request: HttpRequest) -> HttpResponse:
    names = _ward_names()
    now = timezone.now()
    upcoming = [m for m in PublicMeeting.objects.filter(starts_at__gte=now) if m.ward in names]
    recent = [m for m in PublicMeeting.objects.filter(starts_at__lt=now).order_by("-starts_at")[:20] if m.ward in names]
    context = {"upcoming": upcoming, "recent": recent, "names": names}
    return render(request, "public/meetings.html", context)


@kept_for_visitors
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(PublicMeeting, pk=pk)
    names = _ward_names()
    if meeting.ward not in names:
        raise Http404("not one of the partnership's neighbourhoods")
    previous = meeting.previous()
    context = {
        "meeting": meeting,
        "ward_name": names[meeting.ward],
        "agreed": meeting.priorities_agreed.all(),
        "previous": previous,
        "reported": previous.priorities_agreed.all() if previous else [],
        "may_manage": may_manage(request),
    }
    return render(request, "public/meeting.html", context)


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = PublicMeeting
        fields = ("kind", "title", "starts_at", "venue", "agenda", "minutes")
        labels = {
            "kind": gettext_lazy("Kind of meeting"),
            "title": gettext_lazy("Title"),
            "starts_at": gettext_lazy("Date and time"),
            "venue": gettext_lazy("Venue and address"),
            "agenda": gettext_lazy("Agenda"),
            "minutes": gettext_lazy("Minutes"),
        }
        help_texts = {
            "starts_at": gettext_lazy("For example, 2024-05-14 19:00"),
            "minutes": gettext_lazy("Published on the meeting's page once written; leave empty before the meeting."),
        }
        widgets = {"kind": forms.RadioSelect, "agenda": forms.Textarea(attrs={"rows": 5})}


def meeting_new(request: HttpRequest, ward: str) -> HttpResponse:
    names = _ward_names()
    if ward not in names:
        raise Http404("not one of the partnership's neighbourhoods")
    form = MeetingForm(request.POST or None, initial={"title": _("%(ward)s PACT meeting") % {"ward": names[ward]}})
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.ward = ward
        meeting.created_by = request.user
        meeting.save()
        messages.success(request, _("The meeting is arranged and shown on the neighbourhood's page."))
        return redirect("public:meeting", meeting.pk)
    status = 400 if form.errors else 200
    return render(request, "public/meeting_form.html", {"form": form, "ward_name": names[ward]}, status=status)


def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(PublicMeeting, pk=pk)
    names = _ward_names()
    if meeting.ward not in names:
        raise Http404("not one of the partnership's neighbourhoods")
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The meeting is saved."))
        return redirect("public:meeting", meeting.pk)
    context = {"form": form, "ward_name": names[meeting.ward], "meeting": meeting}
    return render(request, "public/meeting_form.html", context, status=400 if form.errors else 200)


class PriorityForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = NeighbourhoodPriority
        fields = ("issue", "issue_date", "action", "action_date", "closed")
        labels = {
            "issue": gettext_lazy("You said: the priority, in residents' words"),
            "issue_date": gettext_lazy("Date raised"),
            "action": gettext_lazy("We did: what the partnership did about it"),
            "action_date": gettext_lazy("Date of the action"),
            "closed": gettext_lazy("Dealt with: no longer an open priority"),
        }
        help_texts = {
            "issue_date": gettext_lazy("For example, 2024-05-14"),
            "action": gettext_lazy("Leave empty until there is something to report."),
        }
        widgets = {"issue": forms.Textarea(attrs={"rows": 3}), "action": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, ward: str, meeting: PublicMeeting | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ward, self.meeting = ward, meeting

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        action, when = cleaned.get("action"), cleaned.get("action_date")
        if when and not action:
            self.add_error("action", _("Say what was done, or leave the date empty."))
        raised: date | None = cleaned.get("issue_date")
        if when and raised and when < raised:
            self.add_error("action_date", _("The action cannot come before the priority was raised."))
        if cleaned.get("closed") and not action:
            self.add_error("closed", _("A priority is dealt with only once there is an action to report."))
        still_open = NeighbourhoodPriority.objects.filter(ward=self.ward, closed=False)
        if self.instance.pk:
            still_open = still_open.exclude(pk=self.instance.pk)
        if not cleaned.get("closed") and still_open.count() >= MAX_OPEN_PRIORITIES:
            raise forms.ValidationError(
                _(
                    "This neighbourhood already has %(count)s open priorities. Mark one as dealt with "
                    "before agreeing another."
                )
                % {"count": MAX_OPEN_PRIORITIES}
            )
        return cleaned


def priority_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Agree a priority at a meeting (the meeting's date is the date it was raised)."""
    meeting = get_object_or_404(PublicMeeting, pk=pk)
    names = _ward_names()
    if meeting.ward not in names:
        raise Http404("not one of the partnership's neighbourhoods")
    initial = {"issue_date": timezone.localtime(meeting.starts_at).date()}
    form = PriorityForm(request.POST or None, initial=initial, ward=meeting.ward, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            priority = form.save(commit=False)
            priority.ward, priority.agreed_at, priority.created_by = meeting.ward, meeting, request.user
            priority.save()
        messages.success(request, _("The priority is published on the neighbourhood's page."))
        return redirect("public:meeting", meeting.pk)
    context = {"form": form, "ward_name": names[meeting.ward], "meeting": meeting}
    return render(request, "public/priority_form.html", context, status=400 if form.errors else 200)


def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Report what was done ("we did") and when, or mark the priority dealt with."""
    priority = get_object_or_404(NeighbourhoodPriority, pk=pk)
    names = _ward_names()
    if priority.ward not in names:
        raise Http404("not one of the partnership's neighbourhoods")
    form = PriorityForm(request.POST or None, instance=priority, ward=priority.ward, meeting=priority.agreed_at)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The priority is saved."))
        return redirect("public:neighbourhood", priority.ward)
    context = {"form": form, "ward_name": names[priority.ward], "priority": priority}
    return render(request, "public/priority_form.html", context, status=400 if form.errors else 200)
