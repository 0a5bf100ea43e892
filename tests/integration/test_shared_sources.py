"""The bundle, the fixtures and the golden counts still match ../shared/data (CI runs these)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT, SHARED

pytestmark = pytest.mark.shared


def test_bundle_and_fixtures_match_their_sources() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bundle_data.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_golden_counts_regenerate_from_the_original_files() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "golden_counts.py"), str(SHARED / "policeuk" / "bedfordshire")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == (ROOT / "tests" / "golden" / "street_counts.csv").read_text(encoding="utf-8")
