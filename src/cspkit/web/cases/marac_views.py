"""MARAC pages: the coordinator's overview, referring a victim, a referral with each agency's
research and the actions agreed, meetings and their agenda, and the quarterly return."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.cases import marac
from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.cases import marac_work, records
from cspkit.web.cases.access import WITHHELD, cases_config, people_for, shown
from cspkit.web.cases.marac_forms import ActionForm, HearingForm, MeetingForm, ReferralForm, ResearchForm
from cspkit.web.cases.models import MaracAction, MaracMeeting, MaracReferral, MaracResearch
from cspkit.web.cases.people import visible_person
from cspkit.web.cases.policy import OWNER, may, relation
from cspkit.web.cases.shortcuts import csv_download, form_errors, visible_or_404
from cspkit.web.engage.notify import send

REFERRAL_FIELDS = [
    "referred_on",
    "incident_on",
    "incident_kind",
    "checklist_score",
    "professional_judgement",
    "incidents_12_months",
    "repeat",
    "relationship",
    "children_in_household",
    "mappa",
    "child_safeguarding",
    "ethnic_minority",
    "disabled",
    "lgbt",
    "status",
    "idva",
    "outcome",
]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _readable(case: MaracReferral, rows: list[tuple[str, str, Any]]) -> list[tuple[str, str, Any]]:
    """Choices as their labels, yes/no for flags, the IDVA by name; withheld stays withheld."""
    made = []
    for name, label, value in rows:
        if value is not WITHHELD:
            field = MaracReferral._meta.get_field(name)
            if isinstance(value, bool):
                value = _("Yes") if value else _("No")
            elif name == "idva":
                value = (value.get_full_name() or value.username) if value else ""
            elif choices := getattr(field, "choices", None):
                value = dict(choices).get(value, value)
            elif value is not None and not isinstance(value, str):
                value = str(value)
        made.append((name, label, value))
    return made


def referrals_for(user: User) -> list[MaracReferral]:
    """Referrals the user may see: those about victims whose records they may open."""
    found = MaracReferral.objects.filter(victim__in=people_for(user), delete_on__gte=date.today())
    return list(found.select_related("victim", "meeting", "owner", "coordinator"))


def _meetings_for(user: User) -> list[MaracMeeting]:
    agency = user.agency_id or 0
    found = MaracMeeting.objects.filter(Q(coordinator_id=agency) | Q(agencies__id=agency)).distinct()
    return list(found.select_related("coordinator"))


def _quarter(request: HttpRequest) -> tuple[date, date]:
    """The quarter asked for as ?quarter=2026-Q3, else the current one."""
    asked = request.GET.get("quarter", "")
    try:
        year, q = asked.split("-Q")
        start = date(int(year), 3 * (int(q) - 1) + 1, 1)
    except ValueError:
        start = date.today()
    return marac.quarter_of(start)


def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    referrals = referrals_for(user)
    audit.record_many(request, AuditEvent.LIST, "marac-referral", [(r.reference, r.owner.slug) for r in referrals])
    start, end = marac.quarter_of(date.today())
    actions = MaracAction.objects.filter(done_at__isnull=True, referral__in=[r.pk for r in referrals]).select_related(
        "referral", "agency"
    )
    audit.record_many(request, AuditEvent.LIST, "marac-action", [(str(a.pk), a.referral.owner.slug) for a in actions])
    context = {
        "waiting": [r for r in referrals if r.status == MaracReferral.REFERRED],
        "listed": [r for r in referrals if r.status == MaracReferral.LISTED],
        "meetings": _meetings_for(user),
        "actions": actions,
        "ni32": marac.ni32([marac_work.heard_case(r) for r in marac_work.heard_between(start, end)], start, end),
        "start": start,
        "end": end,
        "today": date.today(),
    }
    return render(request, "cases/marac_home.html", context)


def refer(request: HttpRequest, pk: int) -> HttpResponse:
    """The referring agency refers the victim whose record it holds."""
    user = _user(request)
    victim = visible_person(request, pk)
    if OWNER not in relation(user, victim):
        raise Http404("only the agency holding the record refers it")
    config = cases_config()
    form = ReferralForm(request.POST or None, victim=victim, checklist=config.marac.checklist)
    if request.method == "POST" and form.is_valid():
        referral = form.save(commit=False)
        referral.victim, referral.referred_on = victim, date.today()
        try:
            made = marac_work.refer(referral, user, config)
        except records.GovernanceRefused as refused:
            form.add_error(None, str(refused))
        else:
            audit.record(request, AuditEvent.CREATE, "marac-referral", made.reference, made.owner.slug)
            note = _("Referred to MARAC as %(ref)s.") % {"ref": made.reference}
            if made.repeat:
                note += " " + _("This is a repeat: the incident is within 12 months of the last referral.")
            messages.success(request, note)
            return redirect("cases:marac-referral", pk=made.pk)
    return render(request, "cases/marac_refer.html", {"form": form, "record": victim, "rules": config.marac})


def _visible_referral(request: HttpRequest, pk: int) -> MaracReferral:
    return visible_or_404(request, MaracReferral.objects.select_related("victim", "owner", "meeting"), pk)


def _is_coordinator(user: User, referral: MaracReferral) -> bool:
    return user.agency_id is not None and user.agency_id == referral.coordinator_id


def referral(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _visible_referral(request, pk)
    config = cases_config()
    audit.record(request, AuditEvent.READ, "marac-referral", case.reference, case.owner.slug)
    research = list(case.research.select_related("agency", "by"))
    actions = list(case.actions.select_related("agency", "owner"))
    audit.record_many(
        request, AuditEvent.READ, "marac-research", [(f"research-{r.pk}", case.owner.slug) for r in research]
    )
    audit.record_many(request, AuditEvent.READ, "marac-action", [(f"action-{a.pk}", case.owner.slug) for a in actions])
    agencies = list(case.meeting.agencies.all()) if case.meeting else []
    agencies = sorted({*agencies, case.owner, case.coordinator}, key=lambda a: a.name)
    coordinator = _is_coordinator(user, case)
    context = {
        "case": case,
        "fields": _readable(case, shown(user, case, REFERRAL_FIELDS, config)),
        "victim": shown(user, case.victim, ["given_name", "family_name", "date_of_birth"], config),
        "perpetrator": case.perpetrator if case.perpetrator and may(user, case.perpetrator, "detail") else None,
        "criteria": marac.criteria_met(
            config.marac, case.checklist_score, case.professional_judgement, case.incidents_12_months, case.repeat
        ),
        "definition": marac.REPEAT_DEFINITIONS.get(case.repeat_definition),
        "research": research,
        "actions": actions,
        "research_form": ResearchForm(),
        "action_form": ActionForm(agencies=agencies),
        "hearing_form": (
            HearingForm()
            if coordinator
            and case.status == MaracReferral.LISTED
            and case.meeting
            and case.meeting.held_on <= date.today()
            else None
        ),
        "meetings": (
            MaracMeeting.objects.filter(
                coordinator_id=case.coordinator_id, held_on__gte=date.today(), closed_at__isnull=True
            )
            if coordinator and case.status in (MaracReferral.REFERRED, MaracReferral.LISTED)
            else []
        ),
        "withheld": WITHHELD,
        "today": date.today(),
    }
    return render(request, "cases/marac_referral.html", context)


@require_POST
def research_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _visible_referral(request, pk)
    form = ResearchForm(request.POST)
    if user.agency is None or not form.is_valid():
        messages.error(request, _("Write what your agency knows before saving."))
        return redirect("cases:marac-referral", pk=case.pk)
    made = MaracResearch.objects.create(
        referral=case, agency=user.agency, summary=form.cleaned_data["summary"], by=user
    )
    audit.record(request, AuditEvent.CREATE, "marac-research", f"research-{made.pk}", case.owner.slug)
    messages.success(request, _("Your agency's research is on the case."))
    return redirect("cases:marac-referral", pk=case.pk)


@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _visible_referral(request, pk)
    agencies = list(case.meeting.agencies.all()) if case.meeting else []
    form = ActionForm(request.POST, agencies=[*agencies, case.owner, case.coordinator])
    if not form.is_valid():
        messages.error(request, _("The action was not saved: %(why)s") % {"why": form_errors(form)})
        return redirect("cases:marac-referral", pk=case.pk)
    action = form.save(commit=False)
    action.referral, action.created_by = case, user
    action.save()
    audit.record(request, AuditEvent.CREATE, "marac-action", f"action-{action.pk}", case.owner.slug)
    if action.owner is not None:
        path = reverse("cases:marac-referral", args=[case.pk])
        records.notify([action.owner], case.victim, _("a MARAC action was agreed for you"), path)
        send(_("MARAC: an action for you"), request.build_absolute_uri(path), [action.owner.email])
    return redirect("cases:marac-referral", pk=case.pk)


@require_POST
def action_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    action = get_object_or_404(MaracAction.objects.select_related("referral__owner"), pk=pk)
    if not may(user, action, "detail") or user.agency_id not in (action.agency_id, action.referral.coordinator_id):
        raise Http404("no such action")
    action.done_at = timezone.now()
    action.save(update_fields=["done_at"])
    audit.record(request, AuditEvent.UPDATE, "marac-action", f"action-{action.pk}", action.referral.owner.slug)
    return redirect("cases:marac-referral", pk=action.referral_id)


@require_POST
def list_case(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator puts a referred case on a meeting's agenda."""
    user = _user(request)
    case = _visible_referral(request, pk)
    meeting = get_object_or_404(MaracMeeting, pk=request.POST.get("meeting") or 0)
    try:
        shares = marac_work.list_case(case, meeting, user)
    except records.GovernanceRefused as refused:
        messages.error(request, str(refused))
        return redirect("cases:marac-referral", pk=case.pk)
    audit.record(request, AuditEvent.UPDATE, "marac-referral", case.reference, case.owner.slug)
    for share in shares:
        audit.record(request, AuditEvent.SHARE, "person", case.victim.reference, case.owner.slug)
        members = User.objects.filter(agency=share.agency, role__in=("officer", "manager"), is_active=True)
        records.notify(
            list(members),
            case.victim,
            _("a case was listed at a MARAC your agency attends"),
            reverse("cases:marac-referral", args=[case.pk]),
        )
    messages.success(request, _("Listed for the meeting on %(day)s.") % {"day": meeting.held_on})
    return redirect("cases:marac-meeting", pk=meeting.pk)


