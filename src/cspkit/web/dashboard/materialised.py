"""Dashboards and the performance report materialised per store version (DESIGN.md "Web runtime").

A dashboard is keyed by the store generation, the partnership configuration's digest, the
latest kept strategic assessment, the place and the period; it is built once, written as
JSON under $CSPKIT_HOME/web/materialised/, and held in memory by each web process. A new
ingest, a configuration save or a new assessment changes the key, so the next page shows
it without a restart, and nothing is built twice for the same inputs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from cspkit.assessment.dashboard import DashboardRequest, build_dashboard, place_wards, target_status
from cspkit.errors import CspkitError
from cspkit.web.datahub.store_view import generation
from cspkit.writing import write_text_atomically

log = logging.getLogger("cspkit.web")
FOLDER = Path("web") / "materialised"


@lru_cache(maxsize=8)
def _digest_of(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def config_digest(home: Path) -> str:
    """The partnership configuration's content digest ("" when there is none)."""
    path = home / "partnership.yaml"
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ""
    return _digest_of(str(path), stat.st_mtime_ns, stat.st_size)


def assessment_run(home: Path, area: str) -> str:
    """The latest kept assessment run's folder name for the area ("" when there is none)."""
    folder = home / "assessments" / area.replace(":", "-")
    runs = sorted(p.name for p in folder.glob("*/*") if p.is_dir()) if folder.is_dir() else []
    return runs[-1] if runs else ""


@lru_cache(maxsize=1)
def _geography(home: str, overlay: str) -> Any:
    from cspkit.geography import load_geography

    return load_geography(Path(home))


def geography(home: Path) -> Any:
    overlay = home / "geography"
    return _geography(str(home), os.path.realpath(overlay) if overlay.exists() else "")


@lru_cache(maxsize=2)
def _request(home: str, folder: str, digest: str) -> DashboardRequest:
    from cspkit.indicators import load_indicator_sets, open_engine
    from cspkit.indicators.listing import load_partnership
    from cspkit.workspace import Workspace

    workspace = Workspace(Path(home))
    config = load_partnership(workspace)
    if config is None:
        raise CspkitError(f"no partnership configuration in {home}: run `cspkit init` or `cspkit demo`")
    return DashboardRequest(
        geography(Path(home)), open_engine(Path(home)), load_indicator_sets(workspace.indicators), config
    )


def request_for(home: Path) -> DashboardRequest:
    """The evaluator's inputs for the current store generation and configuration."""
    return _request(str(home), generation(home), config_digest(home))


_MEMORY: dict[str, Any] = {}


def _key(parts: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]


def is_materialised(home: Path, name: str, parts: tuple[str, ...]) -> bool:
    """Is this already built (in this process or on disk)?"""
    key = _key(parts)
    return key in _MEMORY or (home / FOLDER / f"{name}-{key}.json").exists()


def materialise(home: Path, name: str, parts: tuple[str, ...], build: Any) -> Any:
    key = _key(parts)
    if key in _MEMORY:
        return _MEMORY[key]
    path = home / FOLDER / f"{name}-{key}.json"
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        value = build()
        write_text_atomically(path, json.dumps(value))
    if len(_MEMORY) > 16:  # a long-running process keeps only recent keys
        _MEMORY.clear()
    value["materialised_key"] = key
    _MEMORY[key] = value
    return value


def performance(home: Path) -> dict[str, Any]:
    """The performance report (RAG per target and place), or {"reason": why there is none}."""
    request = request_for(home)
    area = str(request.config.area)
    run = assessment_run(home, area)
    if not run:
        return {"reason": "no strategic assessment has been run yet, so the plan has no baseline to measure against"}

    def build() -> dict[str, Any]:
        from cspkit.assessment.history import latest_assessment
        from cspkit.assessment.performance import build_performance
        from cspkit.assessment.plan import PlanRequest

        assessment = latest_assessment(home, area)
        plan_request = PlanRequest(home, request.geo, request.engine, request.sets, request.config, assessment or {})
        try:
            return build_performance(plan_request)
        except CspkitError as error:
            return {"reason": str(error)}

    parts = ("performance", generation(home), config_digest(home), run)
    result: dict[str, Any] = materialise(home, "performance", parts, build)
    return result


@lru_cache(maxsize=4)
def _node_places(home: str, folder: str, digest: str) -> dict[str, frozenset[str]]:
    from cspkit.assessment.plan_tree import leaf_areas, plan_tree

    request = request_for(Path(home))
    tree = plan_tree(request.config, request.geo)
    leaves = {
        name: place_wards(request.geo, area) for name, area in leaf_areas(request.config, request.geo, tree).items()
    }
    found: dict[str, frozenset[str]] = {}
    for node, _depth in tree.walk():
        found[node.name] = frozenset().union(*(leaves[leaf.name] for leaf in node.leaves()))
    return found


def dashboard(home: Path, area: str | None, period: str | None) -> dict[str, Any]:
    """The materialised dashboard for a place and period (defaults: the partnership, the
    twelve months to the latest month held)."""
    request = request_for(home)
    report = performance(home)

    def build() -> dict[str, Any]:
        from cspkit.geography.areas import parse_area
        from cspkit.indicators.areas import target_area

        here = place_wards(
            request.geo, target_area(request.geo, parse_area(area) if area else request.config.area, request.config)
        )
        places = _node_places(str(home), generation(home), config_digest(home))
        targets = target_status(None if "reason" in report else report, places, here)
        built = build_dashboard(request, area, period, targets)
        built["targets_reason"] = report.get("reason", "")
        return built

    parts = (
        "dashboard",
        generation(home),
        config_digest(home),
        assessment_run(home, str(request.config.area)),
        area or "",
        period or "",
    )
    result: dict[str, Any] = materialise(home, "dashboard", parts, build)
    return result


KEEP_DAYS = 30


def prune(home: Path, keep_days: int = KEEP_DAYS) -> int:
    """Remove materialised files not written for `keep_days` (older store versions' dashboards
    and charts); one still in use is simply built again. Returns how many went."""
    import time

    cutoff = time.time() - keep_days * 86400
    gone = 0
    for path in (home / FOLDER).rglob("*"):
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            gone += 1
    return gone


def warm(home: Path) -> None:
    """Build the default dashboard and the performance report ahead of the first page, and
    prune old versions (the worker calls this after each ingest and at start)."""
    prune(home)
    try:
        dashboard(home, None, None)
    except CspkitError as error:
        log.info("dashboard not materialised: %s", error)
