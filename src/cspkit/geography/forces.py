"""The police.uk forces: slug (as in file names and URLs), name (as in `Falls within`), code."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from cspkit.bundle import package_file


@dataclass(frozen=True)
class Force:
    slug: str
    name: str
    code: str  # E23/W15 police force area code; empty for BTP and PSNI


def _simplify(name: str) -> str:
    text = name.lower().replace("&", "and")
    text = re.sub(r"\b(police service of|police service|constabulary|police)\b", " ", text)
    return re.sub(r"[^a-z]+", " ", text).strip()


@cache
def forces() -> tuple[Force, ...]:
    with package_file("forces.csv").open(encoding="utf-8") as handle:
        return tuple(Force(**row) for row in csv.DictReader(handle))


@cache
def _by_name() -> dict[str, Force]:
    table = {_simplify(force.name): force for force in forces()}
    table.update({_simplify(force.slug.replace("-", " ")): force for force in forces()})
    table["london city of"] = force_by_slug("city-of-london")
    return table


def force_by_slug(slug: str) -> Force:
    for force in forces():
        if force.slug == slug or (force.code and force.code == slug):
            return force
    raise KeyError(slug)


def force_by_name(name: str) -> Force | None:
    """The force police.uk means by a `Falls within` value, or by an ONS force area name."""
    return _by_name().get(_simplify(name))
