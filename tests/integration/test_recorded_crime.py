"""Home Office recorded crime by offence code: ingest, counts by code and subgroup, bad files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, cli, store_listing

PRC = FIXTURES / "recorded_crime" / "prc_bedfordshire_2017-18.csv"


def _published(**where: str) -> int:
    with PRC.open(encoding="utf-8", newline="") as handle:
        return sum(
            int(row["Number_of_Offences"])
            for row in csv.DictReader(handle)
            if all(row[key] == value for key, value in where.items())
        )


def test_recorded_crime_sums_by_quarter_and_subgroup(workspace: Path) -> None:
    assert cli(workspace, "ingest", "recorded-crime", str(PRC)).code == 0
    total = cli(workspace, "counts", "--dataset", "recorded-crime", "--format", "json").json()
    assert total == [{"count": _published()}]
    domestic = cli(
        workspace,
        "counts",
        "--dataset",
        "recorded-crime",
        "--by",
        "quarter",
        "--where",
        "offence_subgroup=Domestic burglary",
        "--format",
        "json",
    ).json()
    assert [row["quarter"] for row in domestic] == [f"2017/18-Q{q}" for q in range(1, 5)]
    for quarter, row in enumerate(domestic, start=1):
        assert row["count"] == _published(Financial_Quarter=str(quarter), Offence_Subgroup="Domestic burglary")
    status = cli(workspace, "status", "--format", "json").json()["datasets"]["recorded-crime"]
    assert status["forces"] == ["bedfordshire"]
    assert status["coverage"]["bedfordshire"]["missing"] == []
    assert (workspace / "store" / "dataset=recorded-crime" / "force=bedfordshire" / "month=2018-01").is_dir()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (",80,3,Other crime", ",80,3", "line 2: 9 fields where the header has 10"),
        (",80,3,Other crime", ",80,three,Other crime", "line 2, column 'Number_of_Offences': 'three' is not"),
        ("Number_of_Offences", "Offences", "line 1: not a Home Office recorded crime table"),
        ("2017/18,1,Bedfordshire", "2017-18,1,Bedfordshire", "line 2, column 'Financial_Year'"),
        ("2017/18,1,Bedfordshire", "2017/18,5,Bedfordshire", "line 2, column 'Financial_Quarter'"),
    ],
)
def test_bad_recorded_crime_file_is_refused(workspace: Path, tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = PRC.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "prc.csv"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    done = cli(workspace, "ingest", "recorded-crime", str(bad))
    assert done.code == 2
    assert expected in done.stderr
    assert store_listing(workspace) == {}


def test_recorded_crime_command_prints_rates(workspace: Path) -> None:
    done = cli(
        workspace, "recorded-crime", "--area", "csp:E22000353", "--group", "residential-burglary", "--format", "csv"
    )
    assert done.code == 0, done.stderr
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert [(r["year_ending"], r["count"]) for r in rows] == [("2023-12", "531"), ("2024-12", "516")]
    assert float(rows[1]["rate_per_1000"]) == pytest.approx(516 / 301500 * 1000, rel=1e-3)
