"""Case work's daily jobs: retention (review tasks, deletion with tombstones) and task reminders.

A record past its `delete_on` is already invisible on every page, list, search, export and
API (every query filters on it); this job then removes it for good: its row, its events'
links, shares, possible matches, tasks, notifications and documents, and the encrypted files
of those documents. A tombstone keeps the reference so the audit trail still answers who read
it. Aggregates exported before (counts in reports) are not touched.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cspkit.config.cases import CasesConfig
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.accounts.roles import SHARING_OFFICER
from cspkit.web.cases import documents, records
from cspkit.web.cases.models import (
    AsbCase,
    CaseEvent,
    CaseLocation,
    CaseTask,
    Governed,
    IomMember,
    MaracReferral,
    PersonRecord,
    Tombstone,
)
from cspkit.web.cases.policy import CASE_ROLES
from cspkit.web.engage.notify import link, send

DAY = 24 * 3600
REVIEW_TASK = "Review this record under its retention schedule"


def _gone(record: Governed, kind: str, removed_files: int) -> None:
    Tombstone.objects.create(
        reference=record.reference,
        kind=kind,
        owner=record.owner,
        purpose=record.purpose,
        delete_on=record.delete_on,
        documents_removed=removed_files,
    )
    AuditEvent.objects.create(
        user=None,
        username="retention",
        agency="",
        action=AuditEvent.DELETE,
        object_type=kind,
        object_id=record.reference,
        owning_agency=record.owner.slug,
        address=None,
        path="retention schedule",
    )


def delete_expired(today: date) -> dict[str, int]:
    """Remove every governed record whose deletion date has passed, leaving a tombstone."""
    people = events = files = referrals = 0
    # A MARAC referral goes on its own schedule, or with its victim's record (whichever is first).
    for referral in MaracReferral.objects.filter(
        Q(delete_on__lt=today) | Q(victim__delete_on__lt=today)
    ).select_related("owner"):
        with transaction.atomic():
            _gone(referral, "marac-referral", 0)
            referral.delete()  # its research and actions with it
        referrals += 1
    # Cohort memberships and ASB cases go on their own schedules (a membership with its person too).
    members = cases = 0
    for member in IomMember.objects.filter(Q(delete_on__lt=today) | Q(person__delete_on__lt=today)).select_related(
        "owner"
    ):
        with transaction.atomic():
            _gone(member, "iom-member", 0)
            member.delete()  # its engagement log and offences with it
        members += 1
    for case in AsbCase.objects.filter(delete_on__lt=today).select_related("owner"):
        with transaction.atomic():
            _gone(case, "asb-case", 0)
            case.delete()  # its parties, incidents and interventions with it
        cases += 1
    for record in PersonRecord.objects.filter(delete_on__lt=today).select_related("owner"):
        with transaction.atomic():
            kept = list(record.documents.all())
            removed = sum(documents.remove(d) for d in kept)
            _gone(record, "person", removed)
            record.delete()
        people, files = people + 1, files + removed
    locations = 0
    for place in CaseLocation.objects.filter(delete_on__lt=today).select_related("owner"):
        with transaction.atomic():
            _gone(place, "case-location", 0)
            place.delete()  # its events stay, without the place
        locations += 1
    for event in CaseEvent.objects.filter(delete_on__lt=today).select_related("owner"):
        with transaction.atomic():
            _gone(event, "case-event", 0)
            event.delete()
        events += 1
    return {
        "people deleted": people,
        "events deleted": events,
        "MARAC referrals deleted": referrals,
        "places deleted": locations,
        "IOM memberships deleted": members,
        "ASB cases deleted": cases,
        "document files removed": files,
    }


def _reviewer(record: PersonRecord) -> User | None:
    """The record's creator if still a case worker in the owning agency, else its sharing officer."""
    creator = record.created_by
    if (
        creator is not None
        and creator.is_active
        and creator.agency_id == record.owner_id
        and creator.role in CASE_ROLES
    ):
        return creator
    return User.objects.filter(agency_id=record.owner_id, role=SHARING_OFFICER, is_active=True).first()


def review_tasks(today: date) -> int:
    """A review task for each record whose review date has come, unless one is open already."""
    made = 0
    due = PersonRecord.objects.filter(review_on__lte=today, delete_on__gte=today)
    for record in due.exclude(tasks__title=REVIEW_TASK, tasks__done_at__isnull=True):
        reviewer = _reviewer(record)
        if reviewer is None:
            continue
        CaseTask.objects.create(
            person=record, title=REVIEW_TASK, assigned_to=reviewer, due_on=max(today, record.review_on)
        )
        made += 1
    return made


def remind(today: date, config: CasesConfig) -> int:
    """Tasks falling due within `reminder_days`: a notification and an e-mail with a link only."""
    sent = 0
    soon = today + timedelta(days=config.reminder_days)
    due = CaseTask.objects.filter(done_at__isnull=True, reminded_at__isnull=True, due_on__lte=soon)
    for task in due.select_related("assigned_to", "person"):
        path = reverse("cases:person", args=[task.person_id])
        records.notify([task.assigned_to], task.person, _("a task on a record is due soon"), path)
        send(_("Case work: a task is due"), link(None, "cases:person", task.person_id), [task.assigned_to.email])
        task.reminded_at = timezone.now()
        task.save(update_fields=["reminded_at"])
        sent += 1
    return sent


def run(config: CasesConfig, today: date | None = None) -> dict[str, int]:
    today = today or date.today()
    done = delete_expired(today)
    done["review tasks set"] = review_tasks(today)
    done["reminders sent"] = remind(today, config)
    return done


def run_daily(config: CasesConfig) -> dict[str, int] | None:
    """Once a day across every worker (a key in the shared cache); None when not due."""
    if not cache.add("cases:housekeeping", timezone.now().isoformat(), DAY):
        return None
    return run(config)
