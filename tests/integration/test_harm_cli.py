"""`cspkit harm` on the bundled police.uk data and the ONS tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.recorded_crime import ons_recorded_crime
from tests.helpers import cli, street_count

pytestmark = pytest.mark.slow
CENTRAL_BEDS = "E22000353"


def test_policeuk_harm_weighs_the_store_counts(full_store: Path) -> None:
    result = cli(full_store, "harm", "--period", "2023/24", "--format", "json")
    assert result.code == 0, result.stderr
    body = result.json()
    assert body["area"] == f"csp:{CENTRAL_BEDS}"
    assert "Cambridge Crime Harm Index" in body["weights"]
    assert "Anti-social behaviour is not a notifiable crime" in body["asb"]
    rows = {row["category"]: row for row in body["rows"]}
    counted = street_count(full_store, CENTRAL_BEDS, "Burglary", "2023/24")
    assert rows["Burglary"]["count"] == counted
    assert rows["Burglary"]["harm_days"] == pytest.approx(counted * 244.68)
    crimes = [row for name, row in rows.items() if name not in ("Total", "Anti-social behaviour")]
    assert rows["Total"]["harm_days"] == pytest.approx(sum(row["harm_days"] for row in crimes))
    assert rows["Total"]["harm_per_1000"] == pytest.approx(rows["Total"]["harm_days"] / body["population"] * 1000)
    assert sum(row["share"] for row in crimes) == pytest.approx(1.0)
    assert rows["Anti-social behaviour"]["harm_days"] is None


def test_asb_weight_and_own_weights(full_store: Path, tmp_path: Path) -> None:
    weights = tmp_path / "weights.csv"
    names = [
        "Violence and sexual offences",
        "Public order",
        "Criminal damage and arson",
        "Shoplifting",
        "Other theft",
        "Vehicle crime",
        "Burglary",
        "Drugs",
        "Theft from the person",
        "Robbery",
        "Possession of weapons",
        "Bicycle theft",
        "Other crime",
    ]
    weights.write_text("category,weight\n" + "".join(f"{name},1\n" for name in names))
    result = cli(
        full_store, "harm", "--period", "2024-03", "--weights", str(weights), "--asb-weight", "1", "--format", "json"
    )
    assert result.code == 0, result.stderr
    body = result.json()
    rows = {row["category"]: row for row in body["rows"]}
    every = sum(row["count"] for name, row in rows.items() if name != "Total")
    assert rows["Total"]["harm_days"] == every  # one day each, ASB included
    assert body["weights"] == "weights from weights.csv"


def test_ons_leaf_groups_add_up_to_the_published_total(full_store: Path) -> None:
    result = cli(full_store, "harm", "--source", "ons", "--area", f"csp:{CENTRAL_BEDS}", "--format", "json")
    assert result.code == 0, result.stderr
    rows = {row["category"]: row for row in result.json()["rows"]}
    published = ons_recorded_crime("2024-12", f"csp:{CENTRAL_BEDS}", None, "total-recorded-crime-excluding-fraud")
    assert rows["Total"]["count"] == published[0]["count"] == 15_910


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--source", "ons", "--year-ending", "2022-12"], "no ONS tables for the year ending 2022-12"),
        (["--source", "ons", "--area", "ward:E05014394"], "ONS tables are by CSP and force"),
        (["--period", "2023/24", "--weights", "missing.csv"], "cannot read"),
        ([], "say which period"),
    ],
)
def test_bad_requests_exit_2(full_store: Path, args: list[str], message: str) -> None:
    result = cli(full_store, "harm", *args)
    assert result.code == 2
    assert message in result.stderr
