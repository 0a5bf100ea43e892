"""Places in the case core through the pages: recording one under the governance rules, an
event at the agency's own place only, the repeat-location flag, who sees a place (the owner,
and an agency that sees an event there through a share), and retention."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.web.case_world import build
from tests.web.test_case_access import _verified

pytestmark = pytest.mark.web


def _place(**extra: str) -> dict[str, str]:
    form = {
        "name": "Synthetic Row underpass",
        "address": "Synthetic path (no postcode)",
        "lsoa21": "E01015596",
        "notes": "Lighting reported broken.",
        "purpose": "asb",
        "legal_basis": "ukgdpr-6-1-e",
        "consent": "not_sought",
        "consent_reason": "A place, not a person: nobody to ask.",
    }
    return form | extra


def test_a_place_is_recorded_under_the_governance_rules(db, client, web_store, settings) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.accounts.models import AuditEvent
    from cspkit.web.cases.models import CaseLocation

    settings.HOME = str(web_store)
    world = build(("C", "officer"))
    _verified(client, world.users[("C", "officer")])
    bad = client.post(reverse("cases:location-new"), _place(lsoa21="E01999999")).content.decode()
    assert "E01999999 is not an LSOA in England and Wales" in bad
    unexplained = client.post(reverse("cases:location-new"), _place(consent_reason="")).content.decode()
    assert "reason" in unexplained
    assert not CaseLocation.objects.filter(owner=world.agencies["C"]).exists()  # nothing half-written
    response = client.post(reverse("cases:location-new"), _place())
    assert response.status_code == 302, response.content.decode()[:2000]
    made = CaseLocation.objects.get(owner=world.agencies["C"])
    assert made.reference.startswith("L-")
    assert made.delete_on > date.today()
    assert AuditEvent.objects.filter(action="create", object_id=made.reference).exists()


def test_an_event_is_at_one_of_its_agencys_own_places_and_repeats_show(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build(("B", "officer"))
    event = {
        "occurred_on": date.today().isoformat(),
        "kind": "anti-social behaviour",
        "classification": "offence",
        "description": "Shouting in the stairwell.",
        "abuse_kind": "",
        "place": "",
        "location": world.location.pk,
    }
    _verified(client, world.users[("B", "officer")])  # A's place is not B's to use
    refused = client.post(reverse("cases:event-new", args=[world.record.pk]), event)
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    _verified(client, world.users[("A", "officer")])
    assert client.post(reverse("cases:event-new", args=[world.record.pk]), event).status_code == 302
    page = client.get(reverse("cases:location", args=[world.location.pk])).content.decode()
    assert "Repeat location" in page
    assert "2 events you may see here in the last 12 months" in page


def test_a_place_is_seen_through_a_shared_event_and_not_otherwise(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.records import end_share

    world = build(("C", "officer"))
    url = reverse("cases:location", args=[world.location.pk])
    _verified(client, world.users[("B", "officer")])
    assert client.get(url).status_code == 200
    end_share(world.share)
    assert client.get(url).status_code == 404
    _verified(client, world.users[("C", "officer")])
    assert client.get(url).status_code == 404
    assert "LOCATION-MARKER" not in client.get(reverse("cases:locations")).content.decode()


def test_retention_removes_a_place_and_keeps_its_events(db) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.housekeeping import delete_expired
    from cspkit.web.cases.models import CaseEvent, CaseLocation, Tombstone

    world = build()
    CaseLocation.objects.filter(pk=world.location.pk).update(delete_on=date.today() - timedelta(days=1))
    assert delete_expired(date.today())["places deleted"] == 1
    assert CaseEvent.objects.get(pk=world.event.pk).location is None
    assert Tombstone.objects.get(reference=world.location.reference).kind == "case-location"
