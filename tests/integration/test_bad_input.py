"""Each kind of bad input: one line naming file, line and column; exit 2; store untouched."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import POLICEUK, cli, store_listing


def _edit(path: Path, change: Callable[[list[str]], list[str]]) -> Path:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return path


def _cell(lines: list[str], line: int, column: int, value: str) -> list[str]:
    cells = lines[line - 1].split(",")
    cells[column] = value
    lines[line - 1] = ",".join(cells)
    return lines


def wrong_header(folder: Path) -> Path:
    return _edit(
        folder / "2024-04-bedfordshire-street.csv", lambda lines: [lines[0].replace("Longitude", "Lon"), *lines[1:]]
    )


def missing_header(folder: Path) -> Path:
    return _edit(folder / "2024-04-bedfordshire-outcomes.csv", lambda lines: lines[1:])


def truncated(folder: Path) -> Path:
    path = folder / "2024-04-bedfordshire-street.csv"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 70])  # a download cut off part-way through the last row
    return path


def non_numeric_coordinate(folder: Path) -> Path:
    return _edit(folder / "2024-04-bedfordshire-street.csv", lambda lines: _cell(lines, 40, 5, "52.1x"))


def unknown_category(folder: Path) -> Path:
    return _edit(folder / "2024-04-bedfordshire-street.csv", lambda lines: _cell(lines, 17, 9, "Burglery"))


def empty_file(folder: Path) -> Path:
    path = folder / "2024-04-bedfordshire-stop-and-search.csv"
    path.write_bytes(b"")
    return path


def bad_month(folder: Path) -> Path:
    return _edit(folder / "2024-04-bedfordshire-outcomes.csv", lambda lines: _cell(lines, 9, 1, "April 2024"))


def bad_boolean(folder: Path) -> Path:
    return _edit(folder / "2024-04-bedfordshire-stop-and-search.csv", lambda lines: _cell(lines, 5, 2, "maybe"))


CASES = {
    # name: (damage, line, column, words the message must contain)
    "wrong header": (wrong_header, 1, "Lon", "expected 'Longitude'"),
    "missing header": (missing_header, 1, None, "header is missing"),
    "truncated file": (truncated, None, None, "truncated"),
    "non-numeric coordinate": (non_numeric_coordinate, 40, "Latitude", "'52.1x' is not a number"),
    "unknown category": (unknown_category, 17, "Crime type", "'Burglery' is not a police.uk crime type"),
    "empty file": (empty_file, None, None, "the file is empty"),
    "bad month": (bad_month, 9, "Month", "not a month"),
    "bad true/false": (bad_boolean, 5, "Part of a policing operation", "not True, False or empty"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_with_file_line_and_column(case: str, workspace: Path, month_copy: Path) -> None:
    damage, line, column, words = CASES[case]
    assert cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-03")).code == 0
    before = store_listing(workspace), cli(workspace, "status", "--format", "json").stdout
    path = damage(month_copy / "2024-04")
    result = cli(workspace, "ingest", "policeuk", str(month_copy / "2024-04"))
    assert result.code == 2
    message = result.stderr.strip()
    assert "\n" not in message
    assert "Traceback" not in message
    assert message.startswith(f"cspkit: error: {path}")
    if line is not None:
        assert f", line {line}" in message
    if case == "truncated file":
        last_line = len(path.read_bytes().splitlines())
        assert f", line {last_line}" in message
    if column is not None:
        assert f"column '{column}'" in message
    assert words in message
    assert (store_listing(workspace), cli(workspace, "status", "--format", "json").stdout) == before


def test_foreign_zip_member_leaves_store_untouched(workspace: Path, tmp_path: Path) -> None:
    assert cli(workspace, "ingest", "policeuk", str(POLICEUK / "2024-03")).code == 0
    before = store_listing(workspace)
    archive = tmp_path / "2024-04.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted((POLICEUK / "2024-04").glob("*.csv")):
            out.write(path, f"2024-04/{path.name}")
        out.writestr("2024-04/readme.pdf", b"%PDF")
    result = cli(workspace, "ingest", "policeuk", str(archive))
    assert result.code == 2
    assert f"{archive}!2024-04/readme.pdf" in result.stderr
    assert store_listing(workspace) == before


def test_missing_path_and_unknown_force(workspace: Path, tmp_path: Path) -> None:
    missing = cli(workspace, "ingest", "policeuk", str(tmp_path / "nowhere.csv"))
    assert missing.code == 2
    assert "no such file" in missing.stderr
    bad_force = cli(workspace, "ingest", "policeuk", "--force", "gotham", str(POLICEUK / "2024-03"))
    assert bad_force.code == 2
    assert "'gotham' is not a police.uk force" in bad_force.stderr


def test_line_numbers_count_quoted_newlines(workspace: Path, month_copy: Path) -> None:
    """A quoted value spanning two lines shifts every later row down a line; messages follow."""
    path = month_copy / "2024-04" / "2024-04-bedfordshire-street.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[4].split(",")
    cells[6] = '"On or near\nHigh Street"'
    lines[4] = ",".join(cells)
    lines = _cell(lines, 10, 9, "Burglery")  # the 10th physical line before the change
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(workspace, "ingest", "policeuk", str(path))
    assert result.code == 2
    assert f"{path}, line 11, column 'Crime type'" in result.stderr
