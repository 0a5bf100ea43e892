"""ASB desistance (cspkit.cases.asb) on hand-worked test cohorts, after the nth intervention and
after each step of the ladder; and the `cases.asb` configuration."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cspkit.cases import asb
from cspkit.config.cases import parse_cases
from cspkit.errors import CspkitError
from cspkit.yamlfile import read_yaml

TODAY = date(2026, 6, 30)


def _cohort() -> tuple[list[asb.Intervention], list[tuple[str, date]]]:
    made = []
    for person, days in {
        "P1": ["2025-01-01", "2025-02-01", "2025-03-01"],
        "P2": ["2025-01-01", "2025-02-01", "2025-03-01"],  # an incident on 2025-09-01: within six months
        "P3": ["2025-01-01", "2025-02-01", "2025-03-01"],  # an incident on 2025-09-02: after them
        "P4": ["2025-03-01", "2025-01-01", "2025-02-01"],  # order given does not matter
        "P5": ["2026-01-01", "2026-02-01", "2026-03-01"],  # too recent on 2026-06-30
        "P6": ["2025-01-01", "2025-02-01"],  # only two
    }.items():
        steps = ["warning-letter", "abc", "cpn"]
        made += [asb.Intervention(person, date.fromisoformat(d), steps[i]) for i, d in enumerate(days)]
    incidents = [
        ("P2", date(2025, 9, 1)),
        ("P3", date(2025, 9, 2)),
        ("P4", date(2025, 2, 15)),  # before the third: does not count
        ("P6", date(2025, 3, 1)),
    ]
    return made, incidents


def test_desistance_after_the_third_intervention() -> None:
    """Five people reach a third intervention; one is too recent to tell; of the four, three
    have no incident in the six months after it: 75 %."""
    made, incidents = _cohort()
    third = asb.desistance(made, incidents, 3, 6, today=TODAY)
    assert (third.eligible, third.desisted) == (4, 3)
    assert third.percent == pytest.approx(75.0)
    first = asb.desistance(made, incidents, 1, 6, today=TODAY)
    assert (first.eligible, first.desisted) == (5, 3)  # P5 too recent; P4 and P6 had incidents within six months
    assert asb.desistance(made, incidents, 4, 6, today=TODAY).percent is None  # nobody had a fourth


def test_each_outcome_is_dated_by_the_intervention_it_follows() -> None:
    made, incidents = _cohort()
    found = asb.outcomes(made, incidents, 3, 6, today=TODAY)
    assert [(o.person, o.on, o.desisted) for o in found] == [
        ("P1", date(2025, 3, 1), True),
        ("P2", date(2025, 3, 1), False),
        ("P3", date(2025, 3, 1), True),
        ("P4", date(2025, 3, 1), True),
    ]


def test_desistance_after_each_step_is_after_the_persons_first_of_that_kind() -> None:
    """Steps by position in each person's list: warning letter, ABC, CPN. After a warning letter
    (P1-P3 and P6 on 2025-01-01, P4 on 2025-03-01; P5 too recent) only P6 has an incident within
    six months: 4 of 5. After a CPN (P1-P3 on 2025-03-01, P4 on 2025-02-01) P2's incident on
    2025-09-01 and P4's on 2025-02-15 fall within six months: 2 of 4."""
    made, incidents = _cohort()
    by_step = asb.desistance_by_step(made, incidents, 6, today=TODAY)
    assert (by_step["warning-letter"].eligible, by_step["warning-letter"].desisted) == (5, 4)
    assert (by_step["cpn"].eligible, by_step["cpn"].desisted) == (4, 2)


def test_the_ladder_ranks_and_labels_its_steps() -> None:
    rules = asb.AsbRules()
    assert rules.rank("verbal-warning") < rules.rank("abc") < rules.rank("closure")
    assert rules.rank("asbo") == len(rules.ladder)  # an old step, no longer on the ladder, ranks last
    assert rules.label("cpn") == "Community protection notice"
    assert rules.label("asbo") == "asbo"


def _parse(tmp_path: Path, text: str) -> object:
    path = tmp_path / "partnership.yaml"
    path.write_text(text, encoding="utf-8")
    doc = read_yaml(path)
    return parse_cases(doc, doc.data["cases"])


def test_configuration_sets_the_ladder_and_window(tmp_path: Path) -> None:
    made = _parse(
        tmp_path,
        "cases:\n  asb:\n    desistance_months: 12\n    ladder:\n"
        "      - {code: warning-letter, label: Warning letter}\n      - {code: asbo, label: ASBO}\n",
    )
    rules = made.asb  # type: ignore[attr-defined]
    assert rules.desistance_months == 12
    assert [s.code for s in rules.ladder] == ["warning-letter", "asbo"]


@pytest.mark.parametrize(
    ("body", "where", "says"),
    [
        ("desistance_months: 0", "desistance_months", "whole number from 1 to 36"),
        ("ladder: []", "ladder", "list of steps"),
        ("ladder: [{code: Warning Letter, label: x}]", "code", "lowercase letters"),
        ("ladder: [{code: abc, label: x}, {code: abc, label: y}]", "code", "listed twice"),
        ("ladder: [{code: abc}]", "label", "label"),
        ("ladder: [{code: abc, label: x, rank: 2}]", "rank", "rank"),
    ],
)
def test_bad_asb_configuration_names_the_line_and_field(tmp_path: Path, body: str, where: str, says: str) -> None:
    with pytest.raises(CspkitError) as raised:
        _parse(tmp_path, f"cases:\n  asb:\n    {body}\n")
    message = str(raised.value)
    assert "partnership.yaml" in message
    assert where in message
    assert says in message


def test_the_asb_extract_counts_incidents_interventions_and_outcomes_after_the_third() -> None:
    from cspkit.cases import asb_export

    made, incidents = _cohort()
    steps = [asb_export.Step(m.person, m.on, "E01000001" if m.person != "P3" else "") for m in made]
    placed = [(on, "E01000002") for _, on in incidents] + [(date(2025, 5, 1), "")]
    rows, left_out = asb_export.rows_for(placed, steps, incidents, 6, TODAY)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.category] = counts.get(row.category, 0) + 1
    # P3's three interventions and its outcome have no LSOA, nor has one incident.
    assert left_out == 3 + 1 + 1
    assert counts == {"incident": 4, "intervention": 17 - 3, "desisted": 2, "further-incident": 1}
    assert all(row.month.day == 1 for row in rows)
