"""Funnel-plot limits for comparing areas (METHODS.md §1.4; Spiegelhalter 2005).

Each area's indirectly standardised ratio O/E, with E = its population × the group's pooled
rate, is set against exact Poisson limits around 1, as the PowerBI-SPC "Funnels" engine
(run by controlchartspy, the test oracle) computes them:

- limit(p) = χ²_p(2(E + [p > 0.5])) / (2E) for p in 0.001, 0.025, 0.16, 0.84, 0.975, 0.999
  (99.8 %, 95 % and 68 % limits);
- z = Φ⁻¹(F_χ²(2O; 2(E + [O > E]))).

Overdispersion (when areas differ by more than chance, as crime rates do): on the square
root scale y = √(O/E), SE = 1/(2√E), z = (y − 1)/SE; z is winsorised at its 10th and 90th
percentiles, φ = mean(z²), τ² = (nφ − (n − 1)) / (Σw − Σw²/Σw) with w = 1/SE² (0 when
nφ ≤ n − 1); limits (1 + q·√(SE² + τ²))² and z·SE/√(SE² + τ²). "auto" applies it only when
nφ exceeds χ²_0.95(n − 1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

LEVELS = {"ll99": 0.001, "ll95": 0.025, "ll68": 0.16, "ul68": 0.84, "ul95": 0.975, "ul99": 0.999}
OD_CHOICES = ("no", "yes", "auto")


@dataclass(frozen=True)
class Funnel:
    ratio: np.ndarray  # O / E
    z: np.ndarray
    limits: dict[str, np.ndarray]  # LEVELS' names
    overdispersed: bool  # whether the limits were widened
    phi: float
    tau2: float

    def flag(self, i: int, level: str = "95") -> str:
        """ "above", "below" or "within" the limits at 95 or 99.8 per cent."""
        if self.ratio[i] > self.limits[f"ul{level}"][i]:
            return "above"
        if self.ratio[i] < self.limits[f"ll{level}"][i]:
            return "below"
        return "within"


def _winsorised(z: np.ndarray) -> np.ndarray:
    """z clipped to its 10th and 90th percentiles (linear interpolation, as the engine's)."""
    low, high = np.quantile(z, [0.1, 0.9])
    clipped: np.ndarray = np.clip(z, low, high)
    return clipped


def funnel(observed: np.ndarray, expected: np.ndarray, od_adjust: str = "no") -> Funnel:
    from scipy.special import ndtri_exp
    from scipy.stats import chi2, norm

    if od_adjust not in OD_CHOICES:
        raise ValueError(f"od_adjust must be one of {OD_CHOICES}")
    o = np.asarray(observed, dtype=float)
    e = np.asarray(expected, dtype=float)
    ratio = o / e
    n = len(o)
    se = 1 / (2 * np.sqrt(e))
    z_sqrt = (np.sqrt(ratio) - 1) / se
    phi = float(np.mean(_winsorised(z_sqrt) ** 2)) if n else 0.0
    w = 1 / se**2
    tau2 = max(0.0, (n * phi - (n - 1)) / (w.sum() - (w**2).sum() / w.sum())) if n > 1 else 0.0
    widen = od_adjust == "yes" or (od_adjust == "auto" and n > 1 and n * phi > chi2.ppf(0.95, n - 1))
    if widen:
        spread = np.sqrt(se**2 + tau2)
        limits = {name: np.clip(1 + norm.ppf(p) * spread, 0, None) ** 2 for name, p in LEVELS.items()}
        z = z_sqrt * se / spread
    else:
        limits = {name: chi2.ppf(p, 2 * (e + (1 if p > 0.5 else 0))) / (2 * e) for name, p in LEVELS.items()}
        # On the log scale, and from the upper tail above E, so an area far outside the
        # funnel keeps a finite z.
        df = 2 * (e + (o > e))
        z = np.where(o > e, -ndtri_exp(chi2.logsf(2 * o, df)), ndtri_exp(chi2.logcdf(2 * o, df)))
    return Funnel(ratio, z, limits, widen, phi, tau2)
