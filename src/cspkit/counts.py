"""Counts of store records by any fields a dataset offers (`cspkit counts`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspkit.coverage import missing_in_period
from cspkit.errors import UsageError
from cspkit.periods import Period
from cspkit.store.query import connect_workspace
from cspkit.store.schema import is_partner_dataset

_AREA_FIELDS = {
    "force": "force",
    "lsoa": "lsoa21",
    "ward": "ward",
    "authority": "authority",
    "csp": "csp",
    "force_area": "force_area",
    "assign_method": "assign_method",
    "outside_force_area": "CASE WHEN outside_force_area THEN 'true' ELSE 'false' END",
}
_MONTH = {"month": "strftime(month, '%Y-%m')"}

# Field name -> SQL expression giving its text, per dataset. Documented in docs/cli.md.
FIELDS: dict[str, dict[str, str]] = {
    "street": {
        **_MONTH,
        "category": "category",
        "category_slug": "category_slug",
        **_AREA_FIELDS,
        "outcome": "outcome_raw",
    },
    "outcomes": {**_MONTH, **_AREA_FIELDS, "outcome": "outcome_raw"},
    "stop-and-search": {
        **_MONTH,
        **_AREA_FIELDS,
        "type": "search_type",
        "gender": "gender",
        "age_range": "age_range",
        "self_defined_ethnicity": "self_defined_ethnicity",
        "officer_defined_ethnicity": "officer_defined_ethnicity",
        "legislation": "legislation",
        "object_of_search": "object_of_search",
        "outcome": "outcome_raw",
    },
}
FIELDS["recorded-crime"] = {
    "month": "strftime(month, '%Y-%m')",
    "financial_year": "financial_year",
    "quarter": "financial_year || '-Q' || financial_quarter",
    "force": "force",
    "offence_code": "offence_code",
    "offence_group": "offence_group",
    "offence_subgroup": "offence_subgroup",
    "policeuk_category": "policeuk_category",
}
# What `count` means: rows, except where each row already carries a count.
MEASURES = {"recorded-crime": "coalesce(sum(count), 0)"}
# Every partner dataset (named by its mapping) offers these.
PARTNER_FIELDS: dict[str, str] = {
    **_MONTH,
    "agency": "agency",
    "category": "category",
    "category_raw": "category_raw",
    **{name: sql for name, sql in _AREA_FIELDS.items() if name != "force"},
}


@dataclass
class CountResult:
    """Rows of field values and `count`, and the force-months the period lacks."""

    fields: list[str]
    rows: list[dict[str, Any]]
    missing: list[tuple[str, str]] = field(default_factory=list)  # (force or agency, month)

    @property
    def coverage(self) -> str:
        return "partial" if self.missing else "complete"


def fields_of(dataset: str) -> dict[str, str]:
    return FIELDS.get(dataset) or PARTNER_FIELDS


def _field(dataset: str, name: str) -> str:
    try:
        return fields_of(dataset)[name]
    except KeyError:
        known = ", ".join(fields_of(dataset))
        raise UsageError(f"{name!r} is not a field of {dataset}: choose from {known}") from None


def parse_where(dataset: str, clauses: list[str]) -> dict[str, list[str]]:
    """`FIELD=VALUE` clauses grouped by field (a repeated field means any of its values)."""
    where: dict[str, list[str]] = defaultdict(list)
    for clause in clauses:
        name, sep, value = clause.partition("=")
        if not sep:
            raise UsageError(f"--where {clause!r}: write FIELD=VALUE, e.g. category=Burglary")
        _field(dataset, name.strip())
        where[name.strip()].append(value.strip())
    return dict(where)


def count_records(
    root: Path,
    dataset: str,
    by: list[str],
    where: dict[str, list[str]] | None = None,
    period: Period | None = None,
) -> CountResult:
    snapshot, connection = connect_workspace(root)
    partner_datasets = sorted({p.dataset for p in snapshot.catalogue.partitions if is_partner_dataset(p.dataset)})
    if dataset not in FIELDS and dataset not in partner_datasets:
        raise UsageError(f"unknown dataset {dataset!r}: choose {', '.join([*FIELDS, *partner_datasets])}")
    expressions = [_field(dataset, name) for name in by]
    conditions: list[str] = []
    parameters: list[Any] = []
    for name, values in (where or {}).items():
        expression = _field(dataset, name)
        present = [v for v in values if v != ""]
        parts = []
        if present:
            parts.append(f"{expression} IN ({', '.join('?' for _ in present)})")
            parameters.extend(present)
        if len(present) < len(values):
            parts.append(f"{expression} IS NULL")  # `FIELD=` asks for rows without a value
        conditions.append("(" + " OR ".join(parts) + ")")
    if period is not None:
        conditions.append("month BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)")
        parameters.extend([period.start.isoformat(), period.end.isoformat()])
    view = dataset.replace("-", "_")
    if dataset in partner_datasets:
        view = "partner"
        conditions.append("dataset = ?")
        parameters.append(dataset)
    select = ", ".join(f'{expr} AS "{name}"' for expr, name in zip(expressions, by, strict=True))
    measure = MEASURES.get(dataset, "count(*)")
    sql = f"SELECT {select + ', ' if select else ''}{measure} AS count FROM {view}"  # noqa: S608
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    if by:
        sql += " GROUP BY ALL ORDER BY ALL"
    cursor = connection.execute(sql, parameters)
    names = [column[0] for column in cursor.description]
    rows = [dict(zip(names, record, strict=True)) for record in cursor.fetchall()]
    missing: list[tuple[str, str]] = []
    if period is not None:
        have: dict[str, set[str]] = defaultdict(set)
        for part in snapshot.catalogue.partitions:
            if part.dataset == dataset:
                have[part.holder].add(part.month)
        forces = (where or {}).get("agency" if dataset in partner_datasets else "force") or sorted(have)
        for force in forces:
            missing.extend(
                (force, month) for month in missing_in_period(snapshot.catalogue, dataset, force, period.months)
            )
    return CountResult(by + ["count"], rows, missing)
