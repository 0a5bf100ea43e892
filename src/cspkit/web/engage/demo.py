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
