"""ONS geography files as cspkit's geography tables: boundaries, lookups and population.

Each file is recognised by its GeoJSON properties or CSV header, as ONS publishes them
(the formats in `shared/data`), and becomes one table with the same name and columns as
the bundled one (`cspkit/data/<name>.parquet`). Boundaries are stored as WKB in lon/lat;
a file in British National Grid (EPSG:27700) is converted on the way in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from cspkit.errors import InputError, Where

# The key of each table: a row from a later file replaces an earlier row with the same key.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "geography/lsoa11": ("code",),
    "geography/lsoa21": ("code",),
    "geography/wards": ("code",),
    "lookups/lsoa21": ("lsoa21",),
    "lookups/lsoa11_to_lsoa21": ("lsoa11",),
    "lookups/authority_csp_force": ("authority",),
    "lookups/wards": ("code",),
    "population/lsoa21_census2021": ("lsoa21",),
    "population/lsoa11_mid2020": ("lsoa11",),
    "population/authority_mid_year": ("code", "mid_year"),
}

SCHEMAS: dict[str, pa.Schema] = {
    "geography/lsoa11": pa.schema([("code", pa.string()), ("name", pa.string()), ("geometry", pa.binary())]),
    "geography/lsoa21": pa.schema(
        [("code", pa.string()), ("name", pa.string()), ("authority", pa.string()), ("geometry", pa.binary())]
    ),
    "geography/wards": pa.schema(
        [("code", pa.string()), ("name", pa.string()), ("authority", pa.string()), ("geometry", pa.binary())]
    ),
    "lookups/lsoa21": pa.schema([("lsoa21", pa.string()), ("name", pa.string()), ("authority", pa.string())]),
    "lookups/lsoa11_to_lsoa21": pa.schema(
        [("lsoa11", pa.string()), ("lsoa21", pa.string()), ("authority", pa.string())]
    ),
    "lookups/authority_csp_force": pa.schema(
        [
            ("authority", pa.string()),
            ("authority_name", pa.string()),
            ("csp", pa.string()),
            ("csp_name", pa.string()),
            ("force_area", pa.string()),
            ("force_area_name", pa.string()),
        ]
    ),
    "lookups/wards": pa.schema([("code", pa.string()), ("name", pa.string()), ("authority", pa.string())]),
    "population/lsoa21_census2021": pa.schema([("lsoa21", pa.string()), ("usual_residents", pa.int64())]),
    "population/lsoa11_mid2020": pa.schema([("lsoa11", pa.string()), ("all_ages", pa.int64())]),
    "population/authority_mid_year": pa.schema(
        [("code", pa.string()), ("geography", pa.string()), ("mid_year", pa.int16()), ("population", pa.int64())]
    ),
}

_CODE_PATTERNS = {
    "LSOA": re.compile(r"[EW]01\d{6}"),
    "WD": re.compile(r"[EW]05\d{6}"),
    "LAD": re.compile(r"[EW]0[6-9]\d{6}"),
    "CSP": re.compile(r"E22\d{6}|W14\d{6}"),
    "PFA": re.compile(r"E23\d{6}|W15\d{6}"),
}
_GB_LONLAT = (-9.0, 49.0, 2.5, 61.5)  # west, south, east, north: Great Britain and a margin


@dataclass(frozen=True)
class GeographyTable:
    """One input file read into one of cspkit's geography tables."""

    name: str  # a key of TABLE_KEYS
    kind: str  # what the file is, in words
    table: pa.Table


def _check_code(where: Where, value: str, family: str) -> str:
    value = value.strip()
    if not _CODE_PATTERNS[family].fullmatch(value):
        raise InputError(where, f"{value!r} is not a {family} code")
    return value


def _count(where: Where, value: str) -> int:
    text = value.strip().replace(",", "")
    if not text.isdigit():
        raise InputError(where, f"{value!r} is not a whole number")
    return int(text)


# --- Boundaries --------------------------------------------------------------------------

