"""Public neighbourhood pages (no sign-in): the index with search and a map, and each ward's
page with this month's figures, the rolling year and the financial year to date, similar
wards, a map, "you said, we did", meetings and whom to tell about anti-social behaviour."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cspkit.errors import CspkitError
from cspkit.neighbourhoods.profile import HEADLINES, SPANS
from cspkit.web.dashboard import graphics
from cspkit.web.dashboard.materialised import geography, request_for
from cspkit.web.dashboard.views import format_number
from cspkit.web.public import figures, words
from cspkit.web.public.models import NeighbourhoodPriority, PublicMeeting
from cspkit.web.public.page_cache import kept_for_visitors
from cspkit.web.public.staff import may_manage
from cspkit.web.public.ward_map import ward_map

RECENT_DAYS = 365  # dealt-with priorities stay on the page for a year


def _home() -> Path:
    return Path(settings.HOME)


def _unavailable(request: HttpRequest, error: CspkitError) -> HttpResponse:
    return render(request, "public/unavailable.html", {"reason": str(error)}, status=503)


@kept_for_visitors
def neighbourhoods_page(request: HttpRequest) -> HttpResponse:
    home = _home()
    try:
        wards = figures.wards(home)
        config = request_for(home).config
    except CspkitError as error:
        return _unavailable(request, error)
    query = request.GET.get("q", "").strip()[:100]
    folded = query.casefold()
    found = [(c, n) for c, n in wards if folded in n.casefold() or folded == c.casefold()] if query else wards
    title = _("Map of %(name)s's neighbourhoods") % {"name": config.name}
    links = tuple((c, n, reverse("public:neighbourhood", args=[c])) for c, n in wards)
    drawn = ward_map(str(config.area), links, geography(home).ward_shapes, title)
    context = {
        "partnership": config.name,
        "query": query,
        "found": found,
        "searched": bool(query),
        "map": drawn,
        "map_title": title,
    }
    return render(request, "public/neighbourhoods.html", context)


def _cell(cell: dict[str, Any]) -> dict[str, Any]:
    return cell | {
        "count_text": "—" if cell["count"] is None else format_number(cell["count"], "count"),
        "earlier_text": "—" if cell["earlier"] is None else format_number(cell["earlier"], "count"),
        "words": words.change_words(cell),
        "short": words.short_change(cell),
        "more_than_chance": cell["direction"] in ("up", "down"),
    }


def _shown(built: dict[str, Any], home: Path) -> dict[str, Any]:
    """The figures as the page words and draws them; only run when not already rendered for
    this store version and language."""
    spans = [(name, words.span_title(name, label)) for name, label in built["periods"].items()]
    titles = dict(spans)
    categories = [
        c | {"cells": [_cell(c[name]) | {"title": titles[name]} for name in SPANS], "rolling": _cell(c["rolling"])}
        for c in built["categories"]
    ]
    headlines = [c for c in categories if c["headline"]]
    months = built["trend"]["months"]
    crime, asb = built["trend"]["crime-excl-asb"], built["trend"]["anti-social-behaviour"]
    top = max([v for v in (*crime, *asb) if v is not None] or [1]) or 1
    trend = [
        {
            "month": words.span_title("month", m),
            "crime": c,
            "asb": a,
            "crime_width": round(100 * (c or 0) / top, 1),
            "asb_width": round(100 * (a or 0) / top, 1),
        }
        for m, c, a in zip(months, crime, asb, strict=True)
    ]
    similar = built["similar"]
    comparisons = [
        {"text": words.similar_words(built["name"], h), **h, "bars": _bars(h["members"])}
        for _id, h in sorted(similar.get("headlines", {}).items(), key=lambda pair: HEADLINES.index(pair[0]))
    ]
    ours = set(dict(figures.wards(home)))
    similar_wards = [w | {"ours": w["ward"] in ours} for w in similar.get("wards", [])]
    rolling = built["periods"]["rolling"]
    map_rows = built["lsoa_map"]["crime-excl-asb"]
    map_title = _("Crime (excluding anti-social behaviour) by neighbourhood area (LSOA), %(period)s") % {
        "period": words.span_title("rolling", rolling)
    }
    return {
        "residents": format_number(built["residents"] or 0, "count"),
        "spans": spans,
        "headlines": headlines,
        "categories": [c for c in categories if not c["headline"]],
        "trend": trend,
        "comparisons": comparisons,
        "similar_wards": similar_wards,
        "similar_reason": similar.get("reason", ""),
        "similar_label": similar["label"],
        "similar_method": similar["method"],
        "map": graphics.choropleth(
            home, built["materialised_key"], "crime-excl-asb", "lsoa", map_rows, map_title, _("records")
        ),
        "map_title": map_title,
        "map_rows": sorted(map_rows, key=lambda r: -(r["value"] or 0)),
    }


def _bars(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    top = max(m["rate"] for m in members) or 1
    return [
        m | {"width": round(100 * m["rate"] / top, 1), "rate_text": format_number(m["rate"], "rate")} for m in members
    ]


@kept_for_visitors
def neighbourhood_page(request: HttpRequest, ward: str) -> HttpResponse:
    home = _home()
    try:
        names = dict(figures.wards(home))
    except CspkitError as error:
        return _unavailable(request, error)
    if ward not in names:
        raise Http404("not one of the partnership's neighbourhoods")
    try:
        built = figures.neighbourhood(home, ward)
        config = request_for(home).config
    except CspkitError as error:
        return _unavailable(request, error)
    since = timezone.localdate() - timedelta(days=RECENT_DAYS)
    priorities = list(NeighbourhoodPriority.objects.filter(ward=ward, closed=False)) + list(
        NeighbourhoodPriority.objects.filter(ward=ward, closed=True, action_date__gte=since)[:10]
    )
    meetings = PublicMeeting.objects.filter(ward=ward, starts_at__gte=timezone.now())[:3]
    last = PublicMeeting.objects.filter(ward=ward, starts_at__lt=timezone.now()).order_by("-starts_at").first()
    context = {
        "built": built,
        "shown": lambda: _shown(built, home),
        "language": get_language(),
        "priorities": priorities,
        "meetings": meetings,
        "last_meeting": last,
        "contacts": config.public.contacts_for(built["authority"]),
        "partnership": config.name,
        "may_manage": may_manage(request),
    }
    return render(request, "public/neighbourhood.html", context)
