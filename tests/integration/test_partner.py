"""Partner extracts through their mappings: the worked examples load, bad files change nothing."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, cli, store_listing

EXAMPLES = ROOT / "examples" / "partner"
SCREEN = FIXTURES / "screen"
WORKED = [
    ("fire-deliberate-fires", "deliberate-fires", "bedfordshire-fire-rescue"),
    ("council-asb-log", "council-asb", "central-bedfordshire-council"),
    ("ae-assault-attendances", "ae-assaults", "bedfordshire-hospitals-ed"),
]


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.mark.parametrize(("example", "dataset", "agency"), WORKED)
def test_worked_example_loads_and_counts(workspace: Path, example: str, dataset: str, agency: str) -> None:
    source = EXAMPLES / f"{example}.csv"
    done = cli(workspace, "ingest", "partner", str(source), "--mapping", str(EXAMPLES / f"{example}.yaml"))
    assert done.code == 0, done.stderr
    status = cli(workspace, "status", "--format", "json").json()["datasets"][dataset]
    assert status["rows"] == _rows(source)
    assert status["agencies"] == [agency]
    assert status["kind"] == "partner"
    assert (workspace / "store" / f"dataset={dataset}" / f"agency={agency}" / "month=2023-04").is_dir()
    by_month = cli(
        workspace, "counts", "--dataset", dataset, "--by", "month", "--period", "2023/24", "--format", "json"
    )
    assert by_month.code == 0, by_month.stderr
    assert [row["month"] for row in by_month.json()] == [f"2023-{m:02d}" for m in range(4, 13)] + [
        f"2024-{m:02d}" for m in range(1, 4)
    ]
    assert sum(row["count"] for row in by_month.json()) == status["rows"]
    again = cli(workspace, "ingest", "partner", str(source), "--mapping", str(EXAMPLES / f"{example}.yaml"))
    assert "1 already in the store" in again.stdout


def test_partner_rows_are_placed_in_areas_and_ward_counts_add_up(workspace: Path) -> None:
    for example, _, _ in WORKED:
        cli(
            workspace,
            "ingest",
            "partner",
            str(EXAMPLES / f"{example}.csv"),
            "--mapping",
            str(EXAMPLES / f"{example}.yaml"),
        )
    asb = cli(workspace, "counts", "--dataset", "council-asb", "--by", "csp", "--format", "json").json()
    assert asb == [{"csp": "E22000353", "count": _rows(EXAMPLES / "council-asb-log.csv")}]
    fires = cli(
        workspace, "counts", "--dataset", "deliberate-fires", "--by", "authority,ward", "--format", "json"
    ).json()
    authority = cli(
        workspace, "counts", "--dataset", "deliberate-fires", "--by", "authority", "--format", "json"
    ).json()
    for row in authority:
        assert sum(r["count"] for r in fires if r["authority"] == row["authority"]) == row["count"]
    methods = cli(workspace, "counts", "--dataset", "deliberate-fires", "--by", "assign_method", "--format", "json")
    assert {row["assign_method"] for row in methods.json()} <= {"pip", "best-fit", "unassigned"}


def test_period_outside_a_partner_dataset_names_missing_months(workspace: Path) -> None:
    example = "council-asb-log"
    cli(
        workspace, "ingest", "partner", str(EXAMPLES / f"{example}.csv"), "--mapping", str(EXAMPLES / f"{example}.yaml")
    )
    done = cli(workspace, "counts", "--dataset", "council-asb", "--period", "2024/25-Q1")
    assert "coverage partial: no council-asb data for central-bedfordshire-council 2024-04" in done.stderr


def _refused(workspace: Path, source: Path, mapping: Path) -> str:
    """Ingest into a store already holding data; the store must be unchanged, byte for byte."""
    fire = EXAMPLES / "fire-deliberate-fires"
    assert cli(workspace, "ingest", "partner", f"{fire}.csv", "--mapping", f"{fire}.yaml").code == 0
    before = store_listing(workspace)
    done = cli(workspace, "ingest", "partner", str(source), "--mapping", str(mapping))
    assert done.code == 2, done.stdout + done.stderr
    assert store_listing(workspace) == before
    assert not list((workspace / ".store").glob("*.partial-*"))
    return done.stderr


def test_personal_data_is_refused_naming_lines_and_columns_never_values(workspace: Path) -> None:
    message = _refused(workspace, SCREEN / "positive.csv", SCREEN / "mapping.yaml")
    assert "positive.csv: refused, it holds personal data (10 findings)" in message
    assert "line 2, column 'Notes': a name" in message
    assert "line 6, column 'Notes': a telephone number" in message
    for value in ("Examplefield", "Testworth", "07700 900123", "someone@example.org", "ZZ99 3WZ", "QQ 12 34 56 C"):
        assert value not in message


def test_undeclared_date_column_is_refused_and_declaring_it_lets_the_file_in(workspace: Path, tmp_path: Path) -> None:
    message = _refused(workspace, SCREEN / "clean.csv", SCREEN / "mapping.yaml")
    assert "line 2, column 'Closed': a date in a column the mapping does not declare" in message
    declared = tmp_path / "declared.yaml"
    declared.write_text((SCREEN / "mapping.yaml").read_text() + "dates: [Closed]\n", encoding="utf-8")
    done = cli(workspace, "ingest", "partner", str(SCREEN / "clean.csv"), "--mapping", str(declared))
    assert done.code == 0, done.stderr


@pytest.mark.parametrize("name", ["name-column.csv", "dob-column.csv"])
def test_personal_columns_are_refused(workspace: Path, name: str) -> None:
    assert "line 1, column" in _refused(workspace, SCREEN / name, SCREEN / "mapping.yaml")


def _damaged(tmp_path: Path, name: str, old: str, new: str) -> Path:
    target = tmp_path / name
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("csv_change", "yaml_change", "expected"),
    [
        (("16/04/2023", "2023-04-16"), None, "line 2, column 'Call date': '2023-04-16' does not match the format"),
        (("Deliberate primary fire", "Chimney fire"), None, "line 2, column 'Incident type': 'Chimney fire' is not"),
        ((",499140,", ",,"), None, "line 2, column 'Easting': easting and northing must both be given"),
        ((",499140,", ",49914O,"), None, "line 2, column 'Easting': '49914O' is not a number"),
        (("Incident number,", "Incident no,"), None, "line 1, column 'Incident number': the mapping"),
        (
            None,
            ("  category: Incident type", "  category: Incident type\n  colour: red"),
            "line 14, key 'columns.colour': unknown key",
        ),
        (
            None,
            ("dataset: deliberate-fires", "dataset: street"),
            "line 3, key 'dataset': 'street' is a name the store keeps",
        ),
        (
            None,
            ("force: bedfordshire ", "force: bedfordshir "),
            "line 7, key 'force': 'bedfordshir' is not a police.uk force slug",
        ),
        (None, ("  date: Call date", "  month: Call date\n  date: Call date"), "give exactly one of `date`"),
        (None, ("columns:", "columns: [\n"), "not valid YAML"),
        (
            None,
            ("expected_from: 2023-04", "expected_from: 2023-04\ncovers: {from: 2024-03, to: 2023-04}"),
            "key 'covers.to': ends before it starts",
        ),
        (
            None,
            ("expected_from: 2023-04", "expected_from: 2023-04\ncovers: {from: April, to: 2024-03}"),
            "key 'covers.from': must be a month, YYYY-MM",
        ),
    ],
)
def test_bad_extract_or_mapping_is_refused_with_where_and_why(
    workspace: Path,
    tmp_path: Path,
    csv_change: tuple[str, str] | None,
    yaml_change: tuple[str, str] | None,
    expected: str,
) -> None:
    source = (
        _damaged(tmp_path, "fire-deliberate-fires.csv", *csv_change)
        if csv_change
        else EXAMPLES / "fire-deliberate-fires.csv"
    )
    mapping = (
        _damaged(tmp_path, "fire-deliberate-fires.yaml", *yaml_change)
        if yaml_change
        else EXAMPLES / "fire-deliberate-fires.yaml"
    )
    before = store_listing(workspace)
    done = cli(workspace, "ingest", "partner", str(source), "--mapping", str(mapping))
    assert done.code == 2, done.stdout + done.stderr
    assert expected in done.stderr
    assert store_listing(workspace) == before


def test_non_utf8_extract_is_refused_with_its_line(workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "asb.csv"
    shutil.copy(EXAMPLES / "council-asb-log.csv", source)
    data = source.read_bytes().replace(b"The Finches", "The Finch\u00e9s".encode("cp1252"), 1)
    source.write_bytes(data)
    done = cli(workspace, "ingest", "partner", str(source), "--mapping", str(EXAMPLES / "council-asb-log.yaml"))
    assert done.code == 2
    assert "asb.csv, line 3: not UTF-8 text" in done.stderr


def test_one_bad_file_among_good_ones_writes_nothing(workspace: Path) -> None:
    mapping = SCREEN / "mapping.yaml"
    declared = workspace.parent / "declared.yaml"
    declared.write_text(mapping.read_text() + "dates: [Closed]\n", encoding="utf-8")
    done = cli(
        workspace,
        "ingest",
        "partner",
        str(SCREEN / "clean.csv"),
        str(SCREEN / "positive.csv"),
        "--mapping",
        str(declared),
    )
    assert done.code == 2
    assert store_listing(workspace) == {}


def test_expected_coverage_names_months_a_partner_did_not_send(workspace: Path, tmp_path: Path) -> None:
    """The fire service declares it shares from 2023-01; the extract starts in April."""
    mapping = _damaged(tmp_path, "fire-deliberate-fires.yaml", "expected_from: 2023-04", "expected_from: 2023-01")
    assert (
        cli(workspace, "ingest", "partner", str(EXAMPLES / "fire-deliberate-fires.csv"), "--mapping", str(mapping)).code
        == 0
    )
    status = cli(workspace, "status", "--format", "json").json()
    assert status["datasets"]["deliberate-fires"]["coverage"]["bedfordshire-fire-rescue"]["missing"] == [
        "2023-01",
        "2023-02",
        "2023-03",
    ]
    assert {"dataset": "deliberate-fires", "agency": "bedfordshire-fire-rescue", "month": "2023-02"} in status["gaps"]
    done = cli(workspace, "counts", "--dataset", "deliberate-fires", "--period", "2022/23-Q4")
    assert (
        "no deliberate-fires data for bedfordshire-fire-rescue 2023-01, bedfordshire-fire-rescue 2023-02" in done.stderr
    )
    before = cli(workspace, "counts", "--dataset", "deliberate-fires", "--period", "2022-12")
    assert "coverage partial" not in before.stderr


def test_months_a_mapping_covers_without_rows_are_true_zeros(workspace: Path, tmp_path: Path) -> None:
    """The extract runs April 2023 to March 2024; its mapping says it covers to June 2024, so
    April to June 2024 are zeros, not gaps. Covering one more month is a new extract."""
    source = EXAMPLES / "fire-deliberate-fires.csv"
    old = "expected_from: 2023-04"
    mapping = _damaged(tmp_path, "fire-deliberate-fires.yaml", old, old + "\ncovers: {from: 2023-04, to: 2024-06}")
    assert cli(workspace, "ingest", "partner", str(source), "--mapping", str(mapping)).code == 0
    status = cli(workspace, "status", "--format", "json").json()["datasets"]["deliberate-fires"]
    assert status["coverage"]["bedfordshire-fire-rescue"]["missing"] == []
    done = cli(workspace, "counts", "--dataset", "deliberate-fires", "--by", "month", "--period", "2024-05")
    assert done.code == 0, done.stderr
    assert "no deliberate-fires data" not in done.stderr
    assert (
        workspace / "store" / "dataset=deliberate-fires" / "agency=bedfordshire-fire-rescue" / "month=2024-06"
    ).is_dir()
    assert (
        "1 already in the store" in cli(workspace, "ingest", "partner", str(source), "--mapping", str(mapping)).stdout
    )
    longer = _damaged(tmp_path, "fire-deliberate-fires.yaml", old, old + "\ncovers: {from: 2023-04, to: 2024-07}")
    again = cli(workspace, "ingest", "partner", str(source), "--mapping", str(longer))
    assert "0 already in the store; 1 earlier batches replaced" in again.stdout
    assert cli(workspace, "status", "--format", "json").json()["datasets"]["deliberate-fires"]["rows"] == _rows(source)
