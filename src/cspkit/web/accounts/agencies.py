"""The kinds of agency a partnership brings together (seed 001: the responsible authorities and others)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KINDS: tuple[tuple[str, str | Promise], ...] = (
    ("police", _("Police")),
    ("local_authority", _("Local authority")),
    ("fire_and_rescue", _("Fire and rescue service")),
    ("health", _("Health")),
    ("probation", _("Probation service")),
    ("youth_offending", _("Youth offending team")),
    ("voluntary", _("Voluntary sector")),
    ("housing", _("Housing provider")),
    ("education", _("Education")),
    ("other", _("Other")),
)
