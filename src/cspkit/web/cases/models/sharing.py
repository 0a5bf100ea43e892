"""Shares of a person record with another agency, each under an agreement in the register, and
possible matches between agencies' records of the same person."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency
from cspkit.web.cases.models.records import PersonRecord
from cspkit.web.datahub.models import SharingAgreement


class Share(models.Model):
    """`person` (and its owner's events about them) shared with `agency` under `agreement`."""

    person = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("shared with"))
    agreement = models.ForeignKey(
        SharingAgreement, on_delete=models.PROTECT, related_name="+", verbose_name=_("agreement")
    )
    reason = models.TextField(_("why this share is necessary"))
    without_consent_reason = models.TextField(
        _("why sharing without consent is necessary and proportionate"), blank=True
    )
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-shared_at"]


class PossibleMatch(models.Model):
    """Two agencies' records that may be the same person (found by duplicate suggestions)."""

    record = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    found_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["record", "other"], name="one_possible_match_per_pair")
        ]
