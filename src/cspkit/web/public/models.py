"""Public meetings (PACT, "face the people") and the neighbourhood priorities they set: the
"you said, we did" record (issue, action, issue date, action date) police.uk's API publishes."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_OPEN_PRIORITIES = 3  # PACT: a meeting sets up to three priorities for its neighbourhood


class PublicMeeting(models.Model):
    PACT, FACE_THE_PEOPLE = "pact", "face-the-people"
    KINDS = [
        (PACT, _("Partners and Communities Together (PACT) meeting")),
        (FACE_THE_PEOPLE, _("Face the people session")),
    ]

    ward = models.CharField(max_length=9, db_index=True)  # the neighbourhood: a 2023 ward code
    kind = models.CharField(max_length=16, choices=KINDS, default=PACT)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    venue = models.CharField(max_length=300)
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.title} {self.starts_at:%Y-%m-%d}"

    def previous(self) -> PublicMeeting | None:
        """The neighbourhood's meeting before this one, whose priorities this one reports on."""
        earlier = PublicMeeting.objects.filter(ward=self.ward, starts_at__lt=self.starts_at)
        return earlier.order_by("-starts_at", "-id").first()


class NeighbourhoodPriority(models.Model):
    """A priority residents set ("you said") and what the partnership did about it ("we did")."""

    ward = models.CharField(max_length=9, db_index=True)
    issue = models.TextField()
    issue_date = models.DateField()
    action = models.TextField(blank=True)
    action_date = models.DateField(null=True, blank=True)
    closed = models.BooleanField(default=False)  # dealt with or replaced; kept for the record
    agreed_at = models.ForeignKey(
        PublicMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="priorities_agreed"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["closed", "-issue_date", "id"]
        verbose_name_plural = "neighbourhood priorities"

    def __str__(self) -> str:
        return self.issue[:60]
