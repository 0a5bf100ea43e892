"""From a moderator's decision to what the public may see: the blurred place, the routed
agency, and the config the decisions follow."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from django.conf import settings

from cspkit.config.engage import EngageConfig
from cspkit.privacy.blur import Place, blur, locate
from cspkit.web.accounts.models import Agency
from cspkit.web.dashboard.materialised import geography, request_for
from cspkit.web.engage.models import SaferStreetsPin


def home() -> Path:
    return Path(settings.HOME)


def engage_config() -> EngageConfig:
    """The partnership's `engage:` settings (CspkitError when the workspace has no configuration)."""
    return request_for(home()).config.engage


def partnership_wards() -> dict[str, str]:
    from cspkit.web.public import figures

    return dict(figures.wards(home()))


def place_of(lon: float, lat: float) -> Place | None:
    """Where a point falls, if it is inside one of the partnership's own wards."""
    place = locate(geography(home()), lon, lat)
    if place is None or place.ward not in partnership_wards():
        return None
    return place


def blur_seed(reference: str) -> int:
    """A keyed hash of the reference: the code is open, so a seed anyone could compute would
    let them undo the offset."""
    digest = hmac.new(settings.SECRET_KEY.encode(), reference.encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


def blurred(pin: SaferStreetsPin, workspace: Path | None = None) -> tuple[float, float]:
    """The pin's public place (DESIGN.md: inside its own LSOA and ward)."""
    return blur(geography(workspace or home()), pin.lon, pin.lat, seed=blur_seed(pin.reference))


def route(config: EngageConfig, authority: str, reasons: list[str]) -> Agency | None:
    """The agency for the first chosen reason (in the configured order) that has a route here."""
    for reason in config.reasons:
        if reason.slug not in reasons:
            continue
        slug = config.route_for(authority, reason.agency_kind)
        if slug:
            agency = Agency.objects.filter(slug=slug).first()
            if agency is not None:
                return agency
    return None
