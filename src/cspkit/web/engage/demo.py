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
