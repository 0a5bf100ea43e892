"""Indicators: versioned definitions in YAML and one evaluator for every engine."""

from __future__ import annotations

from cspkit.indicators.areas import TargetArea, resolve_areas
from cspkit.indicators.definitions import Count, Indicator, IndicatorSet
from cspkit.indicators.engine import Engine, open_engine
from cspkit.indicators.evaluate import FIELDS, evaluate
from cspkit.indicators.sets import IndicatorSets, load_indicator_sets

__all__ = [
    "FIELDS",
    "Count",
    "Engine",
    "Indicator",
    "IndicatorSet",
    "IndicatorSets",
    "TargetArea",
    "evaluate",
    "load_indicator_sets",
    "open_engine",
    "resolve_areas",
]
