"""What `cspkit indicators` needs around the evaluator: the configuration, the chosen
indicators, the definitions listing and the table shown on a terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

from cspkit.analysis.rounding import round_half_up
from cspkit.config.partnership import PartnershipConfig, load_config
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.sets import load_indicator_sets
from cspkit.workspace import Workspace


def load_partnership(workspace: Workspace) -> PartnershipConfig | None:
    """The configuration if there is one; a --config that names a missing file is an error."""
    from cspkit.geography.tables import load_geography

    if workspace.config_file is None and not workspace.config.exists():
        return None
    return load_config(workspace.config, load_geography(workspace.root))


def chosen_indicators(
    workspace: Workspace,
    config: PartnershipConfig | None,
    set_names: tuple[str, ...],
    references: tuple[str, ...],
    when: date,
) -> list[Indicator]:
    sets = load_indicator_sets(workspace.indicators)
    if references:
        return [sets.resolve(reference, when) for reference in references]
    names = set_names or (config.indicator_sets if config else ("policeuk",))
    # A whole set brings the indicators in force at the end of the latest period; a retired
    # one (police.uk's "Public disorder and weapons") only when asked for by name.
    return [i for name in names for i in sets.in_force(name, when) if i.in_force(when, when)]


def definition_rows(
    workspace: Workspace,
    config: PartnershipConfig | None,
    set_names: tuple[str, ...],
    references: tuple[str, ...],
) -> list[dict[str, Any]]:
    sets = load_indicator_sets(workspace.indicators)
    if references:
        chosen = [sets.resolve(reference, date.today()) for reference in references]
    else:
        names = set_names or tuple(sets.sets)
        chosen = [i for name in names for i in sets.set(name).indicators]
    return [
        {
            "indicator": i.ref,
            "version": i.version,
            "title": i.title,
            "unit": i.unit,
            "polarity": i.polarity,
            "in_force": f"{i.in_force_from:%Y-%m}..{i.in_force_to:%Y-%m}"
            if i.in_force_to
            else f"{i.in_force_from:%Y-%m}..",
            "data": i.numerator.dataset or f"needs {i.numerator.requires}",
            "verified": "yes" if i.verified else "no",
            "proxy": "PROXY" if i.proxy else "",
            "ons_group": i.ons_group,
        }
        for i in chosen
    ]


def table_rows(rows: list[dict[str, Any]], compare: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Rounded half up for reading; the note says why a value is missing."""
    shown = []
    for row in rows:
        value = row["value"]
        digits = 0 if row["unit"] == "count" else 2

        def fixed(number: float, digits: int = digits) -> str:
            return f"{round_half_up(number, digits):.{digits}f}"

        extra: dict[str, Any] = {}
        if compare:
            extra["counts vs " + str(row["comparison_period"])] = (
                "" if row["change_percent"] is None else f"{round_half_up(row['change_percent'], 1):+.1f}%"
            )
            extra["p (E-test)"] = "" if row["p_value"] is None else f"{round_half_up(row['p_value'], 3):.3f}"
            extra["significant"] = {True: "yes", False: "no", None: ""}[row["significant"]]
        shown.append(
            {
                "indicator": row["indicator"] + (" (proxy)" if row["proxy"] else ""),
                "area": row["area_name"] or row["area"],
                "period": row["period"],
                "numerator": row["numerator"],
                "denominator": row["denominator"],
                "value": "" if value is None else fixed(value),
                "95% interval": "" if value is None else f"{fixed(row['lower_95'])} to {fixed(row['upper_95'])}",
                "unit": row["unit"],
                **extra,
                "note": row["note"],
            }
        )
    return shown, list(shown[0]) if shown else ["indicator"]
