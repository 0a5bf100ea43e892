"""The demo's public meetings and "you said, we did" priorities: made up for cspkit's demo,
labelled so on every page ("Demo:"), dated around today so there is always a meeting to come
and one to report back on."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from cspkit.web.accounts.models import User
from cspkit.web.public.models import NeighbourhoodPriority, PublicMeeting

# ward code, ward name, priorities: (issue, action or "", done)
DEMO_WARDS = (
    (
        "E05014394",
        "Ampthill",
        (
            ("Demo: speeding on Woburn Street in the school run", "Community Speedwatch sessions with residents", True),
            (
                "Demo: young people gathering in the Alameda after dark",
                "Youth outreach worker on Friday evenings",
                False,
            ),
            ("Demo: fly-tipping in the lay-by on the Bedford road", "", False),
        ),
    ),
    (
        "E05014409",
        "Flitwick",
        (
            ("Demo: cycle thefts at the railway station", "Secure cycle parking and patrols at commuter times", True),
            (
                "Demo: drug dealing reported near the leisure centre",
                "Targeted patrols and a closure notice warning",
                False,
            ),
        ),
    ),
)


def _at(days: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def seed_public_meetings(officer: User) -> None:
    """A past meeting (with minutes and the priorities it agreed) and the next one, per ward."""
    if PublicMeeting.objects.exists():
        return
    for ward, name, priorities in DEMO_WARDS:
        held = PublicMeeting.objects.create(
            ward=ward,
            title=f"{name} PACT meeting",
            starts_at=_at(-42, 19),
            venue=f"Demo: {name} community centre",
            agenda="Demo meeting, made up for cspkit's demo.\n1. Report back\n2. Local crime figures\n3. Priorities",
            minutes="Demo minutes: residents raised the priorities below; the neighbourhood team will report back.",
            created_by=officer,
        )
        for issue, action, done in priorities:
            NeighbourhoodPriority.objects.create(
                ward=ward,
                issue=issue,
                issue_date=timezone.localtime(held.starts_at).date(),
                action=action,
                action_date=timezone.localdate() - timedelta(days=7) if action else None,
                closed=done,
                agreed_at=held,
                created_by=officer,
            )
        PublicMeeting.objects.create(
            ward=ward,
            title=f"{name} PACT meeting",
            starts_at=_at(35, 19),
            venue=f"Demo: {name} community centre",
            agenda="Demo meeting, made up for cspkit's demo.\n1. Report back on the last meeting's priorities\n"
            "2. New priorities",
            created_by=officer,
        )
