"""IOM pages: the cohort, selecting a person (by the agency holding their record), a member's
engagement log and proven offences, de-selection, and NI 30 for a cohort fixed on a date."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cspkit.cases import iom
from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.cases import records
from cspkit.web.cases.access import WITHHELD, cases_config, people_for, shown
from cspkit.web.cases.models import IomEngagement, IomMember, IomOffence
from cspkit.web.cases.models.iom import PATHWAYS
from cspkit.web.cases.people import visible_person
from cspkit.web.cases.policy import OWNER, relation
from cspkit.web.cases.shortcuts import csv_download, form_errors, visible_or_404

_DATE = forms.DateInput(attrs={"type": "date"})
MEMBER_FIELDS = ["strand", "pathways", "selected_on", "criteria", "reason", "deselected_on", "deselection_reason"]


def _past(day: date) -> date:
    if not date(1990, 1, 1) <= day <= date.today():
        raise forms.ValidationError(gettext_lazy("The date must be between 1990 and today"))
    return day


class SelectForm(forms.ModelForm):  # type: ignore[type-arg]
    pathways = forms.MultipleChoiceField(
        label=gettext_lazy("Pathways"), choices=PATHWAYS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = IomMember
        fields = ("strand", "selected_on", "criteria", "reason")
        widgets = {"selected_on": _DATE, "reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "criteria": gettext_lazy("The scheme's selection criteria this person meets, e.g. a matrix score.")
        }

    def clean_selected_on(self) -> date:
        return _past(self.cleaned_data["selected_on"])


class EngagementForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = IomEngagement
        fields = ("on", "kind", "note")
        widgets = {"on": _DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def clean_on(self) -> date:
        return _past(self.cleaned_data["on"])


class OffenceForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = IomOffence
        fields = ("committed_on", "offence", "proven_on")
        widgets = {"committed_on": _DATE, "proven_on": _DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        committed, proven = data.get("committed_on"), data.get("proven_on")
        if committed is not None:
            _past(committed)
        if proven is not None and committed is not None and not committed <= proven <= date.today():
            self.add_error("proven_on", _("Proven on or after the day it was committed, and not after today"))
        return data


class DeselectForm(forms.Form):
    deselected_on = forms.DateField(label=gettext_lazy("De-selected on"), widget=_DATE)
    deselection_reason = forms.CharField(label=gettext_lazy("Why"), widget=forms.Textarea(attrs={"rows": 2}))


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def members_for(user: User) -> list[IomMember]:
    found = IomMember.objects.filter(person__in=people_for(user), delete_on__gte=date.today())
    return list(found.select_related("person", "owner"))


def cohort(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    members = members_for(user)
    audit.record_many(request, AuditEvent.LIST, "iom-member", [(m.reference, m.owner.slug) for m in members])
    current = [m for m in members if m.deselected_on is None]
    context = {"current": current, "former": [m for m in members if m.deselected_on is not None]}
    return render(request, "cases/iom_cohort.html", context)


def select(request: HttpRequest, pk: int) -> HttpResponse:
    """The agency holding the person's record puts them on the cohort."""
    user = _user(request)
    person = visible_person(request, pk)
    if OWNER not in relation(user, person):
        raise Http404("only the agency holding the record selects the person")
    if IomMember.objects.filter(person=person, deselected_on__isnull=True).exists():
        messages.info(request, _("This person is on the cohort already."))
        return redirect("cases:person", pk=person.pk)
    form = SelectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = form.save(commit=False)
        member.person, member.owner, member.created_by = person, person.owner, user
        member.pathways = ",".join(form.cleaned_data["pathways"])
        member.reference = records.new_reference("I")
        member.purpose = "iom" if cases_config().purpose("iom") else person.purpose
        member.legal_basis, member.consent, member.consent_reason = (
            person.legal_basis,
            person.consent,
            person.consent_reason,
        )
        records.set_schedule(member, cases_config(), date.today())
        member.save()
        audit.record(request, AuditEvent.CREATE, "iom-member", member.reference, member.owner.slug)
        messages.success(request, _("Selected for the cohort as %(ref)s.") % {"ref": member.reference})
        return redirect("cases:iom-member", pk=member.pk)
    return render(request, "cases/iom_select.html", {"form": form, "record": person})


def _visible_member(request: HttpRequest, pk: int) -> IomMember:
    return visible_or_404(request, IomMember.objects.select_related("person", "owner"), pk)


