"""Action items an agency owns; a restricted one is read only by its agency and partnership-wide roles."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
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


class ConfigurationSave(models.Model):
    """One saved revision of the partnership configuration: the database is the source of
    truth once the web app runs, and each save re-exports partnership.yaml (DESIGN.md)."""

    revision = models.IntegerField(unique=True)
    text = models.TextField()
    change = models.CharField(max_length=300)
    saved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-revision"]


class ReportRun(models.Model):
    """A strategic assessment, plan or performance report the worker builds for a person."""

    ASSESSMENT, PLAN, PERFORMANCE = "assessment", "plan", "performance"
    KINDS = [
        (ASSESSMENT, _("Strategic assessment")),
        (PLAN, _("Partnership plan")),
        (PERFORMANCE, _("Performance report")),
    ]
    WAITING, RUNNING, DONE, FAILED = "waiting", "running", "done", "failed"
    STATES = [(WAITING, _("Waiting")), (RUNNING, _("Running")), (DONE, _("Done")), (FAILED, _("Failed"))]

    kind = models.CharField(max_length=16, choices=KINDS)
    period = models.CharField(max_length=32, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_runs")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=STATES, default=WAITING, db_index=True)
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True)
    files = models.JSONField(default=list)  # names under $CSPKIT_HOME/web/reports/<id>/

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]


class PrioritiesApproval(models.Model):
    """The manager's approval of the priorities a kept strategic assessment chose."""

    assessment_run = models.CharField(max_length=200)  # the kept run's folder name
    period = models.CharField(max_length=32)
    priorities = models.JSONField(default=list)  # [{"issue": ..., "title": ...}]
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    approved_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-approved_at", "-id"]


class StatusUpdate(models.Model):
    """A dated status update on an action by someone of its owning agency (RAG history)."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=16, choices=ActionItem.STATES)
    note = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
