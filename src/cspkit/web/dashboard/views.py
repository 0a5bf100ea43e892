"""The partnership dashboard: indicator tiles for a place and period, and an indicator's page
with its SPC chart, ward and LSOA maps, the plan's target and the similar-group comparison."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cspkit.analysis.rounding import round_half_up
from cspkit.assessment.dashboard import latest_month, period_choices, places
from cspkit.errors import CspkitError
from cspkit.web.accounts.models import User
from cspkit.web.accounts.roles import RESTRICTED_READERS
from cspkit.web.dashboard import graphics
from cspkit.web.dashboard.materialised import dashboard, request_for


def format_number(value: float, unit: str, places: int | None = None) -> str:
    """Half up, as people round: counts whole, rates to two places, percentages to one."""
    if places is None:
        places = 0 if unit == "count" else 1 if unit == "percent" else 2
    return f"{round_half_up(value, places):,.{places}f}" + ("%" if unit == "percent" else "")


def _home() -> Path:
    return Path(settings.HOME)


class FilterForm(forms.Form):
    area = forms.ChoiceField(label=gettext_lazy("Place"), required=False)
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)

    def __init__(self, data: Any, place_choices: list[tuple[str, str]], periods: list[str]) -> None:
        super().__init__(data)
        self.fields["area"].choices = place_choices  # type: ignore[attr-defined]
        self.fields["period"].choices = [(p, p) for p in periods]  # type: ignore[attr-defined]


def _filters(request: HttpRequest) -> tuple[FilterForm, str | None, str | None]:
    """The place and period asked for, checked against what the partnership offers."""
    inputs = request_for(_home())
    choices = [(p["area"], "\u2003" * p["depth"] + p["title"]) for p in places(inputs)]
    periods = period_choices(latest_month(inputs))
    form = FilterForm(request.GET or None, choices, periods)
    if form.is_bound and form.is_valid():
        area = form.cleaned_data["area"] or None
        period = form.cleaned_data["period"] or None
        # The defaults are one materialised dashboard, however they are spelt.
        return form, None if area == choices[0][0] else area, None if period == periods[0] else period
    return form, None, None


def _may_read_partner_data(user: User) -> bool:
    return user.role in RESTRICTED_READERS


def _change_words(tile: dict[str, Any]) -> str:
    if tile["change_percent"] is None:
        return _("no comparison: %(period)s is not held") % {"period": tile["comparison_period"]}
    direction = _("higher") if tile["change"] > 0 else _("lower") if tile["change"] < 0 else _("the same")
    significance = _("more than chance") if tile["significant"] else _("within chance")
    return _("%(percent)s%% %(direction)s than %(period)s (%(significance)s)") % {
        "percent": format_number(abs(tile["change_percent"]), "percent", 1).rstrip("%"),
        "direction": direction,
        "period": tile["comparison_period"],
        "significance": significance,
    }


def _shown(tile: dict[str, Any], user: User) -> dict[str, Any]:
    """A tile as the page shows it; partner-derived figures only to roles that read restricted data."""
    hidden = tile["partner_data"] and not _may_read_partner_data(user)
    set_name, _slash, name = tile["indicator"].partition("/")
    value = tile["value"]
    return tile | {
        "hidden": hidden,
        "set_name": set_name,
        "name": name,
        "value_text": "" if value is None or hidden else format_number(value, tile["unit"]),
        "count_text": "" if tile["numerator"] is None or hidden else format_number(tile["numerator"], "count"),
        "unit_text": _unit_words(tile["unit"]),
        "change_text": "" if hidden else _change_words(tile),
        "worse": tile["change"] is not None
        and tile["significant"]
        and ((tile["change"] > 0) == (tile["polarity"] == "lower-is-better")),
        "better": tile["change"] is not None
        and tile["significant"]
        and ((tile["change"] < 0) == (tile["polarity"] == "lower-is-better")),
        "sparkline": "" if hidden else graphics.sparkline(tile["monthly"], _("Monthly records, 36 months")),
    }


def _unit_words(unit: str) -> str:
    if unit == "per_1000_households":
        return _("per 1,000 households")
    return _("per 1,000 residents") if unit.startswith("per_1000") else ""


def _query(area: str | None, period: str | None) -> str:
    from urllib.parse import urlencode

    pairs = {k: v for k, v in (("area", area), ("period", period)) if v}
    return "?" + urlencode(pairs) if pairs else ""


def dashboard_page(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    try:
        form, area, period = _filters(request)
        built = dashboard(_home(), area, period)
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})

    def sections() -> dict[str, list[dict[str, Any]]]:
        """Only called when the page's tiles are not already rendered for this data version."""
        tiles = [_shown(t, user) for t in built["tiles"]]
        return {"targeted": [t for t in tiles if t["target"]], "others": [t for t in tiles if not t["target"]]}

    context = {
        "form": form,
        "built": built,
        "sections": sections,
        "query": _query(area, period),
        "partner_visible": _may_read_partner_data(user),
        "language": get_language(),
    }
    return render(request, "dashboard/dashboard.html", context, status=400 if form.is_bound and form.errors else 200)


