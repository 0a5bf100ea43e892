"""Asking the worker for a report, watching it, and downloading what it built."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cspkit.web.partnership.models import ReportRun
from cspkit.web.partnership.report_runs import CONTENT_TYPES, folder_of


def reports(request: HttpRequest) -> HttpResponse:
    runs = ReportRun.objects.select_related("requested_by")[:50]
    return render(request, "partnership/reports.html", {"runs": runs, "kinds": ReportRun.KINDS})


def report_new(request: HttpRequest) -> HttpResponse:
    """POST kind (and period for an assessment): queue a run for the worker."""
    if request.method != "POST":
        return redirect("partnership:reports")
    kind = request.POST.get("kind", "")
    period = request.POST.get("period", "")
    if kind not in dict(ReportRun.KINDS):
        messages.error(request, _("Choose a report to build."))
        return redirect("partnership:reports")
    if kind == ReportRun.ASSESSMENT:
        from django.conf import settings

        from cspkit.web.partnership.assessment_views import held_years

        if period not in held_years(Path(settings.HOME)):
            messages.error(request, _("Choose a financial year the store holds every month of."))
            return redirect("partnership:assessment")
    run = ReportRun.objects.create(kind=kind, period=period, requested_by=request.user)  # type: ignore[misc]
    return redirect("partnership:report", pk=run.pk)


def report(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ReportRun.objects.select_related("requested_by"), pk=pk)
    return render(request, "partnership/report.html", {"run": run})


def report_status(request: HttpRequest, pk: int) -> JsonResponse:
    run = get_object_or_404(ReportRun, pk=pk)
    return JsonResponse({"status": run.status, "summary": run.summary, "error": run.error})


def report_file(request: HttpRequest, pk: int, name: str) -> FileResponse:
    run = get_object_or_404(ReportRun, pk=pk)
    if name not in run.files:  # only what the worker wrote; never a path from the request
        raise Http404("no such file")
    path = folder_of(run) / name
    if not path.is_file():
        raise Http404("no such file")
    suffix = path.suffix
    inline = suffix in (".html", ".pdf")
    return FileResponse(path.open("rb"), content_type=CONTENT_TYPES[suffix], as_attachment=not inline, filename=name)
