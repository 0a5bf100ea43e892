"""The kinds of agency a partnership brings together (seed 001: the responsible authorities and others)."""

from __future__ import annotations

KINDS: tuple[tuple[str, str], ...] = (
    ("police", "Police"),
    ("local_authority", "Local authority"),
    ("fire_and_rescue", "Fire and rescue service"),
    ("health", "Health"),
    ("probation", "Probation service"),
    ("youth_offending", "Youth offending team"),
    ("voluntary", "Voluntary sector"),
    ("housing", "Housing provider"),
    ("education", "Education"),
    ("other", "Other"),
)
