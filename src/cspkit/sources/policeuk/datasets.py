"""The three police.uk datasets, told apart by their exact headers (ANCHORS.md 3.1)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cspkit.errors import UsageError


@dataclass(frozen=True)
class Dataset:
    """What is particular to one police.uk file type; the parser does the rest."""

    name: str
    header: tuple[str, ...]
    renames: dict[str, str]  # CSV column -> store column, kept as text
    lsoa_column: str | None = None
    month_column: str | None = None  # "YYYY-MM" per row; None: the month comes from the file
    category_column: str | None = None
    datetime_column: str | None = None
    boolean_columns: dict[str, str] = field(default_factory=dict)


_CRIME_RENAMES = {
    "Crime ID": "crime_id",
    "Reported by": "reported_by",
    "Falls within": "falls_within",
    "Location": "location",
    "LSOA code": "lsoa_code",
    "LSOA name": "lsoa_name",
}

# The columns street and outcomes files share, in order.
_CRIME_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
)

STREET = Dataset(
    name="street",
    header=(
        *_CRIME_HEADER,
        "Crime type",
        "Last outcome category",
        "Context",
    ),
    renames={**_CRIME_RENAMES, "Last outcome category": "outcome_raw", "Context": "context"},
    lsoa_column="LSOA code",
    month_column="Month",
    category_column="Crime type",
)

OUTCOMES = Dataset(
    name="outcomes",
    header=(*_CRIME_HEADER, "Outcome type"),
    renames={**_CRIME_RENAMES, "Outcome type": "outcome_raw"},
    lsoa_column="LSOA code",
    month_column="Month",
)

STOP_AND_SEARCH = Dataset(
    name="stop-and-search",
    header=(
        "Type",
        "Date",
        "Part of a policing operation",
        "Policing operation",
        "Latitude",
        "Longitude",
        "Gender",
        "Age range",
        "Self-defined ethnicity",
        "Officer-defined ethnicity",
        "Legislation",
        "Object of search",
        "Outcome",
        "Outcome linked to object of search",
        "Removal of more than just outer clothing",
    ),
    renames={
        "Type": "search_type",
        "Policing operation": "policing_operation",
        "Gender": "gender",
        "Age range": "age_range",
        "Self-defined ethnicity": "self_defined_ethnicity",
        "Officer-defined ethnicity": "officer_defined_ethnicity",
        "Legislation": "legislation",
        "Object of search": "object_of_search",
        "Outcome": "outcome_raw",
    },
    datetime_column="Date",
    boolean_columns={
        "Part of a policing operation": "part_of_policing_operation",
        "Outcome linked to object of search": "outcome_linked_to_object_of_search",
        "Removal of more than just outer clothing": "removal_of_more_than_outer_clothing",
    },
)

DATASETS: tuple[Dataset, ...] = (STREET, OUTCOMES, STOP_AND_SEARCH)


def dataset_for_header(header: list[str]) -> Dataset | None:
    for dataset in DATASETS:
        if tuple(header) == dataset.header:
            return dataset
    return None


def dataset_by_name(name: str) -> Dataset:
    for dataset in DATASETS:
        if dataset.name == name:
            return dataset
    raise UsageError(f"unknown dataset {name!r}: choose street, outcomes or stop-and-search")


def closest_dataset(header: list[str]) -> tuple[Dataset, int]:
    """The dataset whose header this one is nearest to, and the first column that differs."""
    best, best_score = DATASETS[0], -1
    for dataset in DATASETS:
        score = len(set(header) & set(dataset.header))
        if score > best_score:
            best, best_score = dataset, score
    for position, expected in enumerate(best.header):
        if position >= len(header) or header[position] != expected:
            return best, position
    return best, len(best.header)
