"""Audit: each read or change of a restricted object writes exactly one row; rows never change."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cspkit.web.accounts.models import AuditEvent
from tests.web.conftest import batch_ids

pytestmark = pytest.mark.web


def _one_new_row(before: int) -> AuditEvent:
    assert AuditEvent.objects.count() == before + 1
    return AuditEvent.objects.order_by("-id").first()  # type: ignore[return-value]


def test_each_read_of_a_restricted_batch_writes_one_row(client, people, sign_in, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    fire = batch_ids(web_store)["deliberate-fires"]
    sign_in(people["analyst"])
    cases = [
        (reverse("datahub:batch-detail", kwargs={"batch_id": fire}), "read", fire),
        (reverse("datahub:batch-rows", kwargs={"batch_id": fire}), "download", fire),
        (reverse("datahub:batches"), "list", ""),
        (reverse("datahub:api-batches"), "api", ""),
    ]
    for url, action, object_id in cases:
        before = AuditEvent.objects.count()
        response = client.get(url, REMOTE_ADDR="192.0.2.7")
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        row = _one_new_row(before)
        assert (row.action, row.object_type, row.object_id) == (action, "batch", object_id)
        assert row.username == "t-analyst"
        assert row.agency == "central-bedfordshire-council"
        assert row.address == "192.0.2.7"
        assert row.owning_agency == ("bedfordshire-fire-rescue" if object_id else "")
        assert row.at is not None


def test_reading_published_data_writes_no_row(client, people, sign_in, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    street = batch_ids(web_store)["street"]
    sign_in(people["officer"])
    before = AuditEvent.objects.count()
    client.get(reverse("datahub:batch-detail", kwargs={"batch_id": street}))
    client.get(reverse("datahub:coverage"))
    assert AuditEvent.objects.count() == before


def test_agreement_and_action_reads_and_changes(client, people, objects, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["manager"])
    health = objects["health_agreement"]
    before = AuditEvent.objects.count()
    client.get(reverse("datahub:agreement-detail", kwargs={"pk": health.pk}))
    assert _one_new_row(before).action == "read"
    before = AuditEvent.objects.count()
    form = {
        "title": "Health agreement, renewed",
        "owner": health.owner.pk,
        "parties": [p.pk for p in health.parties.all()],
        "purpose": "Purpose.",
        "legal_basis": "ukgdpr-6-1-e",
        "data_items": "Date",
        "review_date": "2028-03-31",
        "restricted": "on",
    }
    response = client.post(reverse("datahub:agreement-edit", kwargs={"pk": health.pk}), form)
    assert response.status_code == 302
    row = _one_new_row(before)
    assert (row.action, row.object_type, row.object_id) == ("update", "agreement", str(health.pk))
    before = AuditEvent.objects.count()
    client.get(reverse("partnership:action-detail", kwargs={"pk": objects["fire_action"].pk}))
    assert _one_new_row(before).object_type == "action"


def test_audit_rows_cannot_be_changed_or_deleted(people) -> None:  # type: ignore[no-untyped-def]
    row = AuditEvent.objects.create(username="x", action="read", object_type="batch", object_id="1", path="/")
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=row.pk).update(object_id="2")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=row.pk).delete()
    # Below the application too: the database's trigger refuses (SQLite and PostgreSQL).
    for statement in (
        f"UPDATE accounts_auditevent SET object_id = '2' WHERE id = {row.pk}",
        f"DELETE FROM accounts_auditevent WHERE id = {row.pk}",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEvent.objects.get(pk=row.pk).object_id == "1"


def test_administrators_search_and_export_the_log(client, people, sign_in, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    fire = batch_ids(web_store)["deliberate-fires"]
    sign_in(people["analyst"])
    client.get(reverse("datahub:batch-detail", kwargs={"batch_id": fire}))
    sign_in(people["sharing_officer"])
    client.get(reverse("datahub:batch-detail", kwargs={"batch_id": fire}))
    sign_in(people["administrator"])
    page = client.get(reverse("accounts:audit"), {"username": "t-analyst", "object_id": fire})
    assert page.status_code == 200
    text = page.content.decode()
    assert "t-analyst" in text
    assert "t-sharing_officer" not in text
    export = client.get(reverse("accounts:audit-export"), {"object_id": fire})
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0].startswith("at,username,agency,action")
    assert len(lines) == 3
    assert {line.split(",")[1] for line in lines[1:]} == {"t-analyst", "t-sharing_officer"}
    assert export["Content-Disposition"].startswith("attachment")
