"""Point records of one category from the store, in BNG metres, for an area and period."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from cspkit.errors import UsageError
from cspkit.indicators.areas import TargetArea
from cspkit.periods import Period
from cspkit.store.query import connect_workspace

POINT_DATASETS = ("street", "stop-and-search")


def as_float(column: Any) -> np.ndarray:
    """A DuckDB numpy column as floats, nulls as NaN (DuckDB gives a masked array with nulls,
    whose hidden values are not NaN)."""
    values: np.ndarray = np.ma.filled(np.ma.asarray(column, dtype=float), np.nan)
    return values


@dataclass(frozen=True)
class Points:
    xy: np.ndarray  # BNG metres
    without_coordinates: int
    first_month: str | None
    last_month: str | None


def store_points(
    root: Path,
    dataset: str,
    category: str | None,
    target: TargetArea | None,
    period: Period | None,
) -> Points:
    """The points; a category is matched by label or slug, case-insensitively."""
    if dataset not in POINT_DATASETS:
        raise UsageError(f"--dataset must be one of {', '.join(POINT_DATASETS)} (records with map points)")
    _snapshot, connection = connect_workspace(root)
    view = dataset.replace("-", "_")
    conditions: list[str] = []
    parameters: list[Any] = []
    if category:
        if dataset != "street":
            raise UsageError("--category applies to street records; stop-and-search has no category")
        known = [row[0] for row in connection.execute("SELECT DISTINCT category FROM street").fetchall()]
        slugs = [row[0] for row in connection.execute("SELECT DISTINCT category_slug FROM street").fetchall()]
        if category.lower() not in {str(v).lower() for v in known + slugs}:
            raise UsageError(f"no street records of category {category!r}: choose from {', '.join(sorted(known))}")
        conditions.append("(lower(category) = ? OR lower(category_slug) = ?)")
        parameters += [category.lower(), category.lower()]
    if target is not None:
        conditions.append(f"{target.column} IN ({', '.join('?' for _ in target.codes)})")
        parameters += list(target.codes)
    if period is not None:
        conditions.append("month BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)")
        parameters += [period.start.isoformat(), period.end.isoformat()]
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    sql = (
        "SELECT x_bng, y_bng, strftime(month, '%Y-%m') AS month FROM "  # noqa: S608 (names are ours)
        f"{view}{where}"
    )
    columns = connection.execute(sql, parameters).fetchnumpy()
    x, y = as_float(columns["x_bng"]), as_float(columns["y_bng"])
    have = ~(np.isnan(x) | np.isnan(y))
    months = [str(m) for m in columns["month"] if isinstance(m, str)]
    return Points(
        np.column_stack([x[have], y[have]]),
        int((~have).sum()),
        min(months) if months else None,
        max(months) if months else None,
    )
