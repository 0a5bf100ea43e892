"""Area references as every command writes them: `TYPE:CODE` (DESIGN.md "Areas")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cspkit.errors import UsageError

AREA_TYPES = ("lsoa", "ward", "authority", "csp", "force", "subarea")

_PREFIXES = {
    "lsoa": ("E01", "W01"),
    "ward": ("E05", "W05"),
    "authority": ("E06", "E07", "E08", "E09", "W06"),
    "csp": ("E22", "W14"),
    "force": ("E23", "W15"),
}


@dataclass(frozen=True)
class AreaRef:
    area_type: str
    code: str

    def __str__(self) -> str:
        return f"{self.area_type}:{self.code}"


def _infer(code: str) -> str:
    for area_type, prefixes in _PREFIXES.items():
        if code.upper().startswith(prefixes) and re.fullmatch(r"[EW]\d{8}", code.upper()):
            return area_type
    raise UsageError(f"{code!r} is not an area: write TYPE:CODE (e.g. csp:E22000353) or an ONS code")


def parse_area(text: str) -> AreaRef:
    """Read `TYPE:CODE`, or a bare ONS code whose type its prefix tells."""
    if ":" not in text:
        code = text.strip().upper()
        return AreaRef(_infer(code), code)
    area_type, code = (part.strip() for part in text.split(":", 1))
    if area_type not in AREA_TYPES:
        raise UsageError(f"{text!r}: area type must be one of {', '.join(AREA_TYPES)}")
    if area_type in _PREFIXES and area_type != "force" and _infer(code.upper()) != area_type:
        raise UsageError(f"{text!r}: {code} is not a {area_type} code")
    return AreaRef(area_type, code if area_type in ("force", "subarea") else code.upper())
