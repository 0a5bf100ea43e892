"""Integrated offender management without Django: NI 30 by the Ministry of Justice PPO cohort
method (ASB desistance is in cspkit.cases.asb).

NI 30 (MoJ, *PPO: results from the 2009 cohort*): fix the cohort on a snapshot date; count the
cohort's offences committed in a 12-month baseline and in a 12-month follow-up, each counted
only when proven (conviction or caution) within the window's end plus six months; report the
% change in offences, the % of the cohort proven to reoffend and offences per individual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from cspkit.cases.retention import add_months

PROOF_MONTHS = 6  # an offence counts when proven within the window's end plus six months


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # inclusive

    def holds(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Windows:
    baseline: Window
    follow_up: Window
    proof_months: int = PROOF_MONTHS

    def complete_on(self) -> date:
        """The first day the follow-up's figure is final (every offence in it has had time to be proven)."""
        return proof_deadline(self.follow_up, self.proof_months) + timedelta(days=1)


def windows_around(snapshot: date) -> Windows:
    """The default: the 12 months before the snapshot date against the 12 months from it."""
    return Windows(
        Window(add_months(snapshot, -12), snapshot - timedelta(days=1)),
        Window(snapshot, add_months(snapshot, 12) - timedelta(days=1)),
    )


@dataclass(frozen=True)
class ProvenOffence:
    person: str  # a key for the cohort member, never a name
    committed_on: date
    proven_on: date | None  # conviction or caution; None: not (yet) proven


def proof_deadline(window: Window, proof_months: int) -> date:
    """The last day an offence in `window` may be proven: a window ending 30 September has until
    31 March (whole months after the day after its end, less a day)."""
    return add_months(window.end + timedelta(days=1), proof_months) - timedelta(days=1)


def counts(offence: ProvenOffence, window: Window, proof_months: int) -> bool:
    """Committed in the window and proven by its end plus the proof months."""
    return (
        window.holds(offence.committed_on)
        and offence.proven_on is not None
        and offence.proven_on <= proof_deadline(window, proof_months)
    )


@dataclass(frozen=True)
class Ni30:
    cohort: int
    baseline: int  # offences in the baseline window
    follow_up: int  # offences in the follow-up window
    reoffenders: int  # cohort members with at least one counted follow-up offence
    final: bool  # the follow-up window and its proof months are over

    @property
    def change_percent(self) -> float | None:
        """NI 30: the % change in offences, follow-up against baseline (negative is a fall)."""
        return None if self.baseline == 0 else 100 * (self.follow_up - self.baseline) / self.baseline

    @property
    def reoffending_percent(self) -> float | None:
        return None if self.cohort == 0 else 100 * self.reoffenders / self.cohort

    @property
    def per_individual(self) -> float | None:
        return None if self.cohort == 0 else self.follow_up / self.cohort


def ni30(cohort: Iterable[str], offences: Iterable[ProvenOffence], windows: Windows, today: date) -> Ni30:
    """NI 30 for a cohort fixed on its snapshot date; offences by people outside it are ignored."""
    members = set(cohort)
    baseline = follow_up = 0
    reoffended: set[str] = set()
    for offence in offences:
        if offence.person not in members:
            continue
        if counts(offence, windows.baseline, windows.proof_months):
            baseline += 1
        if counts(offence, windows.follow_up, windows.proof_months):
            follow_up += 1
            reoffended.add(offence.person)
    return Ni30(len(members), baseline, follow_up, len(reoffended), today >= windows.complete_on())
