"""A small world for case-work tests: three agencies (A owns a record, B has it shared, C has
nothing to do with it), one account per role in each, and one of every person-level object
around record R. People come from cspkit.cases.synthetic, never real ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cspkit.cases import synthetic
from cspkit.geography.tables import load_geography

AGENCIES = {
    "A": ("case-a-police", "Agency A (police)", "police"),
    "B": ("case-b-council", "Agency B (council)", "local_authority"),
    "C": ("case-c-health", "Agency C (health)", "health"),
    "D": ("case-d-probation", "Agency D (probation)", "probation"),
}
_GEO: list[Any] = []


def synthetic_people(count: int, seed: int) -> list[synthetic.SyntheticPerson]:
    if not _GEO:
        _GEO.append(load_geography())
    geo = _GEO[0]
    lsoas = sorted(code for code, authority in geo.lsoa21_authority.items() if authority == "E06000056")[:30]
    return synthetic.people(geo, lsoas, count, seed)


@dataclass
class World:
    agencies: dict[str, Any]
    users: dict[tuple[str, str], Any]  # (agency letter, role) -> user
    record: Any  # R, owned by A, shared with B
    matched: dict[str, Any]  # agency letter -> that agency's record possibly matching R
    stranger: Any  # Z, owned by D, possibly matching R
    event: Any
    task: Any  # on R, for B's officer
    document: Any
    share: Any
    agreement: Any
    assignee: Any  # T's assignee, in B
    referral: Any  # R referred to MARAC by A (which coordinates), listed at a meeting B attends
    research: Any  # B's research on the referral
    action: Any  # an action for B
    location: Any  # L, A's place where E happened
    member: Any  # R on A's IOM cohort, with a contact and an offence
    asb: Any  # A's ASB case with R as perpetrator, an incident by R and an intervention with R


def person_record(person: synthetic.SyntheticPerson, owner: Any, **extra: Any) -> Any:
    from cspkit.web.cases.models import PersonRecord
    from cspkit.web.cases.records import new_reference

    fields = {
        "reference": new_reference("P"),
        "owner": owner,
        "purpose": "asb",
        "legal_basis": "dpa2018-part3",
        "consent": "not_sought",
        "consent_reason": "Risk-led: asking would alert the person causing harm.",
        "review_on": date.today() + timedelta(days=180),
        "delete_on": date.today() + timedelta(days=700),
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "ni_number": person.ni_number,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "lsoa21": person.lsoa21,
        "health": person.health_note,
        "ethnicity": person.ethnicity,
        "synthetic": True,
    }
    return PersonRecord.objects.create(**(fields | extra))


def build(viewer: tuple[str, str] = ("A", "officer"), assignee_role: str = "officer") -> World:
    """The world, with accounts for A's and B's officers, for `viewer` (agency letter, role), and
    for the task's assignee in B (a person of its own, in `assignee_role`)."""
    from cspkit.web.accounts.models import Agency, AuditEvent, User
    from cspkit.web.cases import documents
    from cspkit.web.cases.models import CaseEvent, CaseLocation, CaseTask, PossibleMatch, Share
    from cspkit.web.cases.records import new_reference
    from cspkit.web.datahub.models import SharingAgreement

    agencies = {
        letter: Agency.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})[0]
        for letter, (slug, name, kind) in AGENCIES.items()
    }
    users = {
        (letter, role): User.objects.create(
            username=f"case-{letter}-{role}", agency=agencies[letter], role=role, email=f"{letter}-{role}@example.org"
        )
        for letter, role in {("A", "officer"), ("B", "officer"), viewer}
    }
    assignee = User.objects.create(
        username="case-B-assignee", agency=agencies["B"], role=assignee_role, email="B-assignee@example.org"
    )
    people = synthetic_people(6, seed=41)
    record = person_record(people[0], agencies["A"])
    matched = {letter: person_record(people[i + 1], agencies[letter]) for i, letter in enumerate("ABC")}
    stranger = person_record(people[4], agencies["D"])
    for other in matched.values():
        PossibleMatch.objects.create(record=other, other=record, score=0.9)
    PossibleMatch.objects.create(record=record, other=stranger, score=0.8)
    agreement = SharingAgreement.objects.create(
        title="Case agreement A-B",
        owner=agencies["A"],
        purpose="Case work.",
        legal_basis="cda1998-s115",
        data_items="Name\nEvents",
        review_date=date.today() + timedelta(days=300),
        restricted=True,
    )
    agreement.parties.set([agencies["A"], agencies["B"]])
    share = Share.objects.create(
        person=record,
        agency=agencies["B"],
        agreement=agreement,
        reason="Joint ASB case.",
        shared_by=users[("A", "officer")],
    )
    event = CaseEvent.objects.create(
        reference=new_reference("E"),
        owner=agencies["A"],
        purpose="asb",
        legal_basis="dpa2018-part3",
        consent="not_sought",
        review_on=date.today() + timedelta(days=180),
        delete_on=date.today() + timedelta(days=700),
        occurred_on=date.today() - timedelta(days=3),
        kind="anti-social behaviour",
        classification="offence",
        description="EVENT-MARKER noise reported late at night.",
    )
    event.people.set([record])
    location = CaseLocation.objects.create(
        reference=new_reference("L"),
        owner=agencies["A"],
        purpose="asb",
        legal_basis="dpa2018-part3",
        consent="not_sought",
        review_on=date.today() + timedelta(days=180),
        delete_on=date.today() + timedelta(days=700),
        name="LOCATION-MARKER Synthetic Court",
        address="Synthetic place 3 (no postcode)",
        notes="Stairwell lights out.",
    )
    event.location = location
    event.save(update_fields=["location"])
    task = CaseTask.objects.create(
        person=record, title="TASK-MARKER joint visit", assigned_to=assignee, due_on=date.today() + timedelta(days=1)
    )
    document = documents.keep(
        record, "DOC-MARKER letter", "letter.txt", "text/plain", b"A letter.", users[("A", "officer")]
    )
    AuditEvent.objects.create(
        username="case-A-officer", action="read", object_type="person", object_id=record.reference, path="/cases/"
    )
    referral, research, action = _marac(agencies, agreement, record, users[("A", "officer")])
    return World(
        agencies,
        users,
        record,
        matched,
        stranger,
        event,
        task,
        document,
        share,
        agreement,
        assignee,
        referral,
        research,
        action,
        location,
        _iom(agencies["A"], record),
        _asb(agencies["A"], record),
    )


