"""police.uk files in every form a person has them: CSVs, month folders, trees, zips."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from tests.helpers import POLICEUK, cli, fixture

ROWS = 300  # each fixture file holds the first 300 rows of the real month


def _datasets(workspace: Path) -> dict[str, int]:
    status = cli(workspace, "status", "--format", "json").json()
    return {name: info["rows"] for name, info in status["datasets"].items()}


def test_single_csv(workspace: Path) -> None:
    result = cli(workspace, "ingest", "policeuk", str(fixture("2024-03", "street")))
    assert result.code == 0, result.stderr
    assert _datasets(workspace) == {"street": ROWS}


def test_month_folder_and_tree(workspace: Path, tmp_path: Path) -> None:
    assert cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-03")).code == 0
    assert _datasets(workspace) == {"street": ROWS, "outcomes": ROWS, "stop-and-search": ROWS}
    other = tmp_path / "other"
    assert cli(other, "ingest", "policeuk", str(POLICEUK)).code == 0
    status = cli(other, "status", "--format", "json").json()
    assert status["datasets"]["street"]["months"] == 2


def _archive(path: Path, extra: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for csv in sorted(POLICEUK.rglob("*.csv")):
            archive.write(csv, f"{csv.parent.name}/{csv.name}")
        for name, data in extra.items():
            archive.writestr(name, data)
    return path


def test_archive_zip_ignores_macos_and_dot_files(workspace: Path, tmp_path: Path) -> None:
    archive = _archive(
        tmp_path / "latest.zip",
        {"__MACOSX/2024-03/._2024-03-bedfordshire-street.csv": b"junk", "2024-03/.DS_Store": b"junk"},
    )
    result = cli(workspace, "ingest", "policeuk", str(archive))
    assert result.code == 0, result.stderr
    assert _datasets(workspace) == {"street": 2 * ROWS, "outcomes": 2 * ROWS, "stop-and-search": 2 * ROWS}


def test_foreign_zip_member_is_refused_unless_skipped(workspace: Path, tmp_path: Path) -> None:
    archive = _archive(tmp_path / "latest.zip", {"2024-03/notes.txt": b"analyst's notes"})
    refused = cli(workspace, "ingest", "policeuk", str(archive))
    assert refused.code == 2
    assert "latest.zip!2024-03/notes.txt" in refused.stderr
    assert "--skip-unknown" in refused.stderr
    assert not (workspace / "store").exists()
    assert cli(workspace, "ingest", "policeuk", "--skip-unknown", str(archive)).code == 0
    assert _datasets(workspace)["street"] == 2 * ROWS


def test_dataset_told_by_header_and_force_by_falls_within(workspace: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "crimes.csv"
    shutil.copy(fixture("2024-03", "outcomes"), renamed)
    result = cli(workspace, "ingest", "policeuk", str(renamed))
    assert result.code == 0, result.stderr
    status = cli(workspace, "status", "--format", "json").json()
    assert status["datasets"]["outcomes"]["forces"] == ["bedfordshire"]


def test_stop_and_search_without_a_police_uk_name_needs_a_force(workspace: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "searches.csv"
    shutil.copy(fixture("2024-03", "stop-and-search"), renamed)
    refused = cli(workspace, "ingest", "policeuk", str(renamed))
    assert refused.code == 2
    assert "--force" in refused.stderr
    assert cli(workspace, "ingest", "policeuk", "--force", "bedfordshire", str(renamed)).code == 0
    months = cli(workspace, "counts", "--dataset", "stop-and-search", "--by", "month", "--format", "json").json()
    # Dated in UTC, counted in the UK month: searches just before midnight BST stay in March.
    assert {row["month"] for row in months} <= {"2024-02", "2024-03"}


def test_2011_era_categories_and_2011_lsoa_codes(workspace: Path, tmp_path: Path) -> None:
    """A 2012 file: "Public disorder and weapons" and 2011 LSOA codes, split ones included."""
    from cspkit.geography.tables import load_geography

    geo = load_geography()
    parent_of = {child: old for old, children in geo.lsoa11_children.items() for child in children if len(children) > 1}
    lines = fixture("2024-03", "street").read_text(encoding="utf-8").splitlines()
    era = {
        "Public order": "Public disorder and weapons",
        "Possession of weapons": "Public disorder and weapons",
        "Violence and sexual offences": "Violent crime",
        "Bicycle theft": "Other theft",
        "Theft from the person": "Other theft",
    }
    out = [lines[0]]
    for line in lines[1:]:
        cells = line.split(",")
        cells[1] = "2012-06"
        cells[7] = parent_of.get(cells[7], cells[7])  # split 2021 children back to their 2011 parent
        cells[9] = era.get(cells[9], cells[9])
        out.append(",".join(cells))
    path = tmp_path / "2012-06-bedfordshire-street.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    assert (
        sum(
            1
            for c in (line.split(",")[7] for line in out[1:])
            if c in geo.lsoa11_children and len(geo.lsoa11_children[c]) > 1
        )
        > 0
    )
    result = cli(workspace, "ingest", "policeuk", str(path))
    assert result.code == 0, result.stderr
    rows = cli(workspace, "counts", "--by", "category,assign_method", "--format", "json").json()
    categories = {row["category"] for row in rows}
    assert "Public disorder and weapons" in categories
    assert "Public order" not in categories
    methods = {row["assign_method"] for row in rows}
    assert {"code", "code+pip"} <= methods
    status = cli(workspace, "status", "--format", "json").json()
    assert status["datasets"]["street"]["lsoa_vintage"] == {"2011": 1}


def test_mixed_vintage_is_refused_unless_allowed(workspace: Path, tmp_path: Path) -> None:
    from cspkit.geography.tables import load_geography

    geo = load_geography()
    split = sorted(old for old, children in geo.lsoa11_children.items() if len(children) > 1)[0]
    new_only = sorted(c for c in geo.lsoa21_name if c.startswith("E0103") and not geo.is_lsoa11(c))[0]
    lines = fixture("2024-03", "street").read_text(encoding="utf-8").splitlines()
    first, second = lines[1].split(","), lines[2].split(",")
    first[7], second[7] = split, new_only
    path = tmp_path / "2024-03-bedfordshire-street.csv"
    path.write_text("\n".join([lines[0], ",".join(first), ",".join(second)]) + "\n", encoding="utf-8")
    refused = cli(workspace, "ingest", "policeuk", str(path))
    assert refused.code == 2
    assert f"{path}, line 2, column 'LSOA code'" in refused.stderr
    assert "--allow-mixed-vintage" in refused.stderr
    assert cli(workspace, "ingest", "policeuk", "--allow-mixed-vintage", str(path)).code == 0
    status = cli(workspace, "status", "--format", "json").json()
    assert status["datasets"]["street"]["lsoa_vintage"] == {"mixed": 1}
