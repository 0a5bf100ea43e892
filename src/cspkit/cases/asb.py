"""Anti-social behaviour case work without Django: the escalation ladder, and desistance after
interventions.

Desistance (the seeds: "93 per cent of people desist after a third anti-social behaviour
intervention"): of the people whose nth intervention is at least `window_months` old, the share
with no further ASB incident recorded against them in that window. The same measure is given
after the first intervention of each kind on the ladder, so a partnership sees which steps work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cspkit.cases.retention import add_months


@dataclass(frozen=True)
class Step:
    """A rung of the escalation ladder."""

    code: str
    label: str


# The usual ladder under the Anti-social Behaviour, Crime and Policing Act 2014, lowest first,
# with the early and supportive steps partnerships record before any power is used; a
# partnership writes its own in `cases.asb.ladder`.
DEFAULT_LADDER = (
    Step("verbal-warning", "Verbal warning"),
    Step("warning-letter", "Warning letter"),
    Step("support", "Referral for support (diversion, mediation, parenting)"),
    Step("abc", "Acceptable behaviour contract"),
    Step("cpw", "Community protection warning"),
    Step("cpn", "Community protection notice"),
    Step("injunction", "Civil injunction"),
    Step("cbo", "Criminal behaviour order"),
    Step("closure", "Closure notice or order"),
    Step("possession", "Possession proceedings (tenancy)"),
)
DESISTANCE_MONTHS = 6


@dataclass(frozen=True)
class AsbRules:
    """`cases.asb` in partnership.yaml: the ladder and the desistance window."""

    ladder: tuple[Step, ...] = DEFAULT_LADDER
    desistance_months: int = DESISTANCE_MONTHS

    def label(self, code: str) -> str:
        """A step's label; a code no longer on the ladder is shown as it was recorded."""
        return next((s.label for s in self.ladder if s.code == code), code)

    def rank(self, code: str) -> int:
        """A step's place on the ladder (0 lowest); a step no longer on it ranks above every other."""
        return next((i for i, s in enumerate(self.ladder) if s.code == code), len(self.ladder))


@dataclass(frozen=True)
class Intervention:
    person: str  # a key for the perpetrator's record, never a name
    on: date
    step: str = ""


@dataclass(frozen=True)
class Outcome:
    """One person's outcome after their nth intervention (or first of one kind)."""

    person: str
    on: date  # the intervention's date
    desisted: bool


@dataclass(frozen=True)
class Desistance:
    nth: int
    eligible: int  # people whose nth intervention is at least the window old
    desisted: int  # of them, no further incident within the window

    @property
    def percent(self) -> float | None:
        return None if self.eligible == 0 else 100 * self.desisted / self.eligible


def _incidents_by_person(incidents: Iterable[tuple[str, date]]) -> dict[str, list[date]]:
    after: dict[str, list[date]] = defaultdict(list)
    for person, on in incidents:
        after[person].append(on)
    return after


def _outcome(person: str, start: date, incidents: list[date], window_months: int, today: date) -> Outcome | None:
    end = add_months(start, window_months)
    if end > today:
        return None  # too recent to tell
    return Outcome(person, start, not any(start < on <= end for on in incidents))


def outcomes(
    interventions: Iterable[Intervention],
    incidents: Iterable[tuple[str, date]],
    nth: int,
    window_months: int,
    today: date,
) -> list[Outcome]:
    """Each person's outcome after their nth intervention (by date), where the window has passed."""
    by_person: dict[str, list[date]] = defaultdict(list)
    for made in interventions:
        by_person[made.person].append(made.on)
    after = _incidents_by_person(incidents)
    found = []
    for person, days in sorted(by_person.items()):
        days.sort()
        if len(days) >= nth:
            outcome = _outcome(person, days[nth - 1], after[person], window_months, today)
            if outcome is not None:
                found.append(outcome)
    return found


def desistance(
    interventions: Iterable[Intervention],
    incidents: Iterable[tuple[str, date]],
    nth: int,
    window_months: int,
    today: date,
) -> Desistance:
    """Desistance after each person's nth intervention."""
    found = outcomes(interventions, incidents, nth, window_months, today)
    return Desistance(nth, len(found), sum(1 for o in found if o.desisted))


def desistance_by_step(
    interventions: Iterable[Intervention],
    incidents: Iterable[tuple[str, date]],
    window_months: int,
    today: date,
) -> dict[str, Desistance]:
    """Desistance after each person's first intervention of each kind, by step code."""
    by_step: dict[str, list[Intervention]] = defaultdict(list)
    for made in interventions:
        by_step[made.step].append(made)
    listed = list(incidents)
    return {step: desistance(made, listed, 1, window_months, today) for step, made in by_step.items()}
