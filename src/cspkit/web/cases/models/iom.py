"""Integrated offender management (IOM / PPO): who is on the cohort and why, from when to when,
in which strand and on which pathways; the engagement log; and the proven offences NI 30 counts."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.cases import governance
from cspkit.web.cases.models.records import Governed, PersonRecord

STRANDS: list[tuple[str, Any]] = [
    ("prevent-deter", _("Prevent and Deter")),
    ("catch-convict", _("Catch and Convict")),
    ("rehabilitate-resettle", _("Rehabilitate and Resettle")),
]
PATHWAYS: list[tuple[str, Any]] = [
    ("accommodation", _("Accommodation")),
    ("employment", _("Education, training and employment")),
    ("health", _("Health")),
    ("drugs", _("Drugs")),
    ("alcohol", _("Alcohol")),
    ("finance", _("Finance, benefit and debt")),
    ("family", _("Children and families")),
    ("attitudes", _("Attitudes, thinking and behaviour")),
]


class IomMember(Governed):
    """A person on the IOM cohort: selected on a date, on criteria, with a reason; de-selected likewise."""

    person = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="iom_memberships")
    strand = models.CharField(_("strand"), max_length=24, choices=STRANDS)
    pathways = models.CharField(_("pathways"), max_length=200, blank=True)  # comma-separated PATHWAYS codes
    selected_on = models.DateField(_("selected on"))
    criteria = models.CharField(_("selection criteria"), max_length=200)
    reason = models.TextField(_("why selected"))
    deselected_on = models.DateField(_("de-selected on"), null=True, blank=True)
    deselection_reason = models.TextField(_("why de-selected"), blank=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "person": governance.IDENTITY,
        "strand": governance.OFFENCE,
        "pathways": governance.OFFENCE,
        "selected_on": governance.OFFENCE,
        "criteria": governance.OFFENCE,
        "reason": governance.OFFENCE,
        "deselected_on": governance.OFFENCE,
        "deselection_reason": governance.OFFENCE,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["deselected_on", "-selected_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    def pathway_labels(self) -> list[str]:
        names = dict(PATHWAYS)
        return [str(names.get(code, code)) for code in self.pathways.split(",") if code]


class IomEngagement(models.Model):
    """A contact with the cohort member: a visit, an appointment, a test, a referral."""

    member = models.ForeignKey(IomMember, on_delete=models.CASCADE, related_name="engagements")
    on = models.DateField(_("date"))
    kind = models.CharField(_("contact"), max_length=100)
    note = models.TextField(_("note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    CLASSIFIED: ClassVar[dict[str, str]] = {"kind": governance.OFFENCE, "note": governance.OFFENCE}

    class Meta:
        ordering: ClassVar[list[str]] = ["-on", "-id"]


class IomOffence(models.Model):
    """An offence by a cohort member: when committed, and when proven (conviction or caution)."""

    member = models.ForeignKey(IomMember, on_delete=models.CASCADE, related_name="offences")
    committed_on = models.DateField(_("committed on"))
    offence = models.CharField(_("offence"), max_length=200)
    proven_on = models.DateField(_("proven on (conviction or caution)"), null=True, blank=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "committed_on": governance.OFFENCE,
        "offence": governance.OFFENCE,
        "proven_on": governance.OFFENCE,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["-committed_on", "-id"]
