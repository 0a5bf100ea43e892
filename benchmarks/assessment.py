"""The strategic assessment of Central Bedfordshire for 2023/24 (16 candidate issues), timed.

    python benchmarks/assessment.py            # best of 3
    python benchmarks/assessment.py --smoke    # once (CI)

The store is the bundled data and the demo's synthetic survey in a temporary workspace (not
timed). The reference, in the same run, is one indicator-engine call for the same
indicators, areas (the partnership and its sub-areas) and periods (the year, the year
before, 36 months): the counting any assessment must do. cspkit adds the evidence (SPC,
seasonality, peers, harm, hotspot grids), the scanning chart, the HTML with its charts, and
the PDF printed from it.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import high_water_mib, machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="one run (CI)")
    args = parser.parse_args()
    runs = 1 if args.smoke else 3
    from cspkit.assessment import AssessmentRequest, build_assessment
    from cspkit.assessment.context import trend_periods
    from cspkit.bundle import POLICEUK_ARCHIVE, package_path
    from cspkit.config import load_config
    from cspkit.demo_survey import synthetic_survey
    from cspkit.geography import load_geography
    from cspkit.geography.areas import AreaRef
    from cspkit.indicators import evaluate, load_indicator_sets, open_engine
    from cspkit.indicators.areas import target_area
    from cspkit.ingest import ingest_policeuk, ingest_survey
    from cspkit.periods import parse_period
    from cspkit.reports.assessment_html import render_assessment
    from cspkit.reports.pdf import html_to_pdf

    workspace = Path(tempfile.mkdtemp(prefix="cspkit-bench-assessment-"))
    try:
        ingest_policeuk(workspace, [package_path(POLICEUK_ARCHIVE)])
        geo = load_geography(workspace)
        config = load_config(package_path("partnership/central-bedfordshire.yaml"), geo)
        survey = workspace / "survey.csv"
        survey.write_text(synthetic_survey([str(config.area), "subarea:south", "subarea:north"]), encoding="utf-8")
        ingest_survey(workspace, [survey], synthetic=True)
        sets = load_indicator_sets()
        period = parse_period("2023/24")
        area = target_area(geo, config.area, config)
        subareas = [target_area(geo, AreaRef("subarea", top.name), config) for top in config.subareas]
        indicators = {
            sets.resolve(ref, period.end).ref: sets.resolve(ref, period.end)
            for issue in config.assessment.issues
            for ref in issue.indicators
        }
        periods = [period, period.comparison(), *trend_periods(period)]
        best_reference = best_build = best_render = best_pdf = float("inf")
        for _ in range(runs):
            engine = open_engine(workspace)
            start = time.perf_counter()
            evaluate(engine, geo, list(indicators.values()), [area, *subareas], periods)
            best_reference = min(best_reference, time.perf_counter() - start)
            engine = open_engine(workspace)
            start = time.perf_counter()
            document = build_assessment(AssessmentRequest(workspace, geo, engine, sets, config, area, period))
            best_build = min(best_build, time.perf_counter() - start)
            start = time.perf_counter()
            html = render_assessment(document, geo)
            best_render = min(best_render, time.perf_counter() - start)
            start = time.perf_counter()
            pdf = html_to_pdf(html)
            best_pdf = min(best_pdf, time.perf_counter() - start)
        print(f"machine: {machine()}")
        print(f"assessment: {len(document['scanning_chart'])} issues, {len(html) / 1e6:.1f} MB of HTML; best of {runs}")
        print(f"reference (one indicator-engine call, same indicators, areas, periods): {best_reference:.2f} s")
        print(f"cspkit build_assessment: {best_build:.2f} s   ratio {best_build / best_reference:.1f}")
        print(f"cspkit HTML with charts and maps: {best_render:.2f} s")
        print(f"cspkit PDF (WeasyPrint, {len(pdf) / 1e6:.1f} MB): {best_pdf:.2f} s")
        whole = best_build + best_render
        print(f"whole assessment: {whole:.2f} s; with the PDF {whole + best_pdf:.2f} s")
        print(f"peak memory: {high_water_mib():,.0f} MiB")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
