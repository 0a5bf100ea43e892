"""`cspkit plan`, `cspkit performance` and PDF output refuse bad input with messages a
person can act on (file, line, key), a non-zero exit, and nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cspkit.bundle import package_path
from tests.helpers import cli

DEMO = package_path("partnership/central-bedfordshire.yaml").read_text(encoding="utf-8")
ASSESSMENT = {
    "area": "csp:E22000353",
    "area_name": "Central Bedfordshire",
    "period": "2023/24",
    "generated_at": "2024-05-14T09:00:00+0000",
    "priorities": ["burglary"],
    "scanning_chart": [{"issue": "burglary", "title": "Burglary", "override": None, "rule_basis": "two criteria"}],
}


@pytest.fixture
def configured(workspace: Path, tmp_path: Path) -> tuple[Path, Path]:
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / "partnership.yaml").write_text(DEMO, encoding="utf-8")
    assessment = tmp_path / "strategic-assessment.json"
    assessment.write_text(json.dumps(ASSESSMENT), encoding="utf-8")
    return workspace, assessment


def _plan(workspace: Path, assessment: Path, out: Path, *args: str) -> tuple[int, str]:
    result = cli(workspace, "plan", "--assessment", str(assessment), "--out", str(out), "-q", "--no-pdf", *args)
    return result.code, result.stderr


def _edit(workspace: Path, old: str, new: str) -> int:
    """Replace the last `old` in the configuration (the plan is its last section); the
    line it was on."""
    config = workspace / "partnership.yaml"
    text = config.read_text(encoding="utf-8")
    at = text.rindex(old)
    config.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return 1 + text[:at].count("\n")


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ("change: {bedford: -9, mid: -3, south: -8}", "change: {bedford: -9, middle: -3, south: -8}", "change",
         "middle is not a leaf of the plan's tree"),
        ("change: {bedford: -9, mid: -3, south: -8}", "change: {bedford: -9, mid: -3}", "change",
         "no annual % change for south"),
        ("indicator: policeuk/burglary", "indicator: policeuk/burglry", "indicator", "burglry"),
        ("indicator: policeuk/burglary", "indicator: ni2008/ni-32", "indicator", "in a sub-area tree are counts"),
        ("status: on-track}", "status: going-well}", "status", "must be one of not-started"),
        ("due: 2024-03-31, status: on-track", "due: soon, status: on-track", "due", "must be a date"),
        ("baseline: 2022/23", "baseline: 2022-23", "baseline", "not a period"),
        ("baseline: 2022/23", "baseline: 2023-03", "baseline", "must be a financial year"),
        ("area: csp:E22000009", "area: csp:E22999999", "area", "csp:E22999999"),
        ("area: csp:E22000009", "area: ward:E05014394", "area", "must be a CSP or authority"),
        ("- E05014394  # Ampthill", "- E05099999", "wards", "E05099999 is not a ward"),
        ("- E05014400  # Caddington", "- E05014394", "wards", "E05014394 overlaps 'mid'"),
        ("    - issue: vehicle-crime", "    - issue: burglary", "issue", "'burglary' is planned twice"),
        ("  years: 3", "  years: 9", "years", "must be between 1 and 5"),
    ],
)  # fmt: skip
def test_bad_plan_configuration_names_file_line_and_key(
    configured: tuple[Path, Path], tmp_path: Path, old: str, new: str, key: str, message: str
) -> None:
    workspace, assessment = configured
    line = _edit(workspace, old, new)
    code, stderr = _plan(workspace, assessment, tmp_path / "out")
    assert code == 2, stderr
    assert "partnership.yaml, line" in stderr
    assert key in stderr
    assert message in stderr
    assert f"line {line}," in stderr or key in ("wards", "area"), stderr
    assert not (tmp_path / "out").exists(), "nothing written"


def test_an_overlap_of_a_whole_area_and_its_wards_is_refused(configured: tuple[Path, Path], tmp_path: Path) -> None:
    workspace, assessment = configured
    _edit(workspace, "area: csp:E22000009", "area: csp:E22000353")
    code, stderr = _plan(workspace, assessment, tmp_path / "out")
    assert code == 2
    assert "overlaps" in stderr


def test_a_plan_needs_an_assessment(configured: tuple[Path, Path], tmp_path: Path) -> None:
    workspace, _assessment = configured
    result = cli(workspace, "plan", "--out", str(tmp_path / "out"), "-q")
    assert result.code == 2
    assert "no strategic assessment of csp:E22000353 is kept" in result.stderr
    assert "cspkit assess" in result.stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [("{not json", "line 1: not JSON"), ('{"period": "2023/24"}', "not a strategic assessment")],
)
def test_a_bad_assessment_file_is_named(configured: tuple[Path, Path], tmp_path: Path, body: str, message: str) -> None:
    workspace, assessment = configured
    assessment.write_text(body, encoding="utf-8")
    code, stderr = _plan(workspace, assessment, tmp_path / "out")
    assert code == 2
    assert str(assessment) in stderr
    assert message in stderr


def test_an_assessment_of_another_area_is_refused(configured: tuple[Path, Path], tmp_path: Path) -> None:
    workspace, assessment = configured
    assessment.write_text(json.dumps({**ASSESSMENT, "area": "csp:E22000009"}), encoding="utf-8")
    code, stderr = _plan(workspace, assessment, tmp_path / "out")
    assert code == 2
    assert "the assessment is of csp:E22000009" in stderr


def test_a_baseline_the_store_does_not_hold_is_refused(configured: tuple[Path, Path], tmp_path: Path) -> None:
    workspace, assessment = configured
    code, stderr = _plan(workspace, assessment, tmp_path / "out")
    assert code == 2
    assert "does not hold every month of 2022/23" in stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2023/24", "a financial year to date"),
        ("fytd-2024-09", "runs past the latest month"),
        ("fytd-2023-03", "outside the plan's years"),
        ("fytd-2024-13", "not a period"),
    ],
)
def test_performance_periods_it_cannot_report(full_store: Path, tmp_path: Path, period: str, message: str) -> None:
    assessment = tmp_path / "strategic-assessment.json"
    assessment.write_text(json.dumps(ASSESSMENT), encoding="utf-8")
    out = tmp_path / "out"
    result = cli(full_store, "performance", "--assessment", str(assessment), "--period", period, "--out", str(out))
    assert result.code == 2, result.stderr
    assert message in result.stderr
    assert not out.exists()


def _no_pango(tmp_path: Path) -> dict[str, str]:
    """A `weasyprint` that fails to import as it does on a machine without Pango."""
    fake = tmp_path / "no-pango" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\")\n",
        encoding="utf-8",
    )
    return {"PYTHONPATH": str(fake.parent)}


def test_without_pango_html_and_json_are_written_and_the_pdf_step_says_why(full_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(
        full_store, "assess", "--period", "2023/24", "--out", str(out), "-q", "--no-keep", env=_no_pango(tmp_path)
    )
    assert result.code == 2
    assert "Pango" in result.stderr
    assert "--no-pdf" in result.stderr
    assert (out / "strategic-assessment.json").stat().st_size > 10_000
    assert (out / "strategic-assessment.html").stat().st_size > 10_000
    assert sorted(p.name for p in out.iterdir()) == ["strategic-assessment.html", "strategic-assessment.json"]


def test_without_pango_no_pdf_succeeds(full_store: Path, tmp_path: Path) -> None:
    assessment = tmp_path / "strategic-assessment.json"
    assessment.write_text(json.dumps(ASSESSMENT), encoding="utf-8")
    out = tmp_path / "out"
    env = _no_pango(tmp_path)
    result = cli(full_store, "plan", "--assessment", str(assessment), "--out", str(out), "-q", "--no-pdf", env=env)
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "partnership-plan.html",
        "partnership-plan.json",
        "partnership-plan.xlsx",
    ]


def test_a_report_that_asks_the_network_for_anything_is_refused() -> None:
    pytest.importorskip("weasyprint")
    from cspkit.reports.pdf import PdfUnavailable, html_to_pdf

    with pytest.raises(PdfUnavailable, match="self-contained"):
        html_to_pdf('<html><body><img src="http://127.0.0.1:9/x.png" alt=""></body></html>')


def test_a_year_to_date_with_a_missing_month_is_refused(tmp_path: Path) -> None:
    import zipfile

    from cspkit.bundle import POLICEUK_ARCHIVE

    tree = tmp_path / "policeuk"
    with zipfile.ZipFile(package_path(POLICEUK_ARCHIVE)) as archive:
        archive.extractall(tree)
    for month in tree.rglob("2023-06*"):
        if month.is_file():
            month.unlink()
    workspace = tmp_path / "workspace"
    assert cli(workspace, "ingest", "policeuk", str(tree), "-q").code == 0
    (workspace / "partnership.yaml").write_text(DEMO, encoding="utf-8")
    assessment = tmp_path / "strategic-assessment.json"
    assessment.write_text(json.dumps(ASSESSMENT), encoding="utf-8")
    out = tmp_path / "out"
    args = ["--assessment", str(assessment), "--period", "fytd-2024-03", "--out", str(out), "--no-pdf"]
    result = cli(workspace, "performance", *args)
    assert result.code == 2, result.stderr
    assert "the store lacks 2023-06 of fytd-2024-03" in result.stderr
    assert not out.exists()
