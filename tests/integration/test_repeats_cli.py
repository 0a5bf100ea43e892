"""`cspkit analyse repeats`: from a file, from a partner dataset, and why not on police.uk."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import ROOT, cli

EXAMPLES = ROOT / "examples" / "partner"


def test_policeuk_says_why_not(workspace: Path) -> None:
    result = cli(workspace, "analyse", "repeats", "--dataset", "street", "--format", "json")
    assert result.code == 0, result.stderr
    body = result.json()
    assert body["available"] is False
    assert "anonymised snap point" in body["reason"]
    assert "month but not its date" in body["reason"]


def test_file_and_store_give_the_same_repeats(workspace: Path) -> None:
    fire = EXAMPLES / "fire-deliberate-fires.csv"
    from_file = cli(
        workspace,
        "analyse",
        "repeats",
        str(fire),
        "--location",
        "Easting",
        "--location",
        "Northing",
        "--date",
        "Call date",
        "--date-format",
        "%d/%m/%Y",
        "--format",
        "json",
    )
    assert from_file.code == 0, from_file.stderr
    ingested = cli(workspace, "ingest", "partner", str(fire), "--mapping", str(EXAMPLES / "fire-deliberate-fires.yaml"))
    assert ingested.code == 0, ingested.stderr
    from_store = cli(workspace, "analyse", "repeats", "--dataset", "deliberate-fires", "--format", "json")
    assert from_store.code == 0, from_store.stderr
    a, b = from_file.json(), from_store.json()
    assert a["events"] == b["events"] == 429
    assert a["repeat_events"] == b["repeat_events"] > 0
    assert a["locations"] == b["locations"]


def test_lsoa_only_partner_data_has_no_repeat_locations(workspace: Path) -> None:
    asb = EXAMPLES / "council-asb-log.csv"
    assert cli(workspace, "ingest", "partner", str(asb), "--mapping", str(EXAMPLES / "council-asb-log.yaml")).code == 0
    result = cli(workspace, "analyse", "repeats", "--dataset", "council-asb")
    assert result.code == 2
    assert "located by LSOA only" in result.stderr


def test_missing_options_exit_2(workspace: Path) -> None:
    result = cli(workspace, "analyse", "repeats", str(EXAMPLES / "fire-deliberate-fires.csv"))
    assert result.code == 2
    assert "--location COL" in result.stderr
