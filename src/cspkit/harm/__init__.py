"""Crime harm: counts weighted by how much harm each kind of crime does (METHODS.md §8)."""

from cspkit.harm.totals import HarmRow, harm_rows
from cspkit.harm.weights import HarmWeights, default_weights, ons_group_weights, read_weights

__all__ = ["HarmRow", "HarmWeights", "default_weights", "harm_rows", "ons_group_weights", "read_weights"]
