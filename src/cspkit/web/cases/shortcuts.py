"""What every case page does the same way: fetch an object the policy lets the viewer see (or
answer 404, never a 403 that confirms it exists), say why a form was refused, send counts as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from cspkit.web.cases.policy import may

M = TypeVar("M", bound=Model)


def visible_or_404(request: HttpRequest, found: QuerySet[M], pk: int, channel: str = "detail") -> M:
    obj = get_object_or_404(found, pk=pk)
    if not may(request.user, obj, channel):  # type: ignore[arg-type]
        raise Http404("not found")
    return obj


def form_errors(form: BaseForm) -> str:
    """Every error of a form on one line, for a message after a redirect."""
    return "; ".join(str(e) for errors in form.errors.values() for e in errors)


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, excel_bom: bool = False
) -> HttpResponse:
    """A CSV attachment; `excel_bom` starts it with a byte-order mark so Excel reads UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    body = out.getvalue().encode("utf-8-sig" if excel_bom else "utf-8")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
