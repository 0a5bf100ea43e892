"""Privacy: screening incoming "depersonalised" data for personal identifiers."""

from __future__ import annotations

from cspkit.privacy.screen import KINDS, Finding, cell_kinds, screen_rows

__all__ = ["KINDS", "Finding", "cell_kinds", "screen_rows"]
