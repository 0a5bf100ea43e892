"""Safer Streets: a resident's pin where they feel unsafe, its photos, "me too" support and
the partnership's actions. The exact place, the contact details and unmoderated text are for
moderators only; the public sees a published pin at its blurred place."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency

MAX_PHOTOS = 3
MAX_DESCRIPTION = 2000


class SaferStreetsPin(models.Model):
    AWAITING, PUBLISHED, REJECTED, SAFEGUARDING = "awaiting", "published", "rejected", "safeguarding"
    STATUSES = [
        (AWAITING, _("Awaiting moderation")),
        (PUBLISHED, _("Published")),
        (REJECTED, _("Not published")),
        (SAFEGUARDING, _("Passed to safeguarding")),
    ]

    reference = models.CharField(max_length=12, unique=True)  # what the resident is told
    nonce = models.CharField(max_length=64, unique=True)  # the form's one-time token: a replay finds this pin
    lon = models.FloatField()
    lat = models.FloatField()
    lsoa21 = models.CharField(max_length=9)
    ward = models.CharField(max_length=9, db_index=True)
    authority = models.CharField(max_length=9)
    reasons = models.JSONField(default=list)  # reason slugs from partnership.yaml's engage: list
    description = models.TextField(max_length=MAX_DESCRIPTION, blank=True)
    public_description = models.TextField(blank=True)  # what the moderator chose to publish
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    via = models.CharField(max_length=100, default="web")  # web, or the Open311 client's name
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)  # Open311's, for tokens/{token}

    status = models.CharField(max_length=16, choices=STATUSES, default=AWAITING, db_index=True)
    moderation_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    public_lon = models.FloatField(null=True, blank=True)  # blurred inside LSOA ∩ ward at publication
    public_lat = models.FloatField(null=True, blank=True)
    routed_to = models.ForeignKey(Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    supporters = models.PositiveIntegerField(default=0)
    we_did = models.TextField(blank=True)
    we_did_at = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-submitted_at", "-id"]
        verbose_name = "Safer Streets pin"

    def __str__(self) -> str:
        return self.reference

    @property
    def is_public(self) -> bool:
        return self.status == self.PUBLISHED


class PinPhoto(models.Model):
    """A cleaned JPEG (no EXIF, resized), kept in the database so deleting the pin deletes it."""

    pin = models.ForeignKey(SaferStreetsPin, on_delete=models.CASCADE, related_name="photos")
    data = models.BinaryField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    approved = models.BooleanField(default=False)  # each photo is moderated on its own

    class Meta:
        ordering: ClassVar[list[str]] = ["id"]


class PinSupport(models.Model):
    """One "me too" per visitor per pin; `supporter` is a hash, never a session key or address."""

    pin = models.ForeignKey(SaferStreetsPin, on_delete=models.CASCADE, related_name="supports")
    supporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["pin", "supporter"], name="one_support_per_visitor"),
        ]


class PinAction(models.Model):
    """What an agency did about a pin (staff only; the public sees the "we did" summary)."""

    pin = models.ForeignKey(SaferStreetsPin, on_delete=models.CASCADE, related_name="actions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(max_length=2000)
    taken_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-taken_on", "-id"]


class Open311Client(models.Model):
    """A system allowed to post reports through Open311 (FixMyStreet, a council back office).
    The key is shown once when an administrator issues it; only its hash is kept."""

    name = models.CharField(max_length=100, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]
        verbose_name = "Open311 client"

    def __str__(self) -> str:
        return self.name


class RateCount(models.Model):
    """Submissions counted per scope, address hash and clock hour. A row updated with
    `count = count + 1` is atomic on SQLite and PostgreSQL alike, where the cache's get-then-set
    increment let a burst through a few over the limit."""

    key = models.CharField(max_length=160, unique=True)
    hour = models.PositiveIntegerField(db_index=True)  # hours since the epoch, for clearing old rows
    count = models.PositiveIntegerField(default=0)