@require_POST
def hear(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    case = _visible_referral(request, pk)
    if not _is_coordinator(user, case):
        raise Http404("only the coordinating agency records the hearing")
    form = HearingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the outcome before saving."))
        return redirect("cases:marac-referral", pk=case.pk)
    try:
        marac_work.hear(case, form.cleaned_data["outcome"], form.cleaned_data["idva"], cases_config())
    except records.GovernanceRefused as refused:
        messages.error(request, str(refused))
    else:
        audit.record(request, AuditEvent.UPDATE, "marac-referral", case.reference, case.owner.slug)
        messages.success(request, _("Heard: the outcome is recorded."))
    return redirect("cases:marac-referral", pk=case.pk)


def meeting_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if user.agency is None:
        raise Http404("only someone in an agency coordinates a MARAC")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.coordinator, meeting.created_by = user.agency, user
        meeting.save()
        form.save_m2m()
        messages.success(request, _("Meeting set for %(day)s.") % {"day": meeting.held_on})
        return redirect("cases:marac-meeting", pk=meeting.pk)
    return render(request, "cases/marac_meeting_form.html", {"form": form})


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    held = get_object_or_404(MaracMeeting.objects.select_related("coordinator"), pk=pk)
    agencies = list(held.agencies.all())
    if user.agency_id != held.coordinator_id and user.agency not in agencies:
        raise Http404("no such meeting")
    agenda = [r for r in held.cases.select_related("victim", "owner") if may(user, r, "list")]
    audit.record_many(request, AuditEvent.LIST, "marac-referral", [(r.reference, r.owner.slug) for r in agenda])
    waiting = []
    if user.agency_id == held.coordinator_id:
        waiting = [
            r
            for r in referrals_for(user)
            if r.status == MaracReferral.REFERRED and r.coordinator_id == held.coordinator_id
        ]
    context = {"meeting": held, "agencies": agencies, "agenda": agenda, "waiting": waiting}
    return render(request, "cases/marac_meeting.html", context)


def quarterly_return(request: HttpRequest) -> HttpResponse:
    """The MARAC data return for a quarter, computed from the records; counts only."""
    start, end = _quarter(request)
    made = marac_work.quarterly_return(start, end)
    label = marac.quarter_label(start)
    if request.GET.get("format") == "csv":
        lines = [(label, line, value) for line, value in made.rows()]
        return csv_download(f"marac-return-{label}.csv", ["quarter", "line", "value"], lines)
    if request.GET.get("format") == "xlsx":
        from cspkit.reports.xlsx import Sheet, workbook_bytes

        rows: list[Sequence[Any]] = [
            [line, float(value) if line.endswith("%") and value else value] for line, value in made.rows()
        ]
        sheet = Sheet(f"MARAC {label}", [("Line", "text"), ("Value", "count")], rows)
        about = [
            ("What", f"MARAC data return, {label}: cases heard {start:%d %B %Y} to {end:%d %B %Y}"),
            ("From", "cspkit's MARAC records; counts only, no case can be picked out"),
        ]
        response = HttpResponse(
            workbook_bytes([sheet], about),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="marac-return-{label}.xlsx"'
        return response
    previous = marac.quarter_of(start - timedelta(days=1))[0]
    following = marac.quarter_of(end + timedelta(days=1))[0]
    context = {
        "made": made,
        "label": label,
        "previous": marac.quarter_label(previous),
        "following": marac.quarter_label(following),
    }
    return render(request, "cases/marac_return.html", context)