_SHAPE_KINDS = (
    (re.compile(r"LSOA11CD"), "geography/lsoa11", "LSOA 2011 boundaries", "LSOA"),
    (re.compile(r"LSOA21CD"), "geography/lsoa21", "LSOA 2021 boundaries", "LSOA"),
    (re.compile(r"WD\d\dCD"), "geography/wards", "ward boundaries", "WD"),
)


def _crs(path: str, document: dict[str, Any], first: tuple[float, float] | None) -> str:
    """'bng' or 'wgs84': from the legacy `crs` member, else from the size of the numbers."""
    crs = document.get("crs")
    if isinstance(crs, dict):
        name = str((crs.get("properties") or {}).get("name", ""))
        if re.search(r"(EPSG:{1,2}|EPSG/0/)27700$", name):
            return "bng"
        if name.endswith(("CRS84", "EPSG::4326", "EPSG:4326", "EPSG/0/4326")):
            return "wgs84"
        raise InputError(
            Where(path, column="crs", label="member"),
            f"coordinate system {name!r} is not one cspkit reads: use EPSG:4326 (lon/lat) or EPSG:27700",
        )
    if first is not None and (abs(first[0]) > 180 or abs(first[1]) > 90):
        return "bng"
    return "wgs84"


def _first_xy(geometry: dict[str, Any]) -> tuple[float, float] | None:
    coordinates: Any = geometry.get("coordinates")
    while isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], list):
        coordinates = coordinates[0]
    if isinstance(coordinates, list) and len(coordinates) >= 2:
        return float(coordinates[0]), float(coordinates[1])
    return None


def read_boundaries(path: str, data: bytes) -> GeographyTable:
    """LSOA 2011, LSOA 2021 or ward boundaries from an ONS GeoJSON FeatureCollection."""
    import shapely
    import shapely.geometry

    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(Where(path), f"not GeoJSON: {error}") from None
    features = document.get("features") if isinstance(document, dict) else None
    if document.get("type") != "FeatureCollection" or not isinstance(features, list) or not features:
        raise InputError(Where(path), "not a GeoJSON FeatureCollection with features")
    properties = features[0].get("properties") or {}
    found = [
        (key, name, kind, family)
        for pattern, name, kind, family in _SHAPE_KINDS
        for key in properties
        if pattern.fullmatch(key)
    ]
    if not found:
        raise InputError(
            Where(path),
            "no LSOA11CD, LSOA21CD or WDyyCD property: cspkit reads ONS LSOA 2011, LSOA 2021 and ward boundaries",
        )
    code_key, name, kind, family = found[0]
    name_key = code_key[:-2] + "NM"
    authority_key = next((key for key in properties if re.fullmatch(r"LAD\d\dCD", key)), None)
    crs = _crs(path, document, _first_xy(features[0].get("geometry") or {}))
    codes: list[str] = []
    names: list[str] = []
    authorities: list[str] = []
    shapes: list[Any] = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        where = Where(path, column=code_key, label=f"property (feature {number})")
        codes.append(_check_code(where, str(props.get(code_key, "")), family))
        names.append(str(props.get(name_key) or ""))
        authority = str(props.get(authority_key) or "").strip() if authority_key else ""
        if authority:
            _check_code(Where(path, column=authority_key, label=f"property (feature {number})"), authority, "LAD")
        authorities.append(authority)
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise InputError(
                Where(path, column="geometry", label=f"member (feature {number})"),
                f"{codes[-1]} has a {geometry.get('type')!r} geometry: boundaries must be Polygon or MultiPolygon",
            )
        try:
            shapes.append(shapely.geometry.shape(geometry))
        except (ValueError, TypeError, IndexError, AttributeError) as error:
            raise InputError(
                Where(path, column="geometry", label=f"member (feature {number})"),
                f"{codes[-1]}: unreadable coordinates ({error})",
            ) from None
    geometries = shapely.force_2d(shapely.from_wkb(shapely.to_wkb(shapes)))
    if crs == "bng" and max(abs(v) for v in shapely.total_bounds(geometries)) < 1000:
        raise InputError(
            Where(path, column="crs", label="member"),
            "the file says EPSG:27700 (metres) but its coordinates look like degrees",
        )
    if crs == "bng":
        from cspkit.geography.tables import from_bng

        transformer = from_bng()
        geometries = shapely.transform(geometries, lambda xy: _stack(transformer.transform(xy[:, 0], xy[:, 1])))
    west, south, east, north = shapely.total_bounds(geometries)
    if west < _GB_LONLAT[0] or south < _GB_LONLAT[1] or east > _GB_LONLAT[2] or north > _GB_LONLAT[3]:
        raise InputError(
            Where(path),
            f"the boundaries lie outside Great Britain as {'EPSG:27700' if crs == 'bng' else 'lon/lat'} "
            "(is the coordinate system right?)",
        )
    duplicate = _first_duplicate(codes)
    if duplicate:
        raise InputError(Where(path, column=code_key, label="property"), f"{duplicate} appears more than once")
    columns: dict[str, list[Any]] = {"code": codes, "name": names}
    if "authority" in SCHEMAS[name].names:
        columns["authority"] = authorities
    columns["geometry"] = list(shapely.to_wkb(geometries, output_dimension=2))
    return GeographyTable(name, kind, pa.table(columns, schema=SCHEMAS[name]))


