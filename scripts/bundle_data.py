"""Copy the real data of ../shared/data into the package, compactly, with each source's sha256.

    python scripts/bundle_data.py            # (re)write src/cspkit/data and tests/fixtures
    python scripts/bundle_data.py --check    # exit 1 if ../shared no longer matches them

The police.uk files go in unchanged, as one archive laid out like data.police.uk's own
(month folders inside), so the demo reads them through the same reader a user's download
takes. Geography, lookups and population become small Parquet tables. Test fixtures are
small extracts of the same files. Everything written is deterministic, so --check can
rebuild it in memory and compare bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import sys
import zipfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import shapely

from cspkit.sources.ons.geography import authority_from_name, read_boundaries, read_table_csv

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
PACKAGE_DATA = ROOT / "src" / "cspkit" / "data"
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
ZIP_TIME = (2024, 6, 1, 0, 0, 0)
BEDFORDSHIRE_LADS = ("E06000032", "E06000055", "E06000056")
FIXTURE_MONTHS = ("2024-03", "2024-04")
FIXTURE_ROWS = 300

Outputs = dict[str, bytes]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", write_statistics=False)
    return sink.getvalue()


def policeuk_archive(sources: dict[str, str]) -> bytes:
    base = SHARED / "policeuk" / "bedfordshire"
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(base.glob("*/*.csv")):
            data = path.read_bytes()
            sources[str(path.relative_to(SHARED))] = sha256(data)
            info = zipfile.ZipInfo(f"{path.parent.name}/{path.name}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return sink.getvalue()


def lad_names() -> dict[str, str]:
    rows = read_csv(SHARED / "lookups" / "LAD23_to_CSP23_to_PFA23_lookup.csv")
    return {row["LAD23NM"]: row["LAD23CD"] for row in rows}


def ons_table(name: str, authority_of: Callable[[str, str], str] | None = None) -> pa.Table:
    """A shared ONS file read by cspkit's own reader (`cspkit ingest geography` uses it too)."""
    path = SHARED / name
    if path.suffix == ".geojson":
        return read_boundaries(name, path.read_bytes()).table
    return read_table_csv(name, path.read_bytes(), authority_of).table


def lookups(out: Outputs) -> None:
    lsoa_lookup = ons_table("lookups/LSOA_2011_to_LSOA_2021_Lookup_for_England_and_Wales.csv")
    out["lookups/lsoa11_to_lsoa21.parquet"] = parquet_bytes(lsoa_lookup)
    lad_of_lsoa21 = dict(zip(lsoa_lookup["lsoa21"].to_pylist(), lsoa_lookup["authority"].to_pylist(), strict=True))
    hierarchy = ons_table("lookups/LAD23_to_CSP23_to_PFA23_lookup.csv")
    raw = read_csv(SHARED / "lookups" / "LSOA_2011_to_LSOA_2021_Lookup_for_England_and_Wales.csv")
    by_name = dict(zip(hierarchy["authority_name"].to_pylist(), hierarchy["authority"].to_pylist(), strict=True)) | {
        r["LAD22NM"]: r["LAD22CD"] for r in raw
    }
    from_name = authority_from_name(by_name)

    # A split child is missing from the 2011->2021 lookup; its name still starts with its
    # authority's name ("Bedford 001F"), which is how ONS names every LSOA.
    def authority_of(code: str, name: str) -> str:
        return lad_of_lsoa21.get(code) or from_name(code, name)

    out["lookups/lsoa21.parquet"] = parquet_bytes(
        ons_table("lookups/lower_layer_super_output_areas_december_2021.csv", authority_of)
    )
    out["lookups/authority_csp_force.parquet"] = parquet_bytes(hierarchy)


