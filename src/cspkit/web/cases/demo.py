"""The demo's case work: synthetic people held by the police and the council, near-duplicates
between them (so "also in" shows), a case-work agreement in the register, shares under it,
events and tasks. Every person is made by cspkit.cases.synthetic; none is real."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from cspkit.cases import synthetic
from cspkit.web.accounts.models import Agency, User
from cspkit.web.cases import records
from cspkit.web.cases.access import cases_config
from cspkit.web.cases.demo_asb import seed_asb
from cspkit.web.cases.demo_iom import seed_iom
from cspkit.web.cases.demo_marac import seed_marac
from cspkit.web.cases.models import CaseEvent, CaseLocation, CaseTask, PersonRecord, TensionReport, TensionUpdate
from cspkit.web.datahub.models import SharingAgreement

POLICE, COUNCIL = "bedfordshire", "central-bedfordshire-council"
CENTRAL_BEDFORDSHIRE = "E06000056"
AGREEMENT = "Multi-agency case work: people at risk and people causing harm"
SEED = 2026


def _agreement() -> SharingAgreement:
    made, created = SharingAgreement.objects.get_or_create(
        title=AGREEMENT,
        defaults={
            "owner": Agency.objects.get(slug=COUNCIL),
            "purpose": "Partners share the details of people at high risk of harm and of people causing "
            "anti-social behaviour or crime, so that MARAC, IOM and ASB case work can act on one picture.",
            "legal_basis": "cda1998-s115",
            "data_items": "Name and date of birth\nAddress\nIncidents and events\nSafeguarding concerns\nTasks",
            "review_date": date.today() + timedelta(days=365),
            "restricted": True,
        },
    )
    if created:
        made.parties.set(
            Agency.objects.filter(slug__in=[POLICE, COUNCIL, "bedfordshire-fire-rescue", "probation-bedfordshire"])
        )
    return made


def _record(person: synthetic.SyntheticPerson, owner: Agency, by: User, police: bool) -> PersonRecord:
    record = PersonRecord(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        ni_number=person.ni_number,
        phone=person.phone,
        email=person.email,
        address=person.address,
        lsoa21=person.lsoa21,
        lon=person.lon,
        lat=person.lat,
        ethnicity=person.ethnicity if police else "",
        health=person.health_note if police else "",
        purpose="iom" if police and person.key % 3 == 0 else ("marac" if police else "asb"),
        legal_basis="dpa2018-part3" if police else "ukgdpr-6-1-e",
        consent="not_sought" if police else "given",
        consent_reason="Law enforcement processing: asking would prejudice the case." if police else "",
        synthetic=True,
    )
    return records.create_person(record, by, cases_config())


@transaction.atomic
def seed_case_work(home: Path, people: int = 48) -> None:
    from cspkit.web.dashboard.materialised import geography

    if PersonRecord.objects.filter(synthetic=True).exists():
        return
    police, council = Agency.objects.get(slug=POLICE), Agency.objects.get(slug=COUNCIL)
    police_officer = User.objects.get(username="demo-officer")
    council_officer = User.objects.get(username="demo-council-officer")
    geo = geography(home)
    lsoas = sorted(code for code, authority in geo.lsoa21_authority.items() if authority == CENTRAL_BEDFORDSHIRE)
    population = synthetic.people(geo, lsoas, people, seed=SEED)
    rng = random.Random(SEED)  # noqa: S311 - synthetic data
    split = people * 2 // 3
    held = {p.key: _record(p, police, police_officer, True) for p in population[:split]}
    for p in population[split:]:
        held[p.key] = _record(p, council, council_officer, False)
    for p in population[: people // 8]:  # the council holds some of the police's people too, keyed differently
        _record(synthetic.near_duplicate(p, rng), council, council_officer, False)
    for event in synthetic.events(geo, population, people * 2, seed=SEED + 1):
        first = held[event.person_keys[0]]
        made = CaseEvent(
            reference=records.new_reference("E"),
            owner=first.owner,
            purpose=first.purpose,
            legal_basis=first.legal_basis,
            consent=first.consent,
            consent_reason=first.consent_reason,
            occurred_on=min(event.on, date.today()),
            kind=event.kind,
            classification=event.classification,
            description=event.description,
            place=f"Near {event.lsoa21}",
            lsoa21=event.lsoa21,
            lon=event.lon,
            lat=event.lat,
            created_by=first.created_by,
            synthetic=True,
        )
        records.set_schedule(made, cases_config(), made.occurred_on)
        made.delete_on = max(made.delete_on, first.delete_on)  # the demo keeps its events while the people stay
        made.review_on = max(made.review_on, date.today())
        made.save()
        made.people.set([held[k] for k in event.person_keys if held[k].owner_id == first.owner_id])
    _seed_places(police, council, police_officer, council_officer)
    agreement = _agreement()
    for key in range(3):
        records.share(
            held[key],
            council,
            agreement,
            "Discussed at the ASB case panel: the council's ASB team needs the police record to plan support.",
            "",
            police_officer,
        )
    CaseTask.objects.create(
        person=held[0],
        title="Arrange a joint visit with the ASB team",
        assigned_to=council_officer,
        due_on=date.today() + timedelta(days=3),
        created_by=police_officer,
    )
    CaseTask.objects.create(
        person=held[1],
        title="Update the risk assessment before the panel",
        assigned_to=police_officer,
        due_on=date.today() + timedelta(days=7),
        created_by=police_officer,
    )
    seed_marac(agreement)
    cohort = [held[key] for key in range(3)] + [r for r in held.values() if r.purpose == "iom"]
    seed_iom(list(dict.fromkeys(cohort)), police_officer, SEED)
    _seed_tension(home, police, council, police_officer, council_officer)
    council_people = [r for r in held.values() if r.owner_id == council.pk]
    seed_asb(council_people, council_officer, police_officer, agreement, geo, SEED + 2)


PLACES = (
    ("Synthetic Court stairwells", "Stairwells of a made-up block of flats"),
    ("Synthetic Park play area", "A made-up park's play area and path"),
    ("Synthetic Parade shops", "The service road behind a made-up parade of shops"),
)


def _seed_places(police: Agency, council: Agency, police_officer: User, council_officer: User) -> None:
    """Each agency's made-up places, with some of its events there (so repeat locations show)."""
    for agency, by in ((police, police_officer), (council, council_officer)):
        events = list(CaseEvent.objects.filter(owner=agency, synthetic=True).order_by("pk"))
        for i, (name, address) in enumerate(PLACES):
            at = events[i::7][:4]
            if not at:
                continue
            place = CaseLocation(
                reference=records.new_reference("L"),
                owner=agency,
                created_by=by,
                purpose="asb",
                legal_basis="ukgdpr-6-1-e",
                consent="not_sought",
                consent_reason="A place, not a person: nobody to ask.",
                name=name,
                address=address,
                lsoa21=at[0].lsoa21,
                notes="Made up for the demo.",
                synthetic=True,
            )
            records.set_schedule(place, cases_config(), date.today())
            place.save()
            CaseEvent.objects.filter(pk__in=[e.pk for e in at]).update(location=place)


