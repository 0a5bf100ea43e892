"""The column contract of the record store, per dataset (docs/store.md, pinned by a test)."""

from __future__ import annotations

import pyarrow as pa

AREA_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("lsoa21", pa.string()),
    ("ward", pa.string()),
    ("authority", pa.string()),
    ("csp", pa.string()),
    ("force_area", pa.string()),
    ("lon", pa.float64()),
    ("lat", pa.float64()),
    ("x_bng", pa.float64()),
    ("y_bng", pa.float64()),
    ("assign_method", pa.string()),
    ("outside_force_area", pa.bool_()),
)
PROVENANCE_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("batch_id", pa.string()),
    ("source_row", pa.int64()),
)
_CRIME_COMMON: tuple[tuple[str, pa.DataType], ...] = (
    ("month", pa.date32()),
    ("force", pa.string()),
    ("crime_id", pa.string()),
    ("reported_by", pa.string()),
    ("falls_within", pa.string()),
    ("location", pa.string()),
    ("lsoa_code", pa.string()),
    ("lsoa_name", pa.string()),
)

SCHEMAS: dict[str, pa.Schema] = {
    "street": pa.schema(
        [
            *_CRIME_COMMON,
            ("category", pa.string()),
            ("category_slug", pa.string()),
            ("outcome_raw", pa.string()),
            ("context", pa.string()),
            *AREA_COLUMNS,
            *PROVENANCE_COLUMNS,
        ]
    ),
    "outcomes": pa.schema([*_CRIME_COMMON, ("outcome_raw", pa.string()), *AREA_COLUMNS, *PROVENANCE_COLUMNS]),
    "stop-and-search": pa.schema(
        [
            ("month", pa.date32()),
            ("force", pa.string()),
            ("search_type", pa.string()),
            ("datetime", pa.timestamp("ms", tz="UTC")),
            ("part_of_policing_operation", pa.bool_()),
            ("policing_operation", pa.string()),
            ("gender", pa.string()),
            ("age_range", pa.string()),
            ("self_defined_ethnicity", pa.string()),
            ("officer_defined_ethnicity", pa.string()),
            ("legislation", pa.string()),
            ("object_of_search", pa.string()),
            ("outcome_raw", pa.string()),
            ("outcome_linked_to_object_of_search", pa.bool_()),
            ("removal_of_more_than_outer_clothing", pa.bool_()),
            *AREA_COLUMNS,
            *PROVENANCE_COLUMNS,
        ]
    ),
}

DATASET_NAMES = tuple(SCHEMAS)

# Every partner dataset (deliberate fires, an ASB log, A&E assaults ...) has these columns;
# what else a partner keeps goes into `details` as JSON text, so one view reads them all.
PARTNER_SCHEMA = pa.schema(
    [
        ("month", pa.date32()),
        ("date", pa.date32()),
        ("dataset", pa.string()),
        ("agency", pa.string()),
        ("category", pa.string()),
        ("category_raw", pa.string()),
        ("reference", pa.string()),
        ("lsoa_code", pa.string()),
        ("details", pa.string()),
        *AREA_COLUMNS,
        *PROVENANCE_COLUMNS,
    ]
)

# Home Office recorded crime: one row per force, quarter and offence code, with its count;
# partitioned by force and the quarter's first month.
RECORDED_CRIME_SCHEMA = pa.schema(
    [
        ("month", pa.date32()),
        ("financial_year", pa.string()),
        ("financial_quarter", pa.int8()),
        ("force", pa.string()),
        ("force_name", pa.string()),
        ("offence_code", pa.string()),
        ("offence_description", pa.string()),
        ("offence_group", pa.string()),
        ("offence_subgroup", pa.string()),
        ("policeuk_category", pa.string()),
        ("count", pa.int64()),
        *PROVENANCE_COLUMNS,
    ]
)


# Public survey results (`cspkit ingest survey`): aggregates only, one row per question,
# area and period; partitioned by the period's last month.
SURVEY_SCHEMA = pa.schema(
    [
        ("month", pa.date32()),
        ("period", pa.string()),
        ("period_start", pa.date32()),
        ("question_id", pa.string()),
        ("area", pa.string()),
        ("area_type", pa.string()),
        ("respondents", pa.int64()),
        ("agree", pa.int64()),
        ("synthetic", pa.bool_()),
        *PROVENANCE_COLUMNS,
    ]
)
FIXED_SOURCES = frozenset({"recorded-crime", "survey"})


def is_partner_dataset(dataset: str) -> bool:
    """Partner datasets are named by their mapping; every other name belongs to a fixed source."""
    return dataset not in SCHEMAS and dataset not in FIXED_SOURCES


# Columns whose values repeat (codes, labels, slugs): dictionary-encoded in Parquet. Unique
# values (crime IDs, coordinates, line numbers) are not: building dictionaries for them
# costs time and space for nothing.
DICTIONARY_COLUMNS: tuple[str, ...] = (
    "month",
    "date",
    "dataset",
    "agency",
    "category_raw",
    "financial_year",
    "force_name",
    "offence_code",
    "offence_description",
    "offence_group",
    "offence_subgroup",
    "policeuk_category",
    "force",
    "reported_by",
    "falls_within",
    "location",
    "lsoa_code",
    "lsoa_name",
    "category",
    "category_slug",
    "outcome_raw",
    "context",
    "search_type",
    "policing_operation",
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "legislation",
    "object_of_search",
    "lsoa21",
    "ward",
    "authority",
    "csp",
    "force_area",
    "assign_method",
    "batch_id",
)
