"""Evidence for one candidate issue from the indicator engine: volume, rate with its
interval, change on the comparison period, the monthly trend with SPC signals,
seasonality, and the breakdown by the partnership's sub-areas."""

from __future__ import annotations

from typing import Any

from cspkit.analysis.change import compare_counts
from cspkit.analysis.seasonality import MONTHS_IN_YEAR, seasonality
from cspkit.analysis.spc import xmr
from cspkit.assessment.context import Context, trend_periods
from cspkit.assessment.figures import figure, versioned
from cspkit.assessment.provenance import indicator_batches
from cspkit.indicators.areas import TargetArea
from cspkit.indicators.definitions import Indicator
from cspkit.periods import Period

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _sources(ctx: Context, indicator: Indicator, area: TargetArea, periods: list[Period]) -> list[str]:
    return indicator_batches(ctx.engine.catalogue, indicator, area, periods)


def coverage(ctx: Context, indicator: Indicator) -> dict[str, Any]:
    """Whether the store holds every month the figures depend on (said before any figure)."""
    now = ctx.row(indicator, ctx.area, ctx.period)
    before = ctx.row(indicator, ctx.area, ctx.comparison)
    return {
        "period": {"coverage": now["coverage"], "missing_months": now["missing_months"], "note": now["note"]},
        "comparison_period": {
            "coverage": before["coverage"],
            "missing_months": before["missing_months"],
            "note": before["note"],
        },
        "proxy": indicator.proxy,
        "verified": indicator.verified,
    }


def volume_and_rate(ctx: Context, indicator: Indicator) -> dict[str, Any]:
    row = ctx.row(indicator, ctx.area, ctx.period)
    sources = _sources(ctx, indicator, ctx.area, [ctx.period])
    period = ctx.period.label
    if row["value"] is None:
        reason = row["note"] or "no value"
        return {
            "volume": figure(None, "count", sources, indicator=versioned(indicator), period=period, reason=reason),
            "rate": figure(None, "per_1000", sources, indicator=versioned(indicator), period=period, reason=reason),
        }
    volume = figure(row["numerator"], "count", sources, indicator=versioned(indicator), period=period)
    if indicator.unit == "per_1000_population":
        rate = figure(
            row["value"],
            "per_1000",
            sources,
            indicator=versioned(indicator),
            period=period,
            lower_95=row["lower_95"],
            upper_95=row["upper_95"],
            denominator=row["denominator"],
            denominator_source=row["denominator_source"],
        )
    else:
        rate = figure(
            None,
            "per_1000",
            sources,
            indicator=versioned(indicator),
            period=period,
            reason=f"{indicator.ref} is measured as {indicator.unit}, not per 1,000 residents",
        )
    return {"volume": volume, "rate": rate}


def change(ctx: Context, indicator: Indicator, area: TargetArea | None = None) -> dict[str, Any]:
    """The period against the same span a year earlier: E-test on the counts (equal spans)."""
    area = area or ctx.area
    now, before = ctx.row(indicator, area, ctx.period), ctx.row(indicator, area, ctx.comparison)
    sources = _sources(ctx, indicator, area, [ctx.period, ctx.comparison])
    ref, label = versioned(indicator), ctx.comparison.label
    if now["value"] is None or before["value"] is None:
        reason = now["note"] or before["note"] or "no value"
        return {
            "available": False,
            "reason": reason,
            "previous": figure(None, "count", sources, indicator=ref, period=label, reason=reason),
        }
    result = compare_counts(now["numerator"], before["numerator"], alpha=ctx.rules.alpha)
    return {
        "available": True,
        "comparison_period": label,
        "previous": figure(before["numerator"], "count", sources, indicator=ref, period=label),
        "change": figure(result.difference, "count", sources, indicator=ref),
        "change_percent": figure(result.percent, "percent", sources, indicator=ref),
        "rate_ratio": figure(
            result.rate_ratio, "ratio", sources, indicator=ref, lower_95=result.ratio_lower, upper_95=result.ratio_upper
        ),
        "p_value": figure(result.p_etest, "p_value", sources, indicator=ref, test="E-test (two-sided)"),
        "significant": result.p_etest < ctx.rules.alpha,
        "direction": result.direction,
    }


def monthly_counts(ctx: Context, indicator: Indicator) -> tuple[list[str], list[int], list[str]]:
    """Labels and counts of the trend months the store holds in full; and those it lacks."""
    labels, counts, lacking = [], [], []
    for month in trend_periods(ctx.period):
        row = ctx.row(indicator, ctx.area, month)
        if row["value"] is None:
            lacking.append(month.label)
            continue
        labels.append(month.label)
        counts.append(int(row["numerator"]))
    return labels, counts, lacking


def _recent_run(ctx: Context, indicator: Indicator) -> tuple[list[str], list[int], list[str]]:
    """The run of consecutive held months ending with the period (a gap ends it), their
    counts, and every trend month the store lacks."""
    from cspkit.periods import add_months, parse_month

    labels, counts, lacking = monthly_counts(ctx, indicator)
    start = len(labels)
    while start > 0:
        if start < len(labels) and add_months(parse_month(labels[start - 1]), 1) != parse_month(labels[start]):
            break
        start -= 1
    return labels[start:], counts[start:], lacking


