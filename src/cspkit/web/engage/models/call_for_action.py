"""Councillor Call for Action (Police and Justice Act 2006 s.19) and the ASB case review
(Community Trigger, Anti-social Behaviour, Crime and Policing Act 2014 s.104).

A resident raises a local crime and disorder matter with their ward councillor, who responds
or refers it to the crime and disorder (overview and scrutiny) committee; if the councillor
does not respond in time the resident may take it to the council's executive. The ASB case
review is the victim's route when complaints about anti-social behaviour reach the threshold.
Residents follow theirs by a private link; the public register shows redacted summaries only.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WardCouncillor(models.Model):
    """Which councillor accounts answer Calls for Action from which wards."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wards")
    ward = models.CharField(max_length=9, db_index=True)

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["user", "ward"], name="one_row_per_councillor_ward"),
        ]


class CallForAction(models.Model):
    WITH_COUNCILLOR, RESOLVED, DECLINED = "with-councillor", "resolved", "declined"
    REFERRED, EXECUTIVE, DECIDED = "referred", "executive", "decided"
    STATUSES = [
        (WITH_COUNCILLOR, _("With the ward councillor")),
        (RESOLVED, _("Resolved by the councillor")),
        (DECLINED, _("Not taken further by the councillor, with reasons")),
        (REFERRED, _("Referred to the crime and disorder committee")),
        (EXECUTIVE, _("Taken to the council's executive (the councillor did not respond in time)")),
        (DECIDED, _("The committee has decided")),
    ]
    OPEN = (WITH_COUNCILLOR, REFERRED, EXECUTIVE)

    reference = models.CharField(max_length=12, unique=True)
    nonce = models.CharField(max_length=64, unique=True)
    tracking_hash = models.CharField(max_length=64, unique=True)  # the resident's private link
    ward = models.CharField(max_length=9, db_index=True)
    topic = models.CharField(max_length=120)  # a short public-safe heading, e.g. "Drug dealing in the park"
    matter = models.TextField(max_length=4000)
    how_long = models.CharField(max_length=200)
    already_done = models.TextField(max_length=2000)  # whom they told, with references
    outcome_wanted = models.TextField(max_length=2000)
    resident_name = models.CharField(max_length=200)
    resident_email = models.EmailField(blank=True)
    resident_telephone = models.CharField(max_length=30, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    status = models.CharField(max_length=16, choices=STATUSES, default=WITH_COUNCILLOR, db_index=True)
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    councillor_response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    committee_outcome = models.TextField(blank=True)
    committee_recommendations = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    public_summary = models.TextField(blank=True)  # the register's redacted words
    reminded_at = models.DateTimeField(null=True, blank=True)  # the overdue reminder, sent once
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-submitted_at", "-id"]
        verbose_name = "Councillor Call for Action"

    def __str__(self) -> str:
        return self.reference


class AsbCaseReview(models.Model):
    RECEIVED, NOT_MET, REVIEWING, REVIEWED = "received", "not-met", "reviewing", "reviewed"
    STATUSES = [
        (RECEIVED, _("Received: the threshold is being checked")),
        (NOT_MET, _("The threshold for a review is not met")),
        (REVIEWING, _("The threshold is met: the case is being reviewed")),
        (REVIEWED, _("Reviewed")),
    ]

    reference = models.CharField(max_length=12, unique=True)
    nonce = models.CharField(max_length=64, unique=True)
    tracking_hash = models.CharField(max_length=64, unique=True)
    ward = models.CharField(max_length=9, db_index=True)
    on_behalf = models.BooleanField(default=False)  # applying for someone else, with their consent
    description = models.TextField(max_length=4000)
    complaints = models.JSONField(default=list)  # [{"date": "YYYY-MM-DD", "reported_to": "..."}]
    applicant_name = models.CharField(max_length=200)
    applicant_email = models.EmailField(blank=True)
    applicant_telephone = models.CharField(max_length=30, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    meets_threshold = models.BooleanField(default=False)  # as counted on receipt

    status = models.CharField(max_length=16, choices=STATUSES, default=RECEIVED, db_index=True)
    threshold_note = models.TextField(blank=True)
    review_date = models.DateField(null=True, blank=True)
    agencies = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-submitted_at", "-id"]
        verbose_name = "ASB case review"

    def __str__(self) -> str:
        return self.reference
