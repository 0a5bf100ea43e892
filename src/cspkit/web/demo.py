"""The demo partnership in the web app: agencies, one account per role, agreements, actions,
and the worked partner extracts (made-up incidents) as restricted batches.

Passwords are random on every run and written, with the second-factor keys, to
$CSPKIT_HOME/demo-users.txt (mode 0600). Demo accounts are refused in production.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction

from cspkit.bundle import package_path
from cspkit.web.accounts import roles, two_factor
from cspkit.web.accounts.models import Agency, User
from cspkit.web.accounts.permissions import CASE_WORKERS
from cspkit.web.cases.demo import seed_case_work
from cspkit.web.datahub.models import SharingAgreement, Upload
from cspkit.web.datahub.worker import MAPPINGS
from cspkit.web.engage.demo import seed_call_for_action, seed_community_payback, seed_safer_streets
from cspkit.web.partnership.models import ActionItem
from cspkit.web.public.demo import seed_public_meetings

AGENCIES = (
    ("bedfordshire", "Bedfordshire Police", "police"),
    ("central-bedfordshire-council", "Central Bedfordshire Council", "local_authority"),
    ("bedford-borough-council", "Bedford Borough Council", "local_authority"),
    ("bedfordshire-fire-rescue", "Bedfordshire Fire and Rescue Service", "fire_and_rescue"),
    ("bedfordshire-hospitals-ed", "Bedfordshire Hospitals emergency departments", "health"),
    ("probation-bedfordshire", "Probation Service, Bedfordshire", "probation"),
    ("central-bedfordshire-yot", "Central Bedfordshire youth offending team", "youth_offending"),
    ("voluntary-sector-forum", "Voluntary sector forum (demo)", "voluntary"),
)
ACCOUNTS = (
    (roles.MANAGER, "central-bedfordshire-council"),
    (roles.ANALYST, "central-bedfordshire-council"),
    (roles.OFFICER, "bedfordshire"),
    (roles.SHARING_OFFICER, "bedfordshire-fire-rescue"),
    (roles.COUNCILLOR, "central-bedfordshire-council"),
    (roles.SCRUTINY, "central-bedfordshire-council"),
    (roles.ADMINISTRATOR, "central-bedfordshire-council"),
)
# A second agency's case worker, so two agencies can share a person record in the demo.
EXTRA_ACCOUNTS = ((roles.OFFICER, "central-bedfordshire-council", "demo-council-officer"),)
EXTRACTS = ("fire-deliberate-fires", "ae-assault-attendances", "council-asb-log")


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str
    agency: str
    totp_key: str | None


def username(role: str) -> str:
    return "demo-" + role.replace("_", "-")


@transaction.atomic
def _accounts() -> list[DemoAccount]:
    agencies = {}
    for slug, name, kind in AGENCIES:
        agencies[slug], _ = Agency.objects.update_or_create(slug=slug, defaults={"name": name, "kind": kind})
    made = []
    for role, agency, name in [(r, a, username(r)) for r, a in ACCOUNTS] + list(EXTRA_ACCOUNTS):
        info = roles.role(role)
        user, _ = User.objects.get_or_create(username=name)
        user.first_name, user.last_name = "Demo", str(info.label).lower()
        user.email = f"{name}@example.org"
        user.agency, user.role, user.is_demo, user.is_active = agencies[agency], role, True, True
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        # Case work needs the second factor from every role that may open it.
        key = two_factor.enrol_confirmed(user) if info.second_factor or role in CASE_WORKERS else None
        made.append(DemoAccount(role, user.username, password, agencies[agency].name, key))
    return made


def _agreements() -> None:
    if SharingAgreement.objects.exists():
        return
    every = list(Agency.objects.all())
    slug = {a.slug: a for a in every}
    rows = [
        (
            "Depersonalised incident data for the strategic assessment",
            "central-bedfordshire-council",
            list(slug),
            "Each partner shares depersonalised incident data monthly so the partnership can assess crime, "
            "disorder and substance misuse in the area.",
            "cda1998-s17a",
            "Incident date\nIncident type\nLocation (grid reference or LSOA)\nIncident reference",
            False,
        ),
        (
            "Emergency department assault attendances",
            "bedfordshire-hospitals-ed",
            ["bedfordshire-hospitals-ed", "central-bedfordshire-council", "bedfordshire"],
            "Anonymised assault attendances (date, place of assault, weapon) to find violence the police "
            "do not hear of.",
            "ukgdpr-6-1-e",
            "Attendance date\nAssault location (LSOA)\nWeapon used",
            True,
        ),
        (
            "Deliberate fires",
            "bedfordshire-fire-rescue",
            ["bedfordshire-fire-rescue", "central-bedfordshire-council", "bedford-borough-council"],
            "Deliberate primary and secondary fires attended, to target arson reduction work.",
            "cda1998-s115",
            "Call date and time\nIncident type\nProperty type\nGrid reference to 10 m",
            False,
        ),
    ]
    for title, owner, parties, purpose, basis, items, restricted in rows:
        agreement = SharingAgreement.objects.create(
            title=title,
            owner=slug[owner],
            purpose=purpose,
            legal_basis=basis,
            data_items=items,
            review_date=date(2027, 3, 31),
            restricted=restricted,
        )
        agreement.parties.set([slug[p] for p in parties])


def _actions() -> None:
    if ActionItem.objects.exists():
        return
    slug = {a.slug: a for a in Agency.objects.all()}
    rows = [
        (
            "Deliberate fire reduction with the arson team",
            "bedfordshire-fire-rescue",
            "Deliberate fires",
            "green",
            False,
        ),
        ("Premises at risk of arson: visits", "bedfordshire-fire-rescue", "Deliberate fires", "amber", True),
        ("Night-time economy patrols, Leighton Buzzard", "bedfordshire", "Violence", "green", False),
        ("Repeat victim call-backs", "bedfordshire", "Anti-social behaviour", "red", True),
        (
            "Street lighting survey of reported places",
            "central-bedfordshire-council",
            "Public confidence",
            "not-started",
            False,
        ),
    ]
    for title, owner, priority, status, restricted in rows:
        ActionItem.objects.create(
            title=title,
            owner=slug[owner],
            priority=priority,
            status=status,
            restricted=restricted,
            due=date(2027, 3, 31),
            description="Demo action (illustrative).",
        )


def _plan_actions(home: Path) -> None:
    """The plan's own actions as tracked actions, owned by the agency the plan names, so their
    owners report status in the browser (milestones stay in the plan)."""
    from cspkit.config.partnership import load_config
    from cspkit.geography import load_geography

    path = home / "partnership.yaml"
    if not path.exists() or ActionItem.objects.filter(description__startswith="From the plan:").exists():
        return
    config = load_config(path, load_geography(home))
    agencies = list(Agency.objects.all())
    titles = {i.id: i.title for i in config.assessment.issues}
    for priority in config.plan.priorities:
        for action in priority.actions:
            owner = next((a for a in agencies if a.name == action.owner or a.name.startswith(action.owner)), None)
            if owner is None:
                continue
            milestones = action.milestones
            open_milestones = [m for m in milestones if m.status != "done"]
            ActionItem.objects.create(
                title=action.action[:200],
                owner=owner,
                priority=titles.get(priority.issue, priority.issue),
                status="not-started" if open_milestones else "complete",
                due=max((m.due for m in open_milestones), default=None),
                description="From the plan: "
                + "; ".join(f"{m.milestone} ({m.due:%Y-%m-%d})" for m in action.milestones),
            )


def _extracts(home: Path) -> None:
    """The worked partner extracts, loaded as restricted batches and listed as the analyst's
    uploads, and their mappings saved in the workspace for further uploads."""
    from cspkit.ingest import ingest_partner
    from cspkit.sources.partner import read_mapping

    folder = home / MAPPINGS
    folder.mkdir(parents=True, exist_ok=True)
    analyst = User.objects.get(username=username(roles.ANALYST))
    for name in EXTRACTS:
        shutil.copyfile(package_path(f"examples/partner/{name}.yaml"), folder / f"{name}.yaml")
        mapping = read_mapping(folder / f"{name}.yaml")
        source = package_path(f"examples/partner/{name}.csv")
        report = ingest_partner(home, [source], mapping)
        batches = [b.batch_id for b in report.added] + [batch for _, batch in report.skipped]
        data = source.read_bytes()
        Upload.objects.get_or_create(
            sha256=hashlib.sha256(data).hexdigest(),
            defaults={
                "uploaded_by": analyst,
                "agency": Agency.objects.filter(slug=mapping.agency).first(),
                "kind": Upload.PARTNER,
                "mapping": f"{name}.yaml",
                "original_name": source.name,
                "stored_path": str(source),
                "size": len(data),
                "status": Upload.DONE,
                "batch_ids": batches,
                "restricted": True,
                "summary": f"Demo: the worked example extract ({len(data):,} bytes) loaded by `cspkit demo`.",
                "done_steps": 1,
                "total_steps": 1,
            },
        )


def write_accounts(home: Path, accounts: list[DemoAccount]) -> Path:
    path = home / "demo-users.txt"
    lines = [
        "# cspkit demo accounts: passwords are new on every `cspkit demo`. Never use these in production.",
        "# Roles marked with a key need a second factor: add the key to an authenticator app (TOTP, 6 digits, 30 s).",
        "",
    ]
    for account in accounts:
        line = f"{account.role:<16} {account.username:<22} {account.password:<18} {account.agency}"
        lines.append(line + (f"\n{'':<16} second-factor key: {account.totp_key}" if account.totp_key else ""))
    text = "\n".join(lines) + "\n"
    partial = path.with_name(".demo-users.txt.part")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(partial, 0o600)
    os.replace(partial, path)
    return path


# Last year's Hallmarks self-assessment, so this year's has something to be compared with.
# ILLUSTRATIVE scores made for the demo, not the partnership's own.
DEMO_HALLMARK_SCORES = {
    "L1": 3,
    "L2": 2,
    "I1": 3,
    "I2": 2,
    "I3": 1,
    "I4": 1,
    "C1": 2,
    "C2": 1,
    "A1": 2,
    "A2": 3,
    "S1": 1,
}


def _hallmarks() -> None:
    from cspkit.web.partnership.hallmark_views import current_year, ensure_elements
    from cspkit.web.partnership.models import HallmarkElement, HallmarkScore, HallmarksReview

    ensure_elements()
    this = current_year()
    start = int(this[:4]) - 1
    year = f"{start}/{(start + 1) % 100:02d}"
    if HallmarksReview.objects.filter(year=year).exists():
        return
    analyst = User.objects.get(username=username(roles.ANALYST))
    review = HallmarksReview.objects.create(year=year, started_by=analyst)
    for code, score in DEMO_HALLMARK_SCORES.items():
        HallmarkScore.objects.create(
            review=review,
            element=HallmarkElement.objects.get(code=code),
            score=score,
            evidence="Demo score (illustrative, made for cspkit's demo)",
            scored_by=analyst,
        )


def create_demo(home: Path) -> tuple[list[DemoAccount], Path]:
    from cspkit.web.partnership.configuration import import_file

    accounts = _accounts()
    _agreements()
    _actions()
    _plan_actions(home)
    _extracts(home)
    _hallmarks()
    seed_public_meetings(User.objects.get(username=username(roles.OFFICER)))
    seed_safer_streets(home, User.objects.get(username=username(roles.OFFICER)))
    seed_community_payback(User.objects.get(username=username(roles.OFFICER)))
    seed_call_for_action(User.objects.get(username=username(roles.COUNCILLOR)))
    seed_case_work(home)
    if (home / "partnership.yaml").exists():
        import_file(home / "partnership.yaml")
    return accounts, write_accounts(home, accounts)
