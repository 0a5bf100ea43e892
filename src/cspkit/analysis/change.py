"""Change between a period and its comparison period (METHODS.md §3).

Police recorded crime is a count, not a sample, but a count is still a Poisson outcome of
an underlying rate: whether a rise is more than chance is a two-sample Poisson question.
The default test is the E-test (Krishnamoorthy and Thomson 2004); the exact conditional
test is reported beside it. A change is called significant only when p < alpha AND the
change in counts reaches a minimum, so that tiny counts never make headlines.
"""

from __future__ import annotations

from dataclasses import dataclass

TESTS = ("e-test", "exact-conditional")


@dataclass(frozen=True)
class Change:
    current: int
    comparison: int
    difference: int
    percent: float | None  # None when the comparison period had none
    rate_ratio: float | None  # current rate / comparison rate
    ratio_lower: float | None
    ratio_upper: float | None
    p_etest: float
    p_exact: float
    test: str  # which p decides significance
    p_value: float
    significant: bool
    direction: str  # "increase", "decrease" or "no change"


def _exact_ratio_interval(
    current: int, current_exposure: float, comparison: int, comparison_exposure: float, level: float
) -> tuple[float | None, float | None]:
    """Rate ratio interval from the conditional binomial (Clopper–Pearson) interval."""
    from scipy.stats import beta

    total = current + comparison
    if total == 0:
        return None, None
    alpha = 1 - level
    low_p = 0.0 if current == 0 else float(beta.ppf(alpha / 2, current, comparison + 1))
    high_p = 1.0 if comparison == 0 else float(beta.ppf(1 - alpha / 2, current + 1, comparison))
    scale = comparison_exposure / current_exposure
    lower = low_p / (1 - low_p) * scale
    upper = None if high_p >= 1 else high_p / (1 - high_p) * scale
    return lower, upper


def compare_counts(
    current: int,
    comparison: int,
    current_exposure: float = 1.0,
    comparison_exposure: float = 1.0,
    *,
    alpha: float = 0.05,
    min_change: int = 0,
    test: str = "e-test",
) -> Change:
    """Difference, % change, rate ratio with its 95 % interval, and both two-sided p-values.

    Exposures are the periods' lengths (or populations) when they differ."""
    from scipy.stats import binomtest, poisson_means_test

    if test not in TESTS:
        raise ValueError(f"test must be one of {', '.join(TESTS)}")
    if current < 0 or comparison < 0:
        raise ValueError("counts cannot be negative")
    p_etest = float(poisson_means_test(current, current_exposure, comparison, comparison_exposure).pvalue)
    total = current + comparison
    share = current_exposure / (current_exposure + comparison_exposure)
    p_exact = 1.0 if total == 0 else float(binomtest(current, total, share).pvalue)
    p_etest = min(p_etest, 1.0)
    current_rate, comparison_rate = current / current_exposure, comparison / comparison_exposure
    ratio = None if comparison == 0 else current_rate / comparison_rate
    lower, upper = _exact_ratio_interval(current, current_exposure, comparison, comparison_exposure, 1 - alpha)
    difference = current - comparison
    p_value = p_etest if test == "e-test" else p_exact
    return Change(
        current=current,
        comparison=comparison,
        difference=difference,
        percent=None if comparison == 0 else 100.0 * difference / comparison,
        rate_ratio=ratio,
        ratio_lower=lower,
        ratio_upper=upper,
        p_etest=p_etest,
        p_exact=p_exact,
        test=test,
        p_value=p_value,
        significant=p_value < alpha and abs(difference) >= min_change,
        direction="increase" if difference > 0 else "decrease" if difference < 0 else "no change",
    )
