"""Action items an agency owns; a restricted one is read only by its agency and partnership-wide roles."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency


class ActionItem(models.Model):
    NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, COMPLETE = "not-started", "green", "amber", "red", "complete"
    STATES = [
        (NOT_STARTED, _("Not started")),
        (ON_TRACK, _("On track")),
        (AT_RISK, _("At risk")),
        (OFF_TRACK, _("Off track")),
        (COMPLETE, _("Complete")),
    ]

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="actions")
    priority = models.CharField(max_length=200, blank=True)
    due = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=STATES, default=NOT_STARTED)
    restricted = models.BooleanField(default=False)

    class Meta:
        ordering: ClassVar[list[str]] = ["due", "title"]

    def __str__(self) -> str:
        return self.title
