"""Restricted objects: another agency's batch, agreement or action item is answered as if it did
not exist, by URL as much as by list; partnership-wide roles that read restricted data see all."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from tests.web.conftest import batch_ids

pytestmark = pytest.mark.web


def test_an_officer_cannot_open_another_agencys_restricted_batch(client, people, sign_in, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    fire = batch_ids(web_store)["deliberate-fires"]
    sign_in(people["officer"])  # police
    for name in ("datahub:batch-detail", "datahub:batch-rows"):
        assert client.get(reverse(name, kwargs={"batch_id": fire})).status_code == 404
    listed = client.get(reverse("datahub:batches")).content.decode()
    assert fire not in listed
    assert fire not in client.get(reverse("datahub:api-batches")).content.decode()
    # ...and the answer is the same as for a batch that does not exist.
    assert client.get(reverse("datahub:batch-detail", kwargs={"batch_id": "0" * 16})).status_code == 404


def test_the_owning_agency_and_partnership_wide_readers_open_it(client, people, sign_in, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    fire = batch_ids(web_store)["deliberate-fires"]
    for role in ("fire_officer", "sharing_officer", "analyst", "manager"):
        sign_in(people[role])
        page = client.get(reverse("datahub:batch-detail", kwargs={"batch_id": fire}))
        assert page.status_code == 200, role
        assert "Glebe Rise" in page.content.decode() or "deliberate" in page.content.decode()
        rows = client.get(reverse("datahub:batch-rows", kwargs={"batch_id": fire}))
        assert rows.status_code == 200
        text = b"".join(rows.streaming_content).decode()
        assert text.splitlines()[0].startswith("month,")
        assert len(text.splitlines()) == 430  # the extract's 429 incidents and the header


def test_published_police_batches_are_open_to_every_data_worker(client, people, sign_in, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    street = batch_ids(web_store)["street"]
    for role in ("officer", "fire_officer", "analyst"):
        sign_in(people[role])
        assert client.get(reverse("datahub:batch-detail", kwargs={"batch_id": street})).status_code == 200


def test_restricted_agreements_and_actions_stay_with_their_agencies(client, people, objects, sign_in) -> None:  # type: ignore[no-untyped-def]
    health = objects["health_agreement"]  # parties: health and police
    fire_action = objects["fire_action"]
    sign_in(people["fire_officer"])
    assert client.get(reverse("datahub:agreement-detail", kwargs={"pk": health.pk})).status_code == 404
    assert "Health agreement" not in client.get(reverse("datahub:agreements")).content.decode()
    assert client.get(reverse("partnership:action-detail", kwargs={"pk": fire_action.pk})).status_code == 200
    sign_in(people["officer"])  # police: a party to the health agreement
    assert client.get(reverse("datahub:agreement-detail", kwargs={"pk": health.pk})).status_code == 200
    assert client.get(reverse("partnership:action-detail", kwargs={"pk": fire_action.pk})).status_code == 404
    assert "Fire action" not in client.get(reverse("partnership:actions")).content.decode()
    for role in ("councillor", "scrutiny"):  # partnership-wide, but never restricted data
        sign_in(people[role])
        assert client.get(reverse("datahub:agreement-detail", kwargs={"pk": health.pk})).status_code == 404
        assert client.get(reverse("partnership:action-detail", kwargs={"pk": fire_action.pk})).status_code == 404
        assert "Open action" in client.get(reverse("partnership:actions")).content.decode()


def test_a_sharing_officer_changes_only_their_agencys_agreements(client, people, objects, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["sharing_officer"])  # fire
    own = objects["open_agreement"]  # fire's
    assert client.get(reverse("datahub:agreement-edit", kwargs={"pk": own.pk})).status_code == 200
    health = objects["health_agreement"]
    assert client.get(reverse("datahub:agreement-edit", kwargs={"pk": health.pk})).status_code == 404
