"""Figures in plain words for residents: what changed, and against what."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from cspkit.web.dashboard.views import format_number


def span_title(name: str, label: str) -> str:
    """The public crime information code's three spans, named for a resident."""
    from cspkit.periods import parse_period

    period = parse_period(label)
    if name == "month":
        return _month(period.start)
    if name == "rolling":
        return _("12 months to %(month)s") % {"month": _month(period.end)}
    if period.start == period.end:
        return _("%(month)s (financial year to date)") % {"month": _month(period.end)}
    return _("%(start)s to %(end)s (financial year to date)") % {
        "start": _month(period.start),
        "end": _month(period.end),
    }


def _month(when: Any) -> str:
    from django.utils.formats import date_format

    return date_format(when, "F Y")


def change_words(cell: dict[str, Any]) -> str:
    """ "Up 12% on a year earlier", and whether that is more than chance."""
    if cell["direction"] == "":
        return _("no figure for a year earlier")
    if cell["change"] == 0:
        return _("the same as a year earlier")
    percent = cell["change_percent"]
    amount = (
        format_number(abs(percent), "percent", 0)
        if percent is not None
        else format_number(abs(cell["change"]), "count")
    )
    up = cell["change"] > 0
    if percent is None:
        text = _("%(amount)s more than a year earlier") if up else _("%(amount)s fewer than a year earlier")
    else:
        text = _("up %(amount)s on a year earlier") if up else _("down %(amount)s on a year earlier")
    text = text % {"amount": amount}
    if cell["direction"] == "same":
        return text + " " + _("(a change this size can happen by chance)")
    return text + " " + _("(more than chance)")


def short_change(cell: dict[str, Any]) -> str:
    """ "up 10%", "down 6%", "no change" or "—": a table cell; the words say the rest."""
    if cell["direction"] == "":
        return "—"
    if cell["change"] == 0:
        return _("no change")
    up = cell["change"] > 0
    if cell["change_percent"] is None:
        amount = format_number(abs(cell["change"]), "count")
        return (_("%(amount)s more") if up else _("%(amount)s fewer")) % {"amount": amount}
    amount = format_number(abs(cell["change_percent"]), "percent", 0)
    return (_("up %(amount)s") if up else _("down %(amount)s")) % {"amount": amount}


def similar_words(name: str, headline: dict[str, Any]) -> str:
    place = headline["at_95"]
    values = {
        "name": name,
        "title": headline["title"].lower(),
        "rate": format_number(headline["rate"], "rate"),
        "group": format_number(headline["group_rate"], "rate"),
    }
    if place == "above":
        text = _(
            "%(title)s in %(name)s is higher than in similar wards: %(rate)s per 1,000 residents against %(group)s."
        )
    elif place == "below":
        text = _(
            "%(title)s in %(name)s is lower than in similar wards: %(rate)s per 1,000 residents against %(group)s."
        )
    else:
        text = _(
            "%(title)s in %(name)s is about the same as in similar wards: %(rate)s per 1,000 residents against "
            "%(group)s (the difference is within what chance gives)."
        )
    sentence = text % values
    return sentence[:1].upper() + sentence[1:]


def rag_words(rag: str | None) -> str:
    if rag == "green":
        return _("On track")
    if rag == "amber":
        return _("Slightly off track")
    if rag == "red":
        return _("Off track")
    return _("Not yet measured")


def target_words(row: dict[str, Any], title: str, polarity: str, counts_public: bool) -> str:
    """One target's progress for a resident: counts only where they are public data."""
    if row.get("rag") is None or row.get("percent_off") is None:
        return _("There is not yet enough data this year to measure %(title)s in %(place)s.") % {
            "title": title.lower(),
            "place": row["title"],
        }
    off = abs(row["percent_off"])
    above = row["percent_off"] > 0
    values = {
        "title": title,
        "place": row["title"],
        "percent": format_number(off, "percent", 0),
        "actual": format_number(row["fytd_actual"], "count"),
        "target": format_number(row["fytd_target"], "count"),
    }
    if counts_public:
        text = (
            _(
                "%(title)s in %(place)s: %(actual)s so far this year, against a target of %(target)s "
                "(%(percent)s above)."
            )
            if above
            else _(
                "%(title)s in %(place)s: %(actual)s so far this year, against a target of %(target)s "
                "(%(percent)s below)."
            )
        )
    else:
        text = (
            _("%(title)s in %(place)s: %(percent)s above the target so far this year.")
            if above
            else _("%(title)s in %(place)s: %(percent)s below the target so far this year.")
        )
    return text % values
