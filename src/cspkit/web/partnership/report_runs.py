"""Reports people ask for in the browser, built by the worker (never in a page request): the
strategic assessment (kept in the workspace's history, as `cspkit assess` keeps it), the
partnership plan and the performance report, each as JSON, HTML, XLSX and PDF under
$CSPKIT_HOME/web/reports/<run id>/."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from cspkit.errors import CspkitError
from cspkit.web.partnership.models import ReportRun

log = logging.getLogger("cspkit.worker")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def folder_of(run: ReportRun) -> Path:
    return Path(settings.HOME) / "web" / "reports" / str(run.pk)


def _write(folder: Path, stem: str, document: dict[str, Any], html: str, workbook: Any) -> list[str]:
    """JSON, HTML and XLSX first, then the PDF (the slow part)."""
    from cspkit.assessment.figures import without_private
    from cspkit.reports.pdf import write_pdf
    from cspkit.reports.xlsx import write_workbook
    from cspkit.writing import write_text_atomically

    write_text_atomically(folder / f"{stem}.json", json.dumps(without_private(document), indent=1) + "\n")
    write_text_atomically(folder / f"{stem}.html", html)
    write_workbook(folder / f"{stem}.xlsx", *workbook)
    write_pdf(html, folder / f"{stem}.pdf")
    return [f"{stem}.{suffix}" for suffix in ("html", "pdf", "xlsx", "json")]


def _assessment(run: ReportRun, folder: Path) -> tuple[str, list[str]]:
    from cspkit.assessment import AssessmentRequest, build_assessment, keep_assessment
    from cspkit.indicators.areas import target_area
    from cspkit.periods import parse_period
    from cspkit.reports.assessment_html import render_assessment
    from cspkit.reports.plan_xlsx import assessment_sheets
    from cspkit.web.dashboard.materialised import request_for

    inputs = request_for(Path(settings.HOME))
    area = target_area(inputs.geo, inputs.config.area, inputs.config)
    request = AssessmentRequest(
        Path(settings.HOME), inputs.geo, inputs.engine, inputs.sets, inputs.config, area, parse_period(run.period)
    )
    document = build_assessment(request)
    keep_assessment(Path(settings.HOME), document)
    files = _write(
        folder, "strategic-assessment", document, render_assessment(document, inputs.geo), assessment_sheets(document)
    )
    titles = {row["issue"]: row["title"] for row in document["scanning_chart"]}
    summary = (
        f"{len(document['scanning_chart'])} candidate issues, {len(document['priorities'])} priorities "
        f"({', '.join(titles.get(p, p) for p in document['priorities'])})"
    )
    return summary, files


def _plan_request() -> Any:
    from cspkit.assessment.history import latest_assessment
    from cspkit.assessment.plan import PlanRequest
    from cspkit.errors import UsageError
    from cspkit.web.dashboard.materialised import request_for

    home = Path(settings.HOME)
    inputs = request_for(home)
    assessment = latest_assessment(home, str(inputs.config.area))
    if assessment is None:
        raise UsageError("run the strategic assessment first: the plan's priorities come from it")
    return PlanRequest(home, inputs.geo, inputs.engine, inputs.sets, inputs.config, assessment)


def _plan(run: ReportRun, folder: Path) -> tuple[str, list[str]]:
    from cspkit.assessment.plan import build_plan
    from cspkit.reports.plan_html import render_plan
    from cspkit.reports.plan_xlsx import plan_sheets

    document = build_plan(_plan_request())
    targets = sum(p["target_count"] for p in document["priorities"])
    summary = f"{len(document['priorities'])} priorities, {targets} targets, baseline {document['baseline_period']}"
    return summary, _write(folder, "partnership-plan", document, render_plan(document), plan_sheets(document))


def _performance(run: ReportRun, folder: Path) -> tuple[str, list[str]]:
    from cspkit.assessment.performance import build_performance
    from cspkit.reports.plan_html import render_performance
    from cspkit.reports.plan_xlsx import performance_sheets

    document = build_performance(_plan_request(), run.period or None)
    s = document["summary"]
    summary = (
        f"{document['period']}: {s['targets']} targets by place, {s['green']} green, {s['amber']} amber, "
        f"{s['red']} red; {len(document['exceptions'])} exceptions"
    )
    files = _write(folder, "performance-report", document, render_performance(document), performance_sheets(document))
    return summary, files


BUILDERS = {ReportRun.ASSESSMENT: _assessment, ReportRun.PLAN: _plan, ReportRun.PERFORMANCE: _performance}


def claim() -> ReportRun | None:
    for run in ReportRun.objects.filter(status=ReportRun.WAITING).order_by("created_at", "id")[:5]:
        if ReportRun.objects.filter(pk=run.pk, status=ReportRun.WAITING).update(
            status=ReportRun.RUNNING, started_at=timezone.now()
        ):
            run.refresh_from_db()
            return run
    return None


def build(run: ReportRun) -> None:
    """Build one run; a refusal is kept on the run for the person who asked."""
    try:
        summary, files = BUILDERS[run.kind](run, folder_of(run))
    except CspkitError as error:
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportRun.FAILED, finished_at=timezone.now(), error=str(error)
        )
        log.info("report run %s refused", run.pk)
        return
    except Exception:  # noqa: BLE001 - one broken report must not stop the worker for everyone
        log.exception("report run %s failed", run.pk)
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportRun.FAILED,
            finished_at=timezone.now(),
            error="cspkit could not build this report (an internal error, logged by the worker)",
        )
        return
    ReportRun.objects.filter(pk=run.pk).update(
        status=ReportRun.DONE, finished_at=timezone.now(), summary=summary, files=files
    )
    log.info("report run %s built", run.pk)


def drain() -> int:
    handled = 0
    while (run := claim()) is not None:
        build(run)
        handled += 1
    return handled


def requeue_interrupted() -> None:
    ReportRun.objects.filter(status=ReportRun.RUNNING).update(status=ReportRun.WAITING)
