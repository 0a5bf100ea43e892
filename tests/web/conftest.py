"""Web tests: a small store (two real police.uk months, two partner extracts), agencies, and one
account per role, through Django's test client on the test database (SQLite, or PostgreSQL
when DATABASE_URL is set)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import POLICEUK

pytestmark = pytest.mark.web
AMPTHILL = "E05014394"  # a ward of Central Bedfordshire


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with police.uk March 2024 and the fire and A&E extracts (restricted)."""
    from cspkit.bundle import package_path
    from cspkit.ingest import ingest_partner, ingest_policeuk
    from cspkit.sources.partner import read_mapping

    root = tmp_path_factory.mktemp("web") / "workspace"
    root.mkdir()
    ingest_policeuk(root, [POLICEUK / "2024-03"])
    (root / "mappings").mkdir()
    for name in ("fire-deliberate-fires", "ae-assault-attendances"):
        mapping = root / "mappings" / f"{name}.yaml"
        mapping.write_bytes(package_path(f"examples/partner/{name}.yaml").read_bytes())
        ingest_partner(root, [package_path(f"examples/partner/{name}.csv")], read_mapping(mapping))
    # The demo partnership, so the public pages know whose neighbourhoods they show.
    (root / "partnership.yaml").write_bytes(package_path("partnership/central-bedfordshire.yaml").read_bytes())
    return root


