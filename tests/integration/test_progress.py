"""A progress bar on a terminal; nothing but the summary in a pipe; --quiet; --format json."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.helpers import POLICEUK, cli


def test_pipe_gets_no_progress_bar(workspace: Path) -> None:
    result = cli(workspace, "ingest", "policeuk", str(POLICEUK))
    assert result.code == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Ingested 6 files (1,800 rows)")


def test_quiet_and_json(workspace: Path) -> None:
    quiet = cli(workspace, "ingest", "policeuk", "--quiet", str(POLICEUK / "2024-03"))
    assert quiet.code == 0
    assert quiet.stdout == ""
    assert quiet.stderr == ""
    report = cli(workspace, "ingest", "policeuk", "--format", "json", str(POLICEUK))
    body = report.json()
    assert [b["months"] for b in body["added"]] == [["2024-04"]] * 3
    assert len(body["skipped"]) == 3


def test_terminal_gets_a_progress_bar(workspace: Path) -> None:
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cspkit", "--workspace", str(workspace), "ingest", "policeuk", str(POLICEUK)],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env={**os.environ, "COLUMNS": "120"},
    )
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(60) == 0
    os.close(primary)
    text = seen.decode(errors="replace")
    assert "Ingesting police.uk files" in text
    assert "6/6" in text