def _stack(xy: tuple[Any, Any]) -> Any:
    import numpy as np

    return np.column_stack(xy)


def _first_duplicate(values: list[str]) -> str:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return ""


# --- Lookups and population (CSV) -------------------------------------------------------

Rows = Iterator[tuple[int, dict[str, str]]]


def _rows(path: str, text: str) -> tuple[list[str], Callable[[str], Rows]]:
    """The header, and the data rows keyed by a code column.

    ONS tables may end in footnotes after an empty row: reading stops at the first row
    with every field empty. A data row with its code column empty is an error."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header

    def rows(key: str) -> Rows:
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                raise InputError(
                    Where(path, reader.line_num), f"the number of fields differs from the header's {len(header)}"
                )
            if not any(value.strip() for value in row.values()):
                return
            if not row[key].strip():
                raise InputError(Where(path, reader.line_num, key), "empty code")
            yield reader.line_num, row

    return header, rows


def _matching(header: list[str], pattern: str) -> str | None:
    return next((name for name in header if re.fullmatch(pattern, name)), None)


def _lsoa11_to_lsoa21(path: str, header: list[str], rows: Callable[[str], Rows]) -> GeographyTable:
    lad = _matching(header, r"LAD\d\dCD") or ""
    out: dict[str, list[Any]] = {"lsoa11": [], "lsoa21": [], "authority": []}
    for line, row in rows("LSOA11CD"):
        out["lsoa11"].append(_check_code(Where(path, line, "LSOA11CD"), row["LSOA11CD"], "LSOA"))
        out["lsoa21"].append(_check_code(Where(path, line, "LSOA21CD"), row["LSOA21CD"], "LSOA"))
        out["authority"].append(_check_code(Where(path, line, lad), row[lad], "LAD"))
    return GeographyTable(
        "lookups/lsoa11_to_lsoa21", "LSOA 2011 to 2021 lookup", _table("lookups/lsoa11_to_lsoa21", out)
    )


def _lsoa21_lookup(path: str, header: list[str], rows: Callable[[str], Rows]) -> GeographyTable:
    lad = _matching(header, r"LAD\d\dCD") or ""
    out: dict[str, list[Any]] = {"lsoa21": [], "name": [], "authority": []}
    for line, row in rows("LSOA21CD"):
        out["lsoa21"].append(_check_code(Where(path, line, "LSOA21CD"), row["LSOA21CD"], "LSOA"))
        out["name"].append(row["LSOA21NM"].strip())
        out["authority"].append(_check_code(Where(path, line, lad), row[lad], "LAD"))
    return GeographyTable("lookups/lsoa21", "LSOA 2021 to authority lookup", _table("lookups/lsoa21", out))


def lsoa21_names(path: str, rows: Callable[[str], Rows], authority_of: Callable[[str, str], str]) -> GeographyTable:
    """ONS's LSOA 2021 names list; the authority comes from `authority_of(code, name)`."""
    out: dict[str, list[Any]] = {"lsoa21": [], "name": [], "authority": []}
    for line, row in rows("LSOA21CD"):
        code = _check_code(Where(path, line, "LSOA21CD"), row["LSOA21CD"], "LSOA")
        name = row["LSOA21NM"].strip()
        out["lsoa21"].append(code)
        out["name"].append(name)
        out["authority"].append(authority_of(code, name))
    return GeographyTable("lookups/lsoa21", "LSOA 2021 names", _table("lookups/lsoa21", out))


