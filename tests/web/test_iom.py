"""IOM through the pages: selecting a person onto the cohort (the agency holding the record),
the engagement log any agency sharing the record keeps, proven offences and de-selection (the
owner), and NI 30 for a cohort fixed on a snapshot date, on a test cohort with known counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.web.case_world import build, person_record, synthetic_people
from tests.web.test_case_access import _verified

pytestmark = pytest.mark.web


def test_selection_engagement_offences_and_de_selection(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.accounts.models import AuditEvent
    from cspkit.web.cases.models import IomMember

    world = build(("B", "officer"))
    person = world.matched["A"]
    form = {
        "strand": "rehabilitate-resettle",
        "pathways": ["accommodation", "drugs"],
        "selected_on": date.today().isoformat(),
        "criteria": "Matrix score 65",
        "reason": "Shoplifting to fund drug use.",
    }
    _verified(client, world.users[("B", "officer")])
    assert client.get(reverse("cases:iom-select", args=[world.record.pk])).status_code == 404  # not B's record
    _verified(client, world.users[("A", "officer")])
    response = client.post(reverse("cases:iom-select", args=[person.pk]), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    member = IomMember.objects.get(person=person)
    assert member.pathways == "accommodation,drugs"
    assert AuditEvent.objects.filter(action="create", object_id=member.reference).exists()
    url = reverse("cases:iom-member", args=[member.pk])
    page = client.get(url).content.decode()
    assert "Accommodation, Drugs" in page
    assert "Rehabilitate and Resettle" in page
    contact = {"on": date.today().isoformat(), "kind": "Drug test", "note": "Negative."}
    client.post(reverse("cases:iom-engagement", args=[member.pk]), contact)
    assert member.engagements.count() == 1
    late = {"committed_on": "2026-01-10", "offence": "Theft from a shop", "proven_on": "2026-01-09"}
    client.post(reverse("cases:iom-offence", args=[member.pk]), late)
    assert member.offences.count() == 0  # proven before it was committed: refused
    client.post(reverse("cases:iom-offence", args=[member.pk]), late | {"proven_on": "2026-02-01"})
    assert member.offences.count() == 1
    early = {"deselected_on": (member.selected_on - timedelta(days=1)).isoformat(), "deselection_reason": "Moved."}
    client.post(reverse("cases:iom-deselect", args=[member.pk]), early)
    member.refresh_from_db()
    assert member.deselected_on is None
    client.post(reverse("cases:iom-deselect", args=[member.pk]), early | {"deselected_on": date.today().isoformat()})
    member.refresh_from_db()
    assert member.deselected_on == date.today()


def test_ni30_on_a_test_cohort_through_the_page(db, client) -> None:  # type: ignore[no-untyped-def]
    """Snapshot 1 April 2025: A and B on the cohort, C de-selected before it, D selected after.
    A: 3 offences in the baseline, 1 in the follow-up; B: 1 and 0 (one proven too late).
    NI 30 = (1 - 4) / 4 = -75 %; one of two proven to reoffend; 0.5 offences each."""
    from cspkit.web.cases.models import IomMember, IomOffence

    world = build()
    people = synthetic_people(20, seed=21)
    snapshot = date(2025, 4, 1)
    cohort = {}
    for key, selected, deselected in (
        ("A", date(2024, 1, 1), None),
        ("B", date(2025, 3, 1), date(2025, 9, 1)),  # on the cohort on the snapshot date
        ("C", date(2024, 1, 1), date(2025, 2, 1)),
        ("D", date(2025, 6, 1), None),
    ):
        record = person_record(people[10 + len(cohort)], world.agencies["A"])
        cohort[key] = IomMember.objects.create(
            reference=f"I-T{key}",
            owner=world.agencies["A"],
            purpose="iom",
            legal_basis="dpa2018-part3",
            consent="not_sought",
            review_on=date.today() + timedelta(days=100),
            delete_on=date.today() + timedelta(days=900),
            person=record,
            strand="catch-convict",
            selected_on=selected,
            deselected_on=deselected,
            criteria="Test",
            reason="Test cohort.",
        )
    for key, committed, proven in (
        ("A", "2024-05-01", "2024-06-01"),
        ("A", "2024-09-01", "2024-10-01"),
        ("A", "2025-03-31", "2025-09-30"),  # proven on the last day allowed
        ("A", "2025-07-01", "2025-08-01"),
        ("B", "2024-12-01", "2025-01-05"),
        ("B", "2025-05-01", "2026-10-01"),  # proven after 30 September 2026: not counted
        ("C", "2025-05-01", "2025-06-01"),  # not on the cohort on the snapshot date
        ("D", "2025-07-01", "2025-08-01"),
    ):
        IomOffence.objects.create(
            member=cohort[key],
            committed_on=date.fromisoformat(committed),
            offence="Test offence",
            proven_on=date.fromisoformat(proven),
        )
    _verified(client, world.users[("A", "officer")])
    csv = client.get(reverse("cases:iom-ni30"), {"snapshot": snapshot.isoformat(), "format": "csv"}).content.decode()
    import csv as csv_module
    import io

    lines = {row["line"]: row["value"] for row in csv_module.DictReader(io.StringIO(csv))}
    assert lines["Cohort on the snapshot date"] == "2"
    assert (lines["Offences in the baseline"], lines["Offences in the follow-up"]) == ("4", "1")
    assert lines["NI 30: change in offences, %"] == "-75.0"
    assert lines["Proven to reoffend, %"] == "50.0"
    assert lines["Offences per individual"] == "0.50"
    for member in cohort.values():
        assert member.person.family_name not in csv
