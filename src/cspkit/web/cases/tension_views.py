"""Community tension monitoring: the partners' restricted log of tension by ward. Any case
worker reads it and reports; the reporting agency (or the partnership manager) updates a
report's level and actions, and closes it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cspkit.errors import CspkitError
from cspkit.web.accounts.models import User
from cspkit.web.accounts.roles import MANAGER
from cspkit.web.cases import records
from cspkit.web.cases.models import TensionReport, TensionUpdate

NO_NAMES = gettext_lazy("Describe groups and places, never name a person.")


def _wards() -> list[tuple[str, str]]:
    """The partnership's wards; none when the workspace has no configuration yet."""
    from cspkit.web.public import figures

    try:
        return figures.wards(Path(settings.HOME))
    except CspkitError:
        return []


class TensionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = TensionReport
        fields = ("ward", "reported_on", "level", "trend", "sources", "summary", "actions")
        widgets = {
            "reported_on": forms.DateInput(attrs={"type": "date"}),
            "sources": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "sources": gettext_lazy("Community contacts, incidents, social media, intelligence."),
            "summary": NO_NAMES,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ward"] = forms.ChoiceField(label=_("Ward"), choices=_wards())

    def clean_reported_on(self) -> date:
        on: date = self.cleaned_data["reported_on"]
        if not date(2000, 1, 1) <= on <= date.today():
            raise forms.ValidationError(_("The date must be between 2000 and today"))
        return on


class UpdateForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Level now"), choices=TensionReport.LEVELS, coerce=int)
    note = forms.CharField(label=_("What changed"), widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_NAMES)
    close = forms.BooleanField(label=_("Close the report: tension is back to normal"), required=False)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _may_update(user: User, report: TensionReport) -> bool:
    return user.role == MANAGER or user.agency_id == report.agency_id


def tensions(request: HttpRequest) -> HttpResponse:
    names = dict(_wards())
    reports = list(TensionReport.objects.select_related("agency"))
    latest: dict[str, TensionReport] = {}
    for report in reports:
        if report.closed_on is None and report.ward not in latest:
            latest[report.ward] = report  # ordered by level, highest first
    context = {
        "reports": [(r, names.get(r.ward, r.ward)) for r in reports],
        "wards": sorted(((names.get(w, w), r) for w, r in latest.items()), key=lambda pair: (-pair[1].level, pair[0])),
    }
    return render(request, "cases/tensions.html", context)


def tension_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.agency is None:
        raise Http404("only someone in an agency reports tension")
    form = TensionForm(request.POST or None, initial={"reported_on": date.today()})
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.reference = records.new_reference("T")
        report.agency, report.reported_by = user.agency, user
        report.save()
        TensionUpdate.objects.create(
            report=report, on=report.reported_on, level=report.level, note=_("Reported."), by=user
        )
        messages.success(request, _("Tension report %(ref)s logged.") % {"ref": report.reference})
        return redirect("cases:tension", pk=report.pk)
    return render(request, "cases/tension_form.html", {"form": form})


def tension(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    report = get_object_or_404(TensionReport.objects.select_related("agency"), pk=pk)
    context = {
        "report": report,
        "ward": dict(_wards()).get(report.ward, report.ward),
        "updates": report.updates.select_related("by"),
        "form": UpdateForm(initial={"level": report.level})
        if _may_update(user, report) and not report.closed_on
        else None,
    }
    return render(request, "cases/tension.html", context)


@require_POST
def tension_update(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    report = get_object_or_404(TensionReport, pk=pk)
    if not _may_update(user, report) or report.closed_on is not None:
        raise Http404("only the reporting agency or the manager updates an open report")
    form = UpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the level and say what changed."))
        return redirect("cases:tension", pk=report.pk)
    TensionUpdate.objects.create(
        report=report, on=date.today(), level=form.cleaned_data["level"], note=form.cleaned_data["note"], by=user
    )
    report.level = form.cleaned_data["level"]
    if form.cleaned_data["close"]:
        report.closed_on = date.today()
    report.save(update_fields=["level", "closed_on"])
    messages.success(request, _("Updated."))
    return redirect("cases:tension", pk=report.pk)