def trend(ctx: Context, indicator: Indicator) -> dict[str, Any]:
    """Monthly counts with an XmR chart (NHS "Making Data Count" rules)."""
    labels, counts, lacking = _recent_run(ctx, indicator)
    months = trend_periods(ctx.period)
    held = [m for m in months if m.label in labels]
    sources = _sources(ctx, indicator, ctx.area, held)
    if len(counts) < 12:
        return {
            "available": False,
            "reason": "fewer than a year of consecutive months is held, too few for an SPC chart",
            "lacking_months": lacking,
        }
    improvement = "increase" if indicator.polarity == "higher-is-better" else "decrease"
    chart = xmr([float(c) for c in counts], improvement=improvement)
    points = [
        {
            "month": label,
            "count": count,
            "mean": p.mean,
            "upper": p.upper,
            "lower": p.lower,
            "rule": p.rule,
            "side": p.side,
            "point_type": p.point_type,
        }
        for label, count, p in zip(labels, counts, chart.points, strict=True)
    ]
    signals = [p for p in points if p["rule"]]
    latest = points[-1]
    return {
        "available": True,
        "chart": "XmR (individuals and moving range), NHS Making Data Count rules",
        "months": len(points),
        "first_month": labels[0],
        "last_month": labels[-1],
        "lacking_months": lacking,
        "mean": figure(chart.mean, "count", sources, indicator=versioned(indicator), per="month"),
        "upper_limit": figure(chart.points[-1].upper, "count", sources, indicator=versioned(indicator), per="month"),
        "lower_limit": figure(chart.points[-1].lower, "count", sources, indicator=versioned(indicator), per="month"),
        "signals": figure(
            len(signals), "count", sources, indicator=versioned(indicator), of="months with a special cause"
        ),
        "latest_point_type": latest["point_type"],
        "points": points,
    }


def seasonal(ctx: Context, indicator: Indicator) -> dict[str, Any]:
    """Month factors over the whole years of held months ending with the period."""
    labels, counts, _lacking = _recent_run(ctx, indicator)
    years = len(counts) // MONTHS_IN_YEAR
    if years < 2:
        return {"available": False, "reason": "seasonality needs two whole years of held months before the period end"}
    counts, labels = counts[-years * MONTHS_IN_YEAR :], labels[-years * MONTHS_IN_YEAR :]
    if sum(counts) == 0:
        return {"available": False, "reason": "no events in the months held"}
    first_year, first_month = int(labels[0][:4]), int(labels[0][5:])
    result = seasonality(counts, first_month, first_year)
    held = [m for m in trend_periods(ctx.period) if m.label in labels]
    sources = _sources(ctx, indicator, ctx.area, held)
    ref = versioned(indicator)
    return {
        "available": True,
        "method": "Poisson log-linear model, year and calendar-month factors, offset for days in month; "
        "likelihood-ratio test of the month factors",
        "from_month": labels[0],
        "to_month": labels[-1],
        "years": figure(result.years, "count", sources, indicator=ref),
        "g2": figure(result.g2, "statistic", sources, indicator=ref, df=result.df),
        "p_value": figure(result.p_value, "p_value", sources, indicator=ref),
        "seasonal": result.p_value < ctx.rules.alpha,
        "peak_month": MONTH_NAMES[result.peak_month - 1],
        "low_month": MONTH_NAMES[result.low_month - 1],
        "peak_index": result.peak_month - 1,
        "low_index": result.low_month - 1,
        "indices": [
            figure(value, "index", sources, indicator=ref, month=MONTH_NAMES[i])
            for i, value in enumerate(result.indices)
        ],
    }


def by_subarea(ctx: Context, indicator: Indicator) -> list[dict[str, Any]]:
    """Count and change in each top-level sub-area (the seed's "high and increasing in both
    Mid and South")."""
    out = []
    for area in ctx.subareas:
        now = ctx.row(indicator, area, ctx.period)
        sources = _sources(ctx, indicator, area, [ctx.period])
        entry: dict[str, Any] = {
            "subarea": area.area,
            "title": area.area_name,
            "volume": figure(
                now["numerator"] if now["value"] is not None else None,
                "count",
                sources,
                indicator=versioned(indicator),
                period=ctx.period.label,
                reason=now["note"] or None,
            ),
        }
        if indicator.unit == "per_1000_population" and now["value"] is not None:
            entry["rate"] = figure(
                now["value"],
                "per_1000",
                sources,
                indicator=versioned(indicator),
                period=ctx.period.label,
                lower_95=now["lower_95"],
                upper_95=now["upper_95"],
                denominator=now["denominator"],
                denominator_source=now["denominator_source"],
            )
        entry["change"] = change(ctx, indicator, area)
        out.append(entry)
    return out