def authority_from_name(authority_by_name: dict[str, str]) -> Callable[[str, str], str]:
    """ONS names every LSOA after its authority ("Bedford 001F"): the name tells the authority."""

    def authority_of(_code: str, name: str) -> str:
        return authority_by_name.get(re.sub(r"\s+\d{3}[A-Z]$", "", name), "")

    return authority_of


def _hierarchy(path: str, header: list[str], rows: Callable[[str], Rows]) -> GeographyTable:
    keys = {
        "authority": _matching(header, r"LAD\d\dCD") or "",
        "authority_name": _matching(header, r"LAD\d\dNM") or "",
        "csp": _matching(header, r"CSP\d\dCD") or "",
        "csp_name": _matching(header, r"CSP\d\dNM") or "",
        "force_area": _matching(header, r"PFA\d\dCD") or "",
        "force_area_name": _matching(header, r"PFA\d\dNM") or "",
    }
    families = {"authority": "LAD", "csp": "CSP", "force_area": "PFA"}
    out: dict[str, list[Any]] = {column: [] for column in keys}
    for line, row in rows(keys["authority"]):
        for column, source in keys.items():
            value = row[source].strip()
            if column in families:
                value = _check_code(Where(path, line, source), value, families[column])
            elif not value:
                raise InputError(Where(path, line, source), "empty name")
            out[column].append(value)
    return GeographyTable(
        "lookups/authority_csp_force",
        "authority to CSP to police force area lookup",
        _table("lookups/authority_csp_force", out),
    )


def _wards_lookup(path: str, header: list[str], rows: Callable[[str], Rows]) -> GeographyTable:
    ward, ward_name = _matching(header, r"WD\d\dCD") or "", _matching(header, r"WD\d\dNM") or ""
    lad = _matching(header, r"LAD\d\dCD") or ""
    out: dict[str, list[Any]] = {"code": [], "name": [], "authority": []}
    for line, row in rows(ward):
        code = row[ward].strip()
        if code[:1] not in ("E", "W"):
            continue  # Scottish and Northern Irish wards: no CSPs there
        out["code"].append(_check_code(Where(path, line, ward), code, "WD"))
        out["name"].append(row[ward_name].strip())
        out["authority"].append(_check_code(Where(path, line, lad), row[lad], "LAD"))
    return GeographyTable("lookups/wards", "ward to authority lookup", _table("lookups/wards", out))


def _census(path: str, header: list[str], rows: Callable[[str], Rows]) -> GeographyTable:
    out: dict[str, list[Any]] = {"lsoa21": [], "usual_residents": []}
    for line, row in rows("LSOA21CD"):
        out["lsoa21"].append(_check_code(Where(path, line, "LSOA21CD"), row["LSOA21CD"], "LSOA"))
        out["usual_residents"].append(_count(Where(path, line, "Population"), row["Population"]))
    return GeographyTable(
        "population/lsoa21_census2021",
        "Census 2021 usual residents by LSOA",
        _table("population/lsoa21_census2021", out),
    )


def _mid2020(path: str, header: list[str], rows: Callable[[str], Rows]) -> GeographyTable:
    out: dict[str, list[Any]] = {"lsoa11": [], "all_ages": []}
    for line, row in rows("LSOA Code"):
        out["lsoa11"].append(_check_code(Where(path, line, "LSOA Code"), row["LSOA Code"], "LSOA"))
        out["all_ages"].append(_count(Where(path, line, "All Ages"), row["All Ages"]))
    return GeographyTable(
        "population/lsoa11_mid2020", "mid-2020 population by LSOA 2011", _table("population/lsoa11_mid2020", out)
    )


