"""The statistics a performance analyst needs, each method in its own small module.

Every definition follows `shared/reference/METHODS.md` and is tested against its
reference values and against statsmodels or scipy as an oracle.
"""

from __future__ import annotations

from cspkit.analysis.change import Change, compare_counts
from cspkit.analysis.proportions import Proportion, wilson
from cspkit.analysis.rates import Rate, byar_interval, poisson_interval, rate
from cspkit.analysis.rounding import round_half_up
from cspkit.analysis.spc import SpcChart, SpcPoint, c_chart, u_chart, u_prime_chart, xmr
from cspkit.analysis.targets import (
    TargetNode,
    TargetStatus,
    fytd_status,
    monthly_profile,
    monthly_targets,
    seasonal_expectation,
    yearly_targets,
)

__all__ = [
    "Change",
    "Proportion",
    "Rate",
    "SpcChart",
    "SpcPoint",
    "TargetNode",
    "TargetStatus",
    "byar_interval",
    "c_chart",
    "compare_counts",
    "fytd_status",
    "monthly_profile",
    "monthly_targets",
    "poisson_interval",
    "rate",
    "round_half_up",
    "seasonal_expectation",
    "u_chart",
    "u_prime_chart",
    "wilson",
    "xmr",
    "yearly_targets",
]
