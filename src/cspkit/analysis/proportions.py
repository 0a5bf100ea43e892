"""Survey proportions with Wilson score intervals.

A survey is a sample, so (unlike recorded crime) its result has sampling error. The
Wilson interval stays inside 0–1 and behaves at small samples and extreme shares, where
the textbook normal interval does not (Brown, Cai and DasGupta 2001).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Proportion:
    agree: int
    respondents: int
    value: float  # 0..1
    lower: float
    upper: float


def wilson(agree: int, respondents: int, z: float = Z95) -> Proportion:
    """`agree / respondents` with its Wilson score interval (95 % by default)."""
    if respondents <= 0:
        raise ValueError(f"a proportion needs at least one respondent ({respondents})")
    if not 0 <= agree <= respondents:
        raise ValueError(f"{agree} of {respondents} is not a proportion")
    p = agree / respondents
    z2 = z * z
    centre = (p + z2 / (2 * respondents)) / (1 + z2 / respondents)
    half = z / (1 + z2 / respondents) * math.sqrt(p * (1 - p) / respondents + z2 / (4 * respondents**2))
    return Proportion(agree, respondents, p, max(0.0, centre - half), min(1.0, centre + half))
