"""The daily engagement job: each retention period enforced (contact details erased, reports,
photos and votes deleted, results and registers kept, an audit tombstone for each), overdue
Calls for Action reminded once, the job run once a day, and the privacy notice stating the
same periods."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cspkit.config.engage import EngageConfig
from cspkit.web.accounts.models import AuditEvent
from cspkit.web.engage import housekeeping
from cspkit.web.engage.models import (
    AsbCaseReview,
    CallForAction,
    PaybackNomination,
    PaybackVote,
    PinPhoto,
    SaferStreetsPin,
)

pytestmark = [pytest.mark.web, pytest.mark.django_db]
CONFIG = EngageConfig()


def _age(model: type, pk: int, days: int, field: str = "submitted_at") -> None:
    model.objects.filter(pk=pk).update(**{field: timezone.now() - timedelta(days=days)})  # type: ignore[attr-defined]


def _pin(reference: str, status: str, days: int, **extra: object) -> SaferStreetsPin:
    pin = SaferStreetsPin.objects.create(
        reference=reference,
        nonce=reference,
        lon=-0.496,
        lat=52.027,
        lsoa21="E01015629",
        ward="E05014394",
        authority="E06000056",
        reasons=["poor-lighting"],
        status=status,
        public_lon=-0.497,
        public_lat=52.028,
        **extra,
    )
    PinPhoto.objects.create(pin=pin, data=b"\xff\xd8\xff\xd9", width=1, height=1, approved=True)
    _age(SaferStreetsPin, pin.pk, days)
    return pin


def test_safer_streets_retention(client, objects) -> None:  # type: ignore[no-untyped-def]
    old = _pin("SS-OLDOLD", SaferStreetsPin.PUBLISHED, 731)
    rejected = _pin("SS-REJECT", SaferStreetsPin.REJECTED, 91)
    contact = _pin("SS-CONTAC", SaferStreetsPin.PUBLISHED, 181, contact_name="Synthetic", contact_email="s@example.org")
    fresh = _pin("SS-FRESHH", SaferStreetsPin.AWAITING, 100, contact_email="keep@example.org")
    done = housekeeping.apply_retention(CONFIG)
    assert done["pins deleted"] == 1
    assert done["unpublished pins deleted"] == 1
    assert done["pin contacts erased"] == 1
    assert not SaferStreetsPin.objects.filter(pk__in=[old.pk, rejected.pk]).exists()
    assert not PinPhoto.objects.filter(pin_id__in=[old.pk, rejected.pk]).exists()
    contact.refresh_from_db()
    fresh.refresh_from_db()
    assert (contact.contact_name, contact.contact_email) == ("", "")
    assert fresh.contact_email == "keep@example.org"
    tombstones = set(AuditEvent.objects.filter(username=housekeeping.ACTOR).values_list("action", "object_id"))
    assert ("retention:delete", "SS-OLDOLD") in tombstones
    assert ("retention:erase-contact", "SS-CONTAC") in tombstones
    # Gone from every channel.
    assert client.get(reverse("engage:pin", args=["SS-OLDOLD"])).status_code == 404
    assert "SS-OLDOLD" not in client.get(reverse("engage:geojson")).content.decode()
    assert (
        "SS-OLDOLD"
        not in client.get(
            reverse("open311:requests", args=["json"]), {"start_date": "2000-01-01T00:00:00Z"}
        ).content.decode()
    )
    assert housekeeping.apply_retention(CONFIG)["pins deleted"] == 0  # nothing twice


def test_votes_are_deleted_after_the_round_and_the_result_is_kept(client, objects) -> None:  # type: ignore[no-untyped-def]
    round_ = objects["payback_round"]
    PaybackVote.objects.update(confirmed_at=timezone.now())
    round_.voting_closes = timezone.now() - timedelta(days=91)
    round_.voting_opens = timezone.now() - timedelta(days=100)
    round_.results_published = True
    round_.save()
    done = housekeeping.apply_retention(CONFIG)
    assert done["votes deleted"] == 1
    assert PaybackVote.objects.count() == 0
    page = client.get(reverse("engage:round", args=[round_.pk])).content.decode()
    assert "Clear the canal path: 1 vote" in page


def test_people_details_are_erased_once_matters_close(objects) -> None:  # type: ignore[no-untyped-def]
    nomination = objects["nomination"]
    _age(PaybackNomination, nomination.pk, 366)
    CallForAction.objects.filter(pk=objects["call_for_action"].pk).update(
        status=CallForAction.DECIDED, decided_at=timezone.now() - timedelta(days=731), public_summary="Kept"
    )
    AsbCaseReview.objects.filter(pk=objects["case_review"].pk).update(
        status=AsbCaseReview.REVIEWED, decided_at=timezone.now() - timedelta(days=731)
    )
    done = housekeeping.apply_retention(CONFIG)
    assert done["nominator details erased"] == 1
    assert done["call for action details erased"] == 1
    assert done["case review details erased"] == 1
    nomination.refresh_from_db()
    call = CallForAction.objects.get()
    review = AsbCaseReview.objects.get()
    assert (nomination.nominator_name, nomination.nominator_email) == ("", "")
    assert (call.resident_name, call.resident_email, call.public_summary) == ("", "", "Kept")
    assert (review.applicant_name, review.applicant_email) == ("", "")


def test_an_overdue_call_is_reminded_once(objects) -> None:  # type: ignore[no-untyped-def]
    CallForAction.objects.update(status=CallForAction.WITH_COUNCILLOR, submitted_at=timezone.now() - timedelta(days=29))
    assert housekeeping.send_reminders() == 1
    [message] = mail.outbox
    assert message.to == ["t-councillor@example.org"]
    assert "/call-for-action/cases/" in message.body
    assert "Synthetic" not in message.body
    assert housekeeping.send_reminders() == 0


def test_the_job_runs_once_a_day_and_from_the_command(objects) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    assert housekeeping.run_daily(EngageConfig) is not None
    assert housekeeping.run_daily(EngageConfig) is None
    out = StringIO()
    call_command("engage_housekeeping", stdout=out)
    assert "pins deleted: 0" in out.getvalue()


def test_the_privacy_notice_states_the_periods_enforced(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("pages:privacy")).content.decode()
    assert "deleted after 180 days" in page
    assert "730 days after the matter is closed" in page
