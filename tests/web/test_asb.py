"""ASB cases through the pages: the owning agency opens a case and adds its parties; a partner
agency a party's record is shared with records incidents and interventions on the ladder; the
case review threshold warns the owner once and links to the resident's application; closing;
the partnership's desistance report on a test cohort; retention; subject access."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from tests.web.case_world import build, person_record, synthetic_people
from tests.web.test_case_access import _verified

pytestmark = pytest.mark.web
AMPTHILL = "E05008783"


def _case_form(**changes: str) -> dict[str, str]:
    return {
        "title": "Noise and intimidation on the stairwell",
        "summary": "Loud music at night; residents feel unsafe on the stairs.",
        "ward": "",
        "lsoa21": "E01015596",
        "opened_on": date.today().isoformat(),
        "purpose": "asb",
        "legal_basis": "ukgdpr-6-1-e",
        "consent": "not_sought",
        "consent_reason": "Enforcement: asking would prejudice it.",
    } | changes


def test_a_case_runs_through_the_pages(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.accounts.models import AuditEvent
    from cspkit.web.cases.models import AsbCase

    world = build(("C", "officer"))
    _verified(client, world.users[("A", "officer")])
    bad = client.post(reverse("cases:asb-new"), _case_form(lsoa21="E01999999"))
    assert "E01999999 is not an LSOA in England and Wales" in bad.content.decode()
    assert not AsbCase.objects.filter(title__startswith="Noise and intimidation").exists()  # nothing written
    response = client.post(reverse("cases:asb-new"), _case_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    case = AsbCase.objects.get(title__startswith="Noise and intimidation")
    assert case.owner == world.agencies["A"]
    assert case.delete_on > date.today()  # on the asb purpose's schedule
    assert AuditEvent.objects.filter(action="create", object_id=case.reference).exists()

    complainant = person_record(synthetic_people(8, seed=5)[7], world.agencies["A"])
    parties = reverse("cases:asb-party", args=[case.pk])
    client.post(parties, {"party-reference": world.matched["B"].reference, "party-role": "perpetrator"})
    assert case.parties.count() == 0  # not a record A holds
    client.post(parties, {"party-reference": world.record.reference, "party-role": "perpetrator"})
    client.post(
        parties, {"party-reference": complainant.reference, "party-role": "complainant", "party-vulnerable": "on"}
    )
    assert sorted(case.parties.values_list("role", flat=True)) == ["complainant", "perpetrator"]

    # B holds a share of the perpetrator's record, so sees the case and works it.
    _verified(client, world.users[("B", "officer")])
    url = reverse("cases:asb-case", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Noise and intimidation" in page
    assert world.record.name in page  # R is shared with B
    assert complainant.name not in page  # the complainant's record is not
    client.post(
        reverse("cases:asb-incident", args=[case.pk]),
        {
            "incident-occurred_on": date.today().isoformat(),
            "incident-description": "Music until 3am.",
            "incident-perpetrator": world.record.pk,
            "incident-reported_to": "Council out-of-hours",
        },
    )
    step = reverse("cases:asb-intervention", args=[case.pk])
    today = date.today().isoformat()
    client.post(
        step,
        {
            "intervention-perpetrator": world.record.pk,
            "intervention-step": "abc",
            "intervention-on": today,
            "intervention-ends_on": (date.today() - timedelta(days=1)).isoformat(),
        },
    )
    assert case.interventions.count() == 0  # ends before it was made: refused
    client.post(
        step,
        {"intervention-perpetrator": world.record.pk, "intervention-step": "warning-letter", "intervention-on": today},
    )
    made = case.interventions.get()
    assert (made.agency, made.step) == (world.agencies["B"], "warning-letter")
    assert case.incidents.get().agency == world.agencies["B"]
    page = client.get(url).content.decode()
    assert f"<strong>Warning letter</strong>: {date.today():%-d %b %Y}" in page  # on the ladder
    assert client.post(reverse("cases:asb-close", args=[case.pk]), {}).status_code == 404  # only the owner closes

    _verified(client, world.users[("C", "officer")])
    assert client.get(url).status_code == 404
    assert case.reference not in client.get(reverse("cases:asb")).content.decode()

    _verified(client, world.users[("A", "officer")])
    close = reverse("cases:asb-close", args=[case.pk])
    before = (date.today() - timedelta(days=3)).isoformat()
    client.post(close, {"close-closed_on": before, "close-closure_reason": "Moved."})
    case.refresh_from_db()
    assert case.closed_on is None  # before it was opened
    client.post(close, {"close-closed_on": today, "close-closure_reason": "Behaviour stopped after the letter."})
    case.refresh_from_db()
    assert case.closed_on == date.today()
    assert "Closed" in client.get(reverse("cases:asb")).content.decode()


def test_the_case_review_threshold_warns_the_owner_once_and_links_the_application(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import AsbCase, Notification
    from cspkit.web.engage.models import AsbCaseReview

    world = build()
    case = world.asb
    _verified(client, world.users[("B", "officer")])
    incidents = reverse("cases:asb-incident", args=[case.pk])
    for days in (200, 20, 10):  # the first is outside six months
        on = (date.today() - timedelta(days=days)).isoformat()
        client.post(
            incidents, {"incident-occurred_on": on, "incident-description": "Shouting.", "incident-complaint": "on"}
        )
    page = client.get(reverse("cases:asb-case", args=[case.pk])).content.decode()
    assert "2 complaints in the last 6 months; the ASB case review threshold is 3." in page
    assert not Notification.objects.filter(url=reverse("cases:asb-case", args=[case.pk])).exists()
    on = date.today().isoformat()
    client.post(incidents, {"incident-occurred_on": on, "incident-description": "Threats.", "incident-complaint": "on"})
    page = client.get(reverse("cases:asb-case", args=[case.pk])).content.decode()
    assert "meet the ASB case review threshold: 3 complaints in the last 6 months (3 needed)" in page
    assert reverse("engage:trigger") in page
    told = Notification.objects.filter(url=reverse("cases:asb-case", args=[case.pk]))
    assert {n.user for n in told} == {world.users[("A", "officer")]}  # the owning agency's case workers
    assert case.reference in told.get().text
    assert "ASBCASE-MARKER" not in told.get().text
    (sent,) = mail.outbox  # a link-only e-mail to the same people
    assert sent.to == [world.users[("A", "officer")].email]
    assert f"/cases/asb/{case.pk}/" in sent.body
    assert "Threats" not in sent.body
    assert "ASBCASE-MARKER" not in sent.body
    client.post(incidents, {"incident-occurred_on": on, "incident-description": "Again.", "incident-complaint": "on"})
    assert told.count() == 1  # once per time it is reached
    assert AsbCase.objects.get(pk=case.pk).threshold_met_on == date.today()

    application = AsbCaseReview.objects.create(
        reference="CT-ASB234",
        nonce="n-asb",
        tracking_hash="h-asb",
        ward=AMPTHILL,
        description="Noise.",
        applicant_name="Synthetic Applicant",
    )
    _verified(client, world.users[("A", "officer")])
    link = reverse("cases:asb-review-link", args=[case.pk])
    client.post(link, {"review-application": "CT-NOSUCH"})
    case.refresh_from_db()
    assert case.case_review is None
    client.post(link, {"review-application": "ct-asb234"})
    case.refresh_from_db()
    assert case.case_review == application
    page = client.get(reverse("cases:asb-case", args=[case.pk])).content.decode()
    assert "CT-ASB234" in page
    assert "Received: the threshold is being checked" in page
    assert reverse("engage:trigger-case", args=[application.pk]) in page  # officers decide reviews too


def test_desistance_on_a_test_cohort_through_the_page(db, client) -> None:  # type: ignore[no-untyped-def]
    """Four perpetrators with a warning letter, an ABC and a CPN a month apart, the CPN a year
    ago. P0 has an incident two months after the CPN, P1 one on the day of the ABC. After the
    third: P0 did not desist, 3 of 4 (75 %). After the second, the same. After the first: P0 and
    P1 did not, 2 of 4. R (the world's) had one intervention 40 days ago: too recent to count."""
    from cspkit.web.cases.models import AsbIncident, AsbIntervention, AsbParty

    world = build()
    people = synthetic_people(12, seed=9)
    year_ago = date.today() - timedelta(days=365)
    for i in range(4):
        person = person_record(people[6 + i], world.agencies["A"])
        AsbParty.objects.create(case=world.asb, person=person, role="perpetrator")
        for months, step in ((2, "warning-letter"), (1, "abc"), (0, "cpn")):
            AsbIntervention.objects.create(
                case=world.asb,
                perpetrator=person,
                step=step,
                on=year_ago - timedelta(days=30 * months),
                agency=world.agencies["A"],
            )
        if i == 0:
            AsbIncident.objects.create(
                case=world.asb,
                occurred_on=year_ago + timedelta(days=60),
                description="x",
                perpetrator=person,
                agency=world.agencies["A"],
            )
        if i == 1:
            AsbIncident.objects.create(
                case=world.asb,
                occurred_on=year_ago - timedelta(days=30),
                description="x",
                perpetrator=person,
                agency=world.agencies["A"],
            )
    _verified(client, world.users[("A", "officer")])
    csv = client.get(reverse("cases:asb-desistance"), {"format": "csv"}).content.decode()
    rows = {tuple(line.split(",")[:2]): line.split(",")[2:] for line in csv.strip().splitlines()[1:]}
    assert rows[("intervention number", "3")] == ["4", "3", "75.0"]
    assert rows[("intervention number", "2")] == ["4", "3", "75.0"]
    assert rows[("intervention number", "1")] == ["4", "2", "50.0"]
    assert rows[("intervention number", "4")] == ["0", "0", ""]
    assert rows[("step", "Community protection notice")] == ["4", "3", "75.0"]
    page = client.get(reverse("cases:asb-desistance")).content.decode()
    assert "Criminal behaviour order" not in page  # steps nobody took are not listed
    assert "Community protection notice" in page


def test_subject_access_gives_the_persons_part_with_others_redacted(db, client) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.models import AsbParty

    world = build(("A", "sharing_officer"))
    other = person_record(synthetic_people(8, seed=3)[7], world.agencies["A"])
    AsbParty.objects.create(case=world.asb, person=other, role="complainant")
    world.asb.title = f"Noise aimed at {other.given_name} {other.family_name}"
    world.asb.save()
    _verified(client, world.users[("A", "sharing_officer")])
    data = client.get(reverse("cases:subject-access", args=[world.record.pk]), {"format": "json"}).json()
    (part,) = data["asb"]
    assert part["role"] == "Perpetrator"
    assert part["behaviour"].startswith("Noise aimed at [third party]")
    assert other.family_name not in part["behaviour"]
    assert [i["description"] for i in part["incidents"]] == ["INCIDENT-MARKER loud music at night"]
    assert [(i["step"], i["note"]) for i in part["interventions"]] == [
        ("Acceptable behaviour contract", "INTERVENTION-MARKER signed the contract")
    ]
    theirs = client.get(reverse("cases:subject-access", args=[other.pk]), {"format": "json"}).json()["asb"]
    assert theirs[0]["role"] == "Complainant"
    assert theirs[0]["incidents"] == []  # none of the incidents is their complaint
    assert theirs[0]["interventions"] == []


def test_retention_deletes_expired_cases_and_memberships_leaving_tombstones(db) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.cases.housekeeping import delete_expired
    from cspkit.web.cases.models import AsbCase, AsbIntervention, IomMember, Tombstone

    world = build()
    yesterday = date.today() - timedelta(days=1)
    AsbCase.objects.filter(pk=world.asb.pk).update(delete_on=yesterday)
    IomMember.objects.filter(pk=world.member.pk).update(delete_on=yesterday)
    done = delete_expired(date.today())
    assert (done["ASB cases deleted"], done["IOM memberships deleted"]) == (1, 1)
    assert not AsbIntervention.objects.exists()  # with its case
    kinds = set(Tombstone.objects.values_list("kind", flat=True))
    assert {"asb-case", "iom-member"} <= kinds
    assert world.record.__class__.objects.filter(pk=world.record.pk).exists()  # the person stays
