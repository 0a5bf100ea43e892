from __future__ import annotations

import pytest

from cspkit.errors import UsageError
from cspkit.geography.areas import AreaRef, parse_area


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("csp:E22000353", AreaRef("csp", "E22000353")),
        ("E22000353", AreaRef("csp", "E22000353")),
        ("E01017540", AreaRef("lsoa", "E01017540")),
        ("W01000001", AreaRef("lsoa", "W01000001")),
        ("e05014394", AreaRef("ward", "E05014394")),
        ("E06000056", AreaRef("authority", "E06000056")),
        ("E07000170", AreaRef("authority", "E07000170")),
        ("force:bedfordshire", AreaRef("force", "bedfordshire")),
        ("E23000026", AreaRef("force", "E23000026")),
        ("subarea:Dunstable", AreaRef("subarea", "Dunstable")),
    ],
)
def test_area_references(text: str, expected: AreaRef) -> None:
    assert parse_area(text) == expected


@pytest.mark.parametrize("text", ["X99", "ward:E01017540", "county:E10000001", "E99999999"])
def test_bad_area_references(text: str) -> None:
    with pytest.raises(UsageError):
        parse_area(text)
