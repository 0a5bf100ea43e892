"""One vote per person per round: the e-mail address is normalised (case, spaces, "+tags",
Gmail's dots) and kept only as a keyed hash; the vote counts once confirmed from a link sent
to that address, so a vote needs a mailbox, not just an address typed in."""

from __future__ import annotations

import hashlib
import secrets

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cspkit.web.engage.abuse import hashed
from cspkit.web.engage.models import PaybackNomination, PaybackRound, PaybackVote

GMAIL = ("gmail.com", "googlemail.com")


def normalise_email(address: str) -> str:
    """The mailbox an address reaches: lower case, no "+tag", and for Gmail no dots."""
    local, _at, domain = address.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AlreadyVoted(Exception):
    """This address has a confirmed vote in the round."""


def request_vote(request: HttpRequest, round_: PaybackRound, nomination: PaybackNomination, email: str) -> None:
    """Record a vote waiting for confirmation and send its link; a second request before
    confirming replaces the first (a changed mind), after confirming it is refused."""
    voter = hashed(normalise_email(email), "payback-voter")
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        existing = PaybackVote.objects.select_for_update().filter(round=round_, voter=voter).first()
        if existing is not None and existing.confirmed_at is not None:
            raise AlreadyVoted
        if existing is not None:
            existing.nomination = nomination
            existing.token_hash = _token_hash(token)
            existing.save(update_fields=["nomination", "token_hash"])
        else:
            try:
                PaybackVote.objects.create(
                    round=round_, nomination=nomination, voter=voter, token_hash=_token_hash(token)
                )
            except IntegrityError:  # the same address at the same moment: the other request won
                raise AlreadyVoted from None
    link = request.build_absolute_uri(reverse("engage:vote-confirm", args=[token]))
    # The message carries the link and the round's name only: nothing about the voter.
    send_mail(
        _("Confirm your Community Payback vote"),
        _(
            'Please confirm your vote in "%(round)s" by opening this link:\n\n%(link)s\n\n'
            "If you did not ask to vote, ignore this message and no vote will be counted."
        )
        % {"round": round_.title, "link": link},
        None,
        [email.strip()],
    )


def vote_for_token(token: str) -> PaybackVote | None:
    return PaybackVote.objects.select_related("round", "nomination").filter(token_hash=_token_hash(token)).first()


def confirm(vote: PaybackVote) -> bool:
    """Count the vote if its round is still open; False when voting has closed."""
    now = timezone.now()
    if not (vote.round.voting_opens <= now <= vote.round.voting_closes):
        return False
    if vote.confirmed_at is None:
        vote.confirmed_at = now
        vote.save(update_fields=["confirmed_at"])
    return True


def count_votes(round_: PaybackRound) -> dict[int, int]:
    counts = {n.pk: 0 for n in round_.nominations.all()}
    for vote in round_.votes.filter(confirmed_at__isnull=False):
        counts[vote.nomination_id] = counts.get(vote.nomination_id, 0) + 1
    return counts


def keep_tally(round_: PaybackRound) -> None:
    """Fix the round's result once voting has closed (the votes may then be deleted)."""
    if round_.final_tally is None:
        round_.final_tally = [[pk, n] for pk, n in sorted(count_votes(round_).items())]
        round_.save(update_fields=["final_tally"])


def tally(round_: PaybackRound) -> list[tuple[PaybackNomination, int]]:
    """Confirmed votes per shortlisted nomination, most first (the kept result once there is one)."""
    if round_.final_tally is not None:
        counts = {int(pk): int(n) for pk, n in round_.final_tally}
    else:
        counts = count_votes(round_)
    nominations = {n.pk: n for n in PaybackNomination.objects.filter(pk__in=counts)}
    return sorted(((nominations[pk], n) for pk, n in counts.items()), key=lambda item: (-item[1], item[0].title))
