"""Find the police.uk files in what a person points at: CSVs, month folders, trees, zips.

Inside folders and zips, files named as police.uk names them are read; `__MACOSX/`,
dot-files and folder entries are passed over; anything else is an error naming it, unless
the caller asks to skip unknown files. A CSV named on the command line is read whatever its
name: its header says what it is.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cspkit.errors import InputError, Where

POLICEUK_NAME = re.compile(r"^(\d{4}-\d{2})-([a-z0-9-]+?)-(street|outcomes|stop-and-search)\.csv$")


@dataclass(frozen=True)
class Member:
    """One file to read, wherever it lies; `label` is how errors and the catalogue name it."""

    label: str
    filename: str
    read: Callable[[], bytes]

    @property
    def named(self) -> tuple[str, str, str] | None:
        """(month, force slug, dataset) from a police.uk file name, else None."""
        match = POLICEUK_NAME.match(self.filename)
        return (match[1], match[2], match[3]) if match else None


def _ignored(parts: tuple[str, ...]) -> bool:
    return any(part == "__MACOSX" or part.startswith(".") for part in parts)


def _zip_members(path: Path, skip_unknown: bool) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise InputError(Where(str(path)), f"not a readable zip archive ({error})") from error
    for info in sorted(archive.infolist(), key=lambda item: item.filename):
        inner = PurePosixPath(info.filename)
        if info.is_dir() or _ignored(inner.parts):
            continue
        if not POLICEUK_NAME.match(inner.name):
            if skip_unknown:
                continue
            raise InputError(
                Where(f"{path}!{info.filename}"),
                "not a police.uk file (YYYY-MM-<force>-street|outcomes|stop-and-search.csv); "
                "pass --skip-unknown to pass over it",
            )

        def read(name: str = info.filename) -> bytes:
            with zipfile.ZipFile(path) as again:
                return again.read(name)

        yield Member(f"{path}!{info.filename}", inner.name, read)


def _folder_members(root: Path, skip_unknown: bool) -> Iterator[Member]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_dir() or _ignored(relative.parts):
            continue
        if path.suffix.lower() == ".zip":
            yield from _zip_members(path, skip_unknown)
        elif POLICEUK_NAME.match(path.name):
            yield Member(str(path), path.name, path.read_bytes)
        elif not skip_unknown:
            raise InputError(
                Where(str(path)),
                "not a police.uk file (YYYY-MM-<force>-street|outcomes|stop-and-search.csv); "
                "pass --skip-unknown to pass over it",
            )


def discover(paths: list[Path], skip_unknown: bool = False) -> list[Member]:
    """Every file to read, in a stable order; fails before anything is read if one is wrong."""
    members: list[Member] = []
    for path in paths:
        if not path.exists():
            raise InputError(Where(str(path)), "no such file or folder")
        if path.is_dir():
            members.extend(_folder_members(path, skip_unknown))
        elif path.suffix.lower() == ".zip":
            members.extend(_zip_members(path, skip_unknown))
        else:
            members.append(Member(str(path), path.name, path.read_bytes))
    return members