def _similar(tile: dict[str, Any], built: dict[str, Any], home: Path) -> dict[str, Any]:
    """The similar-group comparison (ONS CSP tables, latest year ending December held)."""
    from cspkit.comparison.peer_comparison import compare_with_peers
    from cspkit.periods import Period
    from cspkit.recorded_crime import YEARS

    if not built["area"].startswith("csp:"):
        return {"reason": _("Similar groups are formed of whole partnerships; choose the partnership's area.")}
    inputs = request_for(home)
    indicator = inputs.sets.resolve(tile["indicator"], latest_month(inputs))
    if not indicator.ons_group:
        return {"reason": _("This indicator has no ONS offence group to compare partnerships on.")}
    year = max(YEARS)
    from datetime import date

    end = int(year[:4])
    window = Period(f"12m-to-{year}", "rolling-12-months", date(end, 1, 1), date(end, 12, 1))
    config = inputs.config
    peers = [p.code for p in config.peers] if config.peers and str(config.area) == built["area"] else None
    try:
        result = compare_with_peers(
            built["area"].split(":", 1)[1], indicator, window, peers, "configuration" if peers else "auto"
        )
    except CspkitError as error:
        return {"reason": str(error)}
    return {"comparison": result.as_dict()}


def indicator_page(request: HttpRequest, set_name: str, name: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    home = _home()
    try:
        form, area, period = _filters(request)
        built = dashboard(home, area, period)
    except CspkitError as error:
        return render(request, "dashboard/unavailable.html", {"reason": str(error)})
    reference = f"{set_name}/{name}"
    found = [t for t in built["tiles"] if t["indicator"] == reference]
    if not found:
        raise Http404("no such indicator on the dashboard")
    tile = _shown(found[0], user)

    def detail() -> dict[str, Any]:
        """Maps, SPC chart and similar group: only when not already rendered for this version."""
        return _indicator_detail(home, built, found[0], tile)

    context: dict[str, Any] = {
        "form": form,
        "built": built,
        "tile": tile,
        "detail": detail,
        "query": _query(area, period),
        "language": get_language(),
    }
    return render(request, "dashboard/indicator.html", context)


def _indicator_detail(home: Path, built: dict[str, Any], raw: dict[str, Any], tile: dict[str, Any]) -> dict[str, Any]:
    reference = raw["indicator"]
    key = built["materialised_key"]
    unit_key = tile["unit"]
    unit = _unit_words(unit_key) or unit_key
    maps = []
    for level, label in (("ward", _("Wards")), ("lsoa", _("LSOAs"))):
        rows = built["maps"][level][reference]
        shown = [
            r | {"value_text": "" if r["value"] is None else format_number(r["value"], tile["unit"])} for r in rows
        ]
        title = _("%(title)s by %(level)s, %(period)s") % {
            "title": tile["title"],
            "level": label if level == "lsoa" else label.lower(),
            "period": built["period"],
        }
        maps.append(
            {
                "level": level,
                "label": label,
                "title": title,
                "svg": graphics.choropleth(home, key, reference, level, rows, title, unit),
                "rows": sorted(shown, key=lambda r: -(r["value"] or 0)),
            }
        )
    found: dict[str, Any] = {"maps": maps, "similar": _similar(raw, built, home)}
    if tile["spc"]:
        found["spc"] = graphics.spc_chart(
            home, key, raw, _("%(title)s: records per month with SPC limits") % {"title": tile["title"]}
        )
        found["signals"] = [p for p in tile["spc"] if p["rule"]]
    return found
