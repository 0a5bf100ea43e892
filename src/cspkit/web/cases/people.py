"""Case work's person pages: the list and search, a record, creating one (with duplicate
suggestions), editing, and the yearly review that keeps a record past its review date."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cspkit.cases.matching import normalise
from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.cases import records
from cspkit.web.cases.access import WITHHELD, cases_config, events_for, people_for, shown
from cspkit.web.cases.forms import PersonForm
from cspkit.web.cases.models import CaseTask, Notification, PersonRecord, PossibleMatch
from cspkit.web.cases.policy import OWNER, may, relation
from cspkit.web.cases.shortcuts import visible_or_404

PERSON_FIELDS = [
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "ni_number",
    "phone",
    "email",
    "address",
    "lsoa21",
    "safeguarding",
    "ethnicity",
    "health",
]
EVENT_FIELDS = ["occurred_on", "kind", "description", "place"]
PAGE = 50


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def visible_person(request: HttpRequest, pk: int, channel: str = "detail") -> PersonRecord:
    """The record, or 404 for anyone the policy keeps out (never a 403 that confirms it exists)."""
    return visible_or_404(request, PersonRecord.objects.select_related("owner"), pk, channel)


def search(people: QuerySet[PersonRecord], query: str) -> QuerySet[PersonRecord]:
    """Name, reference, or National Insurance number; each word must match a name or the reference."""
    for word in normalise(query).split()[:5] or [query.strip()]:
        people = people.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(reference__iexact=query.strip())
            | Q(ni_number__iexact=query.replace(" ", ""))
        )
    return people


def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    tasks = CaseTask.objects.filter(assigned_to=user, done_at__isnull=True, person__in=people_for(user))
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    tasks = tasks.select_related("person")
    audit.record_many(request, AuditEvent.LIST, "case-task", [(str(t.pk), t.person.owner.slug) for t in tasks])
    context = {"tasks": tasks, "unread": unread, "count": people_for(user).count()}
    return render(request, "cases/home.html", context)


def people(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    query = request.GET.get("q", "").strip()[:100]
    found = people_for(user)
    if query:
        found = search(found, query)
    page = Paginator(found, PAGE).get_page(request.GET.get("page"))
    action = AuditEvent.SEARCH if query else AuditEvent.LIST
    audit.record_many(request, action, "person", [(r.reference, r.owner.slug) for r in page])
    config = cases_config()
    rows = [
        (r, dict((f, v) for f, _, v in shown(user, r, ["given_name", "family_name", "date_of_birth"], config)))
        for r in page
    ]
    return render(request, "cases/people.html", {"page": page, "rows": rows, "query": query, "withheld": WITHHELD})


def person(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    record = visible_person(request, pk)
    config = cases_config()
    audit.record(request, AuditEvent.READ, "person", record.reference, record.owner.slug)
    events = events_for(user).filter(people=record).prefetch_related("people").select_related("location")
    event_rows = []
    for event in events:
        audit.record(request, AuditEvent.READ, "case-event", event.reference, event.owner.slug)
        others = [p for p in event.people.all() if p.pk != record.pk]
        named = [p for p in others if may(user, p, "detail")]
        event_rows.append((event, shown(user, event, EVENT_FIELDS, config), named, len(others) - len(named)))
    also_in = []
    for match in PossibleMatch.objects.filter(record=record).select_related("other__owner"):
        other = match.other
        if other.delete_on < date.today():
            continue
        visible = may(user, other, "also_in")
        if visible:
            audit.record(request, AuditEvent.READ, "person-match", other.reference, other.owner.slug)
        also_in.append((other, visible))
    owner = OWNER in relation(user, record)
    shares = record.shares.select_related("agency", "agreement", "shared_by")
    if not owner:
        shares = shares.filter(agency_id=user.agency_id or 0)
    tasks = [t for t in record.tasks.select_related("assigned_to") if may(user, t, "detail")]
    documents = list(record.documents.all())
    referrals = [r for r in record.marac_referrals.all() if may(user, r, "detail")]
    audit.record_many(request, AuditEvent.LIST, "marac-referral", [(r.reference, r.owner.slug) for r in referrals])
    asb_parts = [p for p in record.asb_parts.select_related("case__owner") if may(user, p.case, "detail")]
    audit.record_many(request, AuditEvent.LIST, "asb-case", [(p.case.reference, p.case.owner.slug) for p in asb_parts])
    context = {
        "record": record,
        "fields": shown(user, record, PERSON_FIELDS, config),
        "events": event_rows,
        "also_in": also_in,
        "shares": shares,
        "tasks": tasks,
        "documents": documents,
        "referrals": referrals,
        "asb_parts": asb_parts,
        "places": {e.location_id for e, *_ in event_rows if e.location and may(user, e.location, "detail")},
        "is_owner": owner,
        "may_subject_access": may(user, record, "subject_access"),
        "purpose": config.purpose(record.purpose),
        "withheld": WITHHELD,
        "today": date.today(),
    }
    return render(request, "cases/person.html", context)


def person_new(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    config = cases_config()
    form = PersonForm(request.POST or None, config=config)
    matches: list[tuple[PersonRecord | None, object, bool]] = []
    if request.method == "POST" and form.is_valid():
        candidate = form.save(commit=False)
        found = records.suggestions(records.identity(candidate))
        if found and request.POST.get("checked") != "yes":
            for other, suggestion in found:
                visible = may(user, other, "detail")
                if visible:
                    audit.record(request, AuditEvent.READ, "person-match", other.reference, other.owner.slug)
                matches.append((other if visible else None, suggestion, visible))
        else:
            try:
                made = records.create_person(candidate, user, config)
            except records.GovernanceRefused as refused:
                form.add_error(None, str(refused))
            else:
                audit.record(request, AuditEvent.CREATE, "person", made.reference, made.owner.slug)
                messages.success(request, _("Record %(ref)s created.") % {"ref": made.reference})
                return redirect("cases:person", pk=made.pk)
    return render(request, "cases/person_form.html", {"form": form, "matches": matches, "record": None})


def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    record = visible_person(request, pk)
    if OWNER not in relation(user, record):
        raise Http404("only the owning agency changes its record")
    config = cases_config()
    if not all(config.may_see(user.role, c) for c in record.CLASSIFIED.values()):
        messages.error(request, _("Your role may not see every field of this record, so it cannot change it."))
        return redirect("cases:person", pk=record.pk)
    audit.record(request, AuditEvent.READ, "person", record.reference, record.owner.slug)
    form = PersonForm(request.POST or None, instance=record, config=config)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        audit.record(request, AuditEvent.UPDATE, "person", saved.reference, saved.owner.slug)
        return redirect("cases:person", pk=saved.pk)
    return render(request, "cases/person_form.html", {"form": form, "matches": [], "record": record})


@require_POST
def person_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner reviews the record under its schedule: keeping it starts the schedule again."""
    user = _user(request)
    record = visible_person(request, pk)
    if OWNER not in relation(user, record):
        raise Http404("only the owning agency reviews its record")
    records.set_schedule(record, cases_config(), date.today())
    record.save(update_fields=["review_on", "delete_on", "updated_at"])
    audit.record(request, AuditEvent.UPDATE, "person", record.reference, record.owner.slug)
    messages.success(request, _("Reviewed: the record is kept until %(day)s.") % {"day": record.delete_on})
    return redirect("cases:person", pk=record.pk)
