"""How the partnership is doing, for the public: its priorities, each target's progress this
financial year as a RAG status in plain words. Counts are shown only for targets measured on
published police.uk data; a target on partner data says only how far from target it is, so
no partner count is published (DESIGN.md "Publishing and disclosure")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from cspkit.errors import CspkitError
from cspkit.web.dashboard.materialised import performance, request_for
from cspkit.web.public import words
from cspkit.web.public.page_cache import kept_for_visitors


def _public_counts(reference: str, when: Any) -> bool:
    inputs = request_for(Path(settings.HOME))
    indicator = inputs.sets.resolve(reference, when)
    return indicator.numerator.kind != "partner"


def _shown(report: dict[str, Any]) -> list[dict[str, Any]]:
    from cspkit.periods import parse_period

    when = parse_period(report["period"]).end
    priorities = []
    for priority in report["priorities"]:
        targets = []
        for target in priority["targets"]:
            public = _public_counts(target["indicator"], when)
            rows = [
                {
                    "place": row["title"],
                    "depth": row["depth"],
                    "rag": row.get("rag"),
                    "status": words.rag_words(row.get("rag")),
                    "text": words.target_words(row, target["title"], target["polarity"], public),
                }
                for row in target["rows"]
            ]
            targets.append({"title": target["title"], "rows": rows, "public_counts": public})
        priorities.append(
            {
                "title": priority["title"],
                "owner": priority.get("owner", ""),
                "targets": targets,
                "actions": [a.get("action", "") for a in priority.get("actions", [])],
            }
        )
    return priorities


def performance_page(request: HttpRequest) -> HttpResponse:
    home = Path(settings.HOME)
    try:
        report = performance(home)
        name = request_for(home).config.name
    except CspkitError as error:
        return render(request, "public/unavailable.html", {"reason": str(error)}, status=503)
    context: dict[str, Any] = {"partnership": name, "language": get_language()}
    if "reason" in report:
        context["reason"] = report["reason"]
    else:
        context |= {
            "report": report,
            "priorities": lambda: _shown(report),
            "period": words.span_title("fytd", report["period"]),
        }
    return render(request, "public/performance.html", context)


performance_page = kept_for_visitors(performance_page, with_assessment=True)
