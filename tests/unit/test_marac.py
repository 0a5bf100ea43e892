"""MARAC rules (cspkit.cases.marac): the four criteria, the versioned repeat definition, NI 32
with a hand-worked figure, and the quarterly return; and the `cases.marac` configuration."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cspkit.cases import marac
from cspkit.config.cases import parse_cases
from cspkit.errors import CspkitError
from cspkit.yamlfile import read_yaml

RULES = marac.MaracRules()


def test_the_four_criteria() -> None:
    assert marac.criteria_met(RULES, 14, False, 0, False) == [marac.HIGH_RISK]
    assert marac.criteria_met(RULES, 13, False, 0, False) == []
    assert marac.criteria_met(RULES, None, True, 0, False) == [marac.PROFESSIONAL_JUDGEMENT]
    assert marac.criteria_met(RULES, None, False, 3, False) == [marac.ESCALATION]
    assert marac.criteria_met(RULES, None, False, 2, False) == []
    assert marac.criteria_met(RULES, 20, True, 5, True) == list(marac.CRITERIA)


def test_a_repeat_is_an_incident_within_12_months_of_the_last_referral() -> None:
    referrals = [date(2025, 1, 10), date(2025, 6, 30)]
    assert marac.is_repeat(RULES, referrals, date(2026, 6, 30), marac.EMOTIONAL_ABUSE)  # the last day
    assert not marac.is_repeat(RULES, referrals, date(2026, 7, 1), marac.PHYSICAL_VIOLENCE)  # a new referral
    assert marac.is_repeat(RULES, referrals, date(2025, 7, 1), marac.ECONOMIC_ABUSE)
    assert not marac.is_repeat(RULES, [], date(2025, 7, 1), marac.PHYSICAL_VIOLENCE)  # never referred
    assert not marac.is_repeat(RULES, [date(2025, 8, 1)], date(2025, 7, 1), marac.THREATS)  # before it


def test_the_older_definition_counts_criminal_incidents_only_and_versions_go_by_date() -> None:
    rules = marac.MaracRules(
        definitions=(
            marac.DefinitionInForce(marac.CRIMINAL_INCIDENTS, date(2010, 1, 1)),
            marac.DefinitionInForce(marac.ANY_ABUSE, date(2020, 4, 1)),
        )
    )
    before, after = date(2019, 6, 1), date(2021, 6, 1)
    assert rules.definition_on(before) is marac.CRIMINAL_INCIDENTS
    assert rules.definition_on(after) is marac.ANY_ABUSE
    assert not marac.is_repeat(rules, [date(2019, 1, 1)], before, marac.COERCIVE_CONTROL)
    assert marac.is_repeat(rules, [date(2019, 1, 1)], before, marac.STALKING_HARASSMENT)
    assert marac.is_repeat(rules, [date(2021, 1, 1)], after, marac.COERCIVE_CONTROL)


def _case(day: date, repeat: bool, **extra: object) -> marac.HeardCase:
    fields: dict[str, object] = {
        "heard_on": day,
        "repeat": repeat,
        "referring_agency": "Police",
        "children": 0,
        "victim_sex": "female",
        "victim_age": 30,
        "ethnic_minority": False,
        "disabled": False,
        "lgbt": False,
    }
    return marac.HeardCase(**(fields | extra))  # type: ignore[arg-type]


def test_ni32_hand_worked_25_repeats_of_183_heard() -> None:
    cases = [_case(date(2025, 5, 1), i < 25) for i in range(183)]
    cases.append(_case(date(2026, 5, 1), True))  # heard outside the year: not counted
    result = marac.ni32(cases, date(2025, 4, 1), date(2026, 3, 31))
    assert (result.repeats, result.heard) == (25, 183)
    assert round(result.percent or 0, 1) == 13.7
    assert marac.ni32([], date(2025, 4, 1), date(2026, 3, 31)).percent is None


def test_the_quarterly_return_counts_from_the_cases() -> None:
    start, end = marac.quarter_of(date(2026, 8, 15))
    assert (start, end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert marac.quarter_label(start) == "2026-Q3"
    cases = [
        _case(date(2026, 7, 2), True, children=2, referring_agency="Police"),
        _case(date(2026, 8, 2), False, children=0, victim_sex="male", referring_agency="Health", lgbt=True),
        _case(date(2026, 9, 30), False, children=1, victim_age=17, ethnic_minority=True, disabled=None),
        _case(date(2026, 10, 1), True),  # next quarter
    ]
    made = marac.quarterly_return(cases, start, end)
    assert (made.cases, made.repeats, made.children, made.cases_with_children) == (3, 1, 3, 2)
    assert (made.female, made.male, made.aged_16_17, made.ethnic_minority, made.lgbt) == (2, 1, 1, 1, 1)
    assert made.by_referring_agency == {"Police": 2, "Health": 1}
    assert made.not_recorded == {"disability": 1}
    assert dict(made.rows())["Repeat rate (NI 32), %"] == "33.3"


def _parse(tmp_path: Path, text: str) -> object:
    path = tmp_path / "partnership.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path)
    return parse_cases(doc, doc.data["cases"])


def test_configuration_sets_the_instrument_and_dated_definitions(tmp_path: Path) -> None:
    made = _parse(
        tmp_path,
        "cases:\n  marac:\n    checklist: {name: Local checklist, items: 20, high_risk_at: 12}\n"
        "    escalation_incidents: 4\n    repeat_definitions:\n"
        "      - {definition: criminal-incidents, since: 2012-04-01}\n"
        "      - {definition: any-abuse, since: 2018-04-01}\n",
    )
    rules = made.marac  # type: ignore[attr-defined]
    assert rules.checklist == marac.Checklist("Local checklist", 20, 12)
    assert rules.escalation_incidents == 4
    assert rules.definition_on(date(2015, 1, 1)) is marac.CRIMINAL_INCIDENTS


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        ("checklist: {items: 10, high_risk_at: 14}", "high_risk_at", "at most the number of items"),
        ("escalation_incidents: 0", "escalation_incidents", "whole number from 1 to 50"),
        ("repeat_definitions: [{definition: newest, since: 2020-01-01}]", "definition", "must be one of"),
        ("repeat_definitions: [{definition: any-abuse, since: soon}]", "since", "YYYY-MM-DD"),
        (
            "repeat_definitions: [{definition: any-abuse, since: 2020-01-01}, "
            "{definition: criminal-incidents, since: 2019-01-01}]",
            "since",
            "later than the definition before it",
        ),
        ("colour: red", "colour", "colour"),
    ],
)
def test_bad_marac_configuration_names_the_line_and_field(tmp_path: Path, body: str, where: str, says: str) -> None:
    with pytest.raises(CspkitError) as raised:
        _parse(tmp_path, f"cases:\n  marac:\n    {body}\n")
    message = str(raised.value)
    assert "partnership.yaml" in message
    assert where in message
    assert says in message
