"""The personal-data screen against its positive and negative fixtures (tests/fixtures/screen)."""

from __future__ import annotations

import csv
import json

import pytest

from cspkit.privacy import cell_kinds, screen_rows
from tests.helpers import FIXTURES

SCREEN = FIXTURES / "screen"


def _table(name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    with (SCREEN / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [(line, cells) for line, cells in enumerate(rows[1:], start=2)]


def test_clean_fixture_passes_with_its_second_date_column_declared() -> None:
    header, rows = _table("clean.csv")
    assert screen_rows(header, rows, ["Date", "Closed"]) == []


def test_an_undeclared_date_column_is_refused_on_every_line() -> None:
    header, rows = _table("clean.csv")
    findings = screen_rows(header, rows, ["Date"])
    assert {(f.line, f.column, f.kind) for f in findings} == {(line, "Closed", "undeclared_date") for line, _ in rows}


def test_positive_fixture_finds_exactly_each_planted_value() -> None:
    header, rows = _table("positive.csv")
    expected = json.loads((SCREEN / "positive.json").read_text(encoding="utf-8"))
    found = sorted((f.line, f.column, f.kind) for f in screen_rows(header, rows, expected["date_columns"]))
    assert found == sorted(tuple(item) for item in expected["findings"])


@pytest.mark.parametrize(("name", "column"), [("name-column.csv", "Surname"), ("dob-column.csv", "Date of birth")])
def test_columns_headed_as_personal_data_are_refused_even_when_empty(name: str, column: str) -> None:
    header, rows = _table(name)
    assert [(f.line, f.column, f.kind) for f in screen_rows(header, rows, ["Date"])] == [(1, column, "personal_column")]


@pytest.mark.parametrize(
    "text",
    [
        "Victoria Road",
        "George Street",
        "St John Street",
        "John Crosse Close",
        "Victoria Park",
        "MK45 2",
        "LU1 3",
        "reported 12/03/2024",
        "BFRS/2024/00012",
        "CCTV/24/0117",
        "ref 240312-0045",
        "grid ref TL 1939 4493",
        "bus stop 20345",
        "On or near Parking Area",
        "52.0123,-0.4567",
        "Caller called back at 21:30",
        "Police called",
        "Street lighting column 0123456",
    ],
)
def test_real_non_personal_values_pass(text: str) -> None:
    assert cell_kinds(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mrs Dunmore", "name"),
        ("Dr. Quill", "name"),
        ("Jack Harlow was seen", "name"),
        ("known as Spider", "name"),
        ("d.o.b. 1/2/99", "date_of_birth"),
        ("born on 3 March 1990", "date_of_birth"),
        ("07700900123", "telephone"),
        ("(01632) 960 001", "telephone"),
        ("+44 (0) 7700 900 456", "telephone"),
        ("a.person+asb@example.org", "email"),
        ("MK45 2ZZ", "postcode"),
        ("LU13JU", "postcode"),
        ("qq123456c", "national_insurance"),
    ],
)
def test_each_kind_of_personal_data_is_found(text: str, kind: str) -> None:
    assert kind in cell_kinds(text)
