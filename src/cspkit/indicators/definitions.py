"""Indicator definitions: one validated schema, written in YAML (docs/indicators.md).

An indicator says what it counts (a dataset and filters), over what (population,
households, another count, or nothing), how it is read (polarity), where the definition
comes from, and whether it is verified or a proxy. Versions carry the months they are in
force, so a definition can change without rewriting history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cspkit.periods import parse_month
from cspkit.yamlfile import Key, YamlDocument, check_keys, slug, text, text_list

UNITS = ("count", "per_1000_population", "per_1000_households", "percent")
POLARITIES = ("lower-is-better", "higher-is-better", "neutral")
# The filter fields each dataset offers (the store's column names).
FILTER_FIELDS: dict[str, tuple[str, ...]] = {
    "street": ("category_slug", "category"),
    "outcomes": ("outcome_raw",),
    "stop-and-search": ("object_of_search", "outcome_raw", "legislation", "search_type"),
    "recorded-crime": ("offence_code", "offence_group", "offence_subgroup", "policeuk_category"),
    "partner": ("category", "agency"),
}
_TOP = {"set", "title", "description", "indicators"}
_INDICATOR = {
    "id",
    "title",
    "description",
    "version",
    "in_force",
    "numerator",
    "denominator",
    "unit",
    "polarity",
    "source",
    "verified",
    "proxy",
    "ons_group",
}
_COUNT = {"dataset", "where", "where_not", "requires"}


@dataclass(frozen=True)
class Count:
    """Records of one dataset passing the filters; or, with `requires`, data cspkit lacks."""

    dataset: str = ""  # street, outcomes, stop-and-search, recorded-crime, partner:<name>
    where: dict[str, tuple[str, ...]] = field(default_factory=dict)
    where_not: dict[str, tuple[str, ...]] = field(default_factory=dict)
    requires: str = ""

    @property
    def store_dataset(self) -> str:
        """The dataset as the store names it (a partner dataset without its prefix)."""
        return self.dataset.removeprefix("partner:")

    @property
    def kind(self) -> str:
        return "partner" if self.dataset.startswith("partner:") else self.dataset

    def fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*self.where, *self.where_not]))


@dataclass(frozen=True)
class Indicator:
    set: str
    id: str
    title: str
    description: str
    version: int
    in_force_from: date
    in_force_to: date | None
    numerator: Count
    denominator: Count | None  # for `percent`
    unit: str
    polarity: str
    source_document: str
    source_paragraph: str
    verified: bool
    proxy: bool
    ons_group: str = ""  # the ONS CSP-table offence group (slug) peers are compared on

    @property
    def ref(self) -> str:
        return f"{self.set}/{self.id}"

    def in_force(self, start: date, end: date) -> bool:
        return self.in_force_from <= start and (self.in_force_to is None or end <= self.in_force_to)


def _count(doc: YamlDocument, body: Any, key: Key) -> Count:
    if not isinstance(body, dict):
        raise doc.error(key, "must say dataset and where (or requires, for data cspkit does not hold)")
    check_keys(doc, body, _COUNT, key)
    if body.get("requires") is not None:
        if len(body) != 1:
            raise doc.error(key, "`requires` stands alone: the indicator has no data source in cspkit")
        return Count(requires=str(text(doc, body["requires"], (*key, "requires"))))
    dataset = str(text(doc, body.get("dataset"), (*key, "dataset")))
    kind = "partner" if dataset.startswith("partner:") else dataset
    if kind not in FILTER_FIELDS:
        raise doc.error((*key, "dataset"), f"must be one of {', '.join(FILTER_FIELDS)} (partner as partner:NAME)")
    if kind == "partner":
        slug(doc, dataset.removeprefix("partner:"), (*key, "dataset"))
    filters: dict[str, dict[str, tuple[str, ...]]] = {}
    for part in ("where", "where_not"):
        raw = body.get(part) or {}
        if not isinstance(raw, dict):
            raise doc.error((*key, part), "must map fields to lists of values")
        check_keys(doc, raw, set(FILTER_FIELDS[kind]), (*key, part))
        filters[part] = {}
        for name, values in raw.items():
            listed = values if isinstance(values, list) else [values]
            filters[part][name] = text_list(doc, [str(v) for v in listed], (*key, part, name), "values")
    return Count(dataset, filters["where"], filters["where_not"])


def _month(doc: YamlDocument, value: Any, key: Key) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", str(value)):
        raise doc.error(key, "must be a month, YYYY-MM")
    return parse_month(str(value))


def _choice(doc: YamlDocument, value: Any, key: Key, choices: tuple[str, ...]) -> str:
    found = str(text(doc, value, key))
    if found not in choices:
        raise doc.error(key, f"must be one of {', '.join(choices)}")
    return found


def _flag(doc: YamlDocument, value: Any, key: Key) -> bool:
    if not isinstance(value, bool):
        raise doc.error(key, "must be true or false")
    return value


def parse_indicator(doc: YamlDocument, set_name: str, body: Any, key: Key) -> Indicator:
    if not isinstance(body, dict):
        raise doc.error(key, "an indicator is a set of keys: id, title, numerator, unit, ...")
    check_keys(doc, body, _INDICATOR, key)
    in_force = body.get("in_force")
    if not isinstance(in_force, dict) or "from" not in in_force:
        raise doc.error((*key, "in_force"), "is required: {from: YYYY-MM} and, for a retired version, to")
    check_keys(doc, in_force, {"from", "to"}, (*key, "in_force"))
    version = body.get("version")
    if not isinstance(version, int) or version < 1:
        raise doc.error((*key, "version"), "must be a whole number from 1")
    unit = _choice(doc, body.get("unit"), (*key, "unit"), UNITS)
    numerator = _count(doc, body.get("numerator"), (*key, "numerator"))
    denominator = None
    if unit == "percent" and not numerator.requires:
        if body.get("denominator") is None:
            raise doc.error((*key, "denominator"), "is required: a percent is a count over another count")
        denominator = _count(doc, body.get("denominator"), (*key, "denominator"))
    elif body.get("denominator") is not None:
        raise doc.error((*key, "denominator"), f"only a percent has a denominator; {unit} takes its own")
    source = body.get("source")
    if not isinstance(source, dict):
        raise doc.error((*key, "source"), "is required: {document: ..., paragraph: ...}")
    check_keys(doc, source, {"document", "paragraph"}, (*key, "source"))
    start = _month(doc, in_force["from"], (*key, "in_force", "from"))
    end = _month(doc, in_force["to"], (*key, "in_force", "to")) if in_force.get("to") is not None else None
    if end is not None and end < start:
        raise doc.error((*key, "in_force", "to"), "ends before it starts")
    return Indicator(
        set=set_name,
        id=slug(doc, body.get("id"), (*key, "id")),
        title=str(text(doc, body.get("title"), (*key, "title"))),
        description=str(text(doc, body.get("description"), (*key, "description"))),
        version=version,
        in_force_from=start,
        in_force_to=end,
        numerator=numerator,
        denominator=denominator,
        unit=unit,
        polarity=_choice(doc, body.get("polarity"), (*key, "polarity"), POLARITIES),
        source_document=str(text(doc, source.get("document"), (*key, "source", "document"))),
        source_paragraph=str(text(doc, source.get("paragraph"), (*key, "source", "paragraph"))),
        verified=_flag(doc, body.get("verified"), (*key, "verified")),
        proxy=_flag(doc, body.get("proxy"), (*key, "proxy")),
        ons_group=_ons_group(doc, body.get("ons_group"), (*key, "ons_group")),
    )


def _ons_group(doc: YamlDocument, value: Any, key: Key) -> str:
    if value is None:
        return ""
    from cspkit.recorded_crime import offence_slugs

    found = str(text(doc, value, key))
    if found not in offence_slugs():
        raise doc.error(key, f"must be an ONS offence group slug: {', '.join(offence_slugs())}")
    return found


@dataclass(frozen=True)
class IndicatorSet:
    name: str
    title: str
    description: str
    path: str
    indicators: tuple[Indicator, ...]


def parse_set(doc: YamlDocument) -> IndicatorSet:
    body = doc.data
    if not isinstance(body, dict):
        raise doc.error((), "an indicator set is a set of keys: set, title, indicators")
    check_keys(doc, body, _TOP, ())
    name = slug(doc, body.get("set"), ("set",))
    raw = body.get("indicators")
    if not isinstance(raw, list) or not raw:
        raise doc.error(("indicators",), "must list at least one indicator")
    indicators = tuple(parse_indicator(doc, name, item, ("indicators", i)) for i, item in enumerate(raw))
    seen: dict[tuple[str, int], int] = {}
    for i, indicator in enumerate(indicators):
        key = (indicator.id, indicator.version)
        if key in seen:
            raise doc.error(
                ("indicators", i, "version"), f"{indicator.id} version {indicator.version} is defined twice"
            )
        seen[key] = i
    for indicator_id in {i.id for i in indicators}:
        versions = sorted((i for i in indicators if i.id == indicator_id), key=lambda i: i.in_force_from)
        for earlier, later in zip(versions, versions[1:], strict=False):
            if earlier.in_force_to is None or earlier.in_force_to >= later.in_force_from:
                raise doc.error(
                    ("indicators",), f"{indicator_id}: versions {earlier.version} and {later.version} overlap in time"
                )
    return IndicatorSet(
        name=name,
        title=str(text(doc, body.get("title"), ("title",))),
        description=str(text(doc, body.get("description"), ("description",), required=False) or ""),
        path=doc.path,
        indicators=indicators,
    )