def population(out: Outputs) -> None:
    bedfordshire = {r["LSOA21CD"] for r in read_csv(SHARED / "lookups" / "bedfordshire_lsoa21_to_lad22_csp.csv")}
    census = ons_table("population/lsoa21_census2021_usual_residents.csv")
    out["population/lsoa21_census2021.parquet"] = parquet_bytes(
        census.filter(pc.is_in(census["lsoa21"], pa.array(sorted(bedfordshire))))
    )
    mid2020_rows = read_csv(SHARED / "population" / "lsoa11_mid2020_estimates_EW.csv")
    ours = [r["LSOA Code"] for r in mid2020_rows if r["LA Code (2021 boundaries)"] in BEDFORDSHIRE_LADS]
    mid2020 = ons_table("population/lsoa11_mid2020_estimates_EW.csv")
    out["population/lsoa11_mid2020.parquet"] = parquet_bytes(
        mid2020.filter(pc.is_in(mid2020["lsoa11"], pa.array(ours)))
    )
    out["population/authority_mid_year.parquet"] = parquet_bytes(
        ons_table("population/LAD23_mid_year_population_2011_to_2023_MYE4.csv")
    )


def geography(out: Outputs) -> None:
    out["geography/lsoa21.parquet"] = parquet_bytes(ons_table("geography/lsoa2021_bedfordshire.geojson"))
    lsoa11 = [ons_table(f"geography/lsoa2011_by_lad_{lad}.geojson") for lad in BEDFORDSHIRE_LADS]
    out["geography/lsoa11.parquet"] = parquet_bytes(pa.concat_tables(lsoa11))
    out["geography/wards.parquet"] = parquet_bytes(ons_table("geography/wards2023_bedfordshire.geojson"))


RECORDED_CRIME = {
    # year ending -> (counts table, rates table or None, what the rates' population is)
    "2024-12": (
        (
            "ons_csp_recorded_crime_counts_YE_Dec2024_TableC2.csv",
            "ons_pfa_recorded_crime_counts_YE_Dec2024_TableP1.csv",
        ),
        (
            ("ons_csp_recorded_crime_rates_per1000_YE_Dec2024_TableC4.csv", "ONS mid-2022, rounded to 100 (Table C4)"),
            ("ons_pfa_recorded_crime_rates_per1000_YE_Dec2024_TableP3.csv", "ONS mid-2023, rounded to 100 (Table P3)"),
        ),
    ),
    "2023-12": (("ons_csp_recorded_crime_counts_YE_Dec2023_TableC5.csv",), ()),
}


