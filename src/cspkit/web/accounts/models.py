"""Agencies, the people who sign in (each in one agency, with one role), and the audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from cspkit.web.accounts import agencies, roles


class Agency(models.Model):
    """A partner agency. `slug` is the key partner mappings and catalogue batches use."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=agencies.KINDS)

    class Meta:
        ordering: ClassVar[list[str]] = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in: one agency, one role."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="members")
    role = models.CharField(max_length=32, choices=roles.CHOICES, default=roles.COUNCILLOR)
    is_demo = models.BooleanField(default=False, help_text=_("Created by `cspkit demo`; refused in production."))

    @property
    def role_info(self) -> roles.Role:
        return roles.role(self.role)

    @property
    def partnership_wide(self) -> bool:
        return self.role_info.partnership_wide

    @property
    def needs_second_factor(self) -> bool:
        return self.role_info.second_factor


class AuditQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("audit rows cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit rows cannot be deleted")


class AuditEvent(models.Model):
    """One read or change of a restricted object: never changed, never deleted (also by trigger)."""

    READ, LIST, DOWNLOAD, API, CREATE, UPDATE, DELETE = "read", "list", "download", "api", "create", "update", "delete"
    SEARCH, EXPORT, SHARE, SUBJECT_ACCESS = "search", "export", "share", "subject-access"
    ACTIONS = [
        (a, a) for a in (READ, LIST, DOWNLOAD, API, CREATE, UPDATE, DELETE, SEARCH, EXPORT, SHARE, SUBJECT_ACCESS)
    ]

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    username = models.CharField(max_length=150)  # kept as written, should the account be renamed
    agency = models.CharField(max_length=50, blank=True)
    action = models.CharField(max_length=40, choices=ACTIONS)  # also "moderate:published" and the like
    object_type = models.CharField(max_length=64, db_index=True)
    object_id = models.CharField(max_length=200, blank=True, db_index=True)
    owning_agency = models.CharField(max_length=50, blank=True)
    address = models.GenericIPAddressField(null=True)
    path = models.CharField(max_length=500)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-id"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("audit rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit rows cannot be deleted")
