"""`cspkit assess` on the demo: the golden scanning chart, every figure traceable, the HTML
offline and marked up, and kept runs compared year on year."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cspkit.bundle import POLICEUK_ARCHIVE, package_path
from tests.helpers import ROOT, cli
from tests.report_checks import NO_PDF_HERE, check_figures, check_pdf

AREA = "csp:E22000353"
GOLDEN = ROOT / "tests" / "golden" / "street_counts.csv"
PERIOD_MONTHS = [f"2023-{m:02d}" for m in range(4, 13)] + [f"2024-{m:02d}" for m in range(1, 4)]
EARLIER_MONTHS = [f"2022-{m:02d}" for m in range(4, 13)] + [f"2023-{m:02d}" for m in range(1, 4)]


@pytest.fixture(scope="module")
def assessed(full_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], str]:
    out = tmp_path_factory.mktemp("assessment")
    result = cli(full_store, "assess", "--period", "2023/24", "--out", str(out), "--quiet", *NO_PDF_HERE)
    assert result.code == 0, result.stderr
    document = json.loads((out / "strategic-assessment.json").read_text(encoding="utf-8"))
    html = (out / "strategic-assessment.html").read_text(encoding="utf-8")
    return out, document, html


# --- the golden scanning chart, computed here without cspkit ---------------------------


def _central_bedfordshire_lsoas() -> set[str]:
    """LSOA codes police.uk itself names as Central Bedfordshire (stdlib over the bundled zip)."""
    codes: set[str] = set()
    with zipfile.ZipFile(package_path(POLICEUK_ARCHIVE)) as archive:
        for name in archive.namelist():
            if name.endswith("-street.csv") and name.split("/")[-1][:7] in PERIOD_MONTHS + EARLIER_MONTHS:
                text = archive.read(name).decode("utf-8-sig")
                for row in csv.DictReader(io.StringIO(text)):
                    if row["LSOA name"].startswith("Central Bedfordshire "):
                        codes.add(row["LSOA code"])
    return codes


def _golden_counts(lsoas: set[str], months: list[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    with GOLDEN.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["month"] in months and row["lsoa"] in lsoas:
                counts[row["category"]] += int(row["count"])
    return counts


def _cchi_days() -> dict[str, float]:
    text = package_path("harm/cchi_policeuk_category.csv").read_text(encoding="utf-8-sig")
    return {row["crime_type"]: float(row["cchi_days"]) for row in csv.DictReader(io.StringIO(text))}


def _ons_rate_above_peer_mean(document: dict[str, Any], issue: dict[str, Any]) -> bool | None:
    """Area rate above the unweighted mean of area + listed peers, read from the ONS table."""
    from cspkit.recorded_crime import ons_recorded_crime

    group = issue["evidence"]["similar_group"]
    if not group.get("available"):
        return None
    wanted = {AREA, *(p["area"] for p in group["peers"])}
    rates = {
        row["area"]: 1000 * row["count"] / row["denominator"]
        for row in ons_recorded_crime("2023-12", None, "csp", group["ons_group"])
        if row["area"] in wanted
    }
    assert set(rates) == wanted
    return rates[AREA] > sum(rates.values()) / len(rates)


def test_golden_scanning_chart(assessed: tuple[Path, dict[str, Any], str]) -> None:
    from statsmodels.stats.rates import etest_poisson_2indep

    _out, document, _html = assessed
    lsoas = _central_bedfordshire_lsoas()
    now, before = _golden_counts(lsoas, PERIOD_MONTHS), _golden_counts(lsoas, EARLIER_MONTHS)
    days = _cchi_days()
    total_harm = sum(n * days[c] for c, n in now.items() if c in days)
    label_of = {
        "violence": "Violence and sexual offences",
        "burglary": "Burglary",
        "vehicle-crime": "Vehicle crime",
        "robbery": "Robbery",
        "criminal-damage": "Criminal damage and arson",
        "anti-social-behaviour": "Anti-social behaviour",
        "drugs": "Drugs",
        "weapons": "Possession of weapons",
        "shoplifting": "Shoplifting",
        "theft-from-the-person": "Theft from the person",
        "other-theft": "Other theft",
        "public-order": "Public order",
        "bicycle-theft": "Bicycle theft",
    }
    volumes = sorted((now[label] for label in label_of.values()), reverse=True)
    concern = {
        "violence": 4,
        "burglary": 4,
        "vehicle-crime": 3,
        "robbery": 2,
        "criminal-damage": 3,
        "anti-social-behaviour": 4,
        "drugs": 3,
        "weapons": 3,
        "shoplifting": 2,
        "theft-from-the-person": 2,
        "other-theft": 2,
        "public-order": 2,
        "bicycle-theft": 1,
    }
    flagged = {
        "violence",
        "domestic-abuse",
        "burglary",
        "vehicle-crime",
        "anti-social-behaviour",
        "drugs",
        "weapons",
        "reoffending",
    }
    rows = {row["issue"]: row for row in document["scanning_chart"]}
    issues = {item["issue"]: item for item in document["issues"]}
    assert len(rows) == 16
    for issue, label in label_of.items():
        cells = {name: cell["status"] for name, cell in rows[issue]["criteria"].items()}
        # Counts first: the volume cspkit shows is the stdlib count.
        assert issues[issue]["evidence"]["volume"]["value"] == now[label], issue
        top = volumes.index(now[label]) + 1 <= 5
        above = _ons_rate_above_peer_mean(document, issues[issue])
        expected_volume = "yes" if (top or above) else "no"
        _stat, p = etest_poisson_2indep(now[label], 1, before[label], 1)
        rising = p < 0.05 and now[label] - before[label] >= 20
        harm = "no data" if label not in days else ("yes" if now[label] * days[label] >= 0.10 * total_harm else "no")
        expected = {
            "high_volume": expected_volume,
            "increasing": "yes" if rising else "no",
            "harm": harm,
            "concern": "yes" if concern[issue] >= 3 else "no",
        }
        assert cells == expected, issue
        met = sum(1 for v in expected.values() if v == "yes")
        include = (issue in flagged and met >= 1) or met >= 2
        assert rows[issue]["decision"] == ("include" if include else "exclude"), issue
    # Issues without data: every criterion says so, and the overrides decide with reasons.
    for issue in ("domestic-abuse", "hate-crime", "reoffending"):
        assert {cell["status"] for cell in rows[issue]["criteria"].values()} == {"no data"}
    assert rows["domestic-abuse"]["decision"] == "include"
    assert rows["domestic-abuse"]["rule_decision"] == "exclude"
    assert rows["domestic-abuse"]["override"]["author"] == "Demo analyst"
    assert rows["hate-crime"]["decision"] == "exclude"
    assert document["priorities"] == [r["issue"] for r in document["scanning_chart"] if r["decision"] == "include"]


# --- every figure traceable -----------------------------------------------------------


def _figures(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if "value" in node and "unit" in node and "sources" in node:
            found.append((path, node))
        for key, value in node.items():
            found += _figures(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _figures(value, (*path, i))
    return found


def test_every_figure_names_batches_in_status_and_a_versioned_indicator(
    full_store: Path, assessed: tuple[Path, dict[str, Any], str]
) -> None:
    _out, document, _html = assessed
    status = cli(full_store, "status", "--format", "json").json()
    batches = {b["batch_id"] for b in status["current_batches"]}
    figures = _figures(document)
    assert len(figures) > 300
    for path, fig in figures:
        if fig["value"] is None:
            continue
        assert fig["sources"], path
        for source in fig["sources"]:
            if source.startswith("bundle:"):
                assert package_path(source.removeprefix("bundle:")).is_file(), (path, source)
            elif source in ("configuration", "method"):
                assert path[0] in ("rules", "confidence"), path
            else:
                assert source in batches, (path, source)
        if "indicator" in fig:
            assert re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+@\d+", fig["indicator"]), (path, fig["indicator"])
    survey = [f for _p, f in figures if f.get("question")]
    assert survey
    assert all(f["synthetic"] for f in survey), "the demo survey is synthetic and must say so"
    assert document["inputs"]["configuration"]["sha256"]
    assert all(re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+@\d+", ref) for ref in document["inputs"]["indicators"])
    assert {b["batch_id"] for b in document["inputs"]["batches"]} <= batches


def test_html_numbers_all_carry_figures_that_match_the_json(assessed: tuple[Path, dict[str, Any], str]) -> None:
    _out, document, html = assessed
    check_figures(document, html, at_least=200)


def test_an_issue_with_evidence_but_too_few_months_for_a_trend_renders_without_a_chart(
    assessed: tuple[Path, dict[str, Any], str],
) -> None:
    """A partner indicator that began recently (NI 30 from a new IOM cohort) has a volume but
    no SPC chart yet: the page says why rather than failing the whole report."""
    import copy

    from cspkit.reports.assessment_html import render_assessment

    _out, document, _html = assessed
    document = copy.deepcopy(document)
    item = next(i for i in document["issues"] if i["evidence"].get("available") and i["evidence"]["trend"]["available"])
    reason = "fewer than a year of consecutive months is held, too few for an SPC chart"
    item["evidence"]["trend"] = {"available": False, "reason": reason}
    for each in document["issues"]:  # the written JSON leaves out the maps' outlines
        if each["evidence"].get("available"):
            each["evidence"]["hotspots"] = {"available": False, "reason": "not drawn here"}
    html = render_assessment(document)
    section = html.split(f'id="issue-{item["issue"]}"', 1)[1].split("<h2", 1)[0]
    assert reason in section
    assert "records per month with the process mean and limits" not in section


@pytest.mark.pdf
def test_pdf_has_the_figures_headings_charts_and_right_contents(
    assessed: tuple[Path, dict[str, Any], str], tmp_path: Path
) -> None:
    out, document, html = assessed
    pdf = out / "strategic-assessment.pdf"
    text, page = check_pdf(pdf, html, tmp_path)
    for item in document["scanning_chart"]:
        assert item["title"] in text
    # The summary figures: the volume of each issue with data.
    for issue in document["issues"]:
        volume = issue["evidence"].get("volume") if issue["evidence"].get("available") else None
        if volume:
            assert f"{volume['value']:,}" in text, issue["issue"]
    assert len(page.chart_titles) >= 20
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Tagged:\s+yes", info)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    embedded = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    # One font, the shipped Noto Sans, everywhere (charts included): no fallback face.
    assert "Noto-Sans" in embedded
    assert embedded <= {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Italic"}, embedded


def test_figures_match_a_fresh_indicator_engine_call(
    full_store: Path, assessed: tuple[Path, dict[str, Any], str]
) -> None:
    from cspkit.geography import load_geography
    from cspkit.geography.areas import parse_area
    from cspkit.indicators import evaluate, open_engine
    from cspkit.indicators.areas import target_area
    from cspkit.indicators.sets import load_indicator_sets
    from cspkit.periods import parse_period

    _out, document, _html = assessed
    geo = load_geography(full_store)
    sets = load_indicator_sets(full_store / "indicators")
    engine = open_engine(full_store)
    area = target_area(geo, parse_area(AREA))
    checked = 0
    for item in document["issues"]:
        evidence = item["evidence"]
        if not evidence.get("available"):
            continue
        reference, version = evidence["indicator"].split("@")
        indicator = sets.resolve(reference, parse_period("2023/24").end)
        assert indicator.version == int(version)
        rows = evaluate(engine, geo, [indicator], [area], [parse_period("2023/24"), parse_period("2022/23")])
        fresh = {row["period"]: row for row in rows}
        assert evidence["volume"]["value"] == fresh["2023/24"]["numerator"]
        assert evidence["rate"]["value"] == pytest.approx(fresh["2023/24"]["value"], rel=1e-12)
        assert evidence["rate"]["lower_95"] == pytest.approx(fresh["2023/24"]["lower_95"], rel=1e-12)
        assert evidence["change"]["previous"]["value"] == fresh["2022/23"]["numerator"]
        checked += 1
    assert checked == 13


def test_runs_are_kept_and_compared_with_last_year(full_store: Path, tmp_path: Path) -> None:
    first = cli(full_store, "assess", "--period", "2022/23", "--out", str(tmp_path / "a"), "--quiet", "--no-pdf")
    assert first.code == 0, first.stderr
    second = cli(full_store, "assess", "--period", "2023/24", "--out", str(tmp_path / "b"), "--quiet", "--no-pdf")
    assert second.code == 0, second.stderr
    document = json.loads((tmp_path / "b" / "strategic-assessment.json").read_text(encoding="utf-8"))
    previous = document["previous_assessment"]
    assert previous["available"]
    assert previous["period"] == "2022/23"
    assert {c["issue"] for c in previous["changes"]} == {r["issue"] for r in document["scanning_chart"]}
    kept = list((full_store / "assessments" / "csp-E22000353" / "2022-23").glob("*/strategic-assessment.json"))
    assert kept
    earlier = json.loads(kept[-1].read_text(encoding="utf-8"))
    assert earlier["period"] == "2022/23"
    assert earlier["inputs"]["batches"]
    # The demo's narrative was written for 2022/23: carried into the 2023/24 draft for review.
    assert document["narratives"]["burglary"]["status"] == "carried forward from 2022/23: review"
    assert earlier["narratives"]["burglary"]["status"] == "current"


def test_several_areas_each_get_their_own_folder(full_store: Path, tmp_path: Path) -> None:
    result = cli(
        full_store,
        "assess",
        "--period",
        "2023/24",
        "--all-in-force",
        "bedfordshire",
        "--out",
        str(tmp_path),
        "--quiet",
        "--no-keep",
        "--no-pdf",
    )
    assert result.code == 0, result.stderr
    folders = sorted(p.name for p in tmp_path.iterdir())
    assert folders == ["E22000344", "E22000353", "E22000360"] or len(folders) == 3, folders
    for folder in tmp_path.iterdir():
        body = json.loads((folder / "strategic-assessment.json").read_text(encoding="utf-8"))
        assert body["area"].endswith(folder.name)
        assert (folder / "strategic-assessment.html").stat().st_size > 10_000
        assert not (folder / "strategic-assessment.pdf").exists(), "--no-pdf writes no PDF"