def member(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = _visible_member(request, pk)
    config = cases_config()
    audit.record(request, AuditEvent.READ, "iom-member", found.reference, found.owner.slug)
    engagements = list(found.engagements.all())
    offences = list(found.offences.all())
    audit.record_many(
        request, AuditEvent.READ, "iom-engagement", [(f"engagement-{e.pk}", found.owner.slug) for e in engagements]
    )
    audit.record_many(
        request, AuditEvent.READ, "iom-offence", [(f"offence-{o.pk}", found.owner.slug) for o in offences]
    )
    fields = shown(user, found, MEMBER_FIELDS, config)
    fields = [
        (n, label, ", ".join(found.pathway_labels()) if n == "pathways" and v is not WITHHELD else v)
        for n, label, v in fields
    ]
    owner = OWNER in relation(user, found)
    context = {
        "member": found,
        "fields": [
            (n, label, found.get_strand_display() if n == "strand" and v is not WITHHELD else v)
            for n, label, v in fields
        ],
        "engagements": engagements if config.may_see(user.role, "offence") else [],
        "offences": offences if config.may_see(user.role, "offence") else [],
        "engagement_form": EngagementForm(),
        "offence_form": OffenceForm() if owner else None,
        "deselect_form": DeselectForm() if owner and found.deselected_on is None else None,
        "withheld": WITHHELD,
    }
    return render(request, "cases/iom_member.html", context)


@require_POST
def engagement_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible_member(request, pk)
    form = EngagementForm(request.POST)
    if form.is_valid():
        made = form.save(commit=False)
        made.member, made.by = found, _user(request)
        made.save()
        audit.record(request, AuditEvent.CREATE, "iom-engagement", f"engagement-{made.pk}", found.owner.slug)
    else:
        messages.error(request, form_errors(form))
    return redirect("cases:iom-member", pk=found.pk)


@require_POST
def offence_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible_member(request, pk)
    if OWNER not in relation(_user(request), found):
        raise Http404("only the agency holding the record adds offences")
    form = OffenceForm(request.POST)
    if form.is_valid():
        made = form.save(commit=False)
        made.member = found
        made.save()
        audit.record(request, AuditEvent.CREATE, "iom-offence", f"offence-{made.pk}", found.owner.slug)
    else:
        messages.error(request, form_errors(form))
    return redirect("cases:iom-member", pk=found.pk)


@require_POST
def deselect(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible_member(request, pk)
    if OWNER not in relation(_user(request), found) or found.deselected_on is not None:
        raise Http404("only the agency holding the record de-selects, once")
    form = DeselectForm(request.POST)
    if not form.is_valid() or not found.selected_on <= form.cleaned_data["deselected_on"] <= date.today():
        messages.error(request, _("Give a date between selection and today, and the reason."))
        return redirect("cases:iom-member", pk=found.pk)
    found.deselected_on = form.cleaned_data["deselected_on"]
    found.deselection_reason = form.cleaned_data["deselection_reason"]
    found.save(update_fields=["deselected_on", "deselection_reason", "updated_at"])
    audit.record(request, AuditEvent.UPDATE, "iom-member", found.reference, found.owner.slug)
    return redirect("cases:iom-member", pk=found.pk)


def ni30_report(request: HttpRequest) -> HttpResponse:
    """NI 30 for the partnership's whole cohort on a snapshot date (counts only)."""
    try:
        snapshot = date.fromisoformat(request.GET.get("snapshot", ""))
    except ValueError:
        snapshot = date(date.today().year - 1, 4, 1)
    windows = iom.windows_around(snapshot)
    on_cohort = IomMember.objects.filter(selected_on__lte=snapshot).exclude(deselected_on__lte=snapshot)
    keys = [str(m.person_id) for m in on_cohort]
    offences = [
        iom.ProvenOffence(str(o.member.person_id), o.committed_on, o.proven_on)
        for o in IomOffence.objects.filter(member__person_id__in=[int(k) for k in keys]).select_related("member")
    ]
    result = iom.ni30(keys, offences, windows, date.today())
    rows: list[tuple[str, object]] = [
        ("Cohort on the snapshot date", result.cohort),
        ("Offences in the baseline", result.baseline),
        ("Offences in the follow-up", result.follow_up),
        ("NI 30: change in offences, %", "" if result.change_percent is None else f"{result.change_percent:.1f}"),
        ("Proven to reoffend, %", "" if result.reoffending_percent is None else f"{result.reoffending_percent:.1f}"),
        ("Offences per individual", "" if result.per_individual is None else f"{result.per_individual:.2f}"),
        ("Final", "yes" if result.final else f"provisional until {windows.complete_on():%d %B %Y}"),
    ]
    if request.GET.get("format") == "csv":
        lines = [(snapshot.isoformat(), line, value) for line, value in rows]
        return csv_download(f"ni30-{snapshot}.csv", ["snapshot", "line", "value"], lines)
    context = {"snapshot": snapshot, "windows": windows, "result": result, "rows": rows}
    return render(request, "cases/iom_ni30.html", context)
