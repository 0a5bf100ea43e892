"""The record store: idempotent, replaces re-issued months, atomic under kills, one writer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cspkit.faults import POINTS
from cspkit.store.schema import PARTNER_SCHEMA, RECORDED_CRIME_SCHEMA, SCHEMAS, SURVEY_SCHEMA
from tests.helpers import POLICEUK, ROOT, cli, fixture, store_listing


def test_reingesting_a_file_changes_nothing(workspace: Path) -> None:
    assert cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-03")).code == 0
    before = store_listing(workspace), cli(workspace, "status", "--format", "json").stdout
    again = cli(workspace, "ingest", "policeuk", "--format", "json", str(POLICEUK / "2024-03"))
    assert again.code == 0
    assert len(again.json()["skipped"]) == 3
    assert again.json()["added"] == []
    assert (store_listing(workspace), cli(workspace, "status", "--format", "json").stdout) == before


def test_a_reissued_force_month_replaces_the_earlier_batch(workspace: Path, tmp_path: Path) -> None:
    original = fixture("2024-03", "street")
    assert cli(workspace, "ingest", "policeuk", str(original)).code == 0
    reissue = tmp_path / "reissue" / original.name
    reissue.parent.mkdir()
    lines = original.read_text(encoding="utf-8").splitlines(keepends=True)
    reissue.write_text("".join(lines[:101]), encoding="utf-8")  # the force re-published 100 rows
    result = cli(workspace, "ingest", "policeuk", "--format", "json", str(reissue))
    assert result.code == 0, result.stderr
    old_batch = result.json()["replaced"][0]["batch_id"]
    counts = cli(workspace, "counts", "--by", "month", "--format", "json").json()
    assert counts == [{"month": "2024-03", "count": 100}]
    status = cli(workspace, "status", "--format", "json").json()
    assert status["replaced_batches"] == 1
    assert status["datasets"]["street"]["rows"] == 100
    assert not any(old_batch in name for name in store_listing(workspace))


def test_column_contract_is_documented(workspace: Path) -> None:
    """docs/store.md lists every column and type of every dataset, in order."""
    text = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    documented_schemas = {
        **SCHEMAS,
        "partner": PARTNER_SCHEMA,
        "recorded-crime": RECORDED_CRIME_SCHEMA,
        "survey": SURVEY_SCHEMA,
    }
    for dataset, schema in documented_schemas.items():
        section = text.split(f"### {dataset}\n", 1)[1].split("\n### ", 1)[0]
        documented = re.findall(r"^\| `([a-z0-9_]+)` \| `([^`]+)` \|", section, flags=re.M)
        assert documented == [(field.name, str(field.type)) for field in schema], dataset
    assert cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-03")).code == 0
    files = [p for p in (workspace / "store").rglob("*.parquet")]
    assert {pq.read_schema(p).remove_metadata() for p in files} == {s.remove_metadata() for s in SCHEMAS.values()}


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("action", ["kill", "interrupt"])
def test_an_interrupted_ingest_leaves_the_store_as_it_was(workspace: Path, point: str, action: str) -> None:
    assert cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-03")).code == 0
    before = store_listing(workspace), cli(workspace, "status", "--format", "json").stdout
    stopped = cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-04"), env={"CSPKIT_FAULT": f"{point}:{action}"})
    assert stopped.code == (-9 if action == "kill" else 130), stopped.stderr
    if action == "interrupt":
        assert "store is unchanged" in stopped.stderr
    assert (store_listing(workspace), cli(workspace, "status", "--format", "json").stdout) == before
    # The next ingest clears what the dead one left and goes through.
    assert cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-04")).code == 0
    assert len(os.listdir(workspace / ".store")) <= 3  # two generations and the lock
    assert cli(workspace, "status", "--format", "json").json()["datasets"]["street"]["months"] == 2


def test_a_reader_keeps_its_generation_through_a_burst_of_ingests(workspace: Path) -> None:
    """The nightly case work export ingests several extracts in a row; a page that opened the
    store before them must still find every file it was reading."""
    from cspkit.store.generations import open_snapshot

    assert cli(workspace, "ingest", "policeuk", str(fixture("2024-03", "street"))).code == 0
    reader = open_snapshot(workspace)

    def rows_read() -> int:
        return sum(pq.read_table(reader.path(p)).num_rows for p in reader.catalogue.partitions)

    before = rows_read()
    for month, kind in (("2024-03", "outcomes"), ("2024-03", "stop-and-search"), ("2024-04", "street")):
        assert cli(workspace, "ingest", "policeuk", str(fixture(month, kind))).code == 0
    assert open_snapshot(workspace).catalogue.generation == reader.catalogue.generation + 3
    assert before > 0
    assert rows_read() == before


def test_superseded_generations_go_once_no_reader_can_hold_them(tmp_path: Path) -> None:
    from cspkit.store.generations import KEEP_GENERATIONS, READER_GRACE_SECONDS, prune_generations

    now = time.time()
    ages = [5000.0, 4000.0, READER_GRACE_SECONDS + 60, READER_GRACE_SECONDS - 60, 30.0, 0.0]  # became current
    folders = []
    for number, age in enumerate(ages, start=1):
        folder = tmp_path / f"{number:06d}"
        folder.mkdir()
        os.utime(folder, (now - age, now - age))
        folders.append(folder)
    (tmp_path / "lock").write_text("")
    dropped = prune_generations(tmp_path, folders[-1], now)
    # 1 and 2 were superseded long ago; 3 was superseded by 4 only (grace - 60) s ago; 5 and 6
    # are the last KEEP_GENERATIONS.
    assert KEEP_GENERATIONS == 2
    assert dropped == folders[:2]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f.name for f in folders[2:]] + ["lock"]


def _start_ingest(workspace: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "cspkit", "--workspace", str(workspace), "ingest", "policeuk", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_ingest_fails_clearly_or_waits(workspace: Path, tmp_path: Path) -> None:
    release = tmp_path / "release"
    env = {**os.environ, "CSPKIT_FAULT": "write:pause", "CSPKIT_FAULT_RELEASE": str(release)}
    first = _start_ingest(workspace, str(POLICEUK / "2024-03"), env=env)
    try:
        lock = workspace / ".store" / "lock"
        deadline = time.monotonic() + 60
        while not (lock.exists() and lock.read_text().startswith("pid")) and time.monotonic() < deadline:
            time.sleep(0.05)
        busy = cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-04"))
        assert busy.code == 3
        assert "being written by pid" in busy.stderr
        assert "--wait" in busy.stderr
        waiting = _start_ingest(workspace, "--wait", "60", str(POLICEUK / "2024-04"))
        time.sleep(1)
        release.touch()
        assert first.wait(60) == 0
        assert waiting.wait(60) == 0, waiting.communicate()[1]
    finally:
        release.touch()
        first.wait(60)
    status = cli(workspace, "status", "--format", "json").json()
    assert status["datasets"]["street"]["months"] == 2
    assert status["generation"] == 2


def test_an_empty_workspace_says_so(workspace: Path) -> None:
    status = cli(workspace, "status")
    assert status.code == 0
    assert "the record store is empty" in status.stdout
    assert cli(workspace, "status", "--format", "json").json()["datasets"] == {}
    assert cli(workspace, "counts", "--format", "json").json() == [{"count": 0}]
    assert cli(workspace, "counts", "--by", "category", "--format", "json").json() == []