def _mid_year(path: str, header: list[str], rows: Callable[[str], Rows]) -> GeographyTable:
    years = [(name, int(name[4:])) for name in header if re.fullmatch(r"Mid-\d{4}", name)]
    out: dict[str, list[Any]] = {"code": [], "geography": [], "mid_year": [], "population": []}
    for line, row in rows("Code"):
        code = row["Code"].strip()
        if not re.fullmatch(r"[A-Z]\d{8}", code):
            raise InputError(Where(path, line, "Code"), f"{code!r} is not an ONS area code")
        for column, year in years:
            out["code"].append(code)
            out["geography"].append(row["Geography"].strip())
            out["mid_year"].append(year)
            out["population"].append(_count(Where(path, line, column), row[column]))
    return GeographyTable(
        "population/authority_mid_year",
        "mid-year population estimates by area",
        _table("population/authority_mid_year", out),
    )


def _table(name: str, columns: dict[str, list[Any]]) -> pa.Table:
    return pa.table(columns, schema=SCHEMAS[name])


def _csv_kind(header: list[str]) -> str:
    has = set(header).__contains__
    if has("LSOA11CD") and has("LSOA21CD") and _matching(header, r"LAD\d\dCD"):
        return "lsoa11_to_lsoa21"
    if has("LSOA21CD") and has("Population"):
        return "census"
    if has("LSOA21CD") and has("LSOA21NM"):
        return "lsoa21_lookup" if _matching(header, r"LAD\d\dCD") else "lsoa21_names"
    if all(_matching(header, pattern) for pattern in (r"LAD\d\dCD", r"CSP\d\dCD", r"PFA\d\dCD")):
        return "hierarchy"
    if _matching(header, r"WD\d\dCD") and _matching(header, r"LAD\d\dCD"):
        return "wards"
    if has("LSOA Code") and has("All Ages"):
        return "mid2020"
    if has("Code") and has("Geography") and _matching(header, r"Mid-\d{4}"):
        return "mid_year"
    return ""


_CSV_READERS = {
    "lsoa11_to_lsoa21": _lsoa11_to_lsoa21,
    "lsoa21_lookup": _lsoa21_lookup,
    "hierarchy": _hierarchy,
    "wards": _wards_lookup,
    "census": _census,
    "mid2020": _mid2020,
    "mid_year": _mid_year,
}

CSV_FORMATS = (
    "ONS LSOA 2011 to 2021 lookup (LSOA11CD, LSOA21CD, LADyyCD); "
    "LSOA 2021 names (LSOA21CD, LSOA21NM) or lookup (… LADyyCD); "
    "authority to CSP to police force area lookup (LADyyCD, CSPyyCD, PFAyyCD); "
    "ward to authority lookup (WDyyCD, LADyyCD); "
    "Census 2021 usual residents (LSOA21CD, Population); "
    "mid-2020 LSOA population (LSOA Code, All Ages); "
    "mid-year estimates (Code, Geography, Mid-YYYY…)"
)


def read_table_csv(path: str, data: bytes, authority_of: Callable[[str, str], str] | None = None) -> GeographyTable:
    """An ONS lookup or population CSV, recognised by its header."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(Where(path), f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    header, rows = _rows(path, text)
    kind = _csv_kind(header)
    if not kind and {"LSOA Code", "Local authority code", "Police_force"} <= set(header):
        raise InputError(
            Where(path, 1),
            "this LSOA 2011 to authority and police force table has no LSOA 2021 codes and pre-2019 "
            "authorities; use ONS's LSOA 2011 to 2021 lookup (LSOA11CD, LSOA21CD, LADyyCD) instead",
        )
    if not kind:
        raise InputError(Where(path, 1), f"not an ONS geography table cspkit reads; it reads: {CSV_FORMATS}")
    if kind == "lsoa21_names":
        return lsoa21_names(path, rows, authority_of or (lambda _code, _name: ""))
    table = _CSV_READERS[kind](path, header, rows)
    if table.table.num_rows == 0:
        raise InputError(Where(path), f"the {table.kind} holds no rows")
    return table
