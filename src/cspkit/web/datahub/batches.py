"""Batches with their provenance, a batch's rows (restricted for partner data), and the coverage grid."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render

from cspkit.store.batch_rows import batch_rows
from cspkit.store.catalogue import Batch
from cspkit.web.accounts import audit
from cspkit.web.accounts.models import AuditEvent, User
from cspkit.web.datahub.access import batch_restricted, may_see_batch, visibility
from cspkit.web.datahub.store_view import catalogue as store_catalogue
from cspkit.web.datahub.store_view import coverage as store_coverage
from cspkit.web.datahub.store_view import generation as store_generation

PREVIEW_ROWS = 50


def _home() -> Path:
    return Path(settings.HOME)


def _visible_batches(user: User) -> tuple[list[Batch], set[str]]:
    catalogue = store_catalogue(_home())
    current = {p.batch_id for p in catalogue.partitions}
    shown = [b for b in catalogue.batches if may_see_batch(user, b)]
    return sorted(shown, key=lambda b: (b.ingested_at, b.batch_id), reverse=True), current


def _as_dict(batch: Batch, current: set[str]) -> dict[str, Any]:
    return {
        "batch_id": batch.batch_id,
        "dataset": batch.dataset,
        "holder": batch.holder,
        "source": Path(batch.source).name,
        "sha256": batch.sha256,
        "rows": batch.rows,
        "months": batch.months,
        "ingested_at": batch.ingested_at,
        "current": batch.batch_id in current,
        "replaced_by": batch.replaced_by,
        "restricted": batch_restricted(batch),
        "synthetic": batch.synthetic,
    }


def batches(request: HttpRequest) -> HttpResponse:
    shown, current = _visible_batches(request.user)  # type: ignore[arg-type]
    if any(batch_restricted(b) for b in shown):
        audit.record(request, AuditEvent.LIST, "batch")
    # The table is the same for everyone who sees the same batches: rendered once per store
    # generation and visibility (the audit row above is still written for every read).
    context = {
        "batches": [_as_dict(b, current) for b in shown],
        "generation": store_generation(_home()),
        "visibility": visibility(request.user),  # type: ignore[arg-type]
    }
    return render(request, "datahub/batches.html", context)


def api_batches(request: HttpRequest) -> JsonResponse:
    shown, current = _visible_batches(request.user)  # type: ignore[arg-type]
    if any(batch_restricted(b) for b in shown):
        audit.record(request, AuditEvent.API, "batch")
    return JsonResponse({"batches": [_as_dict(b, current) for b in shown]})


def _batch(request: HttpRequest, batch_id: str) -> Batch:
    found = next((b for b in store_catalogue(_home()).batches if b.batch_id == batch_id), None)
    # Another agency's restricted batch is answered exactly as a batch that does not exist.
    if found is None or not may_see_batch(request.user, found):  # type: ignore[arg-type]
        raise Http404("no such batch")
    return found


def batch_detail(request: HttpRequest, batch_id: str) -> HttpResponse:
    found = _batch(request, batch_id)
    current = {p.batch_id for p in store_catalogue(_home()).partitions}
    preview = batch_rows(_home(), batch_id, limit=PREVIEW_ROWS)
    if batch_restricted(found):
        audit.record(request, AuditEvent.READ, "batch", batch_id, found.agency)
    columns = preview.column_names if preview is not None else []
    rows = preview.to_pylist() if preview is not None else []
    context = {"batch": _as_dict(found, current), "columns": columns, "rows": rows, "preview_rows": PREVIEW_ROWS}
    return render(request, "datahub/batch_detail.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


def batch_rows_csv(request: HttpRequest, batch_id: str) -> StreamingHttpResponse:
    found = _batch(request, batch_id)
    table = batch_rows(_home(), batch_id)
    if table is None:
        raise Http404("none of this batch's rows is current")
    if batch_restricted(found):
        audit.record(request, AuditEvent.DOWNLOAD, "batch", batch_id, found.agency)
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(table.column_names)
        for chunk in table.to_batches(max_chunksize=5000):
            for row in chunk.to_pylist():
                yield writer.writerow(["" if v is None else v for v in row.values()])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="batch-{batch_id}.csv"'
    return response


def coverage(request: HttpRequest) -> HttpResponse:
    months = [date(2000, number, 1) for number in range(1, 13)]  # column heads, named in the page's language
    context = {"tables": store_coverage(_home()), "months": months, "generation": store_generation(_home())}
    return render(request, "datahub/coverage.html", context)
