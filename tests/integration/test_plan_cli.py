"""`cspkit plan` and `cspkit performance` on the demo: the seed's local-targets layout on
today's geography, trees that sum exactly, baselines counted independently of cspkit,
RAG and forecast by METHODS.md §5, and HTML, XLSX and PDF that agree with the JSON."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from cspkit.bundle import POLICEUK_ARCHIVE, package_path
from tests.helpers import ROOT, cli
from tests.report_checks import NO_PDF_HERE, check_figures, check_pdf

GOLDEN = ROOT / "tests" / "golden" / "street_counts.csv"
BASELINE_MONTHS = [f"2022-{m:02d}" for m in range(4, 13)] + [f"2023-{m:02d}" for m in range(1, 4)]
YEAR_MONTHS = [f"2023-{m:02d}" for m in range(4, 13)] + [f"2024-{m:02d}" for m in range(1, 4)]


@pytest.fixture(scope="module")
def reports(full_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo's three board documents, from one assessment."""
    out = tmp_path_factory.mktemp("board")
    assessed = cli(full_store, "assess", "--period", "2023/24", "--out", str(out / "a"), "-q", "--no-pdf", "--no-keep")
    assert assessed.code == 0, assessed.stderr
    assessment = str(out / "a" / "strategic-assessment.json")
    planned = cli(full_store, "plan", "--assessment", assessment, "--out", str(out / "p"), "-q", *NO_PDF_HERE)
    assert planned.code == 0, planned.stderr
    measured = cli(
        full_store,
        "performance",
        "--assessment",
        assessment,
        "--period",
        "fytd-2024-03",
        "--out",
        str(out / "r"),
        "-q",
        *NO_PDF_HERE,
    )
    assert measured.code == 0, measured.stderr
    found: dict[str, Any] = {"out": out, "assessment": json.loads(Path(assessment).read_text(encoding="utf-8"))}
    for key, stem in (("plan", "p/partnership-plan"), ("performance", "r/performance-report")):
        found[key] = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
        found[f"{key}_html"] = (out / f"{stem}.html").read_text(encoding="utf-8")
        found[f"{key}_dir"] = out / stem.split("/")[0]
    return found


def _targets(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for p in plan["priorities"] for t in p["targets"]]


# --- the plan ----------------------------------------------------------------------


def test_plan_follows_the_assessment_and_the_seed_layout(reports: dict[str, Any]) -> None:
    plan, assessment = reports["plan"], reports["assessment"]
    assert [p["issue"] for p in plan["priorities"]][: len(assessment["priorities"])] == assessment["priorities"]
    assert plan["baseline_period"] == "2022/23"
    assert plan["years"] == ["2023/24", "2024/25", "2025/26"]
    assert "illustrative" in plan["illustrative"].lower() or "Demonstration" in plan["illustrative"]
    assert [(n["title"], n["depth"]) for n in plan["tree"]] == [
        ("Demo division (Bedford and Central Bedfordshire)", 0),
        ("North Bedfordshire (Bedford)", 1),
        ("Central Bedfordshire", 1),
        ("Mid Bedfordshire", 2),
        ("South Bedfordshire", 2),
    ]
    mid, south = plan["tree"][3], plan["tree"][4]
    assert len(mid["codes"]) + len(south["codes"]) == 31, "Mid and South are every 2023 ward of Central Bedfordshire"
    assert len(_targets(plan)) == 6
    burglary = next(p for p in plan["priorities"] if p["issue"] == "burglary")
    assert burglary["owner"]
    assert burglary["actions"][0]["milestones"]
    assert next(p for p in plan["priorities"] if p["issue"] == "domestic-abuse")["targets"] == []


def test_every_parent_is_the_exact_sum_of_its_children(reports: dict[str, Any]) -> None:
    tree = reports["plan"]["tree"]
    children = {0: [1, 2], 2: [3, 4]}
    for target in _targets(reports["plan"]):
        rows = target["rows"]
        assert [r["title"] for r in rows] == [n["title"] for n in tree]
        for parent, kids in children.items():
            assert rows[parent]["baseline"] == sum(rows[k]["baseline"] for k in kids)
            for year in range(3):
                assert rows[parent]["targets"][year] == sum(rows[k]["targets"][year] for k in kids)
        for row in rows:
            previous = [row["baseline"], *row["targets"][:-1]]
            for year in range(3):
                assert row["annual_change_percent"][year] == pytest.approx(
                    100 * (row["targets"][year] / previous[year] - 1), rel=1e-12
                )
            if row["leaf"]:
                rate = row["set_change_percent"] / 100
                for year in range(3):
                    assert row["targets"][year] == pytest.approx(row["baseline"] * (1 + rate) ** (year + 1), rel=1e-12)
            assert sum(row["monthly_profile"]) == pytest.approx(1.0, abs=1e-12)


