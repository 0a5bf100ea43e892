"""Community Payback: the public nominate work offenders do for the community (the GOV.UK
nomination form's questions), staff assess and score each, shortlist them into a round, the
public vote (one confirmed vote per normalised e-mail address per round), the results are
published, and completed projects are shown."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SCORE_MAX = 5  # each criterion scored 0-5


class PaybackRound(models.Model):
    """A public vote between shortlisted nominations."""

    title = models.CharField(max_length=200)
    voting_opens = models.DateTimeField()
    voting_closes = models.DateTimeField()
    results_published = models.BooleanField(default=False)
    # [[nomination id, confirmed votes], ...] kept when voting closes, so the published result
    # outlives the votes themselves (deleted by the retention job).
    final_tally = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-voting_opens", "-id"]

    def __str__(self) -> str:
        return self.title


class PaybackNomination(models.Model):
    SUBMITTED, UNSUITABLE, SHORTLISTED, COMPLETED = "submitted", "unsuitable", "shortlisted", "completed"
    STATUSES = [
        (SUBMITTED, _("Waiting for assessment")),
        (UNSUITABLE, _("Not suitable")),
        (SHORTLISTED, _("Shortlisted for a vote")),
        (COMPLETED, _("Completed")),
    ]
    PERMISSION = [("yes", _("Yes")), ("no", _("No")), ("unknown", _("I don't know"))]

    reference = models.CharField(max_length=12, unique=True)
    nonce = models.CharField(max_length=64, unique=True)
    # The GOV.UK "Nominate a Community Payback project" questions.
    title = models.CharField(max_length=120)
    location = models.CharField(max_length=300)
    ward = models.CharField(max_length=9, db_index=True)
    work = models.TextField(max_length=2000)  # what needs doing
    benefit = models.TextField(max_length=2000)  # who benefits, and how
    landowner = models.CharField(max_length=200, blank=True)
    landowner_agrees = models.CharField(max_length=8, choices=PERMISSION, default="unknown")
    nominator_name = models.CharField(max_length=200)
    nominator_email = models.EmailField()
    nominator_telephone = models.CharField(max_length=30, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    status = models.CharField(max_length=16, choices=STATUSES, default=SUBMITTED, db_index=True)
    score_benefit = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-5
    score_visibility = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-5: seen by the public
    score_feasibility = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-5: safe, supervisable work
    assessment = models.TextField(blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    round = models.ForeignKey(
        PaybackRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="nominations"
    )
    completed_on = models.DateField(null=True, blank=True)
    completion_summary = models.TextField(blank=True)
    hours_worked = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int | None:
        parts = (self.score_benefit, self.score_visibility, self.score_feasibility)
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


class PaybackVote(models.Model):
    """A vote, counted once confirmed from the e-mailed link. Only keyed hashes of the address
    and the token are kept: the address itself is used to send the link and then forgotten."""

    round = models.ForeignKey(PaybackRound, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(PaybackNomination, on_delete=models.CASCADE, related_name="votes")
    voter = models.CharField(max_length=64)  # keyed hash of the normalised e-mail address
    token_hash = models.CharField(max_length=64, unique=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["round", "voter"], name="one_vote_per_address_per_round"),
        ]
