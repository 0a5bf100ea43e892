"""`cspkit ingest geography`: a second partnership's area from ONS files alone."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from cspkit.geography.assign import assign_records
from cspkit.geography.tables import load_geography
from tests.helpers import ROOT, cli, fixture

BEDFORD, BEDFORD_CSP = "E06000055", "E22000009"
EXAMPLE = ROOT / "examples" / "geography" / "bedford"
FILES = sorted(EXAMPLE.iterdir())


def workspace_listing(workspace: Path) -> dict[str, str]:
    """sha256 of every file under the workspace, with where each link points."""
    listing = {}
    for folder, _dirs, files in os.walk(workspace):
        for name in files:
            path = Path(folder) / name
            if path.is_symlink():
                listing[str(path.relative_to(workspace))] = "-> " + os.readlink(path)
            elif name != "lock":
                listing[str(path.relative_to(workspace))] = hashlib.sha256(path.read_bytes()).hexdigest()
    for name in ("geography", "store"):
        if (workspace / name).is_symlink():
            listing[name] = "-> " + os.readlink(workspace / name)
    return listing


@pytest.fixture
def bedford(workspace: Path) -> Path:
    result = cli(workspace, "ingest", "geography", *map(str, FILES), "--format", "json")
    assert result.code == 0, result.stderr
    assert len(result.json()["added"]) == len(FILES) == 10
    return workspace


def test_every_example_file_is_recognised_as_what_it_is(bedford: Path) -> None:
    sources = json.loads((bedford / "geography" / "sources.json").read_text())
    kinds = {source["file"]: (source["table"], source["rows"]) for source in sources}
    assert kinds == {
        "lsoa2021_boundaries.geojson": ("geography/lsoa21", 117),
        "lsoa2011_boundaries_bng.geojson": ("geography/lsoa11", 103),
        "wards2023_boundaries.geojson": ("geography/wards", 28),
        "LSOA_2011_to_LSOA_2021_lookup.csv": ("lookups/lsoa11_to_lsoa21", 103),
        "LSOA_2021_names.csv": ("lookups/lsoa21", 117),
        "LAD23_to_CSP23_to_PFA23_lookup.csv": ("lookups/authority_csp_force", 1),
        "WD23_to_LAD23_lookup.csv": ("lookups/wards", 28),
        "census2021_usual_residents.csv": ("population/lsoa21_census2021", 117),
        "lsoa11_mid2020_estimates.csv": ("population/lsoa11_mid2020", 103),
        "mid_year_population_MYE4.csv": ("population/authority_mid_year", 13),
    }


def test_the_files_alone_set_up_bedford_as_the_bundled_geography_has_it(bedford: Path) -> None:
    own = load_geography(bedford, bundled=False)
    bundled = load_geography()
    lsoas = {code for code, authority in bundled.lsoa21_authority.items() if authority == BEDFORD}
    assert {code for code, authority in own.lsoa21_authority.items() if authority == BEDFORD} == lsoas
    assert own.authority_csp == {BEDFORD: BEDFORD_CSP}
    assert own.csp_name[BEDFORD_CSP] == "Bedford"
    assert own.force_of_authority(BEDFORD) == "bedfordshire"
    assert {c: n for c, n in bundled.ward_name.items() if bundled.ward_authority[c] == BEDFORD} == own.ward_name
    assert {c: own.lsoa21_best_fit_ward[c] for c in lsoas} == {c: bundled.lsoa21_best_fit_ward[c] for c in lsoas}
    # Bedford's LSOAs that were split in 2021 are found from the 2011 boundaries (given in
    # EPSG:27700) exactly as from the bundled lon/lat ones.
    splits = {old: new for old, new in own.lsoa11_children.items() if len(new) > 1}
    assert splits
    assert splits == {old: bundled.lsoa11_children[old] for old in splits}
    assert sum(own.lsoa21_population.values()) == 185_228
    assert own.mid_year_population[(BEDFORD, 2023)] == 189_891


def test_boundaries_given_in_british_national_grid_land_where_the_lon_lat_ones_do(bedford: Path) -> None:
    import shapely

    own = load_geography(bedford, bundled=False)
    bundled = load_geography()
    index = {code: i for i, code in enumerate(bundled.lsoa21_shapes.codes)}
    for i, code in enumerate(own.lsoa21_shapes.codes):
        ours, theirs = own.lsoa21_shapes.geometries[i], bundled.lsoa21_shapes.geometries[index[code]]
        assert shapely.hausdorff_distance(ours, theirs) < 0.01


def test_records_are_placed_by_the_ingested_geography_as_by_the_bundled_one(bedford: Path) -> None:
    own = load_geography(bedford, bundled=False)
    bundled = load_geography()
    rows = pacsv.read_csv(fixture("2024-03", "street"))
    lon = rows["Longitude"].to_numpy(zero_copy_only=False).astype(float)
    lat = rows["Latitude"].to_numpy(zero_copy_only=False).astype(float)
    codes = rows["LSOA code"].cast(pa.string()).combine_chunks()
    expected = assign_records(bundled, codes, lon, lat, "bedfordshire")
    got = assign_records(own, codes, lon, lat, "bedfordshire")
    in_bedford = np.asarray(expected["authority"]) == BEDFORD
    assert in_bedford.sum() > 50
    for column in ("lsoa21", "ward", "authority", "csp", "force_area", "assign_method", "x_bng"):
        assert list(np.asarray(got[column])[in_bedford]) == list(np.asarray(expected[column])[in_bedford]), column


def test_area_summary_shows_what_the_partnership_has(bedford: Path) -> None:
    result = cli(bedford, "geography", "--area", f"csp:{BEDFORD_CSP}", "--format", "json")
    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["area_name"] == "Bedford"
    assert (summary["lsoa21"], summary["lsoa21_with_boundary"], summary["wards"], summary["wards_with_boundary"]) == (
        117,
        117,
        28,
        28,
    )
    assert (summary["census2021_residents"], summary["mid_year"], summary["mid_year_population"]) == (
        185_228,
        2023,
        189_891,
    )
    assert summary["gaps"] == []
    listing = cli(bedford, "geography")
    assert "Workspace files: 10" in listing.stdout
    assert "Bedford" in listing.stdout


def test_an_area_without_boundaries_names_its_gaps(workspace: Path) -> None:
    result = cli(workspace, "geography", "--area", "csp:E22000027", "--format", "json")  # Hartlepool
    assert result.code == 0, result.stderr
    gaps = " ".join(result.json()["gaps"])
    assert "have no boundary" in gaps
    assert "no wards" in gaps
    unknown = cli(workspace, "geography", "--area", "csp:E22999999")
    assert unknown.code == 2
    assert "not in the geography's lookups" in unknown.stderr


def test_the_same_files_again_change_nothing(bedford: Path) -> None:
    before = workspace_listing(bedford)
    again = cli(bedford, "ingest", "geography", *map(str, FILES), "--format", "json")
    assert again.code == 0, again.stderr
    assert again.json()["added"] == []
    assert len(again.json()["skipped"]) == 10
    assert workspace_listing(bedford) == before


def test_a_later_file_replaces_rows_with_the_same_code(bedford: Path, tmp_path: Path) -> None:
    lines = (EXAMPLE / "census2021_usual_residents.csv").read_text(encoding="utf-8").splitlines()
    code = lines[1].split(",")[-2]
    revised = tmp_path / "census_revised.csv"
    revised.write_text("\n".join([lines[0], f"Bedford 999Z,{code},1000"]) + "\n", encoding="utf-8")
    result = cli(bedford, "ingest", "geography", str(revised))
    assert result.code == 0, result.stderr
    own = load_geography(bedford, bundled=False)
    assert own.lsoa21_population[code] == 1000
    assert len(own.lsoa21_population) == 117


def _geojson(features: list[dict[str, object]], crs: str | None = None) -> str:
    body: dict[str, object] = {"type": "FeatureCollection", "features": features}
    if crs:
        body["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(body)


SQUARE = {"type": "Polygon", "coordinates": [[[-0.46, 52.13], [-0.45, 52.13], [-0.45, 52.14], [-0.46, 52.13]]]}


def _feature(code: str = "E01017453", geometry: dict[str, object] | None = None) -> dict[str, object]:
    return {
        "type": "Feature",
        "properties": {"LSOA21CD": code, "LSOA21NM": "Bedford 005A"},
        "geometry": geometry or SQUARE,
    }


BAD_FILES = [
    ("notes.txt", "hello", "cspkit reads ONS boundaries as .geojson"),
    ("broken.geojson", "{not json", "not GeoJSON"),
    ("empty.geojson", _geojson([]), "not a GeoJSON FeatureCollection with features"),
    (
        "parish.geojson",
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"PAR23CD": "E04000001"}, "geometry": SQUARE}],
            }
        ),
        "no LSOA11CD, LSOA21CD or WDyyCD property",
    ),
    (
        "bad-code.geojson",
        _geojson([_feature("E0101745")]),
        "property (feature 1) 'LSOA21CD': 'E0101745' is not a LSOA code",
    ),
    (
        "point.geojson",
        _geojson([_feature(geometry={"type": "Point", "coordinates": [-0.46, 52.13]})]),
        "boundaries must be Polygon or MultiPolygon",
    ),
    ("twice.geojson", _geojson([_feature(), _feature()]), "E01017453 appears more than once"),
    ("mercator.geojson", _geojson([_feature()], "urn:ogc:def:crs:EPSG::3857"), "is not one cspkit reads"),
    ("degrees-as-metres.geojson", _geojson([_feature()], "urn:ogc:def:crs:EPSG::27700"), "look like degrees"),
    (
        "elsewhere.geojson",
        _geojson([_feature(geometry={"type": "Polygon", "coordinates": [[[10, 45], [11, 45], [11, 46], [10, 45]]]})]),
        "outside Great Britain",
    ),
    ("unknown.csv", "Code,Value\nE01017453,3\n", "line 1: not an ONS geography table cspkit reads"),
    (
        "lsoa11_to_lad_msoa_policeforce.csv",
        ",Region code,Local authority code,LSOA Code,Police_force\n3,E12000001,E06000047,E01020634,Durham\n",
        "use ONS's LSOA 2011 to 2021 lookup",
    ),
    (
        "census-bad-number.csv",
        "2021 super output area - lower layer,LSOA21CD,Population\nBedford 005A,E01017453,12x\n",
        "line 2, column 'Population': '12x' is not a whole number",
    ),
    (
        "census-short-line.csv",
        "2021 super output area - lower layer,LSOA21CD,Population\nBedford 005A,E01017453\n",
        "line 2: the number of fields differs",
    ),
    (
        "hierarchy-bad-csp.csv",
        "LAD23CD,LAD23NM,CSP23CD,CSP23NM,PFA23CD,PFA23NM\nE06000055,Bedford,E2200009,Bedford,E23000026,Bedfordshire\n",
        "line 2, column 'CSP23CD': 'E2200009' is not a CSP code",
    ),
    (
        "lookup-empty-code.csv",
        "LSOA11CD,LSOA21CD,LAD22CD\n,E01017453,E06000055\nE01017454,E01017454,E06000055\n",
        "line 2, column 'LSOA11CD': empty code",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_FILES, ids=[name for name, _, _ in BAD_FILES])
def test_a_bad_file_is_refused_with_where_and_why_and_nothing_changes(
    bedford: Path, tmp_path: Path, name: str, text: str, message: str
) -> None:
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    before = workspace_listing(bedford)
    good = tmp_path / "census_again.csv"
    good.write_text(
        "2021 super output area - lower layer,LSOA21CD,Population\nBedford 005A,E01017453,1\n", encoding="utf-8"
    )
    result = cli(bedford, "ingest", "geography", str(good), str(bad))
    assert result.code == 2, result.stdout
    assert str(bad) in result.stderr
    assert message in result.stderr
    assert workspace_listing(bedford) == before


def test_non_utf8_csv_is_refused(workspace: Path, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("LSOA21CD,LSOA21NM\nE01017453,Bedford caf\xe9\n".encode("latin-1"))
    result = cli(workspace, "ingest", "geography", str(bad))
    assert result.code == 2
    assert "not UTF-8 text" in result.stderr
    assert not (workspace / "geography").exists()


@pytest.mark.parametrize("point", ["parse", "write", "catalogue", "swap"])
def test_a_killed_geography_ingest_leaves_the_earlier_geography(bedford: Path, tmp_path: Path, point: str) -> None:
    before = workspace_listing(bedford)
    extra = tmp_path / "census_extra.csv"
    extra.write_text(
        "2021 super output area - lower layer,LSOA21CD,Population\nBedford 005A,E01017453,7\n", encoding="utf-8"
    )
    stopped = cli(bedford, "ingest", "geography", str(extra), env={"CSPKIT_FAULT": f"{point}:kill"})
    assert stopped.code != 0
    assert os.readlink(bedford / "geography") == before["geography"][3:]
    assert load_geography(bedford, bundled=False).lsoa21_population["E01017453"] != 7
    done = cli(bedford, "ingest", "geography", str(extra))
    assert done.code == 0, done.stderr
    assert not list((bedford / ".geography").glob("*.partial-*"))
    assert load_geography(bedford, bundled=False).lsoa21_population["E01017453"] == 7


def test_police_records_ingested_after_the_geography_use_it(bedford: Path) -> None:
    """The store's rows take their areas from the workspace geography (here equal to the
    bundled one for Bedford, so the counts are those of the bundled geography)."""
    result = cli(bedford, "ingest", "policeuk", str(fixture("2024-03", "street")))
    assert result.code == 0, result.stderr
    counts = cli(bedford, "counts", "--by", "csp", "--format", "json")
    assert counts.code == 0, counts.stderr
    assert any(row["csp"] == BEDFORD_CSP and row["count"] > 0 for row in counts.json())


def test_a_names_only_list_keeps_the_authorities_the_lookups_know(workspace: Path, tmp_path: Path) -> None:
    """Craven was abolished in 2023, so its name names no current authority: its LSOAs keep
    the successor the lookups give. A split child missing from the 2011 lookup takes the
    authority its name begins with."""
    names = tmp_path / "lsoa21_names.csv"
    names.write_text(
        "OBJECTID,LSOA21CD,LSOA21NM,GlobalID,SHAPE_Length,SHAPE_Area\n"
        "26162,E01027558,Craven 001A,CC776ACC-5D2C-4D62-A4C5-6DE7B8484430,50117.68,35153762.52\n"
        + next(
            line
            for line in (EXAMPLE / "LSOA_2021_names.csv").read_text(encoding="utf-8-sig").splitlines()
            if "E01034413" in line
        )
        + "\n",
        encoding="utf-8",
    )
    result = cli(workspace, "ingest", "geography", str(names))
    assert result.code == 0, result.stderr
    geo = load_geography(workspace)
    assert geo.lsoa21_authority["E01027558"] == "E06000065"  # North Yorkshire
    assert geo.lsoa21_authority["E01034413"] == BEDFORD
    # The authority is stored with the workspace's row, so it no longer depends on the bundle.
    assert load_geography(workspace, bundled=False).lsoa21_authority["E01027558"] == "E06000065"