def _lsoas_named(prefix: str) -> set[str]:
    """LSOA codes police.uk itself names with `prefix` (stdlib over the bundled zip)."""
    codes: set[str] = set()
    with zipfile.ZipFile(package_path(POLICEUK_ARCHIVE)) as archive:
        for name in archive.namelist():
            if name.endswith("-street.csv") and name.split("/")[-1][:7] in BASELINE_MONTHS:
                for row in csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))):
                    if row["LSOA name"].startswith(prefix + " "):
                        codes.add(row["LSOA code"])
    return codes


def _golden(lsoas: set[str], months: list[str], category: str) -> int:
    total = 0
    with GOLDEN.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["month"] in months and row["lsoa"] in lsoas and row["category"] == category:
                total += int(row["count"])
    return total


def test_baselines_match_counts_made_without_cspkit(reports: dict[str, Any]) -> None:
    burglary = next(t for t in _targets(reports["plan"]) if t["indicator"].startswith("policeuk/burglary"))
    rows = {r["title"]: r for r in burglary["rows"]}
    bedford = _golden(_lsoas_named("Bedford"), BASELINE_MONTHS, "Burglary")
    central = _golden(_lsoas_named("Central Bedfordshire"), BASELINE_MONTHS, "Burglary")
    assert rows["North Bedfordshire (Bedford)"]["baseline"] == bedford
    assert rows["Central Bedfordshire"]["baseline"] == central
    assert rows["Demo division (Bedford and Central Bedfordshire)"]["baseline"] == bedford + central


def _half_up(value: float, places: int = 0) -> str:
    quantum = Decimal(1).scaleb(-places)
    return f"{Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP):,}"


def test_plan_html_rounds_half_up_on_display_only(reports: dict[str, Any]) -> None:
    plan, html = reports["plan"], reports["plan_html"]
    page = check_figures(plan, html, at_least=150)
    shown = dict(page.figures)
    target = _targets(plan)[0]
    checked = 0
    for ri, row in enumerate(target["rows"]):
        for year, value in enumerate(row["targets"]):
            assert not float(value).is_integer() or value == 0, "targets are kept unrounded in the JSON"
            text = shown[f"/priorities/0/targets/0/rows/{ri}/targets/{year}"]
            assert text == _half_up(value), (value, text)
            checked += 1
    assert checked == 15


def test_format_rounds_halves_up() -> None:
    from cspkit.reports.figures import format_number

    assert format_number(2.5, "target") == "3"
    assert format_number(1234.5, "target") == "1,235"
    assert format_number(2.675, "ratio") == "2.68"
    assert format_number(-3.45, "percent") == "-3.5%"


# --- the performance report --------------------------------------------------------


def test_performance_rag_forecast_and_exceptions(reports: dict[str, Any]) -> None:
    report, plan = reports["performance"], reports["plan"]
    assert report["period"] == "fytd-2024-03"
    assert report["months_in"] == 12
    assert report["plan_year"] == "2023/24"
    plan_targets = _targets(plan)
    rows = [r for p in report["priorities"] for t in p["targets"] for r in t["rows"]]
    assert report["summary"]["targets"] == len(rows) == 30
    assert sum(report["summary"][k] for k in ("green", "amber", "red")) == 30
    for planned, measured in zip(plan_targets, [t for p in report["priorities"] for t in p["targets"]], strict=True):
        for plan_row, row in zip(planned["rows"], measured["rows"], strict=True):
            year_target = plan_row["targets"][0]
            # A whole year: the profiled target is the year's target and the forecast the actual.
            assert row["fytd_target"] == pytest.approx(year_target, rel=1e-12)
            assert row["forecast"] == pytest.approx(row["fytd_actual"], rel=1e-12)
            worse = row["fytd_actual"] - row["fytd_target"]
            if planned["polarity"] == "higher-is-better":
                worse = -worse
            off = max(0.0, 100 * worse / row["fytd_target"])
            assert row["percent_off"] == pytest.approx(off, abs=1e-9)
            expected = "green" if worse <= 0 else "amber" if off <= 5 else "red"
            assert row["rag"] == expected
    reds = [e for e in report["exceptions"] if e["kind"] == "target" and e["rag"] == "red"]
    assert len(reds) == report["summary"]["red"]
    kinds = [e["kind"] for e in report["exceptions"]]
    assert kinds == sorted(kinds, key=lambda k: k != "target"), "target exceptions first, then milestones"
    offs = [e["percent_off"] for e in reds]
    assert offs == sorted(offs, reverse=True), "worst first"


