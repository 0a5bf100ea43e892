"""Anti-social behaviour cases: the behaviour and where it happens, the people in it
(complainants, perpetrators, witnesses), its incidents, and the interventions on the escalation
ladder with their dates; a case may be linked to the resident's ASB case review application."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.cases import governance
from cspkit.web.accounts.models import Agency
from cspkit.web.cases.models.places import CaseLocation
from cspkit.web.cases.models.records import Governed, PersonRecord

COMPLAINANT, PERPETRATOR, WITNESS = "complainant", "perpetrator", "witness"
PARTY_ROLES: list[tuple[str, Any]] = [
    (COMPLAINANT, _("Complainant")),
    (PERPETRATOR, _("Perpetrator")),
    (WITNESS, _("Witness")),
]


class AsbCase(Governed):
    """One agency's ASB case: the behaviour, where, since when; closed with a reason."""

    title = models.CharField(_("the behaviour, in a few words"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    ward = models.CharField(_("ward"), max_length=9, blank=True)
    lsoa21 = models.CharField(_("LSOA"), max_length=9, blank=True)
    location = models.ForeignKey(
        CaseLocation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="asb_cases",
        verbose_name=_("place"),
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.TextField(_("why closed"), blank=True)
    case_review = models.ForeignKey(
        "engage.AsbCaseReview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="asb_cases",
        verbose_name=_("ASB case review application"),
    )
    threshold_met_on = models.DateField(null=True, blank=True)  # when its complaints last reached the threshold

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "title": governance.OFFENCE,
        "summary": governance.OFFENCE,
        "ward": governance.CONTACT,
        "lsoa21": governance.CONTACT,
        "location": governance.CONTACT,
        "opened_on": governance.OFFENCE,
        "closed_on": governance.OFFENCE,
        "closure_reason": governance.OFFENCE,
        "case_review": governance.CONTACT,
        "threshold_met_on": governance.OFFENCE,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["closed_on", "-opened_on", "-id"]

    def __str__(self) -> str:
        return self.reference


class AsbParty(models.Model):
    """A person in the case, by the owning agency's record of them, and in what role."""

    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="asb_parts")
    role = models.CharField(_("role in the case"), max_length=16, choices=PARTY_ROLES)
    vulnerable = models.BooleanField(_("vulnerable or repeatedly targeted"), default=False)
    note = models.TextField(_("note"), blank=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "person": governance.IDENTITY,
        "role": governance.OFFENCE,
        "vulnerable": governance.SAFEGUARDING,
        "note": governance.SAFEGUARDING,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["role", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="asb_party_once_per_role")
        ]


class AsbIncident(models.Model):
    """An incident of the behaviour; a complaint by a complainant counts towards the case review threshold."""

    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="incidents")
    occurred_on = models.DateField(_("date"))
    description = models.TextField(_("what happened"))
    complaint = models.BooleanField(_("a complaint by a complainant"), default=False)
    reported_to = models.CharField(_("reported to"), max_length=200, blank=True)
    perpetrator = models.ForeignKey(
        PersonRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")  # the agency that recorded it
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "occurred_on": governance.OFFENCE,
        "description": governance.OFFENCE,
        "complaint": governance.OFFENCE,
        "reported_to": governance.OFFENCE,
        "perpetrator": governance.IDENTITY,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["-occurred_on", "-id"]


class AsbIntervention(models.Model):
    """A step on the escalation ladder taken with a perpetrator: which, when, by which agency."""

    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="interventions")
    perpetrator = models.ForeignKey(
        PersonRecord, on_delete=models.CASCADE, related_name="asb_interventions", verbose_name=_("perpetrator")
    )
    step = models.CharField(_("step on the ladder"), max_length=40)  # a code from cases.asb.ladder
    on = models.DateField(_("date"))
    ends_on = models.DateField(_("in force until"), null=True, blank=True)  # a contract's or order's term
    note = models.TextField(_("note"), blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "perpetrator": governance.IDENTITY,
        "step": governance.OFFENCE,
        "on": governance.OFFENCE,
        "ends_on": governance.OFFENCE,
        "note": governance.OFFENCE,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["on", "id"]
