"""Ingest source files into the record store: each call is one atomic change."""

from __future__ import annotations

from cspkit.ingest.common import IngestReport, ordered_map, quality
from cspkit.ingest.partner import ingest_partner
from cspkit.ingest.policeuk import ingest_policeuk
from cspkit.ingest.recorded_crime import ingest_recorded_crime
from cspkit.ingest.survey import ingest_survey

__all__ = [
    "IngestReport",
    "ingest_partner",
    "ingest_policeuk",
    "ingest_recorded_crime",
    "ingest_survey",
    "ordered_map",
    "quality",
]
