"""Person records leaving the page: the CSV export, the JSON API and the subject access export.

Each applies the same policy as the pages (cspkit.web.cases.policy) and the same field grants,
and writes one audit row per record it lets out."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cspkit.cases import governance
from cspkit.config.cases import CasesConfig
from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.cases.access import WITHHELD, cases_config, events_for, people_for, value
from cspkit.web.cases.models import AsbParty, CaseEvent, IomMember, MaracReferral, PersonRecord
from cspkit.web.cases.people import EVENT_FIELDS, PERSON_FIELDS, search, visible_person
from cspkit.web.cases.policy import may
from cspkit.web.cases.shortcuts import csv_download

THIRD_PARTY = "[third party]"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _plain(found: Any) -> Any:
    if found is WITHHELD:
        return None
    if isinstance(found, date):
        return found.isoformat()
    return found


def person_json(user: User, record: PersonRecord, config: CasesConfig) -> dict[str, Any]:
    values = {f: value(user, record, f, config) for f in PERSON_FIELDS}
    return {
        "reference": record.reference,
        "owner": record.owner.slug,
        "purpose": record.purpose,
        "legal_basis": record.legal_basis,
        "consent": record.consent,
        "review_on": record.review_on.isoformat(),
        "delete_on": record.delete_on.isoformat(),
        **{f: _plain(v) for f, v in values.items()},
        "withheld": sorted(f for f, v in values.items() if v is WITHHELD),
    }


def export_csv(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    config = cases_config()
    found = people_for(user)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        found = search(found, query)
    columns = ["reference", "owner", "purpose", "legal_basis", "consent", "review_on", "delete_on", *PERSON_FIELDS]
    rows = list(found)
    lines = []
    for record in rows:
        data = person_json(user, record, config)
        lines.append(["withheld" if c in data["withheld"] else _cell(data[c]) for c in columns])
    audit.record_many(request, AuditEvent.EXPORT, "person", [(r.reference, r.owner.slug) for r in rows])
    response = csv_download(f"case-people-{date.today().isoformat()}.csv", columns, lines, excel_bom=True)
    response["Cache-Control"] = "no-store"
    return response


def _cell(text: Any) -> Any:
    """No spreadsheet formulas: a cell starting =, +, - or @ is quoted as text."""
    if isinstance(text, str) and text[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return "" if text is None else text


def api_people(request: HttpRequest) -> JsonResponse:
    user = _user(request)
    config = cases_config()
    found = people_for(user)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        found = search(found, query)
    rows = list(found[:500])
    audit.record_many(request, AuditEvent.API, "person", [(r.reference, r.owner.slug) for r in rows])
    return JsonResponse({"people": [person_json(user, r, config) for r in rows], "truncated": found.count() > 500})


def api_person(request: HttpRequest, reference: str) -> JsonResponse:
    user = _user(request)
    record = get_object_or_404(PersonRecord.objects.select_related("owner"), reference=reference)
    if not may(user, record, "api"):
        return JsonResponse({"error": "no such record"}, status=404)
    config = cases_config()
    events = list(events_for(user).filter(people=record))
    audit.record(request, AuditEvent.API, "person", record.reference, record.owner.slug)
    audit.record_many(request, AuditEvent.API, "case-event", [(e.reference, e.owner.slug) for e in events])
    body = person_json(user, record, config)
    body["events"] = [
        {
            "reference": e.reference,
            "owner": e.owner.slug,
            **{f: _plain(value(user, e, f, config)) for f in EVENT_FIELDS},
        }
        for e in events
    ]
    return JsonResponse(body)


def redact(text: str, others: list[PersonRecord]) -> str:
    """`text` with every other person's names (as held on their records) replaced."""
    for other in others:
        for name in (other.given_name, other.family_name):
            if len(name) >= 2:
                text = re.sub(rf"\b{re.escape(name)}\b", THIRD_PARTY, text, flags=re.IGNORECASE)
    return text


