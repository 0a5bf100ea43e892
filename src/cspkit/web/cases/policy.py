"""The declarative access policy for person-level records: model × channel → who may see it.

A viewer's *relation* to a record is worked out per model (`relation`):

- "owner": the viewer's agency owns the record;
- "shared": the owner shared the person with the viewer's agency under an agreement;
- "assignee": the task is the viewer's own.

A rule lets a set of roles in for a set of relations. `tests/web/test_case_access.py` builds
one test per model × role × relation × channel from this table and checks the real pages,
exports and API, and fails when a model in the cases app has no entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cspkit.web.accounts.roles import ADMINISTRATOR, MANAGER, OFFICER, SHARING_OFFICER

if TYPE_CHECKING:
    from django.db.models import Model

    from cspkit.web.accounts.models import User

CASE_ROLES = frozenset({MANAGER, OFFICER, SHARING_OFFICER})
OWNER, SHARED, ASSIGNEE = "owner", "shared", "assignee"
ANY = "any"  # the channel shows only ids, never the record's content (the audit export)
CHANNELS = (
    "detail",
    "list",
    "search",
    "export",
    "subject_access",
    "also_in",
    "api",
    "notifications",
    "audit_export",
)


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    relations: frozenset[str]

    def allows(self, role: str, relations: set[str]) -> bool:
        if role not in self.roles:
            return False
        return ANY in self.relations or bool(self.relations & relations)


NOBODY = Rule(frozenset(), frozenset())
CASE_WORK = Rule(CASE_ROLES, frozenset({OWNER, SHARED}))
AUDIT = Rule(frozenset({ADMINISTRATOR}), frozenset({ANY}))
SUBJECT_ACCESS = Rule(frozenset({SHARING_OFFICER}), frozenset({OWNER}))  # the owner answers for its records

POLICY: dict[str, dict[str, Rule]] = {
    "PersonRecord": {
        "detail": CASE_WORK,
        "list": CASE_WORK,
        "search": CASE_WORK,
        "export": CASE_WORK,
        "subject_access": SUBJECT_ACCESS,
        "also_in": CASE_WORK,  # a link to the record from a possible match elsewhere
        "api": CASE_WORK,
        "notifications": CASE_WORK,  # only someone who may open the record is told about it
        "audit_export": AUDIT,
    },
    "CaseEvent": {
        "detail": CASE_WORK,  # on the page of a person it involves
        "list": NOBODY,  # events are listed on their people's pages only
        "search": NOBODY,
        "export": NOBODY,  # the CSV is of people; events leave through the API and subject access
        "subject_access": SUBJECT_ACCESS,
        "also_in": NOBODY,
        "api": CASE_WORK,
        "notifications": NOBODY,
        "audit_export": AUDIT,
    },
    "CaseTask": {
        "detail": Rule(CASE_ROLES, frozenset({OWNER, ASSIGNEE})),
        "list": Rule(CASE_ROLES, frozenset({ASSIGNEE})),  # "my tasks"
        "search": NOBODY,
        "export": NOBODY,
        "subject_access": SUBJECT_ACCESS,
        "also_in": NOBODY,
        "api": NOBODY,
        "notifications": Rule(CASE_ROLES, frozenset({ASSIGNEE})),
        "audit_export": AUDIT,
    },
    "CaseDocument": {
        "detail": CASE_WORK,
        "list": NOBODY,
        "search": NOBODY,
        "export": NOBODY,
        "subject_access": SUBJECT_ACCESS,
        "also_in": NOBODY,
        "api": NOBODY,
        "notifications": NOBODY,
        "audit_export": AUDIT,
    },
    "Share": {
        "detail": CASE_WORK,  # the person's page lists who it is shared with
        "list": NOBODY,
        "search": NOBODY,
        "export": NOBODY,
        "subject_access": SUBJECT_ACCESS,
        "also_in": NOBODY,
        "api": NOBODY,
        "notifications": Rule(CASE_ROLES, frozenset({SHARED})),  # the receiving agency is told
        "audit_export": AUDIT,
    },
    "PossibleMatch": {
        "detail": CASE_WORK,  # "also in", as a link or as the ask-the-officer line
        "list": NOBODY,
        "search": NOBODY,
        "export": NOBODY,
        "subject_access": NOBODY,  # a guess about identity, not information held about the person
        "also_in": CASE_WORK,
        "api": NOBODY,
        "notifications": NOBODY,
        "audit_export": AUDIT,
    },
    # A place: its owner's, and seen by an agency that sees an event there (through a share).
    "CaseLocation": {
        "detail": CASE_WORK,
        "list": CASE_WORK,
        "search": CASE_WORK,
        "export": NOBODY,
        "subject_access": SUBJECT_ACCESS,  # named on the events of the person asked about
        "also_in": NOBODY,
        "api": NOBODY,
        "notifications": NOBODY,
        "audit_export": AUDIT,
    },
    # MARAC: a referral is seen by whoever may see the victim's record (the referring agency, the
    # coordinating agency, and the agencies at the meeting, which listing shares it with).
    "MaracReferral": {
        "detail": CASE_WORK,
        "list": CASE_WORK,  # the MARAC page's referrals and a meeting's agenda
        "search": NOBODY,
        "export": NOBODY,  # the quarterly return and the cases-marac batch are counts, never cases
        "subject_access": SUBJECT_ACCESS,
        "also_in": NOBODY,
        "api": NOBODY,
        "notifications": CASE_WORK,
        "audit_export": AUDIT,
    },
    "MaracResearch": {channel: NOBODY for channel in CHANNELS}
    | {"detail": CASE_WORK, "subject_access": SUBJECT_ACCESS, "audit_export": AUDIT},
    "MaracAction": {channel: NOBODY for channel in CHANNELS}
    | {"detail": CASE_WORK, "list": CASE_WORK, "subject_access": SUBJECT_ACCESS, "audit_export": AUDIT},
    # IOM: a cohort membership is seen by whoever may see the person's record; its engagement log
    # and offences with it.
    "IomMember": {
        "detail": CASE_WORK,
        "list": CASE_WORK,  # the cohort list
        "search": NOBODY,
        "export": NOBODY,  # NI 30 leaves as counts only
        "subject_access": SUBJECT_ACCESS,
        "also_in": NOBODY,
        "api": NOBODY,
        "notifications": NOBODY,
        "audit_export": AUDIT,
    },
    "IomEngagement": {channel: NOBODY for channel in CHANNELS}
    | {"detail": CASE_WORK, "subject_access": SUBJECT_ACCESS, "audit_export": AUDIT},
    "IomOffence": {channel: NOBODY for channel in CHANNELS}
    | {"detail": CASE_WORK, "subject_access": SUBJECT_ACCESS, "audit_export": AUDIT},
    # ASB: a case is its owner's, and seen by an agency a party's record is shared with; its
    # parties, incidents and interventions with it. The owning agency's case workers are told
    # when its complaints reach the case review threshold.
    "AsbCase": {
        "detail": CASE_WORK,
        "list": CASE_WORK,  # the ASB case list
        "search": NOBODY,
        "export": NOBODY,  # desistance and the cases-asb batch are counts, never cases
        "subject_access": SUBJECT_ACCESS,
        "also_in": NOBODY,
        "api": NOBODY,
        "notifications": Rule(CASE_ROLES, frozenset({OWNER})),
        "audit_export": AUDIT,
    },
    "AsbParty": {channel: NOBODY for channel in CHANNELS}
    | {"detail": CASE_WORK, "subject_access": SUBJECT_ACCESS, "audit_export": AUDIT},
    "AsbIncident": {channel: NOBODY for channel in CHANNELS}
    | {"detail": CASE_WORK, "subject_access": SUBJECT_ACCESS, "audit_export": AUDIT},
    "AsbIntervention": {channel: NOBODY for channel in CHANNELS}
    | {"detail": CASE_WORK, "subject_access": SUBJECT_ACCESS, "audit_export": AUDIT},
    "Notification": {channel: NOBODY for channel in CHANNELS}
    | {"notifications": Rule(CASE_ROLES, frozenset({ASSIGNEE}))},  # one's own only
}
# Models in the cases app that hold nothing about a person, and why.
NOT_PERSON_LEVEL = {
    "Tombstone": "a deleted record's reference, owner and dates; no detail of the person",
    "MaracMeeting": "a date, a place and the agencies at the table; its agenda is read through referrals",
    "DomesticHomicideReview": "a pseudonym and dates, never a name (reviews are published anonymised)",
    "DhrRecommendation": "a review's recommendation to an agency and its progress; no detail of a person",
    "TensionReport": "tension in a ward: its level, sources and actions, written without names",
    "TensionUpdate": "a dated change of a tension report's level, with a note written without names",
}


def _agency(user: User) -> int:
    return user.agency_id or 0  # no agency: no record is its own


def relation(user: User, obj: Model) -> set[str]:
    """The viewer's relations to `obj` (empty: none); expired records have none."""
    from cspkit.web.cases.models import (
        AsbCase,
        AsbIncident,
        AsbIntervention,
        AsbParty,
        CaseDocument,
        CaseEvent,
        CaseLocation,
        CaseTask,
        IomEngagement,
        IomMember,
        IomOffence,
        MaracAction,
        MaracReferral,
        MaracResearch,
        Notification,
        PersonRecord,
        PossibleMatch,
        Share,
    )

    agency = _agency(user)
    today = date.today()
    found: set[str] = set()
    if isinstance(obj, PersonRecord):
        if obj.delete_on < today:
            return found
        if obj.owner_id == agency:
            found.add(OWNER)
        elif obj.shares.filter(agency_id=agency, ended_at__isnull=True).exists():
            found.add(SHARED)
    elif isinstance(obj, CaseEvent):
        if obj.delete_on < today:
            return found
        if obj.owner_id == agency:
            found.add(OWNER)
        elif Share.objects.filter(
            person__in=obj.people.filter(owner_id=obj.owner_id, delete_on__gte=today),
            agency_id=agency,
            ended_at__isnull=True,
        ).exists():
            found.add(SHARED)
    elif isinstance(obj, CaseLocation):
        if obj.delete_on < today:
            return found
        if obj.owner_id == agency:
            found.add(OWNER)
        elif Share.objects.filter(
            person__in=PersonRecord.objects.filter(
                events__location=obj, events__owner_id=obj.owner_id, events__delete_on__gte=today, delete_on__gte=today
            ),
            agency_id=agency,
            ended_at__isnull=True,
        ).exists():
            found.add(SHARED)
    elif isinstance(obj, AsbCase):
        if obj.delete_on < today:
            return found
        if obj.owner_id == agency:
            found.add(OWNER)
        elif Share.objects.filter(
            person__in=PersonRecord.objects.filter(asb_parts__case=obj, owner_id=obj.owner_id, delete_on__gte=today),
            agency_id=agency,
            ended_at__isnull=True,
        ).exists():
            found.add(SHARED)
    elif isinstance(obj, (AsbParty, AsbIncident, AsbIntervention)):
        found = relation(user, obj.case)
    elif isinstance(obj, IomMember):
        if obj.delete_on >= today:
            found = relation(user, obj.person)
    elif isinstance(obj, (IomEngagement, IomOffence)):
        found = relation(user, obj.member)
    elif isinstance(obj, MaracReferral):
        if obj.delete_on >= today:
            found = relation(user, obj.victim)
    elif isinstance(obj, (MaracResearch, MaracAction)):
        found = relation(user, obj.referral)
    elif isinstance(obj, CaseTask):
        found = relation(user, obj.person) & {OWNER}
        if obj.assigned_to_id == user.pk and relation(user, obj.person):
            found.add(ASSIGNEE)
    elif isinstance(obj, (CaseDocument, Share)):
        found = relation(user, obj.person)
    elif isinstance(obj, PossibleMatch):
        found = relation(user, obj.other)
    elif isinstance(obj, Notification):
        if obj.user_id == user.pk:
            found.add(ASSIGNEE)
    else:
        raise LookupError(f"no access policy for {type(obj).__name__}")
    return found


def may(user: User, obj: Model, channel: str) -> bool:
    """May `user` see `obj` through `channel`? Not signed in, or inactive: never."""
    if not user.is_authenticated or not user.is_active:
        return False
    rule = POLICY[type(obj).__name__][channel]
    if rule is NOBODY or user.role not in rule.roles:
        return False
    if ANY in rule.relations:
        return True
    return rule.allows(user.role, relation(user, obj))