def recorded_crime(out: Outputs, sources: dict[str, str]) -> None:
    """ONS recorded crime by CSP and force, long form: one row per year, area and offence group."""
    sys.path.insert(0, str(ROOT / "src"))
    from cspkit.sources.ons.tables import read_ons_table, slug

    rows: list[dict[str, object]] = []
    for year, (count_files, rate_files) in RECORDED_CRIME.items():
        rates: dict[tuple[object, ...], dict[str, object]] = {}
        for name, basis in rate_files:
            path = SHARED / "recorded_crime" / name
            sources[f"recorded_crime/{name}"] = sha256(path.read_bytes())
            for row in read_ons_table(path)[1]:
                key = (row["level"], row["area_type"], row["code"], row["name"], row["offence_group"])
                entry = rates.setdefault(key, {"population": row["population"], "households": row["households"]})
                entry["population_basis"] = basis
                entry["published_rate_households" if row["measure"] == "rate_households" else "published_rate"] = row[
                    "value"
                ]
                if row["marker"] and row["measure"] == "rate":
                    entry["marker"] = row["marker"]
        for name in count_files:
            path = SHARED / "recorded_crime" / name
            sources[f"recorded_crime/{name}"] = sha256(path.read_bytes())
            table = re.search(r"Table(\w+)\.csv$", name)
            for row in read_ons_table(path)[1]:
                key = (row["level"], row["area_type"], row["code"], row["name"], row["offence_group"])
                rate = rates.get(key, {})
                rows.append(
                    {
                        "year_ending": year,
                        "source_table": table.group(1) if table else "",
                        **{k: row[k] for k in ("level", "area_type", "code", "name", "force_area", "force_area_name")},
                        "offence_group": row["offence_group"],
                        "offence_slug": slug(str(row["offence_group"])),
                        "count": row["value"],
                        "population": rate.get("population"),
                        "households": rate.get("households"),
                        "population_basis": rate.get("population_basis"),
                        "published_rate": rate.get("published_rate"),
                        "published_rate_households": rate.get("published_rate_households"),
                        "rate_marker": rate.get("marker") or row["marker"],
                    }
                )
    schema = pa.schema(
        [
            ("year_ending", pa.string()),
            ("source_table", pa.string()),
            ("level", pa.string()),
            ("area_type", pa.string()),
            ("code", pa.string()),
            ("name", pa.string()),
            ("force_area", pa.string()),
            ("force_area_name", pa.string()),
            ("offence_group", pa.string()),
            ("offence_slug", pa.string()),
            ("count", pa.int64()),
            ("population", pa.int64()),
            ("households", pa.int64()),
            ("population_basis", pa.string()),
            ("published_rate", pa.float64()),
            ("published_rate_households", pa.float64()),
            ("rate_marker", pa.string()),
        ]
    )
    out["recorded_crime/ons_csp_force.parquet"] = parquet_bytes(pa.Table.from_pylist(rows, schema=schema))
    mapping = read_csv(SHARED / "offence_mapping" / "ho_offence_code_to_policeuk_category.csv")
    sources["offence_mapping/ho_offence_code_to_policeuk_category.csv"] = sha256(
        (SHARED / "offence_mapping" / "ho_offence_code_to_policeuk_category.csv").read_bytes()
    )
    out["lookups/offence_codes.parquet"] = parquet_bytes(
        pa.table(
            {
                "offence_code": [r["Offence_Code"] for r in mapping],
                "description": [r["Offence_Description"] for r in mapping],
                "offence_group": [r["Offence_Group"] for r in mapping],
                "offence_subgroup": [r["Offence_Subgroup"] for r in mapping],
                "policeuk_category": [r["Police.uk_Cat"] for r in mapping],
            }
        )
    )


def similar_partnerships(out: Outputs, sources: dict[str, str]) -> None:
    """What peer building needs for every CSP: LSOA 2021 land areas (for density) and IMD 2019
    ranks of LSOA 2011 with their mid-2020 populations (for a population-weighted rank)."""
    areas = read_csv(SHARED / "lookups" / "lower_layer_super_output_areas_december_2021.csv")
    out["similar/lsoa21_area.parquet"] = parquet_bytes(
        pa.table(
            {
                "lsoa21": [r["LSOA21CD"] for r in areas],
                "area_m2": pa.array([float(r["SHAPE_Area"]) for r in areas], pa.float64()),
            }
        )
    )
    imd_name = "deprivation/IMD2019_LSOA11_rank_decile_File1.csv"
    imd = read_csv(SHARED / imd_name)
    sources[imd_name] = sha256((SHARED / imd_name).read_bytes())
    mid2020 = ons_table("population/lsoa11_mid2020_estimates_EW.csv")
    people = dict(zip(mid2020["lsoa11"].to_pylist(), mid2020["all_ages"].to_pylist(), strict=True))
    out["similar/lsoa11_imd2019.parquet"] = parquet_bytes(
        pa.table(
            {
                "lsoa11": [r["LSOA code (2011)"] for r in imd],
                "imd_rank": pa.array([int(r["Index of Multiple Deprivation (IMD) Rank"]) for r in imd], pa.int32()),
                "imd_decile": pa.array([int(r["Index of Multiple Deprivation (IMD) Decile"]) for r in imd], pa.int8()),
                "population_mid2020": pa.array([people.get(r["LSOA code (2011)"]) for r in imd], pa.int64()),
            }
        )
    )


