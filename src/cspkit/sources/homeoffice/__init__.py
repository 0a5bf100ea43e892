"""Home Office police recorded crime by offence code, and the offence code lookup."""

from __future__ import annotations

from cspkit.sources.homeoffice.offences import OffenceCode, offence_codes
from cspkit.sources.homeoffice.prc import read_prc

__all__ = ["OffenceCode", "offence_codes", "read_prc"]
