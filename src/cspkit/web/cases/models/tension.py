"""Community tension monitoring (PSA 21, "build more cohesive, empowered and active
communities"): a restricted log of tension reports by ward, each with its level, trend,
sources and the partners' actions, and a dated history of how the level changed."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency


class TensionReport(models.Model):
    LEVELS: ClassVar[list[tuple[int, Any]]] = [
        (1, _("Low: normal for the area")),
        (2, _("Medium: tension is building")),
        (3, _("High: incidents are likely")),
        (4, _("Critical: disorder is happening or imminent")),
    ]
    TRENDS: ClassVar[list[tuple[str, Any]]] = [
        ("rising", _("Rising")),
        ("stable", _("Stable")),
        ("falling", _("Falling")),
    ]
    reference = models.CharField(_("reference"), max_length=16, unique=True)
    ward = models.CharField(_("ward"), max_length=9, db_index=True)
    reported_on = models.DateField(_("reported on"))
    level = models.PositiveSmallIntegerField(_("level"), choices=LEVELS)
    trend = models.CharField(_("trend"), max_length=8, choices=TRENDS)
    sources = models.TextField(_("sources"))  # e.g. community contacts, incidents, social media
    summary = models.TextField(_("what is happening"))
    actions = models.TextField(_("the partners' actions"), blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("reporting agency"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["closed_on", "-level", "-reported_on", "-id"]

    def __str__(self) -> str:
        return self.reference


class TensionUpdate(models.Model):
    """A change of level or a note on a report, with its date: the report's history."""

    report = models.ForeignKey(TensionReport, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(_("date"))
    level = models.PositiveSmallIntegerField(_("level"), choices=TensionReport.LEVELS)
    note = models.TextField(_("note"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering: ClassVar[list[str]] = ["-on", "-id"]
