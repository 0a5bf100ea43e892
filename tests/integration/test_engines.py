"""DuckDB and PostgreSQL give the same figures (issue: both engines agree on the full data)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from cspkit.geography import load_geography
from cspkit.indicators import evaluate, load_indicator_sets, open_engine, resolve_areas
from cspkit.periods import month_label, parse_period
from cspkit.store.mirror import mirror_store
from tests.helpers import cli, fixture

pytestmark = pytest.mark.slow


def _by_key(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str, str], dict[str, Any]]:
    return {(r["indicator"], r["area_type"], r["area"], r["period"]): r for r in rows}


def test_every_policeuk_indicator_for_every_lsoa_ward_and_csp_agrees(full_store: Path, postgres_url: str) -> None:
    report = mirror_store(full_store, postgres_url)
    assert report.rows == 344_340 + 18  # police.uk rows and the demo's synthetic survey results
    geo = load_geography(full_store)
    sets = load_indicator_sets()
    months = parse_period("2021-05..2024-04").months  # every bundled month
    periods = [parse_period(month_label(m)) for m in months] + [parse_period("2023/24")]
    chosen = list(sets.set("policeuk").indicators)  # the retired category too: null on both
    results = {}
    for name, url in (("duckdb", None), ("postgresql", postgres_url)):
        engine = open_engine(full_store, url)
        rows: list[dict[str, Any]] = []
        for area_type in ("lsoa", "ward", "csp"):
            areas = resolve_areas(geo, None, area_type, None, {"bedfordshire"})
            rows += evaluate(engine, geo, chosen, areas, periods)
        results[name] = _by_key(rows)
    duck, pg = results["duckdb"], results["postgresql"]
    assert duck.keys() == pg.keys()
    assert len(chosen) == 18
    assert len(duck) == len(chosen) * (417 + 79 + 3) * 37
    compared = 0
    for key, left in duck.items():
        right = pg[key]
        assert left["numerator"] == right["numerator"], key
        assert left["missing_months"] == right["missing_months"], key
        for field in ("value", "lower_95", "upper_95"):
            if left[field] is None:
                assert right[field] is None, key
            else:
                assert right[field] == pytest.approx(left[field], rel=1e-12, abs=1e-12), key
                compared += 1
    assert compared > 100_000
    assert (
        sum(
            r["numerator"] or 0
            for k, r in duck.items()
            if k[1] == "csp" and k[3] == "2023/24" and k[0] == "policeuk/all-crime"
        )
        > 0
    )


def test_mirror_is_idempotent_and_follows_a_reissued_month(tmp_path: Path, postgres_url: str) -> None:
    """A second mirror copies nothing; after a re-issued month, the old rows are gone there too."""
    import psycopg

    workspace = tmp_path / "workspace"
    url = postgres_url
    original = fixture("2024-03", "street")
    assert cli(workspace, "ingest", "policeuk", str(original)).code == 0
    first = cli(workspace, "store", "mirror", "--to", url, "--format", "json")
    assert first.code == 0, first.stderr
    assert first.json()["rows"] == 300
    again = cli(workspace, "store", "mirror", "--to", url, "--format", "json").json()
    assert again["copied_batches"] == []
    assert again["unchanged_partitions"] == 1
    reissued = tmp_path / "2024-03" / original.name
    reissued.parent.mkdir()
    lines = original.read_text(encoding="utf-8").splitlines(keepends=True)
    reissued.write_text("".join(lines[:-10]), encoding="utf-8")  # the force withdrew ten records
    assert cli(workspace, "ingest", "policeuk", str(reissued)).code == 0
    moved = cli(workspace, "store", "mirror", "--to", url, "--format", "json").json()
    assert moved["removed_partitions"] == 1
    assert len(moved["copied_batches"]) == 1
    with psycopg.connect(url) as connection:
        count = connection.execute("SELECT count(*) FROM street WHERE month = '2024-03-01'").fetchone()
    assert count is not None
    assert count[0] == len(lines) - 1 - 10
    shutil.rmtree(workspace)


def test_a_database_without_a_mirror_is_refused(tmp_path: Path, postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as connection:
        connection.execute("CREATE SCHEMA IF NOT EXISTS empty")
    result = cli(
        tmp_path / "ws",
        "indicators",
        "--area",
        "csp:E22000353",
        "--period",
        "2024-03",
        "--engine",
        postgres_url + "?options=-csearch_path%3Dempty",
    )
    assert result.code == 2
    assert "holds no mirrored store" in result.stderr or "cannot connect" in result.stderr
