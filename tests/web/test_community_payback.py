"""Community Payback from nomination to result: the public nominate (GOV.UK form questions),
staff assess, score and shortlist, a round's vote is one per normalised e-mail address and
counts only once confirmed from the e-mailed link, results are published after voting closes,
and completed projects are shown. Bad input and abuse are refused."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cspkit.web.accounts.models import AuditEvent
from cspkit.web.engage.models import PaybackNomination, PaybackRound, PaybackVote
from cspkit.web.engage.voting import normalise_email
from tests.web.conftest import AMPTHILL

pytestmark = [pytest.mark.web, pytest.mark.django_db]
LINK = re.compile(r"http://testserver(/community-payback/votes/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


NOMINATION = {
    "title": "Clear the alley behind the shops",
    "ward": AMPTHILL,
    "location": "The alley between Church Street and the car park",
    "work": "Clear litter and undergrowth, paint over graffiti",
    "benefit": "People walk through it to the shops and feel unsafe",
    "landowner": "The parish council",
    "landowner_agrees": "yes",
    "nominator_name": "Synthetic Person",
    "nominator_email": "synthetic@example.org",
}


def _nominate(client: Any, **extra: Any) -> Any:
    page = client.get(reverse("engage:nominate"))
    data = {**NOMINATION, "nonce": page.context["form"].initial["nonce"], **extra}
    return client.post(reverse("engage:nominate"), data)


def test_a_nomination_is_stored_once_with_a_reference(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("engage:nominate"))
    data = {**NOMINATION, "nonce": page.context["form"].initial["nonce"]}
    first = client.post(reverse("engage:nominate"), data)
    again = client.post(reverse("engage:nominate"), data)
    assert first.status_code == 302
    assert first["Location"] == again["Location"]
    made = PaybackNomination.objects.get()
    assert made.reference.startswith("CP-")
    assert made.status == PaybackNomination.SUBMITTED
    assert made.reference in client.get(first["Location"]).content.decode()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"title": ""}, "This field is required"),
        ({"ward": "E05014491"}, "Select a valid choice"),  # a Bedford ward: not the partnership's
        ({"nominator_email": "nobody"}, "Enter a valid email address"),
        ({"landowner_agrees": "perhaps"}, "Select a valid choice"),
        ({"work": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_each_kind_of_bad_nomination_is_refused(client, extra: dict[str, str], message: str) -> None:  # type: ignore[no-untyped-def]
    answered = _nominate(client, **extra)
    assert answered.status_code == 200
    assert message in answered.content.decode()
    assert PaybackNomination.objects.count() == 0


def test_robots_and_floods_are_refused(client) -> None:  # type: ignore[no-untyped-def]
    assert _nominate(client, website="http://spam.example").status_code == 302
    assert PaybackNomination.objects.count() == 0
    codes = [client.post(reverse("engage:nominate"), {}).status_code for _ in range(10)]
    assert codes[-1] == 429
    assert PaybackNomination.objects.count() == 0


def _assess(client: Any, nomination: PaybackNomination, **data: Any) -> Any:
    return client.post(reverse("engage:nomination", args=[nomination.pk]), data)


def test_staff_assess_score_and_shortlist_into_a_round(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    _nominate(client)
    nomination = PaybackNomination.objects.get()
    sign_in(people["officer"])
    page = client.get(reverse("engage:nomination", args=[nomination.pk]))
    assert "synthetic@example.org" in page.content.decode()
    assert AuditEvent.objects.filter(action="read", object_id=nomination.reference).exists()
    client.post(
        reverse("engage:round-new"),
        {"title": "Summer projects", "voting_opens": "2024-06-01 09:00", "voting_closes": "2024-06-14 17:00"},
    )
    round_ = PaybackRound.objects.get()
    refused = _assess(client, nomination, status="shortlisted")
    assert refused.status_code == 400
    assert "Score all three criteria" in refused.content.decode()
    refused = _assess(
        client, nomination, status="shortlisted", score_benefit=5, score_visibility=4, score_feasibility=3
    )
    assert "Choose the round" in refused.content.decode()
    done = _assess(
        client,
        nomination,
        status="shortlisted",
        score_benefit=5,
        score_visibility=4,
        score_feasibility=3,
        round=round_.pk,
    )
    assert done.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.status, nomination.score, nomination.round) == ("shortlisted", 12, round_)
    assert _assess(client, nomination, status="completed").status_code == 400
    assert (
        _assess(
            client,
            nomination,
            status="shortlisted",
            score_benefit=6,
            score_visibility=0,
            score_feasibility=0,
            round=round_.pk,
        ).status_code
        == 400
    )


def test_a_round_must_close_after_it_opens(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["officer"])
    client.post(
        reverse("engage:round-new"),
        {"title": "Backwards", "voting_opens": "2024-06-14 09:00", "voting_closes": "2024-06-01 17:00"},
    )
    assert PaybackRound.objects.count() == 0


@pytest.fixture
def open_round(people) -> PaybackRound:  # type: ignore[no-untyped-def]
    round_ = PaybackRound.objects.create(
        title="Spring projects",
        voting_opens=timezone.now() - timedelta(days=1),
        voting_closes=timezone.now() + timedelta(days=6),
        created_by=people["officer"],
    )
    for title in ("Clear the canal path", "Paint the underpass"):
        PaybackNomination.objects.create(
            reference=f"CP-{title[:6].upper().replace(' ', 'X')}",
            nonce=title,
            title=title,
            location="Somewhere",
            ward=AMPTHILL,
            work="Work",
            benefit="Benefit",
            nominator_name="Synthetic",
            nominator_email="n@example.org",
            status=PaybackNomination.SHORTLISTED,
            round=round_,
        )
    return round_


def _vote(client: Any, round_: PaybackRound, title: str, email: str) -> Any:
    choice = round_.nominations.get(title=title).pk
    return client.post(reverse("engage:round", args=[round_.pk]), {"nomination": choice, "email": email})


def _link(message: Any) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def test_one_confirmed_vote_per_normalised_address_per_round(client, open_round: PaybackRound) -> None:  # type: ignore[no-untyped-def]
    sent = _vote(client, open_round, "Clear the canal path", "Jo.Bloggs+vote@gmail.com")
    assert "Check your e-mail" in sent.content.decode()
    [message] = mail.outbox
    assert message.to == ["Jo.Bloggs+vote@gmail.com"]
    assert "Bloggs" not in message.body  # the message carries the link and the round, nothing about the voter
    vote = PaybackVote.objects.get()
    assert "gmail" not in vote.voter
    assert vote.confirmed_at is None
    # A changed mind before confirming replaces the choice (the same mailbox, written differently).
    _vote(client, open_round, "Paint the underpass", "jobloggs@googlemail.com")
    assert PaybackVote.objects.count() == 1
    link = _link(mail.outbox[-1])
    assert client.get(link).status_code == 200  # opening the link shows a button: nothing counted yet
    assert PaybackVote.objects.get().confirmed_at is None
    counted = client.post(link + "confirm/")
    assert "Your vote has been counted" in counted.content.decode()
    assert PaybackVote.objects.get().nomination.title == "Paint the underpass"
    again = _vote(client, open_round, "Clear the canal path", "JOBLOGGS@gmail.com")
    assert again.status_code == 409
    assert client.get(_link(mail.outbox[0])).status_code == 404  # the first link was replaced


def test_a_vote_outside_the_round_is_not_counted(client, open_round: PaybackRound) -> None:  # type: ignore[no-untyped-def]
    _vote(client, open_round, "Clear the canal path", "late@example.org")
    PaybackRound.objects.update(voting_closes=timezone.now() - timedelta(minutes=1))
    answered = client.post(_link(mail.outbox[0]) + "confirm/")
    assert answered.status_code == 410
    assert PaybackVote.objects.get().confirmed_at is None
    assert _vote(client, open_round, "Clear the canal path", "later@example.org").status_code == 404


def test_results_are_published_after_voting_closes_and_count_confirmed_votes(
    client, people, sign_in, open_round: PaybackRound
) -> None:  # type: ignore[no-untyped-def]
    for number, title in enumerate(["Paint the underpass", "Paint the underpass", "Clear the canal path"]):
        _vote(client, open_round, title, f"voter{number}@example.org")
        client.post(_link(mail.outbox[-1]) + "confirm/")
    _vote(client, open_round, "Clear the canal path", "never-confirmed@example.org")
    sign_in(people["officer"])
    manage = reverse("engage:round-manage", args=[open_round.pk])
    client.post(manage)
    open_round.refresh_from_db()
    assert not open_round.results_published  # still open
    client.post(manage, {"close": "1"})  # the round's manager ends voting early
    _vote(client, open_round, "Clear the canal path", "too-late@example.org")
    client.post(manage)
    client.logout()
    page = client.get(reverse("engage:round", args=[open_round.pk])).content.decode()
    assert re.search(r"Paint the underpass: 2 votes.*Clear the canal path: 1 vote\b", page, re.S)
    assert "Paint the underpass" in client.get(reverse("engage:payback")).content.decode()


def test_completed_projects_are_shown(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    _nominate(client)
    nomination = PaybackNomination.objects.get()
    sign_in(people["officer"])
    _assess(
        client,
        nomination,
        status="completed",
        completed_on="2024-07-01",
        hours_worked=120,
        completion_summary="The alley was cleared and repainted",
    )
    client.logout()
    page = client.get(reverse("engage:payback")).content.decode()
    assert "The alley was cleared and repainted" in page
    assert "120 hours of unpaid work" in page
    assert "synthetic@example.org" not in page


@pytest.mark.parametrize(
    ("written", "mailbox"),
    [
        ("  Jo.Bloggs@Example.ORG ", "jo.bloggs@example.org"),
        ("jo+payback@example.org", "jo@example.org"),
        ("J.O.B@googlemail.com", "job@gmail.com"),
        ("j.o.b+x@gmail.com", "job@gmail.com"),
    ],
)
def test_addresses_are_normalised_to_their_mailbox(written: str, mailbox: str) -> None:
    assert normalise_email(written) == mailbox
