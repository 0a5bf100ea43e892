"""Places in the shared core: one agency's record of a location that matters to its case work
(a problem address, a park, a stairwell), which its events happen at. Several events at one
place show it as a repeat location; who may see the place follows who may see those events."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.cases import governance
from cspkit.web.cases.models.records import Governed


class CaseLocation(Governed):
    name = models.CharField(_("name of the place"), max_length=200)
    address = models.CharField(_("address or description"), max_length=200, blank=True)
    lsoa21 = models.CharField(_("LSOA"), max_length=9, blank=True)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "name": governance.CONTACT,
        "address": governance.CONTACT,
        "lsoa21": governance.CONTACT,
        "lon": governance.CONTACT,
        "lat": governance.CONTACT,
        "notes": governance.SAFEGUARDING,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["name", "id"]

    def __str__(self) -> str:
        return self.reference
