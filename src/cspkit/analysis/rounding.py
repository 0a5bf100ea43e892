"""Figures are computed unrounded and shown rounded half up (2.5 -> 3), as people expect."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, digits: int = 0) -> float:
    """`value` rounded to `digits` decimal places, halves away from zero.

    Python's round() rounds halves to even and works on the binary value (round(2.675, 2)
    is 2.67); reports and targets need 2.68, so go through the shortest decimal repr."""
    quantum = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))
