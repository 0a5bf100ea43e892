"""Every area form resolves to the store column, codes, forces and residents it stands for."""

from __future__ import annotations

from datetime import date

import pytest

from cspkit.bundle import package_path
from cspkit.config import load_config
from cspkit.errors import UsageError
from cspkit.geography import load_geography, parse_area
from cspkit.indicators.areas import areas_of_type, mid_year_for, resolve_areas, target_area


def test_each_area_form() -> None:
    geo = load_geography()
    config = load_config(package_path("partnership/central-bedfordshire.yaml"), geo)
    lsoa = target_area(geo, parse_area("lsoa:E01017371"))
    assert (lsoa.column, lsoa.codes, lsoa.forces) == ("lsoa21", ("E01017371",), ("bedfordshire",))
    assert lsoa.residents == geo.lsoa21_population["E01017371"]
    ward = target_area(geo, parse_area("E05014403"))
    assert (ward.area_type, ward.column, ward.area_name) == ("ward", "ward", "Dunstable Central")
    authority = target_area(geo, parse_area("authority:E06000056"))
    assert authority.residents is None
    assert authority.authorities == ("E06000056",)
    csp = target_area(geo, parse_area("csp:E22000353"))
    assert (csp.column, csp.area_name) == ("csp", "Central Bedfordshire")
    by_slug = target_area(geo, parse_area("force:bedfordshire"))
    by_code = target_area(geo, parse_area("E23000026"))
    assert by_slug == by_code
    assert set(by_slug.authorities) == {"E06000032", "E06000055", "E06000056"}
    south = target_area(geo, parse_area("subarea:south"), config)
    assert (south.column, south.area_name, len(south.codes)) == ("ward", "South", 14)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lsoa:E01999999", "not a 2021 LSOA"),
        ("ward:E05999999", "not a ward"),
        ("authority:E06999999", "not an authority"),
        ("csp:E22999999", "not a CSP"),
        ("force:atlantis", "not a police.uk force"),
        ("subarea:south", "needs a partnership configuration"),
    ],
)
def test_unknown_areas(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        target_area(load_geography(), parse_area(text))


def test_every_area_of_a_type_within_the_stores_forces() -> None:
    geo = load_geography()
    assert len(areas_of_type(geo, "lsoa", {"bedfordshire"})) == 417
    assert len(areas_of_type(geo, "ward", {"bedfordshire"})) == 79
    assert [a.area for a in areas_of_type(geo, "csp", {"bedfordshire"})] == ["E22000009", "E22000010", "E22000353"]
    assert areas_of_type(geo, "csp", set()) == []
    with pytest.raises(UsageError, match="not both"):
        resolve_areas(geo, "csp:E22000353", "csp", None, set())
    with pytest.raises(UsageError, match="say which area"):
        resolve_areas(geo, None, None, None, set())


def test_mid_year_for_a_period() -> None:
    assert mid_year_for(date(2024, 3, 1)) == 2023
    assert mid_year_for(date(2023, 6, 1)) == 2023
    assert mid_year_for(date(2023, 5, 1)) == 2022
