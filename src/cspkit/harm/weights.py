"""Harm weights: days of imprisonment per offence, by police.uk category or ONS offence group.

The default is the Cambridge Crime Harm Index (Sherman, Neyroud & Neyroud 2016, Policing
10(3):171-183): the Sentencing Council's starting point for a first offender, in days. The
bundled figures are a third party's aggregation of the CCHI to police.uk categories and to
recorded-crime subgroups (isthisben/cbl-realcrime), so they are second-hand: a partnership
can replace them with a CSV of its own (`--weights FILE`, columns `category,weight`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from cspkit.bundle import package_path
from cspkit.errors import InputError, Where

CCHI_CITATION = (
    "Cambridge Crime Harm Index days (Sherman, Neyroud & Neyroud 2016), aggregated to police.uk "
    "categories and recorded-crime subgroups by isthisben/cbl-realcrime (second-hand; replaceable)"
)
ASB_NOTE = (
    "Anti-social behaviour is not a notifiable crime and has no CCHI weight: it is left out of harm "
    "totals unless --asb-weight gives it one"
)
# ONS offence groups (Table C2) that are themselves recorded-crime subgroups of the CCHI table.
_ONS_GROUP_SUBGROUPS = {
    "Homicide": ("Homicide",),
    "Death or serious injury caused by illegal driving": ("Death or serious injury - unlawful driving",),
    "Violence with injury": ("Violence with injury",),
    "Violence without injury": ("Violence without injury",),
    "Stalking and harassment": ("Stalking and harassment",),
    "Sexual offences": ("Rape offences", "Other sexual offences"),
    "Robbery": ("Robbery of business property", "Robbery of personal property"),
    "Residential burglary": ("Residential burglary",),
    "Non-residential burglary": ("Non-residential burglary",),
    "Vehicle offences": ("Vehicle offences",),
    "Theft from the person": ("Theft from the person",),
    "Bicycle theft": ("Bicycle theft",),
    "Shoplifting": ("Shoplifting",),
    "All other theft offences": ("Other theft offences",),
    "Criminal damage and arson": ("Criminal damage", "Arson"),
    "Drug offences": ("Possession of drugs", "Trafficking of drugs"),
    "Possession of weapons offences": ("Possession of weapons offences",),
    "Public order offences": ("Public order offences",),
    "Miscellaneous crimes against society": ("Miscellaneous crimes against society",),
}


@dataclass(frozen=True)
class HarmWeights:
    """Days per offence, keyed by the label the counts use (category or offence group)."""

    source: str
    days: dict[str, float]


def _read(name: str, data: bytes, key: str, value: str) -> dict[str, float]:
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    fields = reader.fieldnames or []
    for wanted in (key, value):
        if wanted not in fields:
            raise InputError(Where(name, 1, wanted), f"no such column (found {', '.join(fields) or 'none'})")
    days: dict[str, float] = {}
    for row in reader:
        line = reader.line_num
        label = (row.get(key) or "").strip()
        if not label:
            raise InputError(Where(name, line, key), "empty")
        try:
            weight = float(row.get(value) or "")
        except ValueError:
            raise InputError(Where(name, line, value), f"{row.get(value)!r} is not a number") from None
        if weight < 0 or weight != weight:
            raise InputError(Where(name, line, value), "a weight must be zero or more")
        if label in days:
            raise InputError(Where(name, line, key), f"{label!r} is given twice")
        days[label] = weight
    if not days:
        raise InputError(Where(name), "no weights")
    return days


def default_weights() -> HarmWeights:
    """CCHI days by police.uk category (no ASB: see ASB_NOTE)."""
    path = package_path("harm/cchi_policeuk_category.csv")
    return HarmWeights(CCHI_CITATION, _read(path.name, path.read_bytes(), "crime_type", "cchi_days"))


def ons_group_weights() -> HarmWeights:
    """CCHI days by ONS offence group. A group made of several subgroups (sexual offences,
    criminal damage and arson, drugs, robbery) takes their mean weighted by national counts
    (2024/25), as METHODS.md §8.3 says to when the local mix is not known."""
    path = package_path("harm/cchi_prc_subgroup.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    by_subgroup = {r["prc_subgroup"]: (float(r["cchi_days"]), int(r["national_count_2024_25"])) for r in rows}
    days: dict[str, float] = {}
    for group, subgroups in _ONS_GROUP_SUBGROUPS.items():
        harm = sum(by_subgroup[name][0] * by_subgroup[name][1] for name in subgroups)
        days[group] = harm / sum(by_subgroup[name][1] for name in subgroups)
    return HarmWeights(CCHI_CITATION + "; groups of several subgroups weighted by national counts 2024/25", days)


def read_weights(path: Path) -> HarmWeights:
    """A partnership's own weights: a CSV with columns `category` and `weight` (days)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(Where(str(path)), f"cannot read ({error.strerror})") from None
    return HarmWeights(f"weights from {path.name}", _read(str(path), data, "category", "weight"))
