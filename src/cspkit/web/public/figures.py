"""Neighbourhood figures materialised per store version, like the dashboard: built once per
(store generation, configuration digest, ward), kept as JSON beside the dashboards and in each
process's memory, so a newly ingested month shows on the next page without a restart."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from cspkit.errors import CspkitError
from cspkit.web.dashboard.materialised import config_digest, materialise, request_for
from cspkit.web.datahub.store_view import generation

log = logging.getLogger("cspkit.web")


def wards(home: Path) -> list[tuple[str, str]]:
    """The partnership's neighbourhoods (ward code, name), by name."""
    from cspkit.neighbourhoods.profile import neighbourhood_wards

    return neighbourhood_wards(request_for(home))


def neighbourhood(home: Path, ward: str) -> dict[str, Any]:
    """The materialised figures of one of the partnership's wards (CspkitError if it is not one)."""
    from cspkit.neighbourhoods.profile import build_neighbourhood

    request = request_for(home)
    parts = ("neighbourhood", generation(home), config_digest(home), ward)
    result: dict[str, Any] = materialise(home, "neighbourhood", parts, lambda: build_neighbourhood(request, ward))
    return result


def warm(home: Path) -> None:
    """Every neighbourhood's figures for the current store version (the worker, after an ingest)."""
    try:
        for code, _name in wards(home):
            neighbourhood(home, code)
    except CspkitError as error:
        log.info("neighbourhoods not materialised: %s", error)
