"""The strategic assessment as data: scanning chart, evidence per issue, public concern and
confidence, narrative, kept run by run (DESIGN.md `cspkit.assessment`)."""

from __future__ import annotations

from cspkit.assessment.build import AssessmentRequest, build_assessment
from cspkit.assessment.history import keep_assessment, previous_assessment

__all__ = ["AssessmentRequest", "build_assessment", "keep_assessment", "previous_assessment"]
