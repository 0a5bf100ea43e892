"""A SYNTHETIC public survey for the demo: generated, seeded, and marked so everywhere.

The demo has no real survey to show (residents' surveys are not published as open data
by area), so `cspkit demo` writes this one and ingests it with `--synthetic`: every
figure taken from it is labelled synthetic in JSON, HTML and `cspkit status`.
"""

from __future__ import annotations

import random

QUESTIONS = {
    # question id: (share agreeing in the first year, change per year)
    "asb-crime-dealt-with": (0.51, 0.018),
    "feel-safe-after-dark": (0.69, 0.012),
}
PERIODS = ("2021/22", "2022/23", "2023/24")
SEED = 20240514


def synthetic_survey(areas: list[str], respondents: int = 1100) -> str:
    """CSV text `question_id,area,period,respondents,agree` for each area (the first is the
    whole partnership; the rest, its sub-areas, get a share of its sample)."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo numbers, not security
    lines = ["question_id,area,period,respondents,agree"]
    for question, (start, step) in QUESTIONS.items():
        for i, period in enumerate(PERIODS):
            for j, area in enumerate(areas):
                asked = respondents if j == 0 else respondents // max(1, len(areas) - 1)
                asked += rng.randint(-60, 60)
                share = min(0.97, max(0.03, start + step * i + rng.uniform(-0.03, 0.03)))
                agree = sum(1 for _ in range(asked) if rng.random() < share)
                lines.append(f"{question},{area},{period},{asked},{agree}")
    return "\n".join(lines) + "\n"