@pytest.fixture(scope="session")
def assessed(web_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo workspace with a strategic assessment kept (so the plan is measured),
    made once per test process: the tests that use it change the database, never its files."""
    import shutil

    from tests.helpers import cli

    target = tmp_path_factory.mktemp("assessed") / "workspace"
    shutil.copytree(web_demo, target, symlinks=True, ignore=shutil.ignore_patterns("materialised"))
    done = cli(target, "assess", "--period", "2023/24", "--out", str(target / "out"), "--no-pdf", "--quiet")
    assert done.code == 0, done.stderr
    return target


@pytest.fixture(autouse=True)
def _web_home(settings, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    settings.HOME = web_store


@pytest.fixture
def people(db):  # type: ignore[no-untyped-def]
    """Agencies and one account per role, plus a second agency officer (fire) for cross-agency checks."""
    from cspkit.web.accounts import roles
    from cspkit.web.accounts.models import Agency, User

    agencies = {
        slug: Agency.objects.create(slug=slug, name=name, kind=kind)
        for slug, name, kind in (
            ("bedfordshire", "Bedfordshire Police", "police"),
            ("central-bedfordshire-council", "Central Bedfordshire Council", "local_authority"),
            ("bedfordshire-fire-rescue", "Bedfordshire Fire and Rescue Service", "fire_and_rescue"),
            ("bedfordshire-hospitals-ed", "Bedfordshire Hospitals emergency departments", "health"),
        )
    }
    homes = {
        roles.MANAGER: "central-bedfordshire-council",
        roles.ANALYST: "central-bedfordshire-council",
        roles.OFFICER: "bedfordshire",
        roles.SHARING_OFFICER: "bedfordshire-fire-rescue",
        roles.COUNCILLOR: "central-bedfordshire-council",
        roles.SCRUTINY: "central-bedfordshire-council",
        roles.ADMINISTRATOR: "central-bedfordshire-council",
    }
    made = {}
    for role, agency in homes.items():
        made[role] = User.objects.create_user(
            f"t-{role}", f"t-{role}@example.org", "correct horse battery", agency=agencies[agency], role=role
        )
    made["fire_officer"] = User.objects.create_user(
        "t-fire-officer",
        "t-fire-officer@example.org",
        "correct horse battery",
        agency=agencies["bedfordshire-fire-rescue"],
        role=roles.OFFICER,
    )
    return made


@pytest.fixture
def sign_in(client) -> Callable[[object], object]:  # type: ignore[no-untyped-def]
    """Sign a user in with both factors passed (the real flows have their own tests)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from cspkit.web.accounts import two_factor
    from cspkit.web.accounts.permissions import CASE_WORKERS

    def go(user):  # type: ignore[no-untyped-def]
        client.force_login(user)
        if user.needs_second_factor or user.role in CASE_WORKERS:  # case work asks every role
            two_factor.enrol_confirmed(user)
            device = two_factor.confirmed_device(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return go


@pytest.fixture
def objects(people):  # type: ignore[no-untyped-def]
    """One of each restricted-capable object, open and restricted, owned by different agencies."""
    from cspkit.web.accounts.models import Agency
    from cspkit.web.datahub.models import SharingAgreement, Upload
    from cspkit.web.partnership.models import ActionItem

    fire = Agency.objects.get(slug="bedfordshire-fire-rescue")
    health = Agency.objects.get(slug="bedfordshire-hospitals-ed")
    police = Agency.objects.get(slug="bedfordshire")

    def agreement(title: str, owner: Agency, restricted: bool) -> SharingAgreement:
        made = SharingAgreement.objects.create(
            title=title,
            owner=owner,
            purpose="Purpose.",
            legal_basis="cda1998-s115",
            data_items="Date\nPlace",
            review_date=date(2027, 3, 31),
            restricted=restricted,
        )
        made.parties.set([owner, police])
        return made

    open_upload = Upload.objects.create(
        uploaded_by=people["analyst"],
        agency=people["analyst"].agency,
        kind=Upload.POLICEUK,
        original_name="2024-03-bedfordshire-street.csv",
        stored_path="incoming/x",
        size=1,
        sha256="0" * 64,
        status=Upload.DONE,
    )
    from django.conf import settings

    from cspkit.web.partnership.models import ReportRun

    report_run = ReportRun.objects.create(
        kind=ReportRun.PLAN, requested_by=people["analyst"], status=ReportRun.DONE, files=["plan.html"]
    )
    built = Path(settings.HOME) / "web" / "reports" / str(report_run.pk) / "plan.html"
    built.parent.mkdir(parents=True, exist_ok=True)
    built.write_text("<!DOCTYPE html><title>Plan</title>", encoding="utf-8")
    from cspkit.web.partnership.models import HallmarksReview, Meeting
    from cspkit.web.public.models import NeighbourhoodPriority, PublicMeeting

    public_meeting = PublicMeeting.objects.create(
        ward=AMPTHILL,
        title="Ampthill PACT meeting",
        starts_at=datetime(2024, 5, 14, 19, 0, tzinfo=UTC),
        venue="Ampthill Parish Hall",
        created_by=people["officer"],
    )
    from cspkit.web.engage.models import PinPhoto, SaferStreetsPin

    pin = SaferStreetsPin.objects.create(
        reference="SS-TEST22",
        nonce="fixture-nonce",
        token="fixture-token",
        lon=-0.4960,
        lat=52.0270,
        lsoa21="E01015629",
        ward=AMPTHILL,
        authority="E06000056",
        reasons=["poor-lighting"],
        status=SaferStreetsPin.PUBLISHED,
        public_lon=-0.4975,
        public_lat=52.0281,
    )
    PinPhoto.objects.create(pin=pin, data=b"\xff\xd8\xff\xd9", width=1, height=1, approved=True)
    import hashlib
    from datetime import timedelta

    from django.utils import timezone

    from cspkit.web.engage.models import PaybackNomination, PaybackRound, PaybackVote

    round_ = PaybackRound.objects.create(
        title="Spring projects",
        voting_opens=timezone.now() - timedelta(days=1),
        voting_closes=timezone.now() + timedelta(days=13),
        created_by=people["officer"],
    )
    nomination = PaybackNomination.objects.create(
        reference="CP-TEST22",
        nonce="fixture-nomination",
        title="Clear the canal path",
        location="The towpath by the lock",
        ward=AMPTHILL,
        work="Clear litter and cut back brambles",
        benefit="Walkers and cyclists use it daily",
        nominator_name="Synthetic Nominator",
        nominator_email="nominator@example.org",
        status=PaybackNomination.SHORTLISTED,
        round=round_,
    )
    PaybackVote.objects.create(
        round=round_,
        nomination=nomination,
        voter="fixture-voter",
        token_hash=hashlib.sha256(b"fixture-vote-token").hexdigest(),
    )
    from cspkit.web.engage.call_for_action import track_token, tracking_hash
    from cspkit.web.engage.models import AsbCaseReview, CallForAction, WardCouncillor

    WardCouncillor.objects.create(user=people["councillor"], ward=AMPTHILL)
    call = CallForAction.objects.create(
        reference="CA-TEST22",
        nonce="fixture-cfa",
        tracking_hash=tracking_hash(track_token("CA-TEST22")),
        ward=AMPTHILL,
        topic="Drug dealing in the park",
        matter="Dealing by the play area most evenings",
        how_long="Six months",
        already_done="Reported to the police twice",
        outcome_wanted="Patrols",
        resident_name="Synthetic Resident",
        resident_email="resident@example.org",
        status=CallForAction.REFERRED,
    )
    case_review = AsbCaseReview.objects.create(
        reference="CT-TEST22",
        nonce="fixture-ct",
        tracking_hash=tracking_hash(track_token("CT-TEST22", "asb-case-review")),
        ward=AMPTHILL,
        description="Noise every night",
        complaints=[{"date": "2024-04-01", "reported_to": "Council"}],
        applicant_name="Synthetic Applicant",
        applicant_email="applicant@example.org",
    )
    from cspkit.web.cases import documents
    from cspkit.web.cases.models import CaseTask, Share
    from tests.web.case_world import person_record, synthetic_people

    council = Agency.objects.get(slug="central-bedfordshire-council")
    case_person = person_record(synthetic_people(1, seed=77)[0], fire)  # the sharing officer's agency's
    case_agreement = agreement("Case agreement", fire, True)
    case_agreement.parties.add(council)
    shares = [
        Share.objects.create(person=case_person, agency=a, agreement=case_agreement, reason="Joint case.")
        for a in (police, council)
    ]
    case_task = CaseTask.objects.create(
        person=case_person, title="Visit", assigned_to=people["officer"], due_on=date(2099, 1, 1)
    )
    case_document = documents.keep(case_person, "Letter", "l.txt", "text/plain", b"Letter.", people["sharing_officer"])
    marac = _marac_objects(case_person, case_agreement, fire, police, council)
    from cspkit.web.cases.models import CaseLocation

    case_location = CaseLocation.objects.create(
        reference="L-TESTLOC",
        owner=fire,
        purpose="asb",
        legal_basis="ukgdpr-6-1-e",
        consent="given",
        review_on=date(2099, 1, 1),
        delete_on=date(2099, 6, 1),
        name="Synthetic stairwell",
    )
    from cspkit.web.cases.models import TensionReport

    tension = TensionReport.objects.create(
        reference="T-TESTTEN",
        ward=AMPTHILL,
        reported_on=date(2024, 5, 1),
        level=2,
        trend="stable",
        sources="Community contacts.",
        summary="Leaflets handed out.",
        agency=fire,
    )
    from cspkit.web.cases.models import IomMember

    iom_member = IomMember.objects.create(
        reference="I-TESTIOM",
        owner=fire,
        purpose="iom",
        legal_basis="dpa2018-part3",
        consent="not_sought",
        review_on=date(2099, 1, 1),
        delete_on=date(2099, 6, 1),
        person=case_person,
        strand="prevent-deter",
        selected_on=date(2024, 1, 1),
        criteria="Matrix score 60",
        reason="Repeat thefts.",
        deselected_on=date(2024, 6, 1),  # so the owner may select the person again
        deselection_reason="Moved out of the area.",
    )
    from cspkit.web.cases.models import AsbCase, AsbParty

    asb_case = AsbCase.objects.create(
        reference="A-TESTASB",
        owner=fire,
        purpose="asb",
        legal_basis="ukgdpr-6-1-e",
        consent="not_sought",
        review_on=date(2099, 1, 1),
        delete_on=date(2099, 6, 1),
        title="Noise from a flat",
        opened_on=date(2024, 2, 1),
    )
    AsbParty.objects.create(case=asb_case, person=case_person, role="perpetrator")
    return {
        **marac,
        "asb_case": asb_case,
        "iom_member": iom_member,
        "case_location": case_location,
        "tension": tension,
        "case_person": case_person,
        "case_share": shares[0],
        "case_task": case_task,
        "case_document": case_document,
        "call_for_action": call,
        "cfa_token": track_token("CA-TEST22"),
        "case_review": case_review,
        "trigger_token": track_token("CT-TEST22", "asb-case-review"),
        "payback_round": round_,
        "nomination": nomination,
        "vote_token": "fixture-vote-token",
        "pin": pin,
        "public_meeting": public_meeting,
        "priority": NeighbourhoodPriority.objects.create(
            ward=AMPTHILL,
            issue="Speeding on the main road",
            issue_date=date(2024, 5, 14),
            agreed_at=public_meeting,
            created_by=people["officer"],
        ),
        "meeting": Meeting.objects.create(
            kind=Meeting.BOARD, title="Partnership board", date=date(2024, 5, 1), created_by=people["manager"]
        ),
        "hallmarks_review": HallmarksReview.objects.create(year="2024/25", started_by=people["analyst"]),
        "report_run": report_run,
        "open_agreement": agreement("Open agreement", fire, False),
        "health_agreement": agreement("Health agreement", health, True),
        "open_action": ActionItem.objects.create(title="Open action", owner=fire),
        "fire_action": ActionItem.objects.create(title="Fire action", owner=fire, restricted=True),
        "open_upload": open_upload,
    }


def batch_ids(root: Path) -> dict[str, str]:
    """A batch id per dataset in the web store."""
    from cspkit.store.generations import open_snapshot

    return {b.dataset: b.batch_id for b in open_snapshot(root).catalogue.batches}


def _marac_objects(victim: Any, agreement: Any, fire: Any, police: Any, council: Any) -> dict[str, Any]:
    """A MARAC referral of the fire service's case record (fire coordinates; the police and the
    council sit at the meeting), an action for the police, and a domestic homicide review."""
    from cspkit.web.cases.models import (
        DhrRecommendation,
        DomesticHomicideReview,
        MaracAction,
        MaracMeeting,
        MaracReferral,
    )

    meeting = MaracMeeting.objects.create(held_on=date(2099, 1, 5), coordinator=fire)
    meeting.agencies.set([police, council])
    referral = MaracReferral.objects.create(
        reference="M-TESTREF",
        owner=fire,
        purpose="marac",
        legal_basis="dpa2018-part3",
        consent="not_sought",
        review_on=date(2099, 1, 1),
        delete_on=date(2099, 6, 1),
        victim=victim,
        coordinator=fire,
        agreement=agreement,
        referred_on=date(2024, 5, 1),
        incident_on=date(2024, 4, 30),
        incident_kind="threats",
        checklist_score=15,
        relationship="partner",
        status=MaracReferral.LISTED,
        meeting=meeting,
    )
    action = MaracAction.objects.create(referral=referral, title="Visit", agency=police, due_on=date(2099, 1, 1))
    review = DomesticHomicideReview.objects.create(
        reference="DHR-TEST", pseudonym="Jo", died_on=date(2024, 1, 1), notified_on=date(2024, 1, 9)
    )
    recommendation = DhrRecommendation.objects.create(
        review=review, text="Train staff.", agency=police, due_on=date(2099, 1, 1)
    )
    return {
        "marac_meeting": meeting,
        "marac_referral": referral,
        "marac_action": action,
        "dhr_review": review,
        "dhr_recommendation": recommendation,
    }
