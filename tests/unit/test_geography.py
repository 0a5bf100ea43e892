"""The bundled geography: what it holds, checked against published figures."""

from __future__ import annotations

from cspkit.geography.assign import resolve_code
from cspkit.geography.tables import load_geography

LUTON, BEDFORD, CENTRAL_BEDFORDSHIRE = "E06000032", "E06000055", "E06000056"


def test_census_2021_residents_sum_to_each_authority() -> None:
    geo = load_geography()
    totals = {lad: 0 for lad in (LUTON, BEDFORD, CENTRAL_BEDFORDSHIRE)}
    for code, residents in geo.lsoa21_population.items():
        totals[geo.lsoa21_authority[code]] += residents
    # ONS Census 2021 usual residents: Luton 225,300, Bedford 185,300, Central Bedfordshire 294,200.
    assert totals == {LUTON: 225_260, BEDFORD: 185_228, CENTRAL_BEDFORDSHIRE: 294_248}
    assert len(geo.lsoa21_population) == 417
    assert len(geo.lsoa11_population) == 381


def test_mid_year_estimates_and_the_hierarchy() -> None:
    geo = load_geography()
    assert geo.mid_year_population[(CENTRAL_BEDFORDSHIRE, 2023)] == 308_302
    assert geo.authority_csp[CENTRAL_BEDFORDSHIRE] == "E22000353"
    assert geo.csp_name["E22000353"] == "Central Bedfordshire"
    assert {geo.force_of_authority(lad) for lad in (LUTON, BEDFORD, CENTRAL_BEDFORDSHIRE)} == {"bedfordshire"}
    # Abolished in 2023, Craven reaches North Yorkshire through its successor.
    assert (
        geo.force_of_authority(
            geo.lsoa21_authority[next(c for c, n in geo.lsoa21_name.items() if n.startswith("Craven"))]
        )
        == "north-yorkshire"
    )


def test_wards_and_best_fit() -> None:
    geo = load_geography()
    assert len(geo.ward_name) == 79
    assert set(geo.ward_authority.values()) == {LUTON, BEDFORD, CENTRAL_BEDFORDSHIRE}
    assert len(geo.lsoa21_best_fit_ward) == 417
    for lsoa, ward in geo.lsoa21_best_fit_ward.items():
        assert geo.ward_authority[ward] == geo.lsoa21_authority[lsoa]


def test_codes_of_both_vintages() -> None:
    geo = load_geography()
    splits = {old: children for old, children in geo.lsoa11_children.items() if len(children) > 1}
    assert len(splits) == 24
    old, children = sorted(splits.items())[0]
    answer = resolve_code(geo, old)
    assert (answer.vintage, answer.lsoa21, answer.split_children) == ("2011", "", children)
    assert answer.authority in (LUTON, BEDFORD, CENTRAL_BEDFORDSHIRE)
    assert resolve_code(geo, children[0]).vintage == "2021"
    assert resolve_code(geo, "E01017540").vintage == "either"
    assert resolve_code(geo, "E01999999").vintage == "unknown"
    assert resolve_code(geo, "").vintage == ""
