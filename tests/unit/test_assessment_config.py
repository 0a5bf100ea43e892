"""The `assessment:` part of the configuration: presets, defaults, and bad entries named by key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.bundle import package_path
from cspkit.config import load_config
from cspkit.config.assessment import POLICY_PRESETS, ScanRules
from cspkit.errors import InputError
from cspkit.geography import load_geography

GOOD = """schema: 1
name: Test partnership
area: csp:E22000353
assessment:
  rules:
    increase_min_change: 30
  issues:
    - id: burglary
      title: Burglary
      indicators: [policeuk/burglary]
      flags: [police-and-crime-plan]
      concern: 4
      override: {decision: include, reason: Board asked for it, author: A. Analyst, date: 2024-05-01}
      narrative: {period: 2023/24, context: Rising in the south}
    - id: hate-crime
      title: Hate crime
  confidence:
    - question: feel-safe
      title: Feel safe
      final: {period: 2023/24, value: 70}
"""

BAD = [
    (
        ("flags: [police-and-crime-plan]", "flags: [psa]"),
        "line 11, key 'assessment.issues.0.flags.0': unknown policy flag 'psa'",
    ),
    (("concern: 4", "concern: 7"), "key 'assessment.issues.0.concern': must be between 1 and 5"),
    (("concern: 4", "concern: high"), "key 'assessment.issues.0.concern': must be a whole number"),
    (
        ("decision: include", "decision: maybe"),
        "key 'assessment.issues.0.override.decision': must be include or exclude",
    ),
    (("reason: Board asked for it, ", ""), "key 'assessment.issues.0.override.reason': is required"),
    (("date: 2024-05-01", "date: yesterday"), "key 'assessment.issues.0.override.date': must be a date"),
    (("period: 2023/24, context", "period: 2023/25, context"), "key 'assessment.issues.0.narrative.period'"),
    (("increase_min_change: 30", "increase_min_change: -1"), "key 'assessment.rules.increase_min_change'"),
    (("increase_min_change: 30", "harm_share: 2"), "key 'assessment.rules.harm_share': must be between 0 and 1"),
    (("increase_min_change: 30", "colour: 1"), "key 'assessment.rules.colour': unknown key"),
    (
        ("    - id: hate-crime", "    - id: burglary"),
        "line 15, key 'assessment.issues.1.id': issue 'burglary' is listed twice",
    ),
    (("indicators: [policeuk/burglary]", "indicators: [burglary]"), "name indicators as SET/ID"),
    (
        ("  rules:", "  policy_preset: psa-2008\n  rules:"),
        "key 'assessment.policy_preset': must be one of default, seed-2008",
    ),
    (("value: 70", "value: 170"), "key 'assessment.confidence.0.final.value': must be between 0 and 100"),
    (("question: feel-safe", "question: Feel Safe"), "key 'assessment.confidence.0.question'"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_assessment_configuration_names_key_and_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    path = tmp_path / "partnership.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(path, load_geography())
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_the_good_assessment_section(tmp_path: Path) -> None:
    path = tmp_path / "partnership.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assessment = load_config(path, load_geography()).assessment
    assert assessment.policy_flags == POLICY_PRESETS["default"]
    assert assessment.rules == ScanRules(increase_min_change=30)
    burglary, hate = assessment.issues
    assert burglary.override is not None
    assert burglary.override.author == "A. Analyst"
    assert burglary.indicator_lines == (10,)
    assert hate.indicators == ()
    assert hate.concern is None
    assert assessment.confidence[0].final is not None
    assert assessment.confidence[0].final.value == 70


def test_the_seed_2008_preset_gives_the_seed_columns(tmp_path: Path) -> None:
    path = tmp_path / "partnership.yaml"
    path.write_text(
        GOOD.replace("  rules:", "  policy_preset: seed-2008\n  rules:").replace("police-and-crime-plan", "laa"),
        encoding="utf-8",
    )
    assessment = load_config(path, load_geography()).assessment
    assert [title for _id, title in assessment.policy_flags] == ["PSA", "LAA 08/11", "National indicators"]
    assert assessment.issues[0].flags == ("laa",)


def test_the_demo_assessment() -> None:
    assessment = load_config(package_path("partnership/central-bedfordshire.yaml"), load_geography()).assessment
    assert len(assessment.issues) == 16
    assert {i.id for i in assessment.issues if not i.indicators} == {"domestic-abuse", "hate-crime"}
    assert [c.question for c in assessment.confidence] == ["asb-crime-dealt-with", "feel-safe-after-dark"]
