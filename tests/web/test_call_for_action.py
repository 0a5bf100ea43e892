"""Councillor Call for Action from submission to the committee's outcome, with the time limit
and the executive route; the public register shows redacted summaries only; who sees which
Call; and the ASB case review (Community Trigger): the threshold counted from the complaints,
the review and the annual figures. Notifications carry a link and nothing else."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cspkit.web.accounts import roles
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.engage import trigger
from cspkit.web.engage.models import AsbCaseReview, CallForAction, WardCouncillor
from tests.web.conftest import AMPTHILL

pytestmark = [pytest.mark.web, pytest.mark.django_db]
FLITWICK = "E05014409"
TRACK = re.compile(r"http://testserver(/call-for-action/track/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def councillors(people) -> dict[str, User]:  # type: ignore[no-untyped-def]
    other = User.objects.create_user(
        "t-other-councillor", "other@example.org", "correct horse battery", role=roles.COUNCILLOR
    )
    WardCouncillor.objects.create(user=people["councillor"], ward=AMPTHILL)
    WardCouncillor.objects.create(user=other, ward=FLITWICK)
    return {"ampthill": people["councillor"], "flitwick": other}


CALL = {
    "ward": AMPTHILL,
    "topic": "Drug dealing by the play area",
    "matter": "Dealing most evenings by the play area; needles left behind",
    "how_long": "Since the spring",
    "already_done": "Reported to the police (ref 123) and the council",
    "outcome_wanted": "Patrols and the needles cleared",
    "resident_name": "Synthetic Resident",
    "resident_email": "resident@example.org",
    "lives_or_works": "on",
}


def _raise(client: Any, **extra: Any) -> Any:
    page = client.get(reverse("engage:cfa"))
    return client.post(reverse("engage:cfa"), {**CALL, "nonce": page.context["form"].initial["nonce"], **extra})


def _track_link() -> str:
    found = [TRACK.search(m.body) for m in mail.outbox if m.to == ["resident@example.org"]]
    assert found[-1], [m.body for m in mail.outbox]
    return found[-1].group(1)  # type: ignore[union-attr]


def test_a_call_runs_from_the_resident_to_the_committees_outcome(client, people, councillors, sign_in) -> None:  # type: ignore[no-untyped-def]
    sent = _raise(client)
    assert "Your Call for Action has been sent" in sent.content.decode()
    cfa = CallForAction.objects.get()
    assert cfa.status == CallForAction.WITH_COUNCILLOR
    told = {tuple(m.to) for m in mail.outbox}
    assert told == {("resident@example.org",), ("t-councillor@example.org",)}  # not the Flitwick councillor
    for message in mail.outbox:
        assert "play area" not in message.body  # a link only
        assert "Synthetic" not in message.body
    track = _track_link()
    assert "With the ward councillor" in client.get(track).content.decode()
    # The Ampthill councillor refers it to the committee.
    sign_in(councillors["ampthill"])
    assert client.get(reverse("engage:cfa-case", args=[cfa.pk])).status_code == 200
    assert AuditEvent.objects.filter(action="read", object_id=cfa.reference).exists()
    referred = client.post(
        reverse("engage:cfa-case", args=[cfa.pk]),
        {
            "decision": "referred",
            "response": "Referred: the problem persists",
            "public_summary": "Dealing near a play area",
        },
    )
    assert referred.status_code == 302
    assert any(m.to == ["t-scrutiny@example.org"] for m in mail.outbox)
    # The scrutiny committee decides.
    sign_in(people["scrutiny"])
    decided = client.post(
        reverse("engage:cfa-case", args=[cfa.pk]),
        {
            "outcome": "The committee asked for a joint plan",
            "recommendations": "Weekly patrols",
            "public_summary": "Committee asked police and council for a joint plan",
        },
    )
    assert decided.status_code == 302
    cfa.refresh_from_db()
    assert cfa.status == CallForAction.DECIDED
    client.logout()
    assert "The committee asked for a joint plan" in client.get(_track_link()).content.decode()
    register = client.get(reverse("engage:cfa-register")).content.decode()
    assert "Committee asked police and council for a joint plan" in register
    assert "Synthetic Resident" not in register
    assert "resident@example.org" not in register
    assert "needles" not in register  # the matter itself is never public


def test_who_sees_which_call(client, people, councillors, sign_in) -> None:  # type: ignore[no-untyped-def]
    _raise(client)
    cfa = CallForAction.objects.get()
    url = reverse("engage:cfa-case", args=[cfa.pk])
    sign_in(councillors["flitwick"])
    assert client.get(url).status_code == 404  # another ward's councillor
    assert cfa.reference not in client.get(reverse("engage:cfa-cases")).content.decode()
    sign_in(people["scrutiny"])
    assert client.get(url).status_code == 404  # not referred to the committee
    sign_in(people["manager"])
    assert client.get(url).status_code == 200
    sign_in(people["officer"])
    assert client.get(url).status_code == 403


def test_the_resident_may_take_an_overdue_call_to_the_executive(client, people, councillors, sign_in) -> None:  # type: ignore[no-untyped-def]
    _raise(client)
    cfa = CallForAction.objects.get()
    escalate = _track_link() + "executive/"
    client.post(escalate)
    cfa.refresh_from_db()
    assert cfa.status == CallForAction.WITH_COUNCILLOR  # not yet due: nothing happens
    CallForAction.objects.update(submitted_at=timezone.now() - timedelta(days=29))  # the demo allows 28
    assert "Take it to the council" in client.get(_track_link()).content.decode()
    client.post(escalate)
    cfa.refresh_from_db()
    assert cfa.status == CallForAction.EXECUTIVE
    sign_in(people["manager"])
    assert client.get(reverse("engage:cfa-case", args=[cfa.pk])).status_code == 200


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"lives_or_works": ""}, "for people who live or work in the ward"),
        ({"resident_email": ""}, "This field is required"),
        ({"ward": "E05014491"}, "Select a valid choice"),
        ({"matter": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_each_kind_of_bad_call_is_refused(client, extra: dict[str, str], message: str) -> None:  # type: ignore[no-untyped-def]
    answered = _raise(client, **extra)
    assert message in answered.content.decode()
    assert CallForAction.objects.count() == 0


def test_a_replayed_call_is_stored_once(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("engage:cfa"))
    data = {**CALL, "nonce": page.context["form"].initial["nonce"]}
    client.post(reverse("engage:cfa"), data)
    client.post(reverse("engage:cfa"), data)
    assert CallForAction.objects.count() == 1


def _complaints(*days_ago: int) -> dict[str, str]:
    fields = {}
    for number, days in enumerate(days_ago, 1):
        fields[f"complaint_{number}_date"] = (timezone.localdate() - timedelta(days=days)).isoformat()
        fields[f"complaint_{number}_to"] = "Council ASB team"
    return fields


def _apply(client: Any, **extra: Any) -> Any:
    page = client.get(reverse("engage:trigger"))
    data = {
        "nonce": page.context["form"].initial["nonce"],
        "ward": AMPTHILL,
        "description": "Loud parties and threats from next door",
        "applicant_name": "Synthetic Applicant",
        "applicant_email": "applicant@example.org",
        **extra,
    }
    return client.post(reverse("engage:trigger"), data)


def test_the_case_review_threshold_is_counted_from_the_complaints(client) -> None:  # type: ignore[no-untyped-def]
    met = _apply(client, **_complaints(10, 40, 150))
    assert "appears to meet the threshold" in met.content.decode()
    assert AsbCaseReview.objects.get().meets_threshold
    not_met = _apply(client, **_complaints(10, 40, 200))  # the third is older than six months
    assert "may not meet the threshold" in not_met.content.decode()
    assert [r.meets_threshold for r in AsbCaseReview.objects.order_by("id")] == [True, False]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "List at least one complaint"),
        (
            {"complaint_1_date": (date.today() + timedelta(days=3)).isoformat(), "complaint_1_to": "Council"},
            "cannot be in the future",
        ),
        ({"complaint_1_date": "2024-05-01"}, "Say whom you reported it to"),
        ({"complaint_1_date": "yesterday", "complaint_1_to": "Council"}, "Enter a valid date"),
    ],
)
def test_each_kind_of_bad_application_is_refused(client, extra: dict[str, str], message: str) -> None:  # type: ignore[no-untyped-def]
    answered = _apply(client, **extra)
    assert message in answered.content.decode()
    assert AsbCaseReview.objects.count() == 0


def test_a_review_is_recorded_and_counted_in_the_published_figures(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    _apply(client, **_complaints(5, 20, 60))
    _apply(client, **_complaints(5))
    first, second = AsbCaseReview.objects.order_by("id")
    sign_in(people["officer"])
    url = reverse("engage:trigger-case", args=[first.pk])
    assert "3 of the complaints listed" in client.get(url).content.decode()
    refused = client.post(url, {"status": "reviewed", "threshold_note": "Met"})
    assert refused.status_code == 400
    client.post(
        url,
        {
            "status": "reviewed",
            "threshold_note": "Met",
            "review_date": "2024-06-01",
            "agencies": "Police, council, housing",
            "recommendations": "Mediation; a warning letter",
            "outcome": "An action plan was agreed",
        },
    )
    client.post(
        reverse("engage:trigger-case", args=[second.pk]),
        {"status": "not-met", "threshold_note": "One complaint in six months"},
    )
    assert any(m.to == ["applicant@example.org"] and "/asb-case-review/track/" in m.body for m in mail.outbox)
    client.logout()
    page = client.get(reverse("engage:trigger-figures")).content.decode()
    year = trigger.financial_year(timezone.localdate())
    row = re.search(rf"<th scope=\"row\">{re.escape(year)}</th>(.*?)</tr>", page, re.S)
    assert row is not None
    assert re.findall(r">(\d+)<", row.group(1)) == ["2", "1", "1", "1"]


@pytest.mark.parametrize(
    ("day", "months", "start"),
    [
        (date(2024, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 3, 15), 6, date(2023, 9, 15)),
        (date(2025, 1, 31), 1, date(2024, 12, 31)),
    ],
)
def test_months_before_keeps_the_day_or_the_months_last(day: date, months: int, start: date) -> None:
    assert trigger.months_before(day, months) == start


def test_financial_years_run_april_to_march() -> None:
    assert trigger.financial_year(date(2024, 3, 31)) == "2023/24"
    assert trigger.financial_year(date(2024, 4, 1)) == "2024/25"
