"""Shared test helpers: run the real CLI, fingerprint a store, find fixtures."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
POLICEUK = FIXTURES / "policeuk"
SHARED = ROOT.parent / "shared" / "data"


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def cli(workspace: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300) -> Result:
    """Run `cspkit --workspace WORKSPACE ARGS...` in a fresh process, as a person would."""
    environment = {**os.environ, **(env or {})}
    if "CSPKIT_FAULT" not in (env or {}):
        environment.pop("CSPKIT_FAULT", None)
    done = subprocess.run(
        [sys.executable, "-m", "cspkit", "--workspace", str(workspace), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
        # A shell starting pytest in the background leaves SIGINT ignored, and Python then
        # never turns it into KeyboardInterrupt; give the child the default, as a terminal would.
        preexec_fn=_default_sigint,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def store_listing(workspace: Path) -> dict[str, str]:
    """sha256 of every file a reader of the store can see (through the `store` link)."""
    store = workspace / "store"
    if not store.exists():
        return {}
    listing = {}
    for folder, _dirs, files in os.walk(store, followlinks=True):
        for name in files:
            path = Path(folder) / name
            listing[str(path.relative_to(store))] = hashlib.sha256(path.read_bytes()).hexdigest()
    listing["<link>"] = os.readlink(store)
    return listing


def fixture(month: str, dataset: str) -> Path:
    return POLICEUK / month / f"{month}-bedfordshire-{dataset}.csv"


def street_count(workspace: Path, csp: str, category: str, period: str) -> int:
    """`cspkit counts` of one category in one CSP and period: the figure other commands must match."""
    rows = cli(
        workspace,
        "counts",
        "--where",
        f"csp={csp}",
        "--where",
        f"category={category}",
        "--period",
        period,
        "--format",
        "json",
    ).json()
    return int(rows[0]["count"])
