"""MARAC through the pages: referring on the four criteria, the automatic repeat flag (by
referral and by a further incident, under the definition in force), listing a case at a
meeting (which shares the victim's record with the agencies there, all or nothing), the
hearing, NI 32 and the quarterly return from the records, retention, and the domestic
homicide review register. World: A holds victim R and coordinates; B has R shared; C, D none."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tests.web.case_world import build, person_record, synthetic_people
from tests.web.test_case_access import _verified

pytestmark = pytest.mark.web


def _referral_form(world, **extra):  # type: ignore[no-untyped-def]
    data = {
        "perpetrator": world.matched["A"].pk,
        "coordinator": world.agencies["A"].pk,
        "agreement": world.agreement.pk,
        "incident_on": (date.today() - timedelta(days=2)).isoformat(),
        "incident_kind": "physical-violence",
        "checklist_score": "15",
        "incidents_12_months": "1",
        "relationship": "ex-partner",
        "children_in_household": "2",
        "ethnic_minority": "",
        "disabled": "no",
        "lgbt": "",
    }
    return data | extra


def _fresh_victim(world):  # type: ignore[no-untyped-def]
    return person_record(synthetic_people(12, seed=5)[9], world.agencies["A"], sex="female", purpose="marac")


def test_a_referral_on_a_criterion_is_saved_and_shared_with_the_coordinator(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.accounts.models import AuditEvent
    from cspkit.web.cases.models import MaracReferral, Notification

    world = build(("B", "officer"))
    victim = _fresh_victim(world)
    _verified(client, world.users[("A", "officer")])
    form = _referral_form(world, coordinator=world.agencies["B"].pk)
    response = client.post(reverse("cases:marac-refer", args=[victim.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    made = MaracReferral.objects.get(victim=victim)
    assert made.owner == world.agencies["A"]
    assert made.reference.startswith("M-")
    assert not made.repeat
    assert made.status == MaracReferral.REFERRED
    assert victim.shares.filter(agency=world.agencies["B"], ended_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.users[("B", "officer")]).exists()
    assert AuditEvent.objects.filter(action="create", object_id=made.reference).exists()
    # B's officer, in the coordinating agency, now opens it
    _verified(client, world.users[("B", "officer")])
    assert client.get(reverse("cases:marac-referral", args=[made.pk])).status_code == 200


def test_a_case_meeting_no_criterion_is_refused_and_nothing_is_saved(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import MaracReferral

    world = build()
    victim = _fresh_victim(world)
    _verified(client, world.users[("A", "officer")])
    form = _referral_form(world, checklist_score="13", incidents_12_months="2", coordinator=world.agencies["B"].pk)
    page = client.post(reverse("cases:marac-refer", args=[victim.pk]), form).content.decode()
    assert "meets none of the four MARAC criteria" in page
    assert not MaracReferral.objects.filter(victim=victim).exists()
    assert not victim.shares.exists()  # nothing half-written
    too_high = client.post(reverse("cases:marac-refer", args=[victim.pk]), _referral_form(world, checklist_score="25"))
    assert "more than the checklist" in too_high.content.decode()
    future = (date.today() + timedelta(days=3)).isoformat()
    assert (
        "between 1900 and today"
        in client.post(
            reverse("cases:marac-refer", args=[victim.pk]), _referral_form(world, incident_on=future)
        ).content.decode()
    )


def test_only_the_agency_holding_the_record_refers_it(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build()
    _verified(client, world.users[("B", "officer")])  # R is shared with B, not B's
    assert client.get(reverse("cases:marac-refer", args=[world.record.pk])).status_code == 404


def test_a_second_referral_within_12_months_is_a_repeat_and_after_12_months_is_not(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import MaracReferral

    world = build()
    _verified(client, world.users[("A", "officer")])
    # R's world referral was 5 days ago: a new one now is a repeat, even with no other criterion
    form = _referral_form(world, checklist_score="", incidents_12_months="0", incident_kind="emotional-abuse")
    assert client.post(reverse("cases:marac-refer", args=[world.record.pk]), form).status_code == 302
    second = MaracReferral.objects.filter(victim=world.record).exclude(pk=world.referral.pk).get()
    assert second.repeat
    assert second.repeat_definition == "any-abuse"
    # move every earlier referral back 13 months: the next one is a new referral
    MaracReferral.objects.filter(victim=world.record).update(referred_on=date.today() - timedelta(days=400))
    assert client.post(reverse("cases:marac-refer", args=[world.record.pk]), _referral_form(world)).status_code == 302
    third = MaracReferral.objects.filter(victim=world.record).order_by("-id").first()
    assert third is not None
    assert not third.repeat


def _event(client, world, kind: str) -> object:  # type: ignore[no-untyped-def]
    form = {
        "occurred_on": date.today().isoformat(),
        "kind": "domestic incident",
        "classification": "safeguarding",
        "description": "Called by a neighbour.",
        "abuse_kind": kind,
        "place": "",
    }
    return client.post(reverse("cases:event-new", args=[world.record.pk]), form)


def test_a_further_incident_makes_a_repeat_referral_at_once(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import MaracReferral, Notification

    world = build(("B", "officer"))
    _verified(client, world.users[("B", "officer")])  # B records an incident about R, shared with it
    before = MaracReferral.objects.count()
    response = _event(client, world, "")  # not domestic abuse: nothing happens
    assert response.status_code == 302
    assert MaracReferral.objects.count() == before
    _event(client, world, "coercive-control")
    made = MaracReferral.objects.exclude(pk=world.referral.pk).get()
    assert made.repeat
    assert made.owner == world.agencies["A"]  # owned like the last referral
    assert made.triggered_by is not None
    assert made.status == MaracReferral.REFERRED
    assert Notification.objects.filter(user=world.users[("A", "officer")], url__contains="/marac/").exists()


def test_under_the_older_definition_only_criminal_incidents_make_a_repeat(db, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cspkit.cases import marac
    from cspkit.config.cases import CasesConfig
    from cspkit.web.cases import access, work_views
    from cspkit.web.cases.models import MaracReferral

    older = CasesConfig(
        marac=marac.MaracRules(definitions=(marac.DefinitionInForce(marac.CRIMINAL_INCIDENTS, date(2000, 1, 1)),))
    )
    monkeypatch.setattr(work_views, "cases_config", lambda: older)
    monkeypatch.setattr(access, "cases_config", lambda: older)
    world = build()
    _verified(client, world.users[("A", "officer")])
    _event(client, world, "economic-abuse")
    assert MaracReferral.objects.count() == 1
    _event(client, world, "stalking-harassment")
    made = MaracReferral.objects.exclude(pk=world.referral.pk).get()
    assert made.repeat_definition == "criminal-incidents"


def _meeting(world, agencies):  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import MaracMeeting

    meeting = MaracMeeting.objects.create(held_on=date.today() + timedelta(days=7), coordinator=world.agencies["A"])
    meeting.agencies.set(agencies)
    return meeting


def test_listing_shares_the_victim_with_the_meeting_all_or_nothing(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import MaracReferral

    world = build(("C", "officer"))
    referral = world.referral
    MaracReferral.objects.filter(pk=referral.pk).update(status=MaracReferral.REFERRED, meeting=None)
    meeting = _meeting(world, [world.agencies["B"], world.agencies["C"]])  # the A-B agreement does not name C
    _verified(client, world.users[("A", "officer")])
    response = client.post(reverse("cases:marac-list", args=[referral.pk]), {"meeting": meeting.pk}, follow=True)
    assert "does not name" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == MaracReferral.REFERRED
    assert not world.record.shares.filter(agency=world.agencies["C"]).exists()
    world.agreement.parties.add(world.agencies["C"])
    client.post(reverse("cases:marac-list", args=[referral.pk]), {"meeting": meeting.pk})
    referral.refresh_from_db()
    assert (referral.status, referral.meeting_id) == (MaracReferral.LISTED, meeting.pk)
    assert world.record.shares.filter(agency=world.agencies["C"], ended_at__isnull=True).exists()
    # C's officer now sees the case on the meeting's agenda and adds C's research
    _verified(client, world.users[("C", "officer")])
    assert referral.reference in client.get(reverse("cases:marac-meeting", args=[meeting.pk])).content.decode()
    client.post(reverse("cases:marac-research", args=[referral.pk]), {"summary": "Known to the GP surgery."})
    assert referral.research.filter(agency=world.agencies["C"]).exists()
    # the meeting is next week: the hearing cannot be recorded yet
    _verified(client, world.users[("A", "officer")])
    early = client.post(reverse("cases:marac-hear", args=[referral.pk]), {"outcome": "x"}, follow=True)
    assert "has not happened yet" in early.content.decode()
    referral.refresh_from_db()
    assert referral.status == MaracReferral.LISTED
    # B (not the coordinator) cannot list or hear
    _verified(client, world.users[("B", "officer")])
    assert client.post(reverse("cases:marac-hear", args=[referral.pk]), {"outcome": "x"}).status_code == 404


def test_an_agency_not_at_the_meeting_sees_nothing_of_it(db, client) -> None:  # type: ignore[no-untyped-def]
    world = build(("C", "officer"))
    _verified(client, world.users[("C", "officer")])
    assert client.get(reverse("cases:marac-meeting", args=[world.referral.meeting_id])).status_code == 404
    assert client.get(reverse("cases:marac-referral", args=[world.referral.pk])).status_code == 404
    assert world.referral.reference not in client.get(reverse("cases:marac")).content.decode()


def test_the_hearing_actions_and_the_return(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import MaracReferral

    world = build(("B", "officer"))
    _verified(client, world.users[("A", "officer")])
    idva = world.users[("B", "officer")]
    response = client.post(
        reverse("cases:marac-hear", args=[world.referral.pk]),
        {"outcome": "Safety plan; refuge place.", "idva": idva.pk},
    )
    assert response.status_code == 302
    world.referral.refresh_from_db()
    assert (world.referral.status, world.referral.idva_id) == (MaracReferral.HEARD, idva.pk)
    due = (date.today() + timedelta(days=14)).isoformat()
    action = {"title": "Fit a door alarm", "agency": world.agencies["B"].pk, "owner": idva.pk, "due_on": due}
    client.post(reverse("cases:marac-action", args=[world.referral.pk]), action)
    made = world.referral.actions.get(title="Fit a door alarm")
    wrong = action | {"title": "Wrong owner", "agency": world.agencies["A"].pk}
    client.post(reverse("cases:marac-action", args=[world.referral.pk]), wrong)
    assert not world.referral.actions.filter(title="Wrong owner").exists()
    _verified(client, idva)
    assert client.post(reverse("cases:marac-action-done", args=[made.pk])).status_code == 302
    made.refresh_from_db()
    assert made.done_at is not None
    quarter = f"{date.today().year}-Q{(date.today().month - 1) // 3 + 1}"
    csv = client.get(reverse("cases:marac-return"), {"quarter": quarter, "format": "csv"}).content.decode()
    assert f"{quarter},Cases discussed,1" in csv
    assert f"{quarter},Children in the households,2" in csv
    assert world.record.family_name not in csv
    assert world.referral.reference not in csv


def _case(world, meeting, victim, reference: str, **extra: object):  # type: ignore[no-untyped-def]
    """A case heard at `meeting` (coordinated by the meeting's agency), threats in May 2026."""
    from cspkit.web.cases.models import MaracReferral

    fields = {
        "reference": reference,
        "owner": victim.owner,
        "purpose": "marac",
        "legal_basis": "dpa2018-part3",
        "consent": "not_sought",
        "review_on": date.today() + timedelta(days=300),
        "delete_on": date.today() + timedelta(days=900),
        "victim": victim,
        "coordinator": meeting.coordinator,
        "agreement": world.agreement,
        "referred_on": date(2026, 5, 1),
        "incident_on": date(2026, 4, 30),
        "incident_kind": "threats",
        "relationship": "partner",
        "status": MaracReferral.HEARD,
        "meeting": meeting,
    }
    return MaracReferral.objects.create(**(fields | extra))


def test_ni32_and_the_return_from_heard_records(db, client) -> None:  # type: ignore[no-untyped-def]
    """Eight cases heard in one quarter, three of them repeats: 37.5 %."""
    from cspkit.web.cases import marac_work
    from cspkit.web.cases.models import MaracMeeting, MaracReferral

    world = build()
    start = date(2026, 4, 1)
    meeting = MaracMeeting.objects.create(held_on=date(2026, 5, 14), coordinator=world.agencies["A"])
    people = synthetic_people(20, seed=9)
    for i in range(8):
        victim = person_record(people[i + 10], world.agencies["A" if i < 5 else "B"], sex="female" if i else "male")
        _case(
            world,
            meeting,
            victim,
            f"M-T{i}",
            repeat=i < 3,
            children_in_household=1 if i % 2 else 0,
            status=MaracReferral.HEARD if i < 7 else MaracReferral.LISTED,
            lgbt="yes" if i == 4 else "",
        )
    made = marac_work.quarterly_return(start, date(2026, 6, 30))
    assert (made.cases, made.repeats) == (7, 3)  # the listed, unheard case is not counted
    assert round(made.repeat_percent or 0, 1) == 42.9
    assert made.by_referring_agency == {"Police": 5, "Local authority": 2}
    assert (made.male, made.female, made.cases_with_children, made.lgbt) == (1, 6, 3, 1)
    _verified(client, world.users[("A", "officer")])
    page = client.get(reverse("cases:marac-return"), {"quarter": "2026-Q2"}).content.decode()
    assert "42.9" in page
    import io

    from openpyxl import load_workbook

    xlsx = client.get(reverse("cases:marac-return"), {"quarter": "2026-Q2", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content))["MARAC 2026-Q2"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Cases discussed"] == 7
    assert values["Repeat rate (NI 32), %"] == pytest.approx(42.9)


def test_retention_removes_an_expired_referral_with_its_research_and_actions(db) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.housekeeping import delete_expired
    from cspkit.web.cases.models import MaracAction, MaracReferral, MaracResearch, Tombstone

    world = build()
    MaracReferral.objects.filter(pk=world.referral.pk).update(delete_on=date.today() - timedelta(days=1))
    done = delete_expired(date.today())
    assert done["MARAC referrals deleted"] == 1
    assert not MaracResearch.objects.filter(pk=world.research.pk).exists()
    assert not MaracAction.objects.filter(pk=world.action.pk).exists()
    assert Tombstone.objects.get(reference=world.referral.reference).kind == "marac-referral"


def test_subject_access_includes_marac_with_the_perpetrator_redacted(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import MaracReferral

    world = build(("A", "sharing_officer"))
    perpetrator = world.matched["A"]
    MaracReferral.objects.filter(pk=world.referral.pk).update(
        perpetrator=perpetrator, outcome=f"Warn {perpetrator.family_name} off; REFERRAL-MARKER"
    )
    _verified(client, world.users[("A", "sharing_officer")])
    data = client.get(reverse("cases:subject-access", args=[world.record.pk]), {"format": "json"}).json()
    outcome = data["marac"][0]["outcome"]
    assert "REFERRAL-MARKER" in outcome
    assert perpetrator.family_name not in outcome
    assert data["marac"][0]["research"][0]["agency"] == world.agencies["B"].name


def test_the_domestic_homicide_review_register(db, client, people) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.accounts.models import Agency
    from cspkit.web.cases.models import DhrRecommendation, DomesticHomicideReview

    manager = people["manager"]
    _verified(client, manager)
    review = {
        "reference": "DHR-2026-01",
        "pseudonym": "Ann",
        "died_on": "2026-01-10",
        "notified_on": "2026-01-20",
        "decided_on": "2026-02-10",
        "stage": "panel",
        "chair": "Independent chair",
        "published_on": "",
        "summary": "",
    }
    assert client.post(reverse("cases:dhr-new"), review).status_code == 302
    made = DomesticHomicideReview.objects.get(reference="DHR-2026-01")
    agency = people["officer"].agency
    other = Agency.objects.exclude(pk=agency.pk).first()
    for text, owner in (("Train front-line staff in coercive control.", agency), ("Share GP records.", other)):
        recommendation = {"text": text, "agency": owner.pk, "action": "", "due_on": "2026-01-31", "status": "open"}
        client.post(reverse("cases:dhr-recommendation", args=[made.pk]), recommendation)
    assert made.recommendations.count() == 2
    register = client.get(reverse("cases:dhr")).content.decode()
    assert "DHR-2026-01 (Ann)" in register
    assert '<strong class="tag tag--red">2</strong>' in register  # both overdue
    mine, theirs = (made.recommendations.get(agency=a) for a in (agency, other))
    _verified(client, people["officer"])
    assert client.get(reverse("cases:dhr-new")).status_code == 404  # the manager keeps the register
    update = {"status": "done", "action": "Training delivered to 120 staff."}
    assert client.post(reverse("cases:dhr-recommendation-update", args=[mine.pk]), update).status_code == 302
    assert client.post(reverse("cases:dhr-recommendation-update", args=[theirs.pk]), update).status_code == 404
    assert DhrRecommendation.objects.get(pk=mine.pk).status == "done"
    assert DhrRecommendation.objects.get(pk=theirs.pk).status == "open"


def test_the_export_puts_ni32_in_the_indicators_with_nothing_about_the_person(db, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    """Heard cases leave as month × LSOA × repeat rows, through the partner ingest path, and
    `cspkit indicators` then evaluates NI 32 for Central Bedfordshire: 3 repeats of 7 heard."""
    from cspkit.web.cases.models import MaracMeeting, MaracReferral
    from cspkit.web.cases.numbers import export_marac
    from tests.helpers import cli

    world = build()
    settings.HOME = str(tmp_path)
    meeting = MaracMeeting.objects.create(held_on=date(2026, 5, 14), coordinator=world.agencies["B"])
    people = synthetic_people(20, seed=13)
    for i in range(8):
        victim = person_record(people[i + 10], world.agencies["A"], lsoa21="" if i == 7 else people[i + 10].lsoa21)
        _case(world, meeting, victim, f"M-X{i}", repeat=i < 3)
    done = export_marac(tmp_path)
    assert done["rows exported"] == 7
    assert done["left out without an LSOA"] == 1
    assert done["batches added"] == 1
    extract = (tmp_path / "incoming" / "cases-marac" / f"cases-marac-{world.agencies['B'].slug}.csv").read_text()
    assert extract.splitlines()[0] == "month,category,lsoa"
    assert extract.count("2026-05,repeat,") == 3
    for victim in MaracReferral.objects.values_list("victim__family_name", "victim__lsoa21", "reference"):
        assert victim[0] not in extract
        assert victim[2] not in extract
    assert export_marac(tmp_path)["batches added"] == 0  # unchanged: the store already holds it
    area = ("--area", "csp:E22000353")
    result = cli(tmp_path, "indicators", "--period", "2026-05", "--indicator", "ni-32", *area, "--format", "json")
    assert result.code == 0, result.stderr
    row = next(r for r in result.json() if r["area"] == "E22000353")
    assert (row["numerator"], row["denominator"]) == (3, 7)
    assert row["value"] == pytest.approx(100 * 3 / 7)
