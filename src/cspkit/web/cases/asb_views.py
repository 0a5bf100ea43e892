"""ASB case pages: the case list, opening a case, the case page (parties, incidents, the
escalation ladder per perpetrator, the case review threshold and the linked application), and
the partnership's desistance report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.accounts.permissions import allowed
from cspkit.web.cases import asb_work, records
from cspkit.web.cases.access import WITHHELD, asb_cases_for, cases_config, locations_for, people_for, shown, value
from cspkit.web.cases.asb_forms import CaseForm, CloseForm, IncidentForm, InterventionForm, PartyForm, ReviewLinkForm
from cspkit.web.cases.models import AsbCase
from cspkit.web.cases.policy import OWNER, may, relation
from cspkit.web.cases.shortcuts import csv_download, form_errors, visible_or_404
from cspkit.web.cases.tension_views import _wards
from cspkit.web.engage.models import AsbCaseReview

CASE_FIELDS = ["title", "summary", "ward", "lsoa21", "opened_on", "closed_on", "closure_reason"]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _visible(request: HttpRequest, pk: int) -> AsbCase:
    return visible_or_404(request, AsbCase.objects.select_related("owner", "location", "case_review"), pk)


def _owner_only(request: HttpRequest, case: AsbCase) -> None:
    if OWNER not in relation(_user(request), case):
        raise Http404("only the agency holding the case does this")


def cases(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    found = list(asb_cases_for(user))
    audit.record_many(request, AuditEvent.LIST, "asb-case", [(c.reference, c.owner.slug) for c in found])
    config, wards = cases_config(), dict(_wards())
    rows = [(c, value(user, c, "title", config), wards.get(c.ward, c.ward)) for c in found]
    context = {
        "open": [r for r in rows if r[0].closed_on is None],
        "closed": [r for r in rows if r[0].closed_on is not None],
        "withheld": WITHHELD,
    }
    return render(request, "cases/asb_cases.html", context)


def case_new(request: HttpRequest) -> HttpResponse:
    from cspkit.web.dashboard.materialised import geography

    user = _user(request)
    if user.agency is None:
        raise Http404("only someone in an agency opens a case")
    config = cases_config()
    form = CaseForm(
        request.POST or None,
        config=config,
        wards=_wards(),
        places=locations_for(user).filter(owner_id=user.agency_id),
        lsoas=frozenset(geography(Path(settings.HOME)).lsoa21_authority),
    )
    if request.method == "POST" and form.is_valid():
        case = form.save(commit=False)
        case.owner, case.created_by = user.agency, user
        if not case.lsoa21 and case.location is not None:
            case.lsoa21 = case.location.lsoa21
        case.reference = records.new_reference("A")
        records.set_schedule(case, config, date.today())
        case.save()
        audit.record(request, AuditEvent.CREATE, "asb-case", case.reference, case.owner.slug)
        messages.success(request, _("ASB case %(ref)s opened.") % {"ref": case.reference})
        return redirect("cases:asb-case", pk=case.pk)
    return render(request, "cases/asb_case_form.html", {"form": form})


def case(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    found = _visible(request, pk)
    config = cases_config()
    slug = found.owner.slug
    parties = list(found.parties.select_related("person"))
    incidents = list(found.incidents.select_related("perpetrator", "agency"))
    interventions = list(found.interventions.select_related("perpetrator", "agency"))
    audit.record(request, AuditEvent.READ, "asb-case", found.reference, slug)
    audit.record_many(request, AuditEvent.READ, "asb-party", [(f"asb-party-{p.pk}", slug) for p in parties])
    audit.record_many(request, AuditEvent.READ, "asb-incident", [(f"asb-incident-{i.pk}", slug) for i in incidents])
    audit.record_many(
        request, AuditEvent.READ, "asb-intervention", [(f"asb-intervention-{i.pk}", slug) for i in interventions]
    )
    sees = config.may_see(user.role, "offence")
    perpetrators = [p.person for p in parties if p.role == "perpetrator"]
    owner = OWNER in relation(user, found)
    ladders = [
        (person, asb_work.ladder_for(config.asb, [i for i in interventions if i.perpetrator_id == person.pk]))
        for person in perpetrators
    ]
    fields = shown(user, found, CASE_FIELDS, config)
    wards = dict(_wards())
    named = {p.person_id for p in parties if may(user, p.person, "detail")}
    context = {
        "case": found,
        "named": named,
        "fields": [(n, label, wards.get(v, v) if n == "ward" and v is not WITHHELD else v) for n, label, v in fields],
        "parties": parties if config.may_see(user.role, "identity") else [],
        "incidents": incidents if sees else [],
        "interventions": [(i, config.asb.label(i.step)) for i in interventions] if sees else [],
        "ladders": ladders if sees else [],
        "threshold": asb_work.threshold(found, date.today()),
        "may_open_review": allowed("engage:trigger-case", user.role),
        "is_owner": owner,
        "open": found.closed_on is None,
        "party_form": PartyForm(people=people_for(user).none(), prefix="party") if owner else None,
        "incident_form": IncidentForm(perpetrators=perpetrators, prefix="incident"),
        "intervention_form": (
            InterventionForm(perpetrators=perpetrators, rules=config.asb, prefix="intervention")
            if perpetrators
            else None
        ),
        "review_form": ReviewLinkForm(prefix="review") if owner else None,
        "close_form": CloseForm(prefix="close") if owner and found.closed_on is None else None,
        "withheld": WITHHELD,
    }
    return render(request, "cases/asb_case.html", context)


@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    _owner_only(request, found)
    own_people = people_for(_user(request)).filter(owner_id=found.owner_id)
    form = PartyForm(request.POST, people=own_people, prefix="party")
    if form.is_valid():
        person = form.cleaned_data["reference"]
        if found.parties.filter(person=person, role=form.cleaned_data["role"]).exists():
            messages.info(request, _("That person is in the case in that role already."))
        else:
            made = form.save(commit=False)
            made.case, made.person = found, person
            made.save()
            audit.record(request, AuditEvent.CREATE, "asb-party", f"asb-party-{made.pk}", found.owner.slug)
    else:
        messages.error(request, form_errors(form))
    return redirect("cases:asb-case", pk=found.pk)


@require_POST
def incident_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Any agency that sees the case records an incident it dealt with."""
    user = _user(request)
    found = _visible(request, pk)
    form = IncidentForm(request.POST, perpetrators=asb_work.perpetrators(found), prefix="incident")
    if form.is_valid():
        made = form.save(commit=False)
        made.case, made.agency_id, made.by = found, user.agency_id, user
        made.save()
        audit.record(request, AuditEvent.CREATE, "asb-incident", f"asb-incident-{made.pk}", found.owner.slug)
        link = request.build_absolute_uri(reverse("cases:asb-case", args=[found.pk]))
        if asb_work.check_threshold(found, date.today(), link):
            messages.warning(request, _("The case's complaints have reached the ASB case review threshold."))
    else:
        messages.error(request, form_errors(form))
    return redirect("cases:asb-case", pk=found.pk)


