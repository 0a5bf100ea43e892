"""`cspkit assess` refuses bad requests and configurations with messages a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.bundle import package_path
from tests.helpers import cli

DEMO = package_path("partnership/central-bedfordshire.yaml").read_text(encoding="utf-8")


@pytest.fixture
def configured(workspace: Path) -> Path:
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "partnership.yaml").write_text(DEMO, encoding="utf-8")
    return workspace


def test_an_unknown_indicator_names_the_configuration_line(configured: Path, tmp_path: Path) -> None:
    config = configured / "partnership.yaml"
    text = config.read_text(encoding="utf-8").replace("[policeuk/robbery]", "[policeuk/robery]")
    config.write_text(text, encoding="utf-8")
    line = 1 + text[: text.index("policeuk/robery")].count("\n")
    result = cli(configured, "assess", "--period", "2023/24", "--out", str(tmp_path / "out"))
    assert result.code == 2
    assert f"partnership.yaml, line {line}, key 'assessment.issues.4.indicators.0'" in result.stderr
    assert "robery" in result.stderr
    assert not (tmp_path / "out").exists(), "nothing written"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--area", "csp:E22999999"], "csp:E22999999"),
        (["--area", "subarea:nowhere"], "no sub-area 'nowhere'"),
        (["--all-in-force", "atlantis"], "no police force 'atlantis'"),
        (["--area", "csp:E22000353", "--all-in-force", "bedfordshire"], "not both"),
    ],
)
def test_unknown_areas_and_forces(configured: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = cli(configured, "assess", "--period", "2023/24", "--out", str(tmp_path / "out"), *args)
    assert result.code == 2
    assert message in result.stderr


def test_an_unknown_policy_flag_and_a_bad_period(configured: Path, tmp_path: Path) -> None:
    config = configured / "partnership.yaml"
    config.write_text(DEMO.replace("flags: [national-priority, statutory-duty]", "flags: [psa]"), encoding="utf-8")
    result = cli(configured, "assess", "--period", "2023/24", "--out", str(tmp_path))
    assert result.code == 2
    assert "unknown policy flag 'psa'" in result.stderr
    config.write_text(
        DEMO.replace("      title: Feel safe outside", "      area: subarea:nowhere\n      title: Feel safe outside"),
        encoding="utf-8",
    )
    result = cli(configured, "assess", "--period", "2023/24", "--out", str(tmp_path))
    assert result.code == 2
    assert "key 'assessment.confidence.1.area': no sub-area 'nowhere'" in result.stderr
    config.write_text(DEMO, encoding="utf-8")
    assert "not a period" in cli(configured, "assess", "--period", "2023-24", "--out", str(tmp_path)).stderr


def test_without_candidate_issues_every_policeuk_category_is_scanned(full_store: Path, tmp_path: Path) -> None:
    config = tmp_path / "bedford.yaml"
    assert cli(full_store, "--config", str(config), "init", "--area", "csp:E22000009").code == 0
    result = cli(
        full_store,
        "--config",
        str(config),
        "assess",
        "--period",
        "2023/24",
        "--out",
        str(tmp_path / "o"),
        "--quiet",
        "--no-keep",
    )
    assert result.code == 0, result.stderr
    import json

    document = json.loads((tmp_path / "o" / "strategic-assessment.json").read_text(encoding="utf-8"))
    assert document["area_name"] == "Bedford"
    assert document["candidate_issues_from"].startswith("default")
    assert len(document["scanning_chart"]) == 14
    assert {cell["status"] for row in document["scanning_chart"] for cell in [row["criteria"]["concern"]]} == {
        "no data"
    }
