"""All 36 bundled months: row counts, golden counts, the ward/authority invariant, counts."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import ROOT, cli

pytestmark = pytest.mark.slow

# The demo also loads 18 generated survey results, marked synthetic.
ROWS = {"street": 182_113, "outcomes": 150_417, "stop-and-search": 11_810, "survey": 18}


def test_every_bundled_row_is_in_the_store(full_store: Path) -> None:
    status = cli(full_store, "status", "--format", "json").json()
    assert {name: info["rows"] for name, info in status["datasets"].items()} == ROWS
    assert status["datasets"]["survey"]["synthetic"] is True
    assert not status["datasets"]["street"]["synthetic"]
    street = status["datasets"]["street"]
    assert (street["months"], street["first_month"], street["last_month"]) == (36, "2021-05", "2024-04")
    assert status["gaps"] == []
    # The data README's quality figures for street: 6,381 rows without a location, 1,089 outside.
    assert street["quality"] == {
        "no_coordinates": 6381,
        "no_lsoa": 6381,
        "outside_force_area": 1089,
        "unassigned": 6381,
    }
    assert street["lsoa_vintage"] == {"2021": 36}


def test_counts_equal_the_golden_file(full_store: Path) -> None:
    golden = ROOT / "tests" / "golden" / "street_counts.csv"
    with golden.open(encoding="utf-8", newline="") as handle:
        expected = {(r["month"], r["category"], r["lsoa"]): int(r["count"]) for r in csv.DictReader(handle)}
    result = cli(full_store, "counts", "--dataset", "street", "--by", "month,category,lsoa", "--format", "csv")
    assert result.code == 0, result.stderr
    got = {(r["month"], r["category"], r["lsoa"]): int(r["count"]) for r in csv.DictReader(io.StringIO(result.stdout))}
    assert got == expected
    unlocated = cli(full_store, "counts", "--by", "month", "--where", "lsoa=", "--format", "json").json()
    by_month = Counter[str]()
    for (month, _category, lsoa), count in expected.items():
        if not lsoa:
            by_month[month] += count
    assert {row["month"]: row["count"] for row in unlocated} == dict(by_month)


@pytest.mark.parametrize("dataset", ["street", "outcomes", "stop-and-search"])
def test_ward_counts_add_up_to_their_authority(full_store: Path, dataset: str) -> None:
    wards = cli(full_store, "counts", "--dataset", dataset, "--by", "authority,ward", "--format", "json").json()
    authorities = cli(full_store, "counts", "--dataset", dataset, "--by", "authority", "--format", "json").json()
    summed = Counter[str]()
    for row in wards:
        if row["ward"] is not None:
            summed[row["authority"]] += row["count"]
    bedfordshire = {"E06000032", "E06000055", "E06000056"}
    totals = {row["authority"]: row["count"] for row in authorities if row["authority"] in bedfordshire}
    assert dict(summed) == totals
    methods = cli(full_store, "counts", "--dataset", dataset, "--by", "assign_method", "--format", "json").json()
    assert sum(row["count"] for row in methods) == ROWS[dataset]


def test_where_ands_fields_and_ors_a_repeated_field(full_store: Path) -> None:
    def total(*where: str) -> int:
        rows = cli(full_store, "counts", *(arg for w in where for arg in ("--where", w)), "--format", "json").json()
        return int(rows[0]["count"])

    burglary, robbery = total("category=Burglary"), total("category=Robbery")
    assert total("category=Burglary", "category=Robbery") == burglary + robbery
    luton = total("csp=E22000010")
    both = total("category=Burglary", "csp=E22000010")
    assert 0 < both < min(burglary, luton)
    assert total("category_slug=burglary") == burglary


def test_period_and_partial_coverage(full_store: Path) -> None:
    full_year = cli(full_store, "counts", "--period", "2023/24", "--format", "json")
    assert full_year.code == 0
    assert "coverage partial" not in full_year.stderr
    months = cli(full_store, "counts", "--by", "month", "--period", "2023/24", "--format", "json").json()
    assert [row["month"] for row in months] == [f"2023-{m:02d}" for m in range(4, 13)] + [
        "2024-01",
        "2024-02",
        "2024-03",
    ]
    assert full_year.json()[0]["count"] == sum(row["count"] for row in months)
    partial = cli(full_store, "counts", "--period", "2021/22")
    assert partial.code == 0
    assert "coverage partial: no street data for bedfordshire 2021-04" in partial.stderr
    ranged = cli(full_store, "counts", "--from", "2023-04", "--to", "2024-03", "--format", "json").json()
    assert ranged == full_year.json()


def test_output_formats_and_field_names(full_store: Path) -> None:
    table = cli(
        full_store,
        "counts",
        "--by",
        "month,category,force",
        "--where",
        "month=2024-04",
        "--where",
        "category=Anti-social behaviour",
    )
    assert table.code == 0
    assert table.stdout.splitlines()[0].split() == ["month", "category", "force", "count"]
    assert "2024-04  Anti-social behaviour  bedfordshire" in table.stdout
    outcomes = cli(full_store, "counts", "--dataset", "outcomes", "--by", "outcome", "--format", "csv")
    assert outcomes.stdout.startswith("outcome,count\n")
    assert "Investigation complete; no suspect identified" in outcomes.stdout


@pytest.mark.parametrize(
    ("dataset", "field"), [("street", "gender"), ("outcomes", "category"), ("stop-and-search", "category")]
)
def test_an_invalid_field_exits_2(full_store: Path, dataset: str, field: str) -> None:
    result = cli(full_store, "counts", "--dataset", dataset, "--by", field)
    assert result.code == 2
    assert f"'{field}' is not a field of {dataset}" in result.stderr


def test_status_table_shows_coverage_gaps_and_quality(full_store: Path) -> None:
    text = cli(full_store, "status").stdout
    assert "street" in text
    assert "182,113" in text
    assert "Gaps: 0 missing force-months" in text
    assert re.search(r"street +bedfordshire +2022  #{12}\n", text)
    assert "no_coordinates" in text
    assert "6,381" in text
