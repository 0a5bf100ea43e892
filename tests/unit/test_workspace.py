from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.settings import SETTINGS
from cspkit.workspace import Workspace, default_home
from tests.helpers import ROOT


def test_explicit_beats_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSPKIT_HOME", str(tmp_path / "env"))
    assert Workspace.resolve(tmp_path / "flag").root == tmp_path / "flag"
    assert Workspace.resolve().root == tmp_path / "env"


def test_default_is_the_per_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CSPKIT_HOME")
    assert Workspace.resolve().root == default_home()
    assert default_home().name == "cspkit"


def test_tests_never_see_the_real_default() -> None:
    assert Workspace.resolve().root != default_home()


def test_every_setting_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"`{setting.name}`" in readme, f"{setting.name} is not in the README's settings table"
