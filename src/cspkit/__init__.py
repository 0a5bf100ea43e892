"""cspkit: the partnership business of a Community Safety Partnership, on real data.

The library never imports the command line or the web app; both are built on it.
"""

from __future__ import annotations

from cspkit.__about__ import __version__
from cspkit.errors import CspkitError, InputError, UsageError, Where

__all__ = ["CspkitError", "InputError", "UsageError", "Where", "__version__"]
