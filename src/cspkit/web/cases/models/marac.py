"""MARAC: meetings, referrals of high-risk domestic abuse victims, each agency's research,
actions, and the domestic homicide review register.

A referral is governed like the victim's record it is about, and the referring agency owns
both: who may see a referral is who may see the victim's record (policy.relation). Listing a
case at a meeting shares the victim's record with the meeting's agencies under the referral's
agreement, which is how MARAC information sharing works: each agency brings what it knows.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.cases import governance, marac
from cspkit.web.accounts.models import Agency
from cspkit.web.cases.encrypted import EncryptedTextField
from cspkit.web.cases.models.records import CaseEvent, Governed, PersonRecord
from cspkit.web.datahub.models import SharingAgreement

ABUSE_KIND_CHOICES = list(marac.ABUSE_KINDS)
YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), ("", _("Not recorded"))]


class MaracMeeting(models.Model):
    """A MARAC meeting: when and where, who coordinates it, and which agencies sit at it."""

    held_on = models.DateField(_("date of the meeting"))
    place = models.CharField(_("place or link"), max_length=200, blank=True)
    coordinator = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("coordinating agency")
    )
    agencies = models.ManyToManyField(Agency, related_name="+", verbose_name=_("agencies at the meeting"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)  # the coordinator closed the meeting

    class Meta:
        ordering: ClassVar[list[str]] = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"MARAC {self.held_on:%d %b %Y}"


class MaracReferral(Governed):
    """A referral of a victim to MARAC, with the criteria it meets and what the meeting decided."""

    REFERRED, LISTED, HEARD, WITHDRAWN = "referred", "listed", "heard", "withdrawn"
    STATUSES: ClassVar[list[tuple[str, Any]]] = [
        (REFERRED, _("Referred")),
        (LISTED, _("Listed for a meeting")),
        (HEARD, _("Heard")),
        (WITHDRAWN, _("Withdrawn")),
    ]
    RELATIONSHIPS: ClassVar[list[tuple[str, Any]]] = [
        ("partner", _("Current intimate partner")),
        ("ex-partner", _("Former intimate partner")),
        ("family", _("Family member")),
        ("other", _("Other")),
    ]

    victim = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="marac_referrals")
    perpetrator = models.ForeignKey(
        PersonRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("perpetrator")
    )
    coordinator = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("MARAC coordinating agency")
    )
    agreement = models.ForeignKey(
        SharingAgreement, on_delete=models.PROTECT, related_name="+", verbose_name=_("information-sharing agreement")
    )
    referred_on = models.DateField(_("referred on"))
    incident_on = models.DateField(_("date of the incident that led to the referral"))
    incident_kind = models.CharField(_("kind of abuse"), max_length=32, choices=ABUSE_KIND_CHOICES)
    checklist_score = models.PositiveSmallIntegerField(_("risk checklist score"), null=True, blank=True)
    professional_judgement = models.BooleanField(_("referred on professional judgement"), default=False)
    incidents_12_months = models.PositiveSmallIntegerField(_("incidents in the last 12 months"), default=0)
    repeat = models.BooleanField(_("repeat"), default=False)  # set by the rules, never by hand
    repeat_definition = models.CharField(max_length=32, blank=True)  # the definition in force that decided
    triggered_by = models.ForeignKey(CaseEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    relationship = models.CharField(_("victim–perpetrator relationship"), max_length=16, choices=RELATIONSHIPS)
    children_in_household = models.PositiveSmallIntegerField(_("children in the household"), default=0)
    mappa = models.BooleanField(_("MAPPA case"), default=False)
    child_safeguarding = models.BooleanField(_("child safeguarding referral made"), default=False)
    ethnic_minority = EncryptedTextField(_("from a Black, Asian or minority ethnic community"), blank=True)
    disabled = EncryptedTextField(_("disabled"), blank=True)
    lgbt = EncryptedTextField(_("lesbian, gay, bisexual or trans"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=STATUSES, default=REFERRED)
    meeting = models.ForeignKey(
        MaracMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("meeting")
    )
    idva = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("IDVA allocated"),
    )
    outcome = models.TextField(_("outcome"), blank=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "victim": governance.IDENTITY,
        "perpetrator": governance.IDENTITY,
        "referred_on": governance.SAFEGUARDING,
        "incident_on": governance.SAFEGUARDING,
        "incident_kind": governance.SAFEGUARDING,
        "checklist_score": governance.SAFEGUARDING,
        "professional_judgement": governance.SAFEGUARDING,
        "incidents_12_months": governance.SAFEGUARDING,
        "repeat": governance.SAFEGUARDING,
        "relationship": governance.SAFEGUARDING,
        "children_in_household": governance.SAFEGUARDING,
        "mappa": governance.OFFENCE,
        "child_safeguarding": governance.SAFEGUARDING,
        "ethnic_minority": governance.ETHNICITY,
        "disabled": governance.HEALTH,
        "lgbt": governance.SEXUAL_ORIENTATION,
        "status": governance.SAFEGUARDING,
        "idva": governance.SAFEGUARDING,
        "outcome": governance.SAFEGUARDING,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return self.reference


class MaracResearch(models.Model):
    """What one agency found about a case before the meeting."""

    referral = models.ForeignKey(MaracReferral, on_delete=models.CASCADE, related_name="research")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(_("what your agency knows"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {"summary": governance.SAFEGUARDING}

    class Meta:
        ordering: ClassVar[list[str]] = ["agency__name", "at"]


class MaracAction(models.Model):
    """An action agreed at the meeting: which agency, who, by when."""

    referral = models.ForeignKey(MaracReferral, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    CLASSIFIED: ClassVar[dict[str, str]] = {"title": governance.SAFEGUARDING}

    class Meta:
        ordering: ClassVar[list[str]] = ["done_at", "due_on", "id"]


class DomesticHomicideReview(models.Model):
    """A domestic homicide review (domestic abuse related death review) in the partnership's
    register. It holds a pseudonym, never the person's name: reviews are published anonymised."""

    STAGES: ClassVar[list[tuple[str, Any]]] = [
        ("notified", _("Notified to the partnership")),
        ("decided", _("Decision to hold a review")),
        ("panel", _("Panel meeting")),
        ("submitted", _("Report submitted to the Home Office")),
        ("assured", _("Quality assured")),
        ("published", _("Published")),
        ("not-held", _("Decided not to hold a review")),
    ]
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    pseudonym = models.CharField(_("pseudonym"), max_length=60)
    died_on = models.DateField(_("date of death"))
    notified_on = models.DateField(_("notified on"))
    decided_on = models.DateField(_("decision on"), null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=STAGES, default="notified")
    chair = models.CharField(_("independent chair"), max_length=120, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    summary = models.TextField(_("summary (anonymised)"), blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-notified_on", "-id"]

    def __str__(self) -> str:
        return self.reference


class DhrRecommendation(models.Model):
    """A review's recommendation for an agency, with the action it takes and where it stands."""

    STATUSES: ClassVar[list[tuple[str, Any]]] = [
        ("open", _("Open")),
        ("in-progress", _("In progress")),
        ("done", _("Done")),
        ("not-accepted", _("Not accepted")),
    ]
    review = models.ForeignKey(DomesticHomicideReview, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    action = models.TextField(_("action"), blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=STATUSES, default="open")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["due_on", "id"]
