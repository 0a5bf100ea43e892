"""`cspkit analyse hotspots` on the bundled police.uk data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest

from tests.helpers import cli, street_count

pytestmark = pytest.mark.slow
CENTRAL_BEDS = "E22000353"


def test_geojson_covers_the_area_and_counts_every_point(full_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "burglary.geojson"
    args = ["--category", "Burglary", "--area", f"csp:{CENTRAL_BEDS}", "--period", "2023/24"]
    result = cli(full_store, "analyse", "hotspots", *args, "--output", str(out))
    assert result.code == 0, result.stderr
    collection = json.loads(out.read_text())
    about = collection["cspkit"]
    assert about["n"] > 500
    assert about["cell_size"] > 0
    assert about["bandwidth"] > 0
    assert about["points"] == "police.uk anonymised snap points"
    counted = street_count(full_store, CENTRAL_BEDS, "Burglary", "2023/24")
    assert about["n"] + about["records_without_coordinates"] == counted
    features = collection["features"]
    assert len(features) == about["cells"]
    total = sum(f["properties"]["count"] for f in features)
    assert total + about["points_outside_grid"] == about["n"]
    first = features[0]
    assert set(first["properties"]) == {"count", "kde", "gistar_z", "gistar_p", "x_bng", "y_bng"}
    lon, lat = np.array(first["geometry"]["coordinates"][0]).T
    assert -1.0 < lon.min() < 0.2
    assert 51.7 < lat.min() < 52.4
    assert all(0 <= f["properties"]["gistar_p"] <= 1 for f in features)


def test_csv_has_every_cell(full_store: Path) -> None:
    result = cli(
        full_store,
        "analyse",
        "hotspots",
        "--category",
        "anti-social-behaviour",
        "--period",
        "2024-03",
        "--cell-size",
        "1000",
        "--format",
        "csv",
    )
    assert result.code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["count", "kde", "gistar_z", "gistar_p", "x_bng", "y_bng"]
    assert all(float(r["x_bng"]) % 500 == pytest.approx(float(rows[0]["x_bng"]) % 500) for r in rows)
    # Records without coordinates are left out, not put at (0, 0): the grid stays in Bedfordshire.
    assert min(float(r["x_bng"]) for r in rows) > 450_000
    assert min(float(r["y_bng"]) for r in rows) > 190_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--category", "Burgling"], "no street records of category 'Burgling'"),
        (["--category", "Burglary", "--area", "csp:E22000001"], "no boundary is held for csp:E22000001"),
        (["--category", "Burglary", "--cell-size", "-5"], "--cell-size must be positive"),
        (["--dataset", "outcomes"], "--dataset must be one of"),
    ],
)
def test_bad_requests_exit_2_and_say_why(full_store: Path, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "never.geojson"
    result = cli(full_store, "analyse", "hotspots", *args, "--output", str(out))
    assert result.code == 2
    assert message in result.stderr
    assert not out.exists()
    assert not list(tmp_path.iterdir())
