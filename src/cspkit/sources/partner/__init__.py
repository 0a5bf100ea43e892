"""Partner agencies' depersonalised incident extracts, read through a declarative mapping."""

from __future__ import annotations

from cspkit.sources.partner.mapping import PartnerMapping, parse_mapping, read_mapping
from cspkit.sources.partner.read import PersonalDataError, read_partner

__all__ = ["PartnerMapping", "PersonalDataError", "parse_mapping", "read_mapping", "read_partner"]
