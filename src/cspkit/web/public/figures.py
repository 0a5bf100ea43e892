"""Neighbourhood figures materialised per store version, like the dashboard: built once per
(store generation, configuration digest, ward), kept as JSON beside the dashboards and in each
process's memory, so a newly ingested month shows on the next page without a restart."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from cspkit.errors import CspkitError
from cspkit.web.dashboard.materialised import config_digest, is_materialised, materialise, request_for
from cspkit.web.datahub.store_view import generation

log = logging.getLogger("cspkit.web")


def wards(home: Path) -> list[tuple[str, str]]:
    """The partnership's neighbourhoods (ward code, name), by name."""
    from cspkit.neighbourhoods.profile import neighbourhood_wards

    return neighbourhood_wards(request_for(home))


def _parts(home: Path, ward: str) -> tuple[str, ...]:
    return ("neighbourhood", generation(home), config_digest(home), ward)


def neighbourhood(home: Path, ward: str) -> dict[str, Any]:
    """The materialised figures of one of the partnership's wards (CspkitError if it is not one)."""
    from cspkit.neighbourhoods.profile import build_neighbourhood

    request = request_for(home)
    result: dict[str, Any] = materialise(
        home, "neighbourhood", _parts(home, ward), lambda: build_neighbourhood(request, ward)
    )
    return result


def warm(home: Path) -> None:
    """Every neighbourhood's figures for the current store version, those not yet built in one
    go (the worker, after an ingest): the evaluations cover all the wards at once."""
    from cspkit.neighbourhoods.profile import build_neighbourhoods

    try:
        missing = [
            code for code, _name in wards(home) if not is_materialised(home, "neighbourhood", _parts(home, code))
        ]
        if missing:
            built = build_neighbourhoods(request_for(home), missing)
            for code in missing:
                materialise(home, "neighbourhood", _parts(home, code), lambda code=code: built[code])
    except CspkitError as error:
        log.info("neighbourhoods not materialised: %s", error)