def harm_weights(out: Outputs, sources: dict[str, str]) -> None:
    """The Cambridge Crime Harm Index days as a third party aggregated them, bytes unchanged."""
    for name, target in (
        ("cchi_weights_by_policeuk_category_DERIVED.csv", "harm/cchi_policeuk_category.csv"),
        ("cchi_weights_by_prc_subgroup_DERIVED.csv", "harm/cchi_prc_subgroup.csv"),
    ):
        data = (SHARED / "harm_weights" / name).read_bytes()
        sources[f"harm_weights/{name}"] = sha256(data)
        out[target] = data


def package_outputs(sources: dict[str, str]) -> Outputs:
    out: Outputs = {"policeuk/bedfordshire-2021-05-to-2024-04.zip": policeuk_archive(sources)}
    lookups(out)
    population(out)
    geography(out)
    recorded_crime(out, sources)
    similar_partnerships(out, sources)
    harm_weights(out, sources)
    used = [
        "lookups/LSOA_2011_to_LSOA_2021_Lookup_for_England_and_Wales.csv",
        "lookups/lower_layer_super_output_areas_december_2021.csv",
        "lookups/LAD23_to_CSP23_to_PFA23_lookup.csv",
        "lookups/bedfordshire_lsoa21_to_lad22_csp.csv",
        "population/lsoa21_census2021_usual_residents.csv",
        "population/lsoa11_mid2020_estimates_EW.csv",
        "population/LAD23_mid_year_population_2011_to_2023_MYE4.csv",
        "geography/lsoa2021_bedfordshire.geojson",
        "geography/wards2023_bedfordshire.geojson",
        *(f"geography/lsoa2011_by_lad_{lad}.geojson" for lad in BEDFORDSHIRE_LADS),
    ]
    for name in used:
        sources[name] = sha256((SHARED / name).read_bytes())
    return out


def fixture_outputs(sources: dict[str, str]) -> Outputs:
    """The first FIXTURE_ROWS data lines of each file of two real months, bytes unchanged."""
    out: Outputs = {}
    for month in FIXTURE_MONTHS:
        for path in sorted((SHARED / "policeuk" / "bedfordshire" / month).glob("*.csv")):
            data = path.read_bytes()
            sources[str(path.relative_to(SHARED))] = sha256(data)
            lines = data.splitlines(keepends=True)[: FIXTURE_ROWS + 1]
            out[f"policeuk/{month}/{path.name}"] = b"".join(lines)
    # Home Office recorded crime by offence code: the header and every Bedfordshire line.
    path = SHARED / "recorded_crime" / "prc_pfa_2017-18_by_offence_code.csv"
    data = path.read_bytes()
    sources[str(path.relative_to(SHARED))] = sha256(data)
    lines = data.splitlines(keepends=True)
    out["recorded_crime/prc_bedfordshire_2017-18.csv"] = b"".join(
        [lines[0], *(line for line in lines[1:] if b",Bedfordshire," in line)]
    )
    # Near Repeat Calculator inputs and its own outputs for them (METHODS.md §7), unchanged.
    for name in (
        "chicago_arson.csv",
        "chicago_arson_NRverbose_2019-09-23_145637.csv",
        "chicago_be_month1.csv",
        "chicago_be_month1_NRverbose_2019-09-23_143005.csv",
    ):
        data = (SHARED / "nearrepeat" / name).read_bytes()
        sources[f"nearrepeat/{name}"] = sha256(data)
        out[f"nearrepeat/{name}"] = data
    return out


EXAMPLE_MONTHS = [f"2023-{m:02d}" for m in range(4, 13)] + [f"2024-{m:02d}" for m in range(1, 4)]


def _street_rows(sources: dict[str, str], category: str) -> list[dict[str, str]]:
    """Real police.uk street rows of one category over 2023/24, in file order."""
    rows = []
    for month in EXAMPLE_MONTHS:
        path = SHARED / "policeuk" / "bedfordshire" / month / f"{month}-bedfordshire-street.csv"
        sources[str(path.relative_to(SHARED))] = sha256(path.read_bytes())
        rows.extend(row for row in read_csv(path) if row["Crime type"] == category)
    return rows


