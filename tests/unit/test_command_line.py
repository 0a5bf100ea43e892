"""The command line starts fast: `--help` imports none of the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

from cspkit import __version__

HEAVY = ["duckdb", "ibis", "django", "weasyprint", "scipy", "pyarrow", "shapely", "pyproj"]


def test_help_imports_no_heavy_library() -> None:
    probe = (
        "import sys, json\n"
        "from cspkit.cli.main import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "ingest" in done.stdout
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_version() -> None:
    done = subprocess.run([sys.executable, "-m", "cspkit", "--version"], capture_output=True, text=True, check=True)
    assert __version__ in done.stdout
