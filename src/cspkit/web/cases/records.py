"""Creating, sharing and handing over person records under the governance rules."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone

from cspkit.cases import governance, matching
from cspkit.cases.retention import due_dates
from cspkit.config.cases import CasesConfig
from cspkit.web.accounts.models import Agency, User
from cspkit.web.cases.models import Governed, Notification, PersonRecord, PossibleMatch, Share
from cspkit.web.datahub.models import SharingAgreement

_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread on the telephone


class GovernanceRefused(ValueError):
    """The action would break a governance rule; the message says which, in plain words."""


def new_reference(prefix: str) -> str:
    return f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(7))


def identity(record: PersonRecord) -> matching.Identity:
    return matching.Identity(
        record.given_name, record.family_name, record.date_of_birth, record.ni_number, record.phone, record.email
    )


def suggestions(candidate: matching.Identity, exclude: int = 0) -> list[tuple[PersonRecord, matching.Suggestion]]:
    """The three records in any agency most like `candidate` (the caller decides what to show)."""
    existing = PersonRecord.objects.filter(delete_on__gte=date.today()).exclude(pk=exclude).select_related("owner")
    by_pk = {record.pk: record for record in existing}
    found = matching.suggestions(candidate, [(pk, identity(r)) for pk, r in by_pk.items()])
    return [(by_pk[s.key], s) for s in found]  # type: ignore[index]


def set_schedule(record: Governed, config: CasesConfig, last_activity: date) -> None:
    purpose = config.purpose(record.purpose)
    if purpose is None:
        raise GovernanceRefused(f"{record.purpose!r} is not one of the partnership's purposes")
    record.review_on, record.delete_on = due_dates(purpose, last_activity)


def check_holding(record: PersonRecord) -> None:
    special = bool(record.health.strip() or record.ethnicity.strip())
    problem = governance.holding_problem(record.legal_basis, record.consent, record.consent_reason, special)
    if problem:
        raise GovernanceRefused(problem)


@transaction.atomic
def create_person(record: PersonRecord, by: User, config: CasesConfig) -> PersonRecord:
    """Save a new record for `by`'s agency and note possible matches in other agencies."""
    if by.agency is None:
        raise GovernanceRefused("Only someone in an agency can create a person record")
    record.owner = by.agency
    record.created_by = by
    record.reference = new_reference("P")
    check_holding(record)
    set_schedule(record, config, date.today())
    record.save()
    note_possible_matches(record)
    return record


def note_possible_matches(record: PersonRecord) -> int:
    """Possible matches with other agencies' records, kept both ways so each side sees "also in"."""
    made = 0
    for other, suggestion in suggestions(identity(record), exclude=record.pk or 0):
        if other.owner_id == record.owner_id:
            continue  # the agency's own duplicate: the officer was shown it before saving
        for a, b in ((record, other), (other, record)):
            _, created = PossibleMatch.objects.get_or_create(record=a, other=b, defaults={"score": suggestion.score})
            made += created
    return made


def agreements_for(record: PersonRecord, agency: Agency) -> list[SharingAgreement]:
    """Agreements in the register, in date, to which both the owner and `agency` are parties."""
    today = date.today()
    return [
        a
        for a in SharingAgreement.objects.filter(review_date__gte=today).prefetch_related("parties")
        if {record.owner.slug, agency.slug} <= {p.slug for p in a.parties.all()} | {a.owner.slug}
    ]


@transaction.atomic
def share(
    record: PersonRecord,
    agency: Agency,
    agreement: SharingAgreement,
    reason: str,
    without_consent_reason: str,
    by: User,
) -> Share:
    """Share `record` with `agency` under `agreement`, or GovernanceRefused saying why not."""
    if by.agency_id != record.owner_id:
        raise GovernanceRefused("Only the owning agency can share its record")
    if agency.pk == record.owner_id:
        raise GovernanceRefused("The record is already this agency's")
    if agreement not in agreements_for(record, agency):
        raise GovernanceRefused(
            "The agreement must be in date and name both agencies as parties; ask the information-sharing officer"
        )
    if not reason.strip():
        raise GovernanceRefused("Say why this share is necessary")
    problem = governance.sharing_problem(record.legal_basis, record.consent, without_consent_reason)
    if problem:
        raise GovernanceRefused(problem)
    if record.shares.filter(agency=agency, ended_at__isnull=True).exists():
        raise GovernanceRefused(f"The record is already shared with {agency.name}")
    made = Share.objects.create(
        person=record,
        agency=agency,
        agreement=agreement,
        reason=reason.strip(),
        without_consent_reason=without_consent_reason.strip(),
        shared_by=by,
    )
    return made


def end_share(made: Share) -> None:
    made.ended_at = timezone.now()
    made.save(update_fields=["ended_at"])


@transaction.atomic
def transfer(record: PersonRecord, new_owner: Agency, consent: str, consent_reason: str, by: User) -> PersonRecord:
    """Hand the record to another agency. Consent is re-recorded for the new owner and checked
    again; shares made by the old owner end (the new owner decides its own)."""
    if by.agency_id != record.owner_id:
        raise GovernanceRefused("Only the owning agency can hand over its record")
    if new_owner.pk == record.owner_id:
        raise GovernanceRefused("The record is already this agency's")
    record.consent, record.consent_reason = consent, consent_reason
    check_holding(record)
    record.owner = new_owner
    record.save()
    for made in record.shares.filter(ended_at__isnull=True):
        end_share(made)
    return record


def notify(users: list[User], record: PersonRecord | None, text: str, url: str) -> int:
    """In-app notifications (never with personal data in `text`)."""
    rows = [Notification(user=u, person=record, text=text, url=url) for u in users]
    Notification.objects.bulk_create(rows)
    return len(rows)