def _csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    sink = io.StringIO(newline="")
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return sink.getvalue().encode()


def _street(location: str) -> str:
    return location.removeprefix("On or near ").strip()


def _day(rng: random.Random, month: str) -> date:
    first = date.fromisoformat(month + "-01")
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first + timedelta(days=rng.randrange((following - first).days))


def fire_example(sources: dict[str, str]) -> bytes:
    """Deliberate fires placed where real criminal damage and arson was recorded (police.uk)."""
    from pyproj import Transformer

    to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    rng = random.Random(20231)
    kinds = [("Deliberate secondary fire", 7), ("Deliberate primary fire", 3)]
    properties = {
        "Deliberate secondary fire": ["Refuse container", "Grassland", "Loose refuse", "Wheelie bin", "Hedge"],
        "Deliberate primary fire": ["Car", "Derelict building", "Shed", "Van", "Dwelling"],
    }
    out = []
    source = [r for r in _street_rows(sources, "Criminal damage and arson") if r["Longitude"]][::10]
    for number, row in enumerate(source, start=1):
        kind = rng.choices([k for k, _ in kinds], [w for _, w in kinds])[0]
        when = _day(rng, row["Month"])
        x, y = to_bng.transform(float(row["Longitude"]), float(row["Latitude"]))
        out.append(
            [
                f"BFRS/{when.year}/{number:05d}",
                when.strftime("%d/%m/%Y"),
                f"{rng.randrange(24):02d}:{rng.randrange(60):02d}",
                kind,
                rng.choice(properties[kind]),
                str(round(x, -1)).removesuffix(".0"),
                str(round(y, -1)).removesuffix(".0"),
                _street(row["Location"]),
            ]
        )
    header = ["Incident number", "Call date", "Call time", "Incident type", "Property type", "Easting", "Northing"]
    return _csv_bytes([*header, "Street"], out)


def asb_example(sources: dict[str, str], csp_of: dict[str, str]) -> bytes:
    """A council ASB log for Central Bedfordshire at real police.uk ASB places (LSOA only)."""
    rng = random.Random(20232)
    types = ["Noise - residential", "Nuisance neighbours", "Youth nuisance", "Vehicle nuisance", "Fly-tipping"]
    actions = [
        "Warning letter sent",
        "Officer visit",
        "Referred to housing provider",
        "Diary sheets issued",
        "No action",
    ]
    source = [r for r in _street_rows(sources, "Anti-social behaviour") if csp_of.get(r["LSOA code"]) == "E22000353"]
    out = []
    for number, row in enumerate(source[::6], start=1):
        when = _day(rng, row["Month"])
        closed = when + timedelta(days=rng.randrange(3, 60))
        kind = rng.choice(types)
        street = _street(row["Location"])
        summary = f"{kind} reported near {street} on {when.strftime('%d/%m/%Y')}; see case CBC-ASB-{number:06d}"
        out.append(
            [
                f"CBC-ASB-{number:06d}",
                when.isoformat(),
                kind,
                row["LSOA code"],
                summary,
                rng.choice(actions),
                closed.isoformat(),
            ]
        )
    header = ["Case reference", "Date reported", "ASB type", "LSOA code", "Summary", "Action taken", "Date closed"]
    return _csv_bytes(header, out)


def ae_example(sources: dict[str, str]) -> bytes:
    """Emergency department assault attendances (Cardiff model) in real violence LSOAs."""
    rng = random.Random(20233)
    places = ["Street", "Licensed premises", "Home", "Public transport", "Work", "Other"]
    weapons = [("None - body", 6), ("Blunt object", 2), ("Glass or bottle", 1), ("Sharp object", 1)]
    source = [r for r in _street_rows(sources, "Violence and sexual offences") if r["LSOA code"]][::25]
    out = []
    for number, row in enumerate(source, start=1):
        when = _day(rng, row["Month"])
        band = rng.randrange(8) * 3
        out.append(
            [
                f"ED-{when.strftime('%y%m')}-{number:05d}",
                when.strftime("%d/%m/%Y"),
                f"{band:02d}:00-{band + 2:02d}:59",
                rng.choice(places),
                rng.choices([w for w, _ in weapons], [n for _, n in weapons])[0],
                row["LSOA code"],
            ]
        )
    header = ["Attendance ref", "Attendance date", "Arrival time band", "Assault location type", "Weapon"]
    return _csv_bytes([*header, "Incident LSOA"], out)


