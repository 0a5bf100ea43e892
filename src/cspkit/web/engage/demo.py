"""The demo's Safer Streets reports: made up for cspkit's demo and labelled so ("Demo:"), at
places in Ampthill and Flitwick; two published (one with "we did"), one awaiting moderation."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from cspkit.privacy.blur import locate
from cspkit.web.accounts.models import Agency, User
from cspkit.web.dashboard.materialised import geography
from cspkit.web.engage import publishing
from cspkit.web.engage.models import SaferStreetsPin

# reference, lon, lat, reasons, description, status, we did, routed to
DEMO_PINS = (
    (
        "SS-DEMAA2",
        -0.4953,
        52.0262,
        ["poor-lighting", "overgrown-or-isolated"],
        "Demo: the footpath behind the car park is unlit and overgrown",
        SaferStreetsPin.PUBLISHED,
        "Demo: two lights repaired and the hedges cut back",
        "central-bedfordshire-council",
    ),
    (
        "SS-DEMBB3",
        -0.4945,
        52.0285,
        ["groups-gathering"],
        "Demo: groups gather by the bus stop late at night",
        SaferStreetsPin.PUBLISHED,
        "",
        "bedfordshire",
    ),
    (
        "SS-DEMCC4",
        -0.4915,
        51.9965,
        ["being-followed"],
        "Demo: I was followed from the station to the high street",
        SaferStreetsPin.AWAITING,
        "",
        "bedfordshire",
    ),
)


def seed_safer_streets(home: Path, officer: User) -> None:
    geo = geography(home)
    for reference, lon, lat, reasons, text, status, we_did, agency in DEMO_PINS:
        place = locate(geo, lon, lat)
        if place is None or SaferStreetsPin.objects.filter(reference=reference).exists():
            continue
        pin = SaferStreetsPin(
            reference=reference,
            nonce=f"demo-{reference}",
            lon=lon,
            lat=lat,
            lsoa21=place.lsoa21,
            ward=place.ward,
            authority=place.authority,
            reasons=reasons,
            description=text,
            routed_to=Agency.objects.filter(slug=agency).first(),
        )
        if status == SaferStreetsPin.PUBLISHED:
            pin.status = status
            pin.public_description = text
            pin.moderation_reason = "Demo: nobody identifiable"
            pin.moderated_by = officer
            pin.moderated_at = timezone.now()
            pin.public_lon, pin.public_lat = publishing.blurred(pin, home)
            pin.we_did = we_did
            pin.we_did_at = timezone.localdate() - timedelta(days=7) if we_did else None
        pin.save()


# title, ward, work, status
DEMO_NOMINATIONS = (
    ("Demo: clear the footpath to Flitwick Moor", "E05014409", "Cut back brambles and clear litter", "shortlisted"),
    (
        "Demo: repaint the underpass by the station",
        "E05014409",
        "Paint over graffiti and clean the lights",
        "shortlisted",
    ),
    ("Demo: tidy the play area in Ampthill Park", "E05014394", "Weed, sand and repaint the benches", "shortlisted"),
    ("Demo: clear the brook behind Church Street", "E05014394", "Remove dumped rubbish from the brook", "completed"),
    ("Demo: litter pick on the Bedford road verges", "E05014394", "Litter pick both verges", "submitted"),
)


def seed_community_payback(officer: User) -> None:
    """An open round with three shortlisted projects (and a few confirmed demo votes), one
    completed project and one waiting for assessment."""
    from cspkit.web.engage.models import PaybackNomination, PaybackRound, PaybackVote

    if PaybackRound.objects.filter(title__startswith="Demo:").exists():
        return
    now = timezone.now()
    round_ = PaybackRound.objects.create(
        title="Demo: this season's projects",
        voting_opens=now - timedelta(days=7),
        voting_closes=now + timedelta(days=21),
        created_by=officer,
    )
    for number, (title, ward, work, status) in enumerate(DEMO_NOMINATIONS):
        nomination = PaybackNomination.objects.create(
            reference=f"CP-DEM{'ABCDE'[number]}{'ABCDE'[number]}2",
            nonce=f"demo-nomination-{number}",
            title=title,
            location="Demo: made up for cspkit's demo",
            ward=ward,
            work=work,
            benefit="Demo: residents asked for it at their PACT meeting",
            nominator_name="Demo nominator",
            nominator_email=f"nominator{number}@example.org",
            status=status,
            score_benefit=4 if status != "submitted" else None,
            score_visibility=3 if status != "submitted" else None,
            score_feasibility=4 if status != "submitted" else None,
            assessed_by=officer if status != "submitted" else None,
            round=round_ if status == "shortlisted" else None,
            completed_on=timezone.localdate() - timedelta(days=30) if status == "completed" else None,
            completion_summary="Demo: two skips of rubbish removed from the brook" if status == "completed" else "",
            hours_worked=96 if status == "completed" else None,
        )
        for voter in range(3 - number if status == "shortlisted" else 0):
            PaybackVote.objects.create(
                round=round_,
                nomination=nomination,
                voter=f"demo-voter-{number}-{voter}",
                token_hash=f"demo-{number}-{voter}",
                confirmed_at=now - timedelta(days=1),
            )


def seed_call_for_action(councillor: User) -> None:
    """The demo councillor answers for Ampthill and Flitwick; one decided Call for Action in
    the register and one waiting; one ASB case review application."""
    from cspkit.web.engage.call_for_action import track_token, tracking_hash
    from cspkit.web.engage.models import AsbCaseReview, CallForAction, WardCouncillor

    for ward in ("E05014394", "E05014409"):
        WardCouncillor.objects.get_or_create(user=councillor, ward=ward)
    if CallForAction.objects.filter(reference__startswith="CA-DEM").exists():
        return
    common = {
        "how_long": "Demo: several months",
        "already_done": "Demo: reported to the police and the council",
        "outcome_wanted": "Demo: patrols and a clean-up",
        "resident_name": "Demo resident",
        "resident_email": "resident@example.org",
    }
    for reference, ward, topic, status, summary in (
        (
            "CA-DEMAA2",
            "E05014394",
            "Demo: drug dealing near the play area",
            CallForAction.DECIDED,
            "Demo: the committee asked the police and council for a joint plan, reported back in three months",
        ),
        ("CA-DEMBB3", "E05014409", "Demo: speeding on the high street at night", CallForAction.WITH_COUNCILLOR, ""),
    ):
        CallForAction.objects.create(
            reference=reference,
            nonce=f"demo-{reference}",
            tracking_hash=tracking_hash(track_token(reference)),
            ward=ward,
            topic=topic,
            matter=f"{topic} (made up for cspkit's demo)",
            status=status,
            councillor=councillor if status == CallForAction.DECIDED else None,
            councillor_response="Demo: referred to the committee" if status == CallForAction.DECIDED else "",
            responded_at=timezone.now() - timedelta(days=40) if status == CallForAction.DECIDED else None,
            committee_outcome="Demo: a joint plan was asked for" if status == CallForAction.DECIDED else "",
            decided_at=timezone.now() - timedelta(days=10) if status == CallForAction.DECIDED else None,
            public_summary=summary,
            **common,
        )
    AsbCaseReview.objects.create(
        reference="CT-DEMAA2",
        nonce="demo-CT-DEMAA2",
        tracking_hash=tracking_hash(track_token("CT-DEMAA2", "asb-case-review")),
        ward="E05014394",
        description="Demo: loud parties and threats from a neighbouring flat",
        complaints=[
            {"date": (timezone.localdate() - timedelta(days=d)).isoformat(), "reported_to": "Demo: council ASB team"}
            for d in (12, 45, 90)
        ],
        applicant_name="Demo applicant",
        applicant_email="applicant@example.org",
        meets_threshold=True,
    )
