"""Browser uploads waiting for the worker, and the information-sharing agreements register."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts.models import Agency
from cspkit.web.datahub.legal_bases import LEGAL_BASES


class Upload(models.Model):
    """A file a person uploaded into $CSPKIT_HOME/incoming/ for the worker to ingest."""

    POLICEUK, PARTNER = "policeuk", "partner"
    KINDS = [(POLICEUK, _("police.uk file (CSV or monthly archive zip)")), (PARTNER, _("Partner extract (CSV)"))]
    WAITING, INGESTING, DONE, FAILED = "waiting", "ingesting", "done", "failed"
    STATES = [(WAITING, _("Waiting")), (INGESTING, _("Ingesting")), (DONE, _("Done")), (FAILED, _("Failed"))]

    created_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="uploads")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="uploads")
    kind = models.CharField(max_length=16, choices=KINDS)
    mapping = models.CharField(max_length=200, blank=True)  # partner: file name under $CSPKIT_HOME/mappings/
    original_name = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500)  # relative to $CSPKIT_HOME
    size = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=STATES, default=WAITING, db_index=True)
    done_steps = models.IntegerField(default=0)
    total_steps = models.IntegerField(default=0)
    step_label = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(blank=True)
    error_file = models.CharField(max_length=255, blank=True)
    error_line = models.IntegerField(null=True, blank=True)
    error_field = models.CharField(max_length=200, blank=True)
    error_reason = models.TextField(blank=True)
    batch_ids = models.JSONField(default=list)
    restricted = models.BooleanField(default=False)  # a partner extract: its owning agency's

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    @property
    def owner(self) -> str:
        return self.agency.slug if self.agency else ""

    @property
    def percent(self) -> int:
        if self.status == self.DONE:
            return 100
        return int(100 * self.done_steps / self.total_steps) if self.total_steps else 0


class SharingAgreement(models.Model):
    """An information-sharing agreement between partner agencies (the register)."""

    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="owned_agreements", verbose_name=_("owner")
    )
    parties = models.ManyToManyField(Agency, related_name="agreements", verbose_name=_("parties"))
    purpose = models.TextField(_("purpose"))
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LEGAL_BASES)
    data_items = models.TextField(_("data items"), help_text=_("One item per line."))
    review_date = models.DateField(_("review date"))
    restricted = models.BooleanField(
        _("restricted"), default=False, help_text=_("Only the parties and partnership-wide roles may read it.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["review_date", "title"]

    def __str__(self) -> str:
        return self.title

    def owners(self) -> set[str]:
        return {self.owner.slug, *(party.slug for party in self.parties.all())}

    def item_list(self) -> list[str]:
        return [line.strip() for line in self.data_items.splitlines() if line.strip()]
