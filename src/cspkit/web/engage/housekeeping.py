"""The scheduled job for public engagement, run by the worker once a day (and on demand by
`cspkit manage engage_housekeeping`): retention, and reminders of overdue Calls for Action.

Retention (`engage.retention` in partnership.yaml; the privacy notice states the same periods):
- Safer Streets: contact details erased after `pin_contact_days`; reports not published
  (rejected or passed to safeguarding) deleted after `unpublished_pin_days`; every report,
  with its photos and support, deleted after `pin_days`.
- Community Payback: nominators' details erased after `nomination_contact_days`; votes deleted
  `vote_days` after their round closed (its result is kept first).
- Calls for Action and ASB case review applications: the person's details erased
  `call_for_action_contact_days` after the matter was closed; the register and figures stay.

Each erasure or deletion writes an audit row naming the record (a tombstone), never its content.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cspkit.config.engage import EngageConfig
from cspkit.web.accounts import roles
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.engage import abuse, notify, voting
from cspkit.web.engage.call_for_action import councillors_of, due
from cspkit.web.engage.models import (
    AsbCaseReview,
    CallForAction,
    PaybackNomination,
    PaybackRound,
    PaybackVote,
    SaferStreetsPin,
)

DAY = 24 * 3600
ACTOR = "cspkit retention"


def _tombstone(action: str, object_type: str, object_id: str) -> None:
    AuditEvent.objects.create(user=None, username=ACTOR, action=action, object_type=object_type, object_id=object_id)


def _before(now: datetime, config: EngageConfig, name: str) -> datetime:
    return now - timedelta(days=config.keep_days(name))


def _erase(queryset: Any, fields: dict[str, str], object_type: str) -> int:
    count = 0
    for record in queryset:
        for field, value in fields.items():
            setattr(record, field, value)
        record.save(update_fields=list(fields))
        _tombstone("retention:erase-contact", object_type, record.reference)
        count += 1
    return count


def _delete(queryset: Any, object_type: str) -> int:
    references = list(queryset.values_list("reference", flat=True))
    for reference in references:
        _tombstone("retention:delete", object_type, reference)
    queryset.delete()  # photos, support and actions go with their pin (CASCADE)
    return len(references)


def apply_retention(config: EngageConfig, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done: dict[str, int] = {}
    with transaction.atomic():
        pins = SaferStreetsPin.objects
        done["pins deleted"] = _delete(
            pins.filter(submitted_at__lt=_before(now, config, "pin_days")), "safer-streets-pin"
        )
        unpublished = pins.filter(
            status__in=(SaferStreetsPin.REJECTED, SaferStreetsPin.SAFEGUARDING),
            submitted_at__lt=_before(now, config, "unpublished_pin_days"),
        )
        done["unpublished pins deleted"] = _delete(unpublished, "safer-streets-pin")
        with_contact = pins.filter(submitted_at__lt=_before(now, config, "pin_contact_days")).exclude(
            contact_name="", contact_email=""
        )
        done["pin contacts erased"] = _erase(
            with_contact, {"contact_name": "", "contact_email": ""}, "safer-streets-pin"
        )
        nominations = PaybackNomination.objects.filter(
            submitted_at__lt=_before(now, config, "nomination_contact_days")
        ).exclude(nominator_name="", nominator_email="")
        done["nominator details erased"] = _erase(
            nominations,
            {"nominator_name": "", "nominator_email": "", "nominator_telephone": "", "organisation": ""},
            "payback-nomination",
        )
        votes = 0
        for round_ in PaybackRound.objects.filter(voting_closes__lt=_before(now, config, "vote_days")):
            voting.keep_tally(round_)
            gone, _detail = PaybackVote.objects.filter(round=round_).delete()
            if gone:
                _tombstone("retention:delete-votes", "payback-round", str(round_.pk))
            votes += gone
        done["votes deleted"] = votes
        closed_before = _before(now, config, "call_for_action_contact_days")
        calls = (
            CallForAction.objects.exclude(status__in=CallForAction.OPEN)
            .filter(Q(decided_at__lt=closed_before) | Q(decided_at__isnull=True, responded_at__lt=closed_before))
            .exclude(resident_name="", resident_email="")
        )
        done["call for action details erased"] = _erase(
            calls, {"resident_name": "", "resident_email": "", "resident_telephone": ""}, "call-for-action"
        )
        reviews = (
            AsbCaseReview.objects.filter(status__in=(AsbCaseReview.NOT_MET, AsbCaseReview.REVIEWED))
            .filter(decided_at__lt=closed_before)
            .exclude(applicant_name="", applicant_email="")
        )
        done["case review details erased"] = _erase(
            reviews, {"applicant_name": "", "applicant_email": "", "applicant_telephone": ""}, "asb-case-review"
        )
    return done


def send_reminders(now: datetime | None = None) -> int:
    """One reminder per overdue Call for Action: to the ward's councillors while it is with
    them, to the scrutiny members and the manager once it is with the committee."""
    now = now or timezone.now()
    sent = 0
    for cfa in CallForAction.objects.filter(status__in=CallForAction.OPEN, reminded_at__isnull=True):
        if now <= due(cfa):
            continue
        if cfa.status == CallForAction.WITH_COUNCILLOR:
            people: list[User] = councillors_of(cfa.ward)
        else:
            people = list(User.objects.filter(role__in=(roles.SCRUTINY, roles.MANAGER)))
        notify.send(
            _("A Call for Action is overdue"),
            notify.link(None, "engage:cfa-case", cfa.pk),
            notify.staff_addresses(people),
        )
        cfa.reminded_at = now
        cfa.save(update_fields=["reminded_at"])
        sent += 1
    return sent


def run(config: EngageConfig) -> dict[str, int]:
    done = apply_retention(config)
    done["old rate counts cleared"] = abuse.clear_old_counts()
    done["reminders sent"] = send_reminders()
    return done


def run_daily(config_of: Any) -> dict[str, int] | None:
    """Run once a day across every worker (a key in the shared cache); None when not due."""
    config = config_of()
    if not cache.add("engage:housekeeping", timezone.now().isoformat(), DAY):
        return None
    return run(config)
