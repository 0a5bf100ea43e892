"""Tasks on records, in-app notifications, documents kept on a record, and tombstones."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency
from cspkit.web.cases.models.records import PersonRecord


class CaseTask(models.Model):
    """Something an officer must do on a record by a date; the reminder e-mail carries a link only."""

    person = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_tasks", verbose_name=_("for")
    )
    due_on = models.DateField(_("due on"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {"title": "safeguarding"}

    class Meta:
        ordering: ClassVar[list[str]] = ["done_at", "due_on", "id"]


class Notification(models.Model):
    """A line in someone's notifications: what kind of thing happened and a link; no personal data."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_notifications")
    person = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, null=True, related_name="+")
    text = models.CharField(max_length=200)  # e.g. "A task is due on a record" — never a name
    url = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["read_at", "-at"]


class CaseDocument(models.Model):
    """A file kept on a record, stored encrypted under $CSPKIT_HOME/web/case-files/."""

    person = models.ForeignKey(PersonRecord, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    stored_name = models.CharField(max_length=64, unique=True)
    size = models.IntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    CLASSIFIED: ClassVar[dict[str, str]] = {"title": "safeguarding", "original_name": "safeguarding"}


class Tombstone(models.Model):
    """What is left of a record deleted under its retention schedule: its reference and dates.

    Audit rows keep the reference, so who read the record and when can still be answered."""

    reference = models.CharField(max_length=16, unique=True)
    kind = models.CharField(max_length=32)
    owner = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=40)
    delete_on = models.DateField()
    deleted_at = models.DateTimeField(auto_now_add=True)
    documents_removed = models.IntegerField(default=0)

    class Meta:
        ordering: ClassVar[list[str]] = ["-deleted_at"]