@require_POST
def intervention_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Any agency that sees the case records the step it took (a warning, a contract, a notice...)."""
    user = _user(request)
    found = _visible(request, pk)
    form = InterventionForm(
        request.POST, perpetrators=asb_work.perpetrators(found), rules=cases_config().asb, prefix="intervention"
    )
    if form.is_valid():
        made = form.save(commit=False)
        made.case, made.agency_id, made.by = found, user.agency_id, user
        made.save()
        audit.record(request, AuditEvent.CREATE, "asb-intervention", f"asb-intervention-{made.pk}", found.owner.slug)
    else:
        messages.error(request, form_errors(form))
    return redirect("cases:asb-case", pk=found.pk)


@require_POST
def review_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Link the resident's ASB case review application to the case, by its reference."""
    found = _visible(request, pk)
    _owner_only(request, found)
    form = ReviewLinkForm(request.POST, prefix="review")
    application = None
    if form.is_valid():
        application = AsbCaseReview.objects.filter(reference=form.cleaned_data["application"].strip().upper()).first()
    if application is None:
        messages.error(request, _("No ASB case review application has that reference."))
    else:
        found.case_review = application
        found.save(update_fields=["case_review", "updated_at"])
        audit.record(request, AuditEvent.UPDATE, "asb-case", found.reference, found.owner.slug)
    return redirect("cases:asb-case", pk=found.pk)


@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    _owner_only(request, found)
    form = CloseForm(request.POST, prefix="close")
    if found.closed_on is not None:
        raise Http404("closed already")
    if not form.is_valid() or not found.opened_on <= form.cleaned_data["closed_on"] <= date.today():
        messages.error(request, _("Give a date between opening and today, and the reason."))
        return redirect("cases:asb-case", pk=found.pk)
    found.closed_on = form.cleaned_data["closed_on"]
    found.closure_reason = form.cleaned_data["closure_reason"]
    found.save(update_fields=["closed_on", "closure_reason", "updated_at"])
    audit.record(request, AuditEvent.UPDATE, "asb-case", found.reference, found.owner.slug)
    return redirect("cases:asb-case", pk=found.pk)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def desistance(request: HttpRequest) -> HttpResponse:
    """Desistance after the 1st to 5th intervention and after each step, partnership-wide (counts only)."""
    rules = cases_config().asb
    report = asb_work.desistance_report(rules, date.today())
    if request.GET.get("format") == "csv":
        rows: list[tuple[str, object, int, int, str]] = [
            ("intervention number", d.nth, d.eligible, d.desisted, _percent(d.percent)) for d in report.by_number
        ]
        rows += [("step", label, d.eligible, d.desisted, _percent(d.percent)) for label, d in report.by_step]
        header = ["measure", "after", "people", "desisted", "desisted %"]
        return csv_download(f"asb-desistance-{date.today()}.csv", header, rows)
    return render(request, "cases/asb_desistance.html", {"report": report})
