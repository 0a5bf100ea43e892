"""The real data shipped inside the package (see NOTICE and data/MANIFEST.json)."""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

POLICEUK_ARCHIVE = "policeuk/bedfordshire-2021-05-to-2024-04.zip"
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(police.uk, ONS). Contains OS data © Crown copyright and database right."
)


def package_file(name: str) -> Traversable:
    return files("cspkit").joinpath("data", *name.split("/"))


def package_path(name: str) -> Path:
    """A bundled file as a real path (the package is always installed unzipped)."""
    return Path(str(package_file(name)))


def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(package_file("MANIFEST.json").read_text(encoding="utf-8"))
    return data
