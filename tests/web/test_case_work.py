"""Case work end to end through the pages: second factor, duplicate suggestions, governance
rules on creating, sharing and handing over, encryption at rest, subject access with third
parties redacted, batched audit, retention, reminders, and fuzzed forms."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.case_world import build, person_record, synthetic_people
from tests.web.test_case_access import _verified

pytestmark = pytest.mark.web


def _form(person, **extra):  # type: ignore[no-untyped-def]
    data = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth.isoformat(),
        "sex": "female",
        "ni_number": person.ni_number,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "safeguarding": "",
        "ethnicity": "",
        "health": "",
        "purpose": "asb",
        "legal_basis": "ukgdpr-6-1-e",
        "consent": "given",
        "consent_reason": "",
    }
    return data | extra


def test_case_pages_need_the_second_factor_from_every_role(db, client, people) -> None:  # type: ignore[no-untyped-def]
    client.force_login(people["officer"])  # an officer needs no second factor elsewhere
    assert client.get(reverse("datahub:hub")).status_code == 200
    response = client.get(reverse("cases:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor"))
    _verified(client, people["officer"])
    assert client.get(reverse("cases:home")).status_code == 200


def test_a_duplicate_in_another_agency_is_suggested_without_saying_who(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.cases.synthetic import near_duplicate
    from cspkit.web.cases.models import PersonRecord, PossibleMatch

    world = build(("C", "officer"))
    import random

    twin = near_duplicate(synthetic_people(6, seed=41)[0], random.Random(3))
    _verified(client, world.users[("C", "officer")])
    first = client.post(reverse("cases:person-new"), _form(twin))
    page = first.content.decode()
    assert first.status_code == 200
    assert "A possible match exists in another agency" in page
    assert world.record.reference not in page
    assert world.record.family_name not in page.split("<form")[0]
    assert (
        not PersonRecord.objects.filter(owner=world.agencies["C"], given_name=twin.given_name)
        .exclude(pk=world.matched["C"].pk)
        .exists()
    )
    saved = client.post(reverse("cases:person-new"), _form(twin, checked="yes"))
    assert saved.status_code == 302
    made = PersonRecord.objects.get(pk=int(saved["Location"].rstrip("/").split("/")[-1]))
    assert made.owner == world.agencies["C"]
    assert made.reference.startswith("P-")
    assert PossibleMatch.objects.filter(record=made, other=world.record).exists()
    assert PossibleMatch.objects.filter(record=world.record, other=made).exists()
    # The owner of the other record sees it as a link on its own page; C's officer sees only the line.
    assert (
        "A possible match exists in another agency"
        in client.get(reverse("cases:person", args=[made.pk])).content.decode()
    )


def test_an_agencys_own_duplicate_is_shown_by_name(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build()
    person = synthetic_people(6, seed=41)[0]
    _verified(client, world.users[("A", "officer")])
    page = client.post(reverse("cases:person-new"), _form(person)).content.decode()
    assert world.record.reference in page
    assert "same date of birth" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"legal_basis": "ukgdpr-6-1-a", "consent": "refused"}, "needs consent given"),
        ({"consent": "not_sought", "consent_reason": ""}, "risk-led reason recorded"),
        ({"health": "Diabetic."}, "article 9 condition"),
        ({"legal_basis": "made-up"}, "Select a valid choice"),
        ({"ni_number": "12345"}, "two letters, six digits"),
        ({"date_of_birth": "2999-01-01"}, "between 1900 and today"),
    ],
)
def test_a_record_that_may_not_be_held_is_refused_saying_why(db, client, people, change, message) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import PersonRecord

    _verified(client, people["officer"])
    response = client.post(reverse("cases:person-new"), _form(synthetic_people(1, seed=5)[0], checked="yes", **change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PersonRecord.objects.exists()


def _share(client, world, **extra):  # type: ignore[no-untyped-def]
    form = {
        "agency": world.agencies["C"].pk,
        "agreement": world.agreement.pk,
        "reason": "Joint case.",
        "without_consent_reason": "",
    }
    return client.post(reverse("cases:person-share", args=[world.record.pk]), form | extra)


def test_a_share_needs_an_agreement_naming_both_and_consent_or_a_reason(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build(("C", "officer"))
    _verified(client, world.users[("A", "officer")])
    refused = _share(client, world)  # the agreement names A and B, not C
    assert "name both agencies as parties" in refused.content.decode()
    world.agreement.parties.add(world.agencies["C"])
    world.record.consent = "withdrawn"
    world.record.save()
    assert "record why sharing without it is necessary" in _share(client, world).content.decode()
    mail.outbox.clear()
    done = _share(client, world, without_consent_reason="Serious risk of harm to a child.")
    assert done.status_code == 302
    share = world.record.shares.get(agency=world.agencies["C"])
    assert share.agreement == world.agreement
    assert share.without_consent_reason
    told = [m for m in mail.outbox if "C-officer@example.org" in m.to]
    assert told
    assert reverse("cases:person", args=[world.record.pk]) in told[0].body
    for message in mail.outbox:  # a link only: no name, reference or detail
        assert world.record.family_name not in message.body + message.subject
        assert world.record.reference not in message.body + message.subject
    viewer = world.users[("C", "officer")]
    _verified(client, viewer)
    assert world.record.reference in client.get(reverse("cases:person", args=[world.record.pk])).content.decode()


def test_handing_over_records_consent_again_and_the_old_owner_loses_the_record(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build(("C", "officer"))
    world.record.legal_basis = "ukgdpr-6-1-a"
    world.record.consent = "given"
    world.record.health = ""
    world.record.ethnicity = ""
    world.record.save()
    _verified(client, world.users[("A", "officer")])
    url = reverse("cases:person-transfer", args=[world.record.pk])
    refused = client.post(url, {"agency": world.agencies["C"].pk, "consent": "refused", "consent_reason": ""})
    assert "needs consent given" in refused.content.decode()
    done = client.post(url, {"agency": world.agencies["C"].pk, "consent": "given", "consent_reason": "Asked again."})
    assert done.status_code == 302
    world.record.refresh_from_db()
    assert world.record.owner == world.agencies["C"]
    assert world.record.consent_reason == "Asked again."
    assert not world.record.shares.filter(ended_at__isnull=True).exists()  # A's share with B ended
    assert client.get(reverse("cases:person", args=[world.record.pk])).status_code == 404


def test_special_category_fields_and_documents_are_encrypted_at_rest(db, client, settings) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases import documents

    world = build()
    with connection.cursor() as cursor:
        cursor.execute("SELECT health, ethnicity, family_name FROM cases_personrecord WHERE id = %s", [world.record.pk])
        health, ethnicity, family = cursor.fetchone()
    assert world.record.health
    assert world.record.health not in health
    assert health.startswith("gAAAA")
    assert world.record.ethnicity not in ethnicity
    assert family == world.record.family_name
    stored = (documents.folder() / world.document.stored_name).read_bytes()
    assert b"A letter." not in stored
    assert documents.read(world.document) == b"A letter."
    assert oct((documents.folder() / world.document.stored_name).stat().st_mode)[-3:] == "600"


def test_keys_rotate(db, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from cspkit.privacy.field_crypto import FieldCipher
    from cspkit.web.cases import documents
    from cspkit.web.cases.models import PersonRecord

    world = build()
    old = settings.CASE_KEYS
    settings.CASE_KEYS = f"{FieldCipher.new_key()},{old}"
    call_command("case_rotate")
    settings.CASE_KEYS = settings.CASE_KEYS.split(",")[0]  # the old key gone: everything still reads
    assert PersonRecord.objects.get(pk=world.record.pk).health == world.record.health
    assert documents.read(world.document) == b"A letter."


def test_subject_access_export_holds_everything_with_third_parties_redacted(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build(("A", "sharing_officer"))
    other = world.matched["A"]
    world.event.people.add(other)
    world.event.description = f"Argument with {other.given_name} {other.family_name} at the address."
    world.event.save()
    _verified(client, world.users[("A", "sharing_officer")])
    url = reverse("cases:subject-access", args=[world.record.pk])
    data = json.loads(b"".join([client.get(url, {"format": "json"}).content]))
    text = json.dumps(data)
    assert data["record"]["family_name"] == world.record.family_name
    assert data["record"]["health"] == world.record.health
    assert other.family_name not in text
    assert other.given_name not in text
    assert "[third party]" in text
    assert data["events"][0]["other_people_involved"] == 1
    assert data["shared_with"][0]["agency"] == world.agencies["B"].name
    assert data["tasks"]
    assert data["documents"][0]["title"] == "DOC-MARKER letter"
    from cspkit.web.accounts.models import AuditEvent

    assert AuditEvent.objects.filter(action="subject-access", object_id=world.record.reference).count() == 1


def test_a_list_is_audited_row_by_row_in_one_insert_and_searches_keep_no_names(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.accounts.models import AuditEvent

    world = build()
    for person in synthetic_people(12, seed=9)[6:]:
        person_record(person, world.agencies["A"])
    _verified(client, world.users[("A", "officer")])
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("cases:people"))
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "accounts_auditevent"')]
    assert len(inserts) == 1
    assert AuditEvent.objects.filter(action="list", object_type="person").count() == 8  # R, A's match, 6 more
    client.get(reverse("cases:people"), {"q": world.record.family_name})
    searched = AuditEvent.objects.filter(action="search")
    assert searched.exists()
    assert all(world.record.family_name not in e.path for e in searched)
    for name in ("cases:export", "cases:api-people"):
        client.get(reverse(name))
    assert AuditEvent.objects.filter(action="export", object_id=world.record.reference).count() == 1
    assert AuditEvent.objects.filter(action="api", object_id=world.record.reference).count() == 1


def test_expired_records_are_gone_from_every_channel_and_leave_a_tombstone(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.config.cases import CasesConfig
    from cspkit.web.accounts.models import AuditEvent
    from cspkit.web.cases import documents, housekeeping
    from cspkit.web.cases.models import CaseEvent, Notification, PersonRecord, Tombstone

    world = build(("B", "officer"))
    Notification.objects.create(
        user=world.users[("A", "officer")], person=world.record, text="x", url="/cases/people/0/"
    )
    world.record.delete_on = date.today() - timedelta(days=1)
    world.record.save()
    ref, file = world.record.reference, documents.folder() / world.document.stored_name
    for viewer in (world.users[("A", "officer")], world.users[("B", "officer")]):
        _verified(client, viewer)
        pages = [
            client.get(reverse("cases:people")).content.decode(),
            client.get(reverse("cases:people"), {"q": world.record.family_name}).content.decode(),
            client.get(reverse("cases:export")).content.decode(),
            client.get(reverse("cases:api-people")).content.decode(),
            client.get(reverse("cases:home")).content.decode(),
            client.get(reverse("cases:person", args=[world.matched["A"].pk])).content.decode()
            if viewer.agency == world.agencies["A"]
            else "",
        ]
        assert not any(ref in p or "TASK-MARKER" in p for p in pages)
        assert client.get(reverse("cases:person", args=[world.record.pk])).status_code == 404
        assert client.get(reverse("cases:document", args=[world.document.pk])).status_code == 404
        assert client.get(reverse("cases:api-person", args=[ref])).status_code == 404
    AuditEvent.objects.create(username="x", action="read", object_type="person", object_id=ref, path="/cases/")
    done = housekeeping.run(CasesConfig())
    assert done["people deleted"] == 1
    assert done["document files removed"] == 1
    assert not PersonRecord.objects.filter(reference=ref).exists()
    assert not file.exists()
    assert not Notification.objects.filter(person_id=world.record.pk).exists()
    assert CaseEvent.objects.filter(pk=world.event.pk).exists()  # its own schedule; R's link is gone
    assert not world.event.people.exists()
    stone = Tombstone.objects.get(reference=ref)
    assert stone.owner == world.agencies["A"]
    assert stone.documents_removed == 1
    assert AuditEvent.objects.filter(object_id=ref, action="delete", username="retention").exists()
    assert AuditEvent.objects.filter(object_id=ref, action="read").exists()  # the trail stays


def test_reviews_fall_due_and_tasks_are_reminded_by_a_link(db) -> None:  # type: ignore[no-untyped-def]
    from cspkit.config.cases import CasesConfig
    from cspkit.web.cases import housekeeping
    from cspkit.web.cases.models import CaseTask, Notification

    world = build()
    world.record.review_on = date.today()
    world.record.created_by = world.users[("A", "officer")]
    world.record.save()
    mail.outbox.clear()
    done = housekeeping.run(CasesConfig())
    assert done["review tasks set"] == 1
    review = CaseTask.objects.get(title=housekeeping.REVIEW_TASK)
    assert review.assigned_to == world.users[("A", "officer")]
    assert done["reminders sent"] == 2  # the review (due today) and T (due tomorrow)
    assert Notification.objects.filter(user=world.assignee).count() == 1
    assert housekeeping.run(CasesConfig())["reminders sent"] == 0  # once only
    assert housekeeping.run(CasesConfig())["review tasks set"] == 0
    for message in mail.outbox:
        assert "/cases/people/" in message.body
        assert world.record.family_name not in message.body
        assert "TASK-MARKER" not in message.body


def test_keeping_a_record_at_review_starts_its_schedule_again(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build()
    world.record.review_on = date.today()
    world.record.save()
    _verified(client, world.users[("A", "officer")])
    assert client.post(reverse("cases:person-review", args=[world.record.pk])).status_code == 302
    world.record.refresh_from_db()
    from cspkit.cases.retention import add_months

    assert (world.record.review_on, world.record.delete_on) == (
        add_months(date.today(), 6),
        add_months(date.today(), 24),
    )


def test_a_role_not_granted_health_sees_it_withheld(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build(("A", "sharing_officer"))
    _verified(client, world.users[("A", "officer")])
    page = client.get(reverse("cases:person", args=[world.record.pk])).content.decode()
    assert world.record.health not in page
    assert "withheld" in page
    api = client.get(reverse("cases:api-person", args=[world.record.reference])).json()
    assert api["health"] is None
    assert "health" in api["withheld"]
    _verified(client, world.users[("A", "sharing_officer")])
    assert world.record.health in client.get(reverse("cases:person", args=[world.record.pk])).content.decode()


def test_documents_must_be_what_they_say(db, client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    world = build()
    _verified(client, world.users[("A", "officer")])
    url = reverse("cases:document-new", args=[world.record.pk])
    refused = client.post(url, {"title": "x", "file": SimpleUploadedFile("x.pdf", b"\x00\x01binary\x00")})
    assert "Only PDF, JPEG, PNG or plain text" in refused.content.decode()
    kept = client.post(url, {"title": "Letter", "file": SimpleUploadedFile("l.pdf", b"%PDF-1.4 letter")})
    assert kept.status_code == 302


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    fields=st.fixed_dictionaries(
        {
            "given_name": TEXT,
            "family_name": TEXT,
            "date_of_birth": st.one_of(TEXT, st.dates().map(str)),
            "ni_number": TEXT,
            "phone": TEXT,
            "email": TEXT,
            "legal_basis": st.sampled_from(["ukgdpr-6-1-a", "dpa2018-part3", "x", ""]),
            "consent": st.sampled_from(["given", "refused", "not_sought", "withdrawn", "??"]),
            "consent_reason": TEXT,
            "purpose": st.sampled_from(["asb", "marac", "nope"]),
            "health": TEXT,
            "checked": st.sampled_from(["yes", ""]),
        }
    )
)
def test_person_form_fuzz_never_fails_the_server(db, client, people, fields) -> None:  # type: ignore[no-untyped-def]
    _verified(client, people["officer"])
    response = client.post(reverse("cases:person-new"), fields)
    assert response.status_code in (200, 302)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    share=st.fixed_dictionaries({"agency": TEXT, "agreement": TEXT, "reason": TEXT, "without_consent_reason": TEXT}),
    event=st.fixed_dictionaries(
        {"occurred_on": TEXT, "kind": TEXT, "classification": st.sampled_from(["offence", "x"]), "description": TEXT}
    ),
    task=st.fixed_dictionaries({"title": TEXT, "assigned_to": TEXT, "due_on": TEXT}),
)
def test_share_event_and_task_forms_fuzz_never_fail_the_server(db, client, people, share, event, task) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import PersonRecord

    record = PersonRecord.objects.first() or person_record(synthetic_people(1, seed=2)[0], people["officer"].agency)
    _verified(client, people["officer"])
    for name, data in (("cases:person-share", share), ("cases:event-new", event), ("cases:task-new", task)):
        assert client.post(reverse(name, args=[record.pk]), data).status_code in (200, 302)