def _marac(agencies: dict[str, Any], agreement: Any, record: Any, by: Any) -> tuple[Any, Any, Any]:
    from cspkit.web.cases.models import MaracAction, MaracMeeting, MaracReferral, MaracResearch
    from cspkit.web.cases.records import new_reference

    meeting = MaracMeeting.objects.create(held_on=date.today(), coordinator=agencies["A"], created_by=by)
    meeting.agencies.set([agencies["B"]])
    referral = MaracReferral.objects.create(
        reference=new_reference("M"),
        owner=agencies["A"],
        purpose="marac",
        legal_basis="dpa2018-part3",
        consent="not_sought",
        consent_reason="Risk-led.",
        review_on=date.today() + timedelta(days=180),
        delete_on=date.today() + timedelta(days=700),
        victim=record,
        coordinator=agencies["A"],
        agreement=agreement,
        referred_on=date.today() - timedelta(days=5),
        incident_on=date.today() - timedelta(days=6),
        incident_kind="physical-violence",
        checklist_score=16,
        relationship="ex-partner",
        children_in_household=2,
        status=MaracReferral.LISTED,
        meeting=meeting,
        outcome="REFERRAL-MARKER safety plan agreed.",
    )
    research = MaracResearch.objects.create(
        referral=referral, agency=agencies["B"], summary="RESEARCH-MARKER two tenancy warnings.", by=by
    )
    action = MaracAction.objects.create(
        referral=referral,
        title="ACTION-MARKER fit a door alarm",
        agency=agencies["B"],
        due_on=date.today(),
        created_by=by,
    )
    return referral, research, action


def _iom(owner: Any, record: Any) -> Any:
    from cspkit.web.cases.models import IomEngagement, IomMember, IomOffence
    from cspkit.web.cases.records import new_reference

    member = IomMember.objects.create(
        reference=new_reference("I"),
        owner=owner,
        purpose="iom",
        legal_basis="dpa2018-part3",
        consent="not_sought",
        review_on=date.today() + timedelta(days=180),
        delete_on=date.today() + timedelta(days=700),
        person=record,
        strand="catch-convict",
        pathways="drugs,accommodation",
        selected_on=date.today() - timedelta(days=100),
        criteria="Matrix score 70",
        reason="IOM-MARKER six burglaries in a year.",
    )
    IomEngagement.objects.create(
        member=member, on=date.today(), kind="Home visit", note="ENGAGEMENT-MARKER seen at home."
    )
    IomOffence.objects.create(
        member=member, committed_on=date.today() - timedelta(days=30), offence="OFFENCE-MARKER burglary dwelling"
    )
    return member


def _asb(owner: Any, record: Any) -> Any:
    from cspkit.web.cases.models import AsbCase, AsbIncident, AsbIntervention, AsbParty
    from cspkit.web.cases.records import new_reference

    case = AsbCase.objects.create(
        reference=new_reference("A"),
        owner=owner,
        purpose="asb",
        legal_basis="dpa2018-part3",
        consent="not_sought",
        review_on=date.today() + timedelta(days=180),
        delete_on=date.today() + timedelta(days=700),
        title="ASBCASE-MARKER noise nuisance",
        opened_on=date.today() - timedelta(days=60),
    )
    AsbParty.objects.create(case=case, person=record, role="perpetrator", note="PARTY-MARKER lives at the block")
    AsbIncident.objects.create(
        case=case,
        occurred_on=date.today() - timedelta(days=50),
        description="INCIDENT-MARKER loud music at night",
        perpetrator=record,
        agency=owner,
    )
    AsbIntervention.objects.create(
        case=case,
        perpetrator=record,
        step="abc",
        on=date.today() - timedelta(days=40),
        note="INTERVENTION-MARKER signed the contract",
        agency=owner,
    )
    return case