def test_performance_actuals_match_counts_made_without_cspkit(reports: dict[str, Any]) -> None:
    report = reports["performance"]
    burglary = next(t for p in report["priorities"] for t in p["targets"] if t["indicator"].startswith("policeuk/burg"))
    rows = {r["title"]: r for r in burglary["rows"]}
    assert rows["North Bedfordshire (Bedford)"]["fytd_actual"] == _golden(
        _lsoas_named("Bedford"), YEAR_MONTHS, "Burglary"
    )
    central = rows["Central Bedfordshire"]
    assert central["fytd_actual"] == _golden(_lsoas_named("Central Bedfordshire"), YEAR_MONTHS, "Burglary")
    assert central["similar"]["available"], "Central Bedfordshire's Mid and South wards make the whole CSP"
    assert 1 <= central["similar"]["rank"] <= central["similar"]["members"]
    assert not rows["Mid Bedfordshire"]["similar"]["available"]


def test_performance_default_is_the_latest_complete_month(full_store: Path, reports: dict[str, Any]) -> None:
    out = reports["out"] / "latest"
    assessment = str(reports["out"] / "a" / "strategic-assessment.json")
    result = cli(full_store, "performance", "--assessment", assessment, "--out", str(out), "-q", "--no-pdf")
    assert result.code == 0, result.stderr
    report = json.loads((out / "performance-report.json").read_text(encoding="utf-8"))
    assert report["period"] == "fytd-2024-04"
    assert report["months_in"] == 1
    assert report["plan_year"] == "2024/25"
    row = report["priorities"][0]["targets"][0]["rows"][0]
    profile = reports["plan"]["priorities"][0]["targets"][0]["rows"][0]["monthly_profile"]
    assert row["forecast"] == pytest.approx(row["fytd_actual"] / profile[0], rel=1e-12)
    assert not (out / "performance-report.pdf").exists()


def test_performance_html_figures_match_the_json(reports: dict[str, Any]) -> None:
    check_figures(reports["performance"], reports["performance_html"], at_least=150)


# --- XLSX and PDF ------------------------------------------------------------------


def _written(value: Any) -> Any:
    """A JSON number as an .xlsx cell holds it: openpyxl writes 16 significant digits."""
    return float(f"{value:.16g}") if isinstance(value, float) else value


