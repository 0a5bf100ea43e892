"""Action items an agency owns; a restricted one is read only by its agency and partnership-wide roles."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency


class Meeting(models.Model):
    """A board or delivery-group meeting: its agenda is generated from the performance report's
    exceptions and the actions earlier meetings left open."""

    BOARD, DELIVERY = "board", "delivery-group"
    KINDS = [(BOARD, _("Partnership board")), (DELIVERY, _("Delivery group"))]

    kind = models.CharField(max_length=16, choices=KINDS)
    priority = models.CharField(max_length=100, blank=True)  # a delivery group's priority (issue id)
    title = models.CharField(max_length=200)
    date = models.DateField()
    held = models.BooleanField(default=False)
    minutes = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%Y-%m-%d}"


class AgendaItem(models.Model):
    STANDING, EXCEPTION, CARRIED, OTHER = "standing", "exception", "carried", "other"
    KINDS = [
        (STANDING, _("Standing item")),
        (EXCEPTION, _("Performance exception")),
        (CARRIED, _("Action carried forward")),
        (OTHER, _("Other business")),
    ]
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    order = models.IntegerField()
    kind = models.CharField(max_length=16, choices=KINDS)
    title = models.CharField(max_length=300)
    detail = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["order"]


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["recorded_at", "id"]


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
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")

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


class HallmarkElement(models.Model):
    """One element of the Hallmarks of Effective Partnerships: statutory (a cited paraphrase,
    not editable) or suggested practice (the partnership's own, editable)."""

    STATUTORY, SUGGESTED = "statutory", "suggested"
    KINDS = [(STATUTORY, _("Statutory")), (SUGGESTED, _("Suggested practice"))]

    code = models.CharField(max_length=8, unique=True)
    hallmark = models.CharField(max_length=40)
    hallmark_title = models.CharField(max_length=200)
    aspect = models.CharField(max_length=16)
    kind = models.CharField(max_length=16, choices=KINDS)
    text = models.TextField()
    citation = models.CharField(max_length=300, blank=True)
    citation_url = models.URLField(blank=True)
    order = models.IntegerField()

    class Meta:
        ordering: ClassVar[list[str]] = ["order"]


class HallmarksReview(models.Model):
    """A year's self-assessment against the Hallmarks."""

    year = models.CharField(max_length=7, unique=True)  # a financial year, 2024/25
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-year"]

    @property
    def slug(self) -> str:
        return self.year.replace("/", "-")


class HallmarkScore(models.Model):
    """A score (0-3), its evidence and the improvement action for one element in one year."""

    review = models.ForeignKey(HallmarksReview, on_delete=models.CASCADE, related_name="scores")
    element = models.ForeignKey(HallmarkElement, on_delete=models.PROTECT)
    score = models.IntegerField(choices=[(0, "0"), (1, "1"), (2, "2"), (3, "3")])
    evidence = models.TextField(blank=True)  # one link (https://...) or reference per line
    improvement = models.TextField(blank=True)
    action = models.ForeignKey(ActionItem, on_delete=models.SET_NULL, null=True, blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["review", "element"], name="one_score_per_element_a_year")
        ]
