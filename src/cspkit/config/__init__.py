"""The partnership configuration (DESIGN.md): one YAML file per partnership."""

from __future__ import annotations

from cspkit.config.partnership import PartnershipConfig, Subarea, load_config, parse_config
from cspkit.config.template import starting_config

__all__ = ["PartnershipConfig", "Subarea", "load_config", "parse_config", "starting_config"]