def _sheet_rows(path: Path, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book[name]
    rows = list(sheet.iter_rows(values_only=True))
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"a formula in {name}!{cell.coordinate}"
            assert cell.data_type != "e", f"an error value in {name}!{cell.coordinate}"
            assert not str(cell.value or "").startswith("#"), f"an error value in {name}!{cell.coordinate}"
    return [str(h) for h in rows[0]], rows[1:]


def test_plan_workbook_reads_back_equal_to_the_json(reports: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    path = reports["plan_dir"] / "partnership-plan.xlsx"
    assert load_workbook(path).sheetnames == ["About", "Targets", "Actions", "Places"]
    headers, rows = _sheet_rows(path, "Targets")
    assert headers[:6] == ["Priority", "Indicator", "Place", "Level", "Baseline 2022/23", "Target 2023/24"]
    expected = [(t, r) for t in _targets(reports["plan"]) for r in t["rows"]]
    assert len(rows) == len(expected) == 30
    for row, (target, plan_row) in zip(rows, expected, strict=True):
        assert row[1] == target["indicator"]
        assert row[2] == plan_row["title"]
        assert row[4] == _written(plan_row["baseline"])
        assert [row[5], row[7], row[9]] == [_written(v) for v in plan_row["targets"]]
        assert [row[6], row[8], row[10]] == [_written(v) for v in plan_row["annual_change_percent"]]
        assert row[11] == _written(plan_row["plan_change_percent"])
    _headers, actions = _sheet_rows(path, "Actions")
    milestones = sum(len(a["milestones"]) or 1 for p in reports["plan"]["priorities"] for a in p["actions"])
    assert len(actions) == milestones


def test_performance_workbook_reads_back_equal_to_the_json(reports: dict[str, Any]) -> None:
    path = reports["performance_dir"] / "performance-report.xlsx"
    headers, rows = _sheet_rows(path, "Targets")
    assert headers[4:6] == ["Actual to date", "Target to date"]
    measured = [r for p in reports["performance"]["priorities"] for t in p["targets"] for r in t["rows"]]
    assert len(rows) == len(measured)
    for row, json_row in zip(rows, measured, strict=True):
        assert (row[4], row[5], row[8], row[9], row[10]) == (
            _written(json_row["fytd_actual"]),
            _written(json_row["fytd_target"]),
            json_row["rag"],
            _written(json_row["year_target"]),
            _written(json_row["forecast"]),
        )
    _headers, exceptions = _sheet_rows(path, "Exceptions")
    assert len(exceptions) == len(reports["performance"]["exceptions"])


@pytest.mark.pdf
@pytest.mark.parametrize(("key", "stem"), [("plan", "partnership-plan"), ("performance", "performance-report")])
def test_pdf_has_the_figures_headings_charts_and_right_contents(
    reports: dict[str, Any], key: str, stem: str, tmp_path: Path
) -> None:
    document, html = reports[key], reports[f"{key}_html"]
    text, page = check_pdf(reports[f"{key}_dir"] / f"{stem}.pdf", html, tmp_path)
    for priority in document["priorities"]:
        if key == "plan" or priority["targets"]:
            assert priority["title"] in text
    assert len(page.chart_titles) == (0 if key == "plan" else 6)
    if key == "performance":
        summary = document["summary"]
        assert f"{summary['red']} missing it by more" in text
        top = document["priorities"][0]["targets"][0]["rows"][0]
        assert f"{round(top['fytd_actual']):,}" in text
    else:
        top = _targets(document)[0]["rows"][0]
        assert _half_up(top["targets"][0]) in text
        assert f"{round(top['baseline']):,}" in text


def test_counts_match_within_the_golden_file() -> None:
    """The golden file the tests count with holds every bundled month (a guard on it)."""
    months: Counter[str] = Counter()
    with GOLDEN.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            months[row["month"]] += 1
    assert set(BASELINE_MONTHS + YEAR_MONTHS) <= set(months)


@pytest.mark.slow
def test_plan_and_performance_agree_on_postgresql(full_store: Path, postgres_url: str, reports: dict[str, Any]) -> None:
    from cspkit.store.mirror import mirror_store

    mirror_store(full_store, postgres_url)
    out = reports["out"] / "postgresql"
    assessment = str(reports["out"] / "a" / "strategic-assessment.json")
    common = ["--assessment", assessment, "--engine", postgres_url, "-q", "--no-pdf"]
    planned = cli(full_store, "plan", *common, "--out", str(out))
    assert planned.code == 0, planned.stderr
    measured = cli(full_store, "performance", *common, "--period", "fytd-2024-03", "--out", str(out))
    assert measured.code == 0, measured.stderr
    plan = json.loads((out / "partnership-plan.json").read_text(encoding="utf-8"))
    report = json.loads((out / "performance-report.json").read_text(encoding="utf-8"))
    for left, right in zip(_targets(reports["plan"]), _targets(plan), strict=True):
        assert [(r["baseline"], r["targets"], r["monthly_profile"]) for r in left["rows"]] == [
            (r["baseline"], r["targets"], r["monthly_profile"]) for r in right["rows"]
        ]
    duck = [r for p in reports["performance"]["priorities"] for t in p["targets"] for r in t["rows"]]
    pg = [r for p in report["priorities"] for t in p["targets"] for r in t["rows"]]
    assert [(r["fytd_actual"], r["rag"], r["spc"]) for r in duck] == [
        (r["fytd_actual"], r["rag"], r["spc"]) for r in pg
    ]
