"""The indicator sets a workspace offers: bundled `policeuk`, `ni2008` and `casework`, and local sets
from `$CSPKIT_HOME/indicators/*.yaml`; and references `SET/ID[@VERSION]` resolved."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cspkit.bundle import package_path
from cspkit.errors import UsageError
from cspkit.indicators.definitions import Indicator, IndicatorSet, parse_set
from cspkit.yamlfile import read_yaml

BUNDLED = ("policeuk", "ni2008", "casework")


@dataclass(frozen=True)
class IndicatorSets:
    sets: dict[str, IndicatorSet]

    def set(self, name: str) -> IndicatorSet:
        try:
            return self.sets[name]
        except KeyError:
            raise UsageError(f"no indicator set {name!r}: choose from {', '.join(self.sets)}") from None

    def versions(self, set_name: str, indicator_id: str) -> list[Indicator]:
        found = [i for i in self.set(set_name).indicators if i.id == indicator_id]
        if not found:
            known = ", ".join(sorted({i.id for i in self.set(set_name).indicators}))
            raise UsageError(f"no indicator {indicator_id!r} in set {set_name}: choose from {known}")
        return sorted(found, key=lambda i: i.version)

    def resolve(self, reference: str, when: date) -> Indicator:
        """`SET/ID[@VERSION]` or a bare `ID` that only one set has; without a version, the
        version in force at `when` (else the latest)."""
        base, _, version = reference.partition("@")
        if "/" in base:
            set_name, indicator_id = base.split("/", 1)
        else:
            owners = [name for name, s in self.sets.items() if any(i.id == base for i in s.indicators)]
            if len(owners) != 1:
                raise UsageError(
                    f"{reference!r}: write SET/ID; "
                    + (f"{base} is in {', '.join(owners)}" if owners else f"no set has {base}")
                )
            set_name, indicator_id = owners[0], base
        versions = self.versions(set_name, indicator_id)
        if version:
            chosen = [i for i in versions if str(i.version) == version]
            if not chosen:
                raise UsageError(f"{reference!r}: versions are {', '.join(str(i.version) for i in versions)}")
            return chosen[0]
        current = [i for i in versions if i.in_force_from <= when and (i.in_force_to is None or when <= i.in_force_to)]
        return (current or versions)[-1]

    def in_force(self, set_name: str, when: date) -> list[Indicator]:
        """One version of each indicator of a set: the one in force at `when`, else the latest."""
        ids = dict.fromkeys(i.id for i in self.set(set_name).indicators)
        return [self.resolve(f"{set_name}/{indicator_id}", when) for indicator_id in ids]


def load_indicator_sets(local_folder: Path | None = None) -> IndicatorSets:
    """Bundled sets, then local ones; a local set may not reuse a bundled set's name."""
    sets: dict[str, IndicatorSet] = {}
    for name in BUNDLED:
        loaded = parse_set(read_yaml(package_path(f"indicators/{name}.yaml")))
        sets[loaded.name] = loaded
    if local_folder is not None and local_folder.is_dir():
        for path in sorted(local_folder.glob("*.yaml")):
            doc = read_yaml(path)
            loaded = parse_set(doc)
            if loaded.name in sets:
                raise doc.error(("set",), f"{loaded.name!r} is already a set ({sets[loaded.name].path})")
            sets[loaded.name] = loaded
    return IndicatorSets(sets)
