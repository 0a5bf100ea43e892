"""The front page, /healthz, and the accessibility statement and privacy notice."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from cspkit.__about__ import __version__
from cspkit.store.schema import is_partner_dataset


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers and the store is readable; 503 otherwise. No personal data."""
    from cspkit.store.generations import open_snapshot

    database: dict[str, object] = {"vendor": connection.vendor}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database["ok"] = True
    except Exception as error:  # noqa: BLE001 - any failure is the answer itself
        database |= {"ok": False, "error": type(error).__name__}
    store: dict[str, object]
    try:
        catalogue = open_snapshot(Path(settings.HOME)).catalogue
        months = sorted({p.month for p in catalogue.partitions})
        store = {
            "ok": True,
            "generation": catalogue.generation,
            "batches": len(catalogue.batches),
            "partitions": len(catalogue.partitions),
            "first_month": months[0] if months else None,
            "last_month": months[-1] if months else None,
            # per published dataset (police.uk's lag shows beside fresher partner data, whose
            # dataset names and months this public page does not give away)
            "last_month_by_dataset": {
                dataset: max(p.month for p in catalogue.partitions if p.dataset == dataset)
                for dataset in sorted({p.dataset for p in catalogue.partitions if not is_partner_dataset(p.dataset)})
            },
        }
    except (OSError, ValueError) as error:
        store = {"ok": False, "error": type(error).__name__}
    healthy = bool(database["ok"]) and bool(store["ok"])
    body = {"status": "ok" if healthy else "unavailable", "version": __version__, "database": database, "store": store}
    return JsonResponse(body, status=200 if healthy else 503)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    """The notice, with the retention periods the engagement job enforces (from the configuration)."""
    from cspkit.config.engage import EngageConfig
    from cspkit.errors import CspkitError
    from cspkit.web.engage.publishing import engage_config

    try:
        config = engage_config()
    except CspkitError:
        config = EngageConfig()
    return render(request, "pages/privacy.html", {"keep": dict(config.retention)})
