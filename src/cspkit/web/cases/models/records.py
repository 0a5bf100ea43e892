"""The shared core: one agency's record of a person, places and events, each carrying its
governance (owner, purpose, legal basis, consent, retention dates) and, per field, a
classification that decides which roles see it (`cases.grants` in partnership.yaml)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.cases import governance, marac
from cspkit.web.accounts.models import Agency
from cspkit.web.cases.encrypted import EncryptedTextField

LEGAL_BASIS_CHOICES = [(b.code, b.label) for b in governance.LEGAL_BASES]
# Fields every record has that say how it is governed, not who the person is.
GOVERNANCE_FIELDS = frozenset(
    {
        "id",
        "reference",
        "owner",
        "purpose",
        "legal_basis",
        "consent",
        "consent_reason",
        "review_on",
        "delete_on",
        "created_by",
        "created_at",
        "updated_at",
        "synthetic",
    }
)


class Governed(models.Model):
    """What every person-level record carries: who owns it, why, on what basis, until when."""

    reference = models.CharField(_("reference"), max_length=16, unique=True)
    owner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning agency"))
    purpose = models.CharField(_("purpose"), max_length=40)  # a slug from cases.purposes
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LEGAL_BASIS_CHOICES)
    consent = models.CharField(_("consent"), max_length=16, choices=governance.CONSENT_STATUSES)
    consent_reason = models.TextField(_("reason consent was not sought, or note"), blank=True)
    review_on = models.DateField(_("review on"))
    delete_on = models.DateField(_("delete on"), db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    synthetic = models.BooleanField(default=False)  # made by the demo's generator

    CLASSIFIED: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True


class PersonRecord(Governed):
    """One agency's record of a person. Two agencies holding the same person each keep their own;
    possible matches between them are `PossibleMatch`es, never a merged record."""

    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100, db_index=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=16, blank=True)
    ni_number = models.CharField(_("National Insurance number"), max_length=9, blank=True)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    lsoa21 = models.CharField(_("LSOA"), max_length=9, blank=True)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    ethnicity = EncryptedTextField(_("ethnicity"), blank=True)
    health = EncryptedTextField(_("health"), blank=True)
    safeguarding = models.TextField(_("safeguarding notes"), blank=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "given_name": governance.IDENTITY,
        "family_name": governance.IDENTITY,
        "date_of_birth": governance.IDENTITY,
        "sex": governance.IDENTITY,
        "ni_number": governance.IDENTITY,
        "phone": governance.CONTACT,
        "email": governance.CONTACT,
        "address": governance.CONTACT,
        "lsoa21": governance.CONTACT,
        "lon": governance.CONTACT,
        "lat": governance.CONTACT,
        "ethnicity": governance.ETHNICITY,
        "health": governance.HEALTH,
        "safeguarding": governance.SAFEGUARDING,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["family_name", "given_name", "id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class CaseEvent(Governed):
    """Something that happened, recorded by one agency, involving one or more people."""

    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("what happened"), max_length=100)
    classification = models.CharField(
        _("classification"),
        max_length=16,
        choices=[(governance.OFFENCE, _("Offence")), (governance.SAFEGUARDING, _("Safeguarding"))],
    )
    description = models.TextField(_("description"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    lsoa21 = models.CharField(_("LSOA"), max_length=9, blank=True)
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)
    abuse_kind = models.CharField(
        _("domestic abuse: kind"), max_length=32, blank=True, choices=list(marac.ABUSE_KINDS)
    )  # set when the event is domestic abuse; a further incident after a MARAC referral may make a repeat
    people = models.ManyToManyField(PersonRecord, related_name="events", verbose_name=_("people"))
    location = models.ForeignKey(
        "cases.CaseLocation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("location"),
    )  # one of the owning agency's own places

    CLASSIFIED: ClassVar[dict[str, str]] = {
        "occurred_on": governance.OFFENCE,  # replaced by the event's own classification in `field_class`
        "kind": governance.OFFENCE,
        "classification": governance.OFFENCE,
        "description": governance.OFFENCE,
        "abuse_kind": governance.OFFENCE,
        "place": governance.CONTACT,
        "lsoa21": governance.CONTACT,
        "lon": governance.CONTACT,
        "lat": governance.CONTACT,
        "people": governance.IDENTITY,
        "location": governance.CONTACT,
    }

    class Meta:
        ordering: ClassVar[list[str]] = ["-occurred_on", "-id"]

    def field_class(self, name: str) -> str:
        """An event's what-and-when take the event's classification (offence or safeguarding)."""
        if name in ("occurred_on", "kind", "classification", "description", "abuse_kind"):
            return self.classification
        return self.CLASSIFIED[name]
