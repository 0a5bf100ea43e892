"""Ingest source files into the record store: each call is one atomic change."""

from __future__ import annotations

from cspkit.ingest.common import IngestReport, ordered_map, quality
from cspkit.ingest.partner import ingest_partner
from cspkit.ingest.policeuk import ingest_policeuk

__all__ = ["IngestReport", "ingest_partner", "ingest_policeuk", "ordered_map", "quality"]
