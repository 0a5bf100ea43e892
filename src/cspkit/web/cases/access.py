"""What a viewer may see, as querysets (lists, search, exports, API) and as field values
(classifications not granted to the viewer's role are withheld)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet

from cspkit.config.cases import CasesConfig
from cspkit.errors import CspkitError
from cspkit.web.accounts.models import User
from cspkit.web.cases.models import AsbCase, CaseEvent, CaseLocation, PersonRecord, Share
from cspkit.web.cases.policy import CASE_ROLES

WITHHELD = object()  # a field the viewer's role is not granted: shown as "withheld"


def cases_config() -> CasesConfig:
    """The partnership's `cases:` settings; the defaults when the workspace has no configuration yet."""
    from cspkit.web.dashboard.materialised import request_for

    try:
        return request_for(Path(settings.HOME)).config.cases
    except CspkitError:
        return CasesConfig()


def _active_shares(agency: int) -> QuerySet[Share]:
    return Share.objects.filter(agency_id=agency, ended_at__isnull=True)


def people_for(user: User) -> QuerySet[PersonRecord]:
    """Every person record the user may open: their agency's own and those shared with it."""
    agency = user.agency_id
    if user.role not in CASE_ROLES or agency is None:
        return PersonRecord.objects.none()
    shared = _active_shares(agency).values("person_id")
    return (
        PersonRecord.objects.filter(delete_on__gte=date.today())
        .filter(Q(owner_id=agency) | Q(pk__in=shared))
        .select_related("owner")
    )


def events_for(user: User) -> QuerySet[CaseEvent]:
    """Every event the user may see: their agency's own, and the events a sharing agency holds
    about people it shared with them."""
    agency = user.agency_id
    if user.role not in CASE_ROLES or agency is None:
        return CaseEvent.objects.none()
    today = date.today()
    shared_people = _active_shares(agency).filter(person__delete_on__gte=today)
    via_share = Q(
        people__in=PersonRecord.objects.filter(pk__in=shared_people.values("person_id")),
        people__owner_id=F("owner_id"),
    )
    return CaseEvent.objects.filter(delete_on__gte=today).filter(Q(owner_id=agency) | via_share).distinct()


def locations_for(user: User) -> QuerySet[CaseLocation]:
    """Places the user may open: their agency's own, and the owner's places where an event the
    user sees through a share happened."""
    agency = user.agency_id
    if user.role not in CASE_ROLES or agency is None:
        return CaseLocation.objects.none()
    seen = events_for(user).filter(location__isnull=False, location__owner_id=F("owner_id")).values("location_id")
    return (
        CaseLocation.objects.filter(delete_on__gte=date.today())
        .filter(Q(owner_id=agency) | Q(pk__in=seen))
        .select_related("owner")
    )


def asb_cases_for(user: User) -> QuerySet[AsbCase]:
    """ASB cases the user may open: their agency's own, and cases in which a party's record (held
    by the case's agency) is shared with them."""
    agency = user.agency_id
    if user.role not in CASE_ROLES or agency is None:
        return AsbCase.objects.none()
    today = date.today()
    shared = _active_shares(agency).filter(person__delete_on__gte=today)
    via_share = Q(parties__person__in=shared.values("person_id"), parties__person__owner_id=F("owner_id"))
    return (
        AsbCase.objects.filter(pk__in=AsbCase.objects.filter(Q(owner_id=agency) | via_share).values("pk"))
        .filter(delete_on__gte=today)
        .select_related("owner")
    )


def value(user: User, obj: Any, field: str, config: CasesConfig) -> Any:
    """The field's value, or WITHHELD when the viewer's role is not granted its classification."""
    classify = getattr(obj, "field_class", None)
    classification = classify(field) if classify else obj.CLASSIFIED[field]
    return getattr(obj, field) if config.may_see(user.role, classification) else WITHHELD


def shown(user: User, obj: Any, fields: list[str], config: CasesConfig) -> list[tuple[str, str, Any]]:
    """(field, label, value or WITHHELD) for the fields asked for, in order."""
    meta = type(obj)._meta
    return [(f, str(meta.get_field(f).verbose_name), value(user, obj, f, config)) for f in fields]