BEDFORD = "E06000055"


def _lines_where(sources: dict[str, str], name: str, keep: Callable[[dict[str, str]], bool]) -> bytes:
    """The header and the lines of a shared CSV whose row `keep` accepts, bytes unchanged."""
    path = SHARED / name
    data = path.read_bytes()
    sources[name] = sha256(data)
    lines = data.splitlines(keepends=True)
    header = next(csv.reader([lines[0].decode("utf-8-sig")]))
    kept = [lines[0]]
    for line in lines[1:]:
        values = next(csv.reader([line.decode("utf-8")]), [])
        if len(values) == len(header) and keep(dict(zip(header, values, strict=True))):
            kept.append(line)
    return b"".join(kept)


def _features(sources: dict[str, str], name: str, keep: Callable[[dict[str, str]], bool]) -> list[dict[str, object]]:
    data = (SHARED / name).read_bytes()
    sources[name] = sha256(data)
    return [f for f in json.loads(data)["features"] if keep(f["properties"])]


def _geojson(features: list[dict[str, object]], crs: str) -> bytes:
    body = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": crs}}, "features": features}
    return (json.dumps(body, separators=(",", ":")) + "\n").encode()


def _to_bng(feature: dict[str, object]) -> dict[str, object]:
    """A feature in British National Grid metres, to the centimetre, as ONS's BGC files are."""
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    shape = shapely.geometry.shape(feature["geometry"])
    moved = shapely.transform(shape, lambda xy: np.round(np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])), 2))
    return {**feature, "geometry": shapely.geometry.mapping(moved)}


def geography_example(sources: dict[str, str]) -> Outputs:
    """A second partnership's area from ONS files alone (docs/geography.md): Bedford.

    Extracts of the shared ONS files for one authority, in the formats ONS publishes; the
    LSOA 2011 boundaries are converted to EPSG:27700, the other common ONS projection."""
    bedford_lsoa21 = {
        r["LSOA21CD"]
        for r in read_csv(SHARED / "lookups" / "bedfordshire_lsoa21_to_lad22_csp.csv")
        if r["LAD22CD"] == BEDFORD
    }
    lsoa21 = [
        {**f, "properties": {k: f["properties"][k] for k in ("LSOA21CD", "LSOA21NM")}}
        for f in _features(sources, "geography/lsoa2021_bedfordshire.geojson", lambda p: p["LAD22CD"] == BEDFORD)
    ]
    lsoa11 = [_to_bng(f) for f in _features(sources, f"geography/lsoa2011_by_lad_{BEDFORD}.geojson", lambda p: True)]
    wards = _features(sources, "geography/wards2023_bedfordshire.geojson", lambda p: p["LAD23CD"] == BEDFORD)
    base = "geography/bedford/"
    return {
        base + "lsoa2021_boundaries.geojson": _geojson(lsoa21, "urn:ogc:def:crs:OGC:1.3:CRS84"),
        base + "lsoa2011_boundaries_bng.geojson": _geojson(lsoa11, "urn:ogc:def:crs:EPSG::27700"),
        base + "wards2023_boundaries.geojson": _geojson(wards, "urn:ogc:def:crs:OGC:1.3:CRS84"),
        base + "LSOA_2011_to_LSOA_2021_lookup.csv": _lines_where(
            sources,
            "lookups/LSOA_2011_to_LSOA_2021_Lookup_for_England_and_Wales.csv",
            lambda r: r["LAD22CD"] == BEDFORD,
        ),
        base + "LSOA_2021_names.csv": _lines_where(
            sources,
            "lookups/lower_layer_super_output_areas_december_2021.csv",
            lambda r: r["LSOA21CD"] in bedford_lsoa21,
        ),
        base + "LAD23_to_CSP23_to_PFA23_lookup.csv": _lines_where(
            sources, "lookups/LAD23_to_CSP23_to_PFA23_lookup.csv", lambda r: r["LAD23CD"] == BEDFORD
        ),
        base + "WD23_to_LAD23_lookup.csv": _lines_where(
            sources, "lookups/WD23_to_LAD23_lookup_UK.csv", lambda r: r["LAD23CD"] == BEDFORD
        ),
        base + "census2021_usual_residents.csv": _lines_where(
            sources, "population/lsoa21_census2021_usual_residents.csv", lambda r: r["LSOA21CD"] in bedford_lsoa21
        ),
        base + "lsoa11_mid2020_estimates.csv": _lines_where(
            sources, "population/lsoa11_mid2020_estimates_EW.csv", lambda r: r["LA Code (2021 boundaries)"] == BEDFORD
        ),
        base + "mid_year_population_MYE4.csv": _lines_where(
            sources, "population/LAD23_mid_year_population_2011_to_2023_MYE4.csv", lambda r: r["Code"] == BEDFORD
        ),
    }


