"""The declarative mapping that says how a partner's extract becomes store rows (docs/partner.md).

A partner (fire and rescue, the council's ASB team, an emergency department) shares a CSV
of depersonalised incidents; the mapping names which of its columns is the date (or month),
the category, the location (coordinates or LSOA) and the reference, which others to keep,
and which other date columns are expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspkit.geography.forces import force_by_slug
from cspkit.yamlfile import Key, YamlDocument, check_keys, read_yaml, slug, text, text_list

# Dataset names the store gives other sources: a partner dataset may not take one.
RESERVED = frozenset({"street", "outcomes", "stop-and-search", "recorded-crime", "partner", "survey"})
LOCATION_FORMS = {
    "easting": ("easting", "northing"),
    "longitude": ("longitude", "latitude"),
    "lsoa": ("lsoa",),
}
_TOP_KEYS = {
    "dataset",
    "agency",
    "agency_name",
    "description",
    "columns",
    "categories",
    "dates",
    "force",
    "expected_from",
    "covers",
}
_COLUMN_KEYS = {"date", "date_format", "month", "month_format", "category", "reference", "location", "keep"}


@dataclass(frozen=True)
class PartnerMapping:
    """A validated mapping: every column it names, and how to read each."""

    path: str
    dataset: str
    agency: str
    agency_name: str
    description: str
    date_column: str | None
    date_format: str
    month_column: str | None
    month_format: str
    category_column: str
    reference_column: str | None
    location: dict[str, str]  # form key ("easting", "lsoa", ...) -> column
    keep: tuple[str, ...]
    categories: dict[str, str] = field(default_factory=dict)  # raw value -> category
    dates: tuple[str, ...] = ()  # other date columns the partner declares
    force: str | None = None  # the force area the data should fall in, for out-of-area counts
    expected_from: str | None = None  # first month the partner is expected to supply
    covers: tuple[str, str] | None = None  # (first, last) months the file accounts for, empty months included

    @property
    def event_column(self) -> str:
        return self.date_column or self.month_column or ""

    @property
    def mapped_columns(self) -> tuple[str, ...]:
        named = [self.event_column, self.category_column, *self.location.values(), *self.keep]
        if self.reference_column:
            named.append(self.reference_column)
        return tuple(dict.fromkeys(named))


def _text(doc: YamlDocument, value: Any, key: Key, required: bool = True) -> str | None:
    return text(doc, value, key, required)


def _strings(doc: YamlDocument, value: Any, key: Key) -> tuple[str, ...]:
    return text_list(doc, value, key, "column names")


def _location(doc: YamlDocument, value: Any) -> dict[str, str]:
    key: Key = ("columns", "location")
    if not isinstance(value, dict):
        raise doc.error(key, "must say easting/northing, longitude/latitude or lsoa columns")
    for first, names in LOCATION_FORMS.items():
        if first in value:
            check_keys(doc, value, set(names), key)
            return {name: str(_text(doc, value.get(name), (*key, name))) for name in names}
    raise doc.error(key, "must say easting/northing, longitude/latitude or lsoa columns")


def _force(doc: YamlDocument, value: Any) -> str | None:
    if value is None:
        return None
    name = slug(doc, value, ("force",))
    try:
        return force_by_slug(name).slug
    except KeyError:
        raise doc.error(("force",), f"{name!r} is not a police.uk force slug (e.g. bedfordshire)") from None


def parse_mapping(doc: YamlDocument) -> PartnerMapping:
    body = doc.data
    if not isinstance(body, dict):
        raise doc.error((), "a mapping file is a set of keys: dataset, agency, columns, ...")
    check_keys(doc, body, _TOP_KEYS, ())
    dataset = slug(doc, body.get("dataset"), ("dataset",))
    if dataset in RESERVED:
        raise doc.error(("dataset",), f"{dataset!r} is a name the store keeps for another source")
    columns = body.get("columns")
    if not isinstance(columns, dict):
        raise doc.error(("columns",), "is required: the columns holding date, category and location")
    check_keys(doc, columns, _COLUMN_KEYS, ("columns",))
    if ("date" in columns) == ("month" in columns):
        raise doc.error(("columns",), "give exactly one of `date` (the event date) or `month`")
    categories = body.get("categories") or {}
    if not isinstance(categories, dict):
        raise doc.error(("categories",), "must map each value of the category column to a category")
    expected_from = body.get("expected_from")
    if expected_from is not None and not re.match(r"^\d{4}-\d{2}$", str(expected_from)):
        raise doc.error(("expected_from",), "must be a month, YYYY-MM")
    covers = _covers(doc, body.get("covers"))
    return PartnerMapping(
        path=doc.path,
        dataset=dataset,
        agency=slug(doc, body.get("agency"), ("agency",)),
        agency_name=_text(doc, body.get("agency_name"), ("agency_name",), False) or str(body.get("agency")),
        description=_text(doc, body.get("description"), ("description",), False) or "",
        date_column=_text(doc, columns.get("date"), ("columns", "date"), False),
        date_format=_text(doc, columns.get("date_format"), ("columns", "date_format"), False) or "%Y-%m-%d",
        month_column=_text(doc, columns.get("month"), ("columns", "month"), False),
        month_format=_text(doc, columns.get("month_format"), ("columns", "month_format"), False) or "%Y-%m",
        category_column=str(_text(doc, columns.get("category"), ("columns", "category"))),
        reference_column=_text(doc, columns.get("reference"), ("columns", "reference"), False),
        location=_location(doc, columns.get("location")),
        keep=_strings(doc, columns.get("keep"), ("columns", "keep")),
        categories={str(k): str(_text(doc, v, ("categories", str(k)))) for k, v in categories.items()},
        dates=_strings(doc, body.get("dates"), ("dates",)),
        force=_force(doc, body.get("force")),
        expected_from=str(expected_from) if expected_from is not None else None,
        covers=covers,
    )


def _covers(doc: YamlDocument, body: Any) -> tuple[str, str] | None:
    """`covers: {from: YYYY-MM, to: YYYY-MM}`: a month in it with no rows is a true zero, not a gap."""
    if body is None:
        return None
    if not isinstance(body, dict):
        raise doc.error(("covers",), "must be {from: YYYY-MM, to: YYYY-MM}")
    check_keys(doc, body, {"from", "to"}, ("covers",))
    months = []
    for end in ("from", "to"):
        value = body.get(end)
        if value is None or not re.match(r"^\d{4}-\d{2}$", str(value)):
            raise doc.error(("covers", end), "must be a month, YYYY-MM")
        months.append(str(value))
    if months[1] < months[0]:
        raise doc.error(("covers", "to"), "ends before it starts")
    return months[0], months[1]


def read_mapping(path: Path) -> PartnerMapping:
    return parse_mapping(read_yaml(path))
