"""`cspkit indicators` on the full bundled data: values, denominators, coverage, sub-areas."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import FIXTURES, ROOT, cli, street_count

CENTRAL_BEDS, CENTRAL_BEDS_MID_2023 = "E22000353", 308_302


def indicators(workspace: Path, *args: str) -> list[dict[str, Any]]:
    result = cli(workspace, "indicators", *args, "--format", "json")
    assert result.code == 0, result.stderr
    rows: list[dict[str, Any]] = result.json()
    return rows


def by_indicator(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(r["indicator"], r["area"], r["period"]): r for r in rows}


pytestmark = pytest.mark.slow


def test_the_demo_partnership_is_evaluated_by_default(full_store: Path) -> None:
    rows = by_indicator(indicators(full_store, "--period", "2023/24"))
    burglary = rows[("policeuk/burglary", CENTRAL_BEDS, "2023/24")]
    assert burglary["numerator"] == street_count(full_store, CENTRAL_BEDS, "Burglary", "2023/24") == 814
    assert burglary["denominator"] == CENTRAL_BEDS_MID_2023
    assert burglary["denominator_source"] == "ONS mid-2023 population estimate"
    assert burglary["value"] == pytest.approx(1000 * 814 / CENTRAL_BEDS_MID_2023, rel=1e-12)
    assert burglary["lower_95"] < burglary["value"] < burglary["upper_95"]
    assert (burglary["coverage"], burglary["missing_months"], burglary["area_type"]) == ("complete", [], "csp")
    # police.uk's all-crime includes ASB; crime-excl-asb is all-crime less ASB.
    all_crime = rows[("policeuk/all-crime", CENTRAL_BEDS, "2023/24")]["numerator"]
    asb = rows[("policeuk/anti-social-behaviour", CENTRAL_BEDS, "2023/24")]["numerator"]
    assert rows[("policeuk/crime-excl-asb", CENTRAL_BEDS, "2023/24")]["numerator"] == all_crime - asb
    # A retired category is left out of a whole set.
    assert not any(key[0] == "policeuk/public-disorder-weapons" for key in rows)


def test_a_period_with_a_missing_month_has_no_value_and_names_it(full_store: Path) -> None:
    row = by_indicator(indicators(full_store, "--period", "2021/22", "--indicator", "burglary"))[
        ("policeuk/burglary", CENTRAL_BEDS, "2021/22")
    ]
    assert row["value"] is None
    assert row["coverage"] == "partial"
    assert row["missing_months"] == ["2021-04"]
    assert "2021-04" in row["note"]


def test_sub_area_parents_are_the_sum_of_their_children(full_store: Path) -> None:
    rows = by_indicator(indicators(full_store, "--period", "2023/24", "--area-type", "subarea", "--set", "policeuk"))
    for indicator in ("policeuk/burglary", "policeuk/all-crime"):
        south = rows[(indicator, "south", "2023/24")]
        children = [
            rows[(indicator, c, "2023/24")]
            for c in ("dunstable-and-houghton-regis", "leighton-linslade", "south-villages")
        ]
        assert south["numerator"] == sum(c["numerator"] for c in children)
        assert south["denominator"] == sum(c["denominator"] for c in children)
        assert south["denominator_source"] == "Census 2021 usual residents, best-fit LSOAs"
    total = (
        rows[("policeuk/all-crime", "south", "2023/24")]["numerator"]
        + rows[("policeuk/all-crime", "north", "2023/24")]["numerator"]
    )
    csp = by_indicator(indicators(full_store, "--period", "2023/24", "--indicator", "all-crime"))
    # Every record of the CSP with a ward is in one sub-area; records without a ward are not.
    assert total <= csp[("policeuk/all-crime", CENTRAL_BEDS, "2023/24")]["numerator"]


def test_wards_add_up_to_their_authority_and_use_best_fit_residents(full_store: Path) -> None:
    wards = indicators(full_store, "--period", "2023-03", "--area-type", "ward", "--indicator", "all-crime")
    authorities = by_indicator(
        indicators(full_store, "--period", "2023-03", "--area-type", "authority", "--indicator", "all-crime")
    )
    from cspkit.geography import load_geography

    geo = load_geography()
    totals: dict[str, int] = defaultdict(int)
    for row in wards:
        totals[geo.ward_authority[row["area"]]] += row["numerator"]
        residents = sum(p for lsoa, p in geo.lsoa21_population.items() if geo.lsoa21_best_fit_ward[lsoa] == row["area"])
        assert row["denominator"] == residents
    assert len(wards) == 79
    for authority, total in totals.items():
        assert total == authorities[("policeuk/all-crime", authority, "2023-03")]["numerator"]


def test_lsoa_rates_use_census_residents(full_store: Path) -> None:
    rows = indicators(full_store, "--period", "2024-01", "--area", "lsoa:E01017540", "--indicator", "all-crime")
    assert rows[0]["denominator_source"] == "Census 2021 usual residents"
    assert rows[0]["area_name"]


def test_indicators_without_data_say_what_they_need(full_store: Path) -> None:
    rows = by_indicator(indicators(full_store, "--period", "2023/24", "--set", "ni2008"))
    assert "no cases-marac extract" in rows[("ni2008/ni-32", CENTRAL_BEDS, "2023/24")]["note"]
    assert rows[("ni2008/ni-32", CENTRAL_BEDS, "2023/24")]["value"] is None
    assert "residents' survey" in rows[("ni2008/ni-21", CENTRAL_BEDS, "2023/24")]["note"]
    assert "published by police force only" in rows[("ni2008/ni-16", CENTRAL_BEDS, "2023/24")]["note"]
    assert "no drug-treatment extract" in rows[("ni2008/ni-40", CENTRAL_BEDS, "2023/24")]["note"]
    assert rows[("ni2008/ni-15", CENTRAL_BEDS, "2023/24")]["proxy"] is True


def test_csv_and_table_formats(full_store: Path) -> None:
    table = cli(full_store, "indicators", "--period", "2023/24", "--indicator", "burglary")
    assert table.code == 0
    assert "policeuk/burglary" in table.stdout
    assert "2.64" in table.stdout
    as_csv = cli(full_store, "indicators", "--period", "2021/22", "--indicator", "burglary", "--format", "csv")
    record = next(csv.DictReader(as_csv.stdout.splitlines()))
    assert record["missing_months"] == "2021-04"
    assert record["value"] == ""


def test_recorded_crime_indicators_for_a_force(workspace: Path) -> None:
    """NI 16 from the Home Office offence-code file, checked against the file itself."""
    fixture = FIXTURES / "recorded_crime" / "prc_bedfordshire_2017-18.csv"
    assert cli(workspace, "ingest", "recorded-crime", str(fixture)).code == 0
    subgroups = {
        "Domestic burglary",
        "Robbery of business property",
        "Robbery of personal property",
        "Theft of a motor vehicle",
        "Theft from a vehicle",
    }
    with fixture.open(encoding="utf-8-sig") as handle:
        expected = sum(
            int(r["Number_of_Offences"]) for r in csv.DictReader(handle) if r["Offence_Subgroup"] in subgroups
        )
    rows = indicators(workspace, "--period", "2017/18", "--area", "force:bedfordshire", "--indicator", "ni2008/ni-16")
    assert rows[0]["numerator"] == expected > 0
    assert rows[0]["coverage"] == "complete"
    assert rows[0]["denominator_source"] == "ONS mid-2017 population estimate"


def test_usage_errors(full_store: Path) -> None:
    no_period = cli(full_store, "indicators")
    assert no_period.code == 2
    assert "--period" in no_period.stderr
    both = cli(full_store, "indicators", "--period", "2023/24", "--area", "csp:E22000353", "--area-type", "csp")
    assert both.code == 2
    assert "not both" in both.stderr
    unknown = cli(full_store, "indicators", "--period", "2023/24", "--indicator", "policeuk/nothing")
    assert unknown.code == 2
    assert "no indicator 'nothing'" in unknown.stderr
    engine = cli(full_store, "indicators", "--period", "2023/24", "--engine", "mysql://x")
    assert engine.code == 2
    assert "--engine must be" in engine.stderr


def test_listing_definitions(full_store: Path) -> None:
    listing = cli(full_store, "indicators", "--list", "--format", "json").json()
    refs = {row["indicator"] for row in listing}
    assert {"policeuk/burglary", "policeuk/all-crime", "ni2008/ni-16", "ni2008/ni-32"} <= refs
    assert len([r for r in listing if r["indicator"].startswith("policeuk/")]) == 18
    assert ROOT.exists()


def test_compare_with_the_same_span_a_year_earlier(full_store: Path) -> None:
    from cspkit.analysis import compare_counts

    rows = by_indicator(
        indicators(
            full_store,
            "--period",
            "2023/24",
            "--indicator",
            "burglary",
            "--indicator",
            "drugs",
            "--compare",
            "--min-change",
            "20",
        )
    )
    earlier = by_indicator(
        indicators(full_store, "--period", "2022/23", "--indicator", "burglary", "--indicator", "drugs")
    )
    for indicator in ("policeuk/burglary", "policeuk/drugs"):
        row, before = rows[(indicator, CENTRAL_BEDS, "2023/24")], earlier[(indicator, CENTRAL_BEDS, "2022/23")]
        assert (row["comparison_period"], row["comparison_numerator"]) == ("2022/23", before["numerator"])
        expected = compare_counts(
            row["numerator"], before["numerator"], row["denominator"], before["denominator"], min_change=20
        )
        assert row["p_value"] == pytest.approx(expected.p_value, rel=1e-12)
        assert row["significant"] is expected.significant
        assert row["change"] == row["numerator"] - before["numerator"]
    assert not any(key[2] == "2022/23" for key in rows)  # only the asked-for period is listed
    table = cli(full_store, "indicators", "--period", "2023/24", "--indicator", "drugs", "--compare")
    assert "counts vs 2022/23" in table.stdout
    assert "p (E-test)" in table.stdout