def subject_access_data(record: PersonRecord) -> dict[str, Any]:
    """Everything the owning agency holds about the person, third parties redacted."""
    events = list(
        CaseEvent.objects.filter(people=record, owner=record.owner)
        .prefetch_related("people")
        .select_related("location")
    )
    referrals = list(
        MaracReferral.objects.filter(victim=record, owner=record.owner)
        .select_related("perpetrator", "meeting")
        .prefetch_related("research__agency", "actions__agency")
    )
    others = [p for e in events for p in e.people.all() if p.pk != record.pk]
    others += [r.perpetrator for r in referrals if r.perpetrator is not None]
    return {
        "prepared_on": timezone.now().isoformat(timespec="seconds"),
        "controller": record.owner.name,
        "record": {
            "reference": record.reference,
            "purpose": record.purpose,
            "legal_basis": governance.basis(record.legal_basis).label,
            "consent": dict(governance.CONSENT_STATUSES)[record.consent],
            "consent_note": redact(record.consent_reason, others),
            "created": record.created_at.date().isoformat(),
            "review_on": record.review_on.isoformat(),
            "delete_on": record.delete_on.isoformat(),
            **{f: _plain(getattr(record, f)) for f in PERSON_FIELDS if f not in ("safeguarding",)},
            "safeguarding": redact(record.safeguarding, others),
        },
        "events": [
            {
                "reference": e.reference,
                "date": e.occurred_on.isoformat(),
                "what_happened": e.kind,
                "description": redact(e.description, others),
                "place": e.place,
                "location": e.location.name if e.location else None,
                "other_people_involved": sum(1 for p in e.people.all() if p.pk != record.pk),
            }
            for e in events
        ],
        "shared_with": [
            {
                "agency": s.agency.name,
                "from": s.shared_at.date().isoformat(),
                "until": s.ended_at.date().isoformat() if s.ended_at else None,
                "agreement": s.agreement.title,
                "reason": redact(s.reason, others),
            }
            for s in record.shares.select_related("agency", "agreement")
        ],
        "tasks": [
            {"task": redact(t.title, others), "due_on": t.due_on.isoformat(), "done": t.done_at is not None}
            for t in record.tasks.all()
        ],
        "documents": [
            {"title": redact(d.title, others), "kept_on": d.uploaded_at.date().isoformat(), "size_bytes": d.size}
            for d in record.documents.all()
        ],
        "marac": [_referral_data(r, others) for r in referrals],
        "iom": [_member_data(m) for m in IomMember.objects.filter(person=record, owner=record.owner)],
        "asb": [
            _asb_data(part, record)
            for part in AsbParty.objects.filter(person=record, case__owner=record.owner).select_related("case")
        ],
    }


def _asb_data(part: AsbParty, record: PersonRecord) -> dict[str, Any]:
    """The person's part in an ASB case: what was recorded against them, or their complaints."""
    case = part.case
    others = [p.person for p in case.parties.select_related("person") if p.person_id != record.pk]
    mine = part.role == "perpetrator"
    incidents = case.incidents.filter(perpetrator=record) if mine else case.incidents.filter(complaint=True)
    ladder = cases_config().asb
    return {
        "reference": case.reference,
        "role": part.get_role_display(),
        "note": redact(part.note, others),
        "behaviour": redact(case.title, others),
        "opened_on": case.opened_on.isoformat(),
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "incidents": [
            {
                "date": i.occurred_on.isoformat(),
                "complaint": i.complaint,
                "description": redact(i.description, others) if mine else "",
            }
            for i in incidents
        ],
        "interventions": [
            {
                "date": i.on.isoformat(),
                "step": ladder.label(i.step),
                "in_force_until": i.ends_on.isoformat() if i.ends_on else None,
                "agency": i.agency.name,
                "note": redact(i.note, others),
            }
            for i in case.interventions.filter(perpetrator=record).select_related("agency")
        ],
    }


def _member_data(member: IomMember) -> dict[str, Any]:
    return {
        "reference": member.reference,
        "strand": member.get_strand_display(),
        "selected_on": member.selected_on.isoformat(),
        "criteria": member.criteria,
        "reason": member.reason,
        "deselected_on": member.deselected_on.isoformat() if member.deselected_on else None,
        "engagement": [{"date": e.on.isoformat(), "contact": e.kind, "note": e.note} for e in member.engagements.all()],
        "offences": [
            {
                "committed_on": o.committed_on.isoformat(),
                "offence": o.offence,
                "proven_on": o.proven_on.isoformat() if o.proven_on else None,
            }
            for o in member.offences.all()
        ],
    }


def _referral_data(referral: MaracReferral, others: list[PersonRecord]) -> dict[str, Any]:
    return {
        "reference": referral.reference,
        "referred_on": referral.referred_on.isoformat(),
        "status": referral.get_status_display(),
        "repeat": referral.repeat,
        "meeting": referral.meeting.held_on.isoformat() if referral.meeting else None,
        "outcome": redact(referral.outcome, others),
        "research": [{"agency": r.agency.name, "summary": redact(r.summary, others)} for r in referral.research.all()],
        "actions": [
            {"action": redact(a.title, others), "agency": a.agency.name, "due_on": a.due_on.isoformat()}
            for a in referral.actions.all()
        ],
    }


def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    record = visible_person(request, pk, "subject_access")
    data = subject_access_data(record)
    audit.record(request, AuditEvent.SUBJECT_ACCESS, "person", record.reference, record.owner.slug)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="subject-access-{record.reference}.json"'
        response["Cache-Control"] = "no-store"
        return response
    return render(request, "cases/subject_access.html", {"record": record, "data": data})