def _seed_tension(home: Path, police: Agency, council: Agency, police_officer: User, council_officer: User) -> None:
    """Two made-up tension reports: one open and rising, one closed after it calmed down."""
    from cspkit.web.public import figures

    wards = [code for code, _ in figures.wards(home)][:2]
    if len(wards) < 2:
        return
    rising = TensionReport.objects.create(
        reference=records.new_reference("T"),
        ward=wards[0],
        reported_on=date.today() - timedelta(days=6),
        level=2,
        trend="rising",
        sources="Community contacts; posts on a local social media group (made up for the demo).",
        summary="Rumours between two groups of young people after a fight near the shops.",
        actions="Extra patrols on Friday and Saturday evenings; youth workers at the parade.",
        agency=police,
        reported_by=police_officer,
    )
    TensionUpdate.objects.create(report=rising, on=rising.reported_on, level=2, note="Reported.", by=police_officer)
    calm = TensionReport.objects.create(
        reference=records.new_reference("T"),
        ward=wards[1],
        reported_on=date.today() - timedelta(days=40),
        level=1,
        trend="falling",
        sources="Councillor and residents' association (made up for the demo).",
        summary="Objections to a planning application spilled into a public meeting.",
        actions="A facilitated meeting with the residents' association.",
        agency=council,
        reported_by=council_officer,
        closed_on=date.today() - timedelta(days=12),
    )
    for days, level, note in ((40, 2, "Reported."), (12, 1, "Calm after the facilitated meeting; closed.")):
        TensionUpdate.objects.create(
            report=calm, on=date.today() - timedelta(days=days), level=level, note=note, by=council_officer
        )