def example_outputs(sources: dict[str, str]) -> Outputs:
    """Worked partner extracts (docs/partner.md): synthetic incidents at real places and months.

    No partner data is public, so each incident takes its place and month from a real
    police.uk row of a matching kind; references, days, times and types are drawn from a
    seeded generator. No person appears in any of them."""
    csp_of = {
        r["LSOA21CD"]: r["CSP23CD"] for r in read_csv(SHARED / "lookups" / "bedfordshire_lsoa21_to_lad22_csp.csv")
    }
    return geography_example(sources) | {
        "partner/fire-deliberate-fires.csv": fire_example(sources),
        "partner/council-asb-log.csv": asb_example(sources, csp_of),
        "partner/ae-assault-attendances.csv": ae_example(sources),
    }


def manifest(sources: dict[str, str], outputs: Outputs, note: str) -> bytes:
    body = {
        "note": note,
        "sources": dict(sorted(sources.items())),
        "outputs": {name: sha256(data) for name, data in sorted(outputs.items())},
    }
    return (json.dumps(body, indent=2) + "\n").encode()


def build() -> dict[Path, bytes]:
    files: dict[Path, bytes] = {}
    for target, make, note in (
        (PACKAGE_DATA, package_outputs, "Bundled real data; see NOTICE. Built by scripts/bundle_data.py."),
        (
            FIXTURES,
            fixture_outputs,
            "Small extracts of real police.uk and Home Office files, and the Near Repeat Calculator's test "
            "inputs and outputs. Built by scripts/bundle_data.py.",
        ),
        (
            EXAMPLES,
            example_outputs,
            "Worked examples: partner extracts (made-up incidents at real police.uk places and months) and one "
            "authority's ONS geography files (extracts of the real ones).",
        ),
    ):
        sources: dict[str, str] = {}
        outputs = make(sources)
        outputs["MANIFEST.json"] = manifest(sources, outputs, note)
        files.update({target / name: data for name, data in outputs.items()})
    return files


def check(files: dict[Path, bytes], same: Callable[[Path, bytes], bool]) -> list[str]:
    return [str(path.relative_to(ROOT)) for path, data in files.items() if not same(path, data)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"bundle_data: {SHARED} not found", file=sys.stderr)
        return 2
    files = build()
    if args.check:
        differ = check(files, lambda path, data: path.is_file() and path.read_bytes() == data)
        for name in differ:
            print(f"bundle_data: {name} differs from what ../shared/data gives", file=sys.stderr)
        print(f"bundle_data: {len(files) - len(differ)} of {len(files)} files match ../shared/data")
        return 1 if differ else 0
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"bundle_data: wrote {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
