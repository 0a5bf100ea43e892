"""MARAC (multi-agency risk assessment conference) rules, without Django: the four referral
criteria, the versioned repeat definition, NI 32 and the quarterly MARAC data return.

The risk checklist is a configurable instrument (`cases.marac.checklist` in partnership.yaml):
a number of yes/no items and the score at which risk is high. The SafeLives Dash wording is
copyrighted, so cspkit ships the numbers (24 items, high at 14), never the questions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from cspkit.cases.retention import add_months

# The four ways a case qualifies for MARAC (SafeLives).
HIGH_RISK = "high-risk"  # the checklist score reaches the instrument's threshold
PROFESSIONAL_JUDGEMENT = "professional-judgement"
ESCALATION = "escalation"  # at least `escalation_incidents` incidents in the last 12 months
REPEAT = "repeat"
CRITERIA = (HIGH_RISK, PROFESSIONAL_JUDGEMENT, ESCALATION, REPEAT)

# Kinds of abuse an incident can be. The older repeat definition counts only the first four.
PHYSICAL_VIOLENCE = "physical-violence"
THREATS = "threats"
STALKING_HARASSMENT = "stalking-harassment"
SEXUAL_ABUSE = "sexual-abuse"
COERCIVE_CONTROL = "coercive-control"
ECONOMIC_ABUSE = "economic-abuse"
EMOTIONAL_ABUSE = "emotional-abuse"
OTHER_ABUSE = "other-abuse"
ABUSE_KINDS: tuple[tuple[str, str], ...] = (
    (PHYSICAL_VIOLENCE, "Physical violence"),
    (THREATS, "Threats to kill or harm"),
    (STALKING_HARASSMENT, "Stalking or harassment"),
    (SEXUAL_ABUSE, "Rape or sexual abuse"),
    (COERCIVE_CONTROL, "Coercive or controlling behaviour"),
    (ECONOMIC_ABUSE, "Economic abuse"),
    (EMOTIONAL_ABUSE, "Emotional or psychological abuse"),
    (OTHER_ABUSE, "Other abuse"),
)
CRIMINAL_KINDS = frozenset({PHYSICAL_VIOLENCE, THREATS, STALKING_HARASSMENT, SEXUAL_ABUSE})


@dataclass(frozen=True)
class RepeatDefinition:
    """What makes a further incident count towards a repeat."""

    code: str
    label: str
    kinds: frozenset[str]  # abuse kinds that count


ANY_ABUSE = RepeatDefinition(
    "any-abuse",
    "SafeLives (current): any further instance of abuse between the same victim and perpetrator(s), "
    "identified by any agency within 12 months of the last referral",
    frozenset(kind for kind, _ in ABUSE_KINDS),
)
CRIMINAL_INCIDENTS = RepeatDefinition(
    "criminal-incidents",
    "SafeLives (older): a further incident of violence or threats, a pattern of stalking or harassment, "
    "or rape or sexual abuse, within 12 months of the last referral",
    CRIMINAL_KINDS,
)
REPEAT_DEFINITIONS = {d.code: d for d in (ANY_ABUSE, CRIMINAL_INCIDENTS)}


@dataclass(frozen=True)
class DefinitionInForce:
    """A repeat definition the partnership used from `since` (until the next one's `since`)."""

    definition: RepeatDefinition
    since: date


@dataclass(frozen=True)
class Checklist:
    """The risk checklist instrument: `items` yes/no questions; `high_risk_at` or more is high risk."""

    name: str = "Risk identification checklist (24 items)"
    items: int = 24
    high_risk_at: int = 14


@dataclass(frozen=True)
class MaracRules:
    checklist: Checklist = Checklist()
    escalation_incidents: int = 3
    window_months: int = 12
    definitions: tuple[DefinitionInForce, ...] = (DefinitionInForce(ANY_ABUSE, date(1900, 1, 1)),)

    def definition_on(self, day: date) -> RepeatDefinition:
        """The repeat definition in force on `day` (the latest whose `since` is on or before it)."""
        found = self.definitions[0].definition
        for version in sorted(self.definitions, key=lambda v: v.since):
            if version.since <= day:
                found = version.definition
        return found


def criteria_met(
    rules: MaracRules, score: int | None, judgement: bool, incidents_12_months: int, repeat: bool
) -> list[str]:
    """Which of the four criteria a referral meets (empty: it does not qualify for MARAC)."""
    met = []
    if score is not None and score >= rules.checklist.high_risk_at:
        met.append(HIGH_RISK)
    if judgement:
        met.append(PROFESSIONAL_JUDGEMENT)
    if incidents_12_months >= rules.escalation_incidents:
        met.append(ESCALATION)
    if repeat:
        met.append(REPEAT)
    return met


def last_referral_within_window(rules: MaracRules, referrals: Iterable[date], day: date) -> date | None:
    """The last referral before `day` if `day` falls within the window (12 months) after it."""
    earlier = [r for r in referrals if r <= day]
    if not earlier:
        return None
    last = max(earlier)
    return last if day <= add_months(last, rules.window_months) else None


def is_repeat(rules: MaracRules, referrals: Iterable[date], incident_on: date, kind: str) -> bool:
    """Does an incident of `kind` on `incident_on` make the case a repeat? It must fall within the
    window after the last referral and be a kind the definition in force on that day counts.
    Incidents more than 12 months after the last referral are new referrals, not repeats."""
    if last_referral_within_window(rules, referrals, incident_on) is None:
        return False
    return kind in rules.definition_on(incident_on).kinds


@dataclass(frozen=True)
class HeardCase:
    """One case heard at MARAC, as the return counts it (no names; derived from a referral)."""

    heard_on: date
    repeat: bool
    referring_agency: str  # the agency kind (police, health, idva, ...) for the return's breakdown
    children: int  # children in the household
    victim_sex: str  # "female", "male", or "" (not recorded)
    victim_age: int | None  # at the hearing
    ethnic_minority: bool | None  # None: not recorded
    disabled: bool | None
    lgbt: bool | None


@dataclass(frozen=True)
class Ni32:
    repeats: int
    heard: int

    @property
    def percent(self) -> float | None:
        return None if self.heard == 0 else 100 * self.repeats / self.heard


def ni32(cases: Iterable[HeardCase], start: date, end: date) -> Ni32:
    """NI 32: repeat cases ÷ cases heard at MARAC, by hearing date in [start, end]."""
    heard = [c for c in cases if start <= c.heard_on <= end]
    return Ni32(sum(c.repeat for c in heard), len(heard))


@dataclass(frozen=True)
class QuarterlyReturn:
    """The MARAC data return for a quarter: what every Marac reports, computed from the records."""

    start: date
    end: date
    cases: int
    repeats: int
    by_referring_agency: dict[str, int]
    children: int  # children in the households of the cases heard
    cases_with_children: int
    female: int
    male: int
    sex_not_recorded: int
    aged_16_17: int
    ethnic_minority: int
    disabled: int
    lgbt: int
    not_recorded: dict[str, int] = field(default_factory=dict)  # field -> cases with it unrecorded

    @property
    def repeat_percent(self) -> float | None:
        return None if self.cases == 0 else 100 * self.repeats / self.cases

    def rows(self) -> list[tuple[str, int | str]]:
        """(line, value) in the return's order, for the page, the CSV and the workbook."""
        percent = self.repeat_percent
        lines: list[tuple[str, int | str]] = [
            ("Cases discussed", self.cases),
            ("Repeat cases", self.repeats),
            ("Repeat rate (NI 32), %", "" if percent is None else f"{percent:.1f}"),
            ("Children in the households", self.children),
            ("Cases with children in the household", self.cases_with_children),
            ("Female victims", self.female),
            ("Male victims", self.male),
            ("Victim's sex not recorded", self.sex_not_recorded),
            ("Victims aged 16-17", self.aged_16_17),
            ("Victims from Black, Asian and minority ethnic communities", self.ethnic_minority),
            ("Disabled victims", self.disabled),
            ("LGBT victims", self.lgbt),
        ]
        lines += [(f"Referred by: {agency}", n) for agency, n in sorted(self.by_referring_agency.items())]
        lines += [(f"Not recorded: {name}", n) for name, n in sorted(self.not_recorded.items())]
        return lines


def quarter_of(day: date) -> tuple[date, date]:
    """The calendar quarter holding `day`: its first and last days."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    return start, add_months(start, 3) - timedelta(days=1)


def quarter_label(day: date) -> str:
    """The calendar quarter holding `day` as the return names it, e.g. 2026-Q3."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarterly_return(cases: Iterable[HeardCase], start: date, end: date) -> QuarterlyReturn:
    heard = [c for c in cases if start <= c.heard_on <= end]
    unrecorded: Counter[str] = Counter()
    for c in heard:
        for name, value in (("ethnicity", c.ethnic_minority), ("disability", c.disabled), ("LGBT", c.lgbt)):
            if value is None:
                unrecorded[name] += 1
        if c.victim_age is None:
            unrecorded["age"] += 1
    return QuarterlyReturn(
        start=start,
        end=end,
        cases=len(heard),
        repeats=sum(c.repeat for c in heard),
        by_referring_agency=dict(Counter(c.referring_agency for c in heard)),
        children=sum(c.children for c in heard),
        cases_with_children=sum(c.children > 0 for c in heard),
        female=sum(c.victim_sex == "female" for c in heard),
        male=sum(c.victim_sex == "male" for c in heard),
        sex_not_recorded=sum(c.victim_sex not in ("female", "male") for c in heard),
        aged_16_17=sum(c.victim_age in (16, 17) for c in heard),
        ethnic_minority=sum(c.ethnic_minority is True for c in heard),
        disabled=sum(c.disabled is True for c in heard),
        lgbt=sum(c.lgbt is True for c in heard),
        not_recorded=dict(unrecorded),
    )


def age_on(born: date | None, day: date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
