"""Case work's records: people, places, events, shares, possible matches, tasks, notifications,
documents and the tombstones retention leaves; ASB cases, IOM, MARAC and the domestic homicide review register."""

from __future__ import annotations

from cspkit.web.cases.models.asb import AsbCase, AsbIncident, AsbIntervention, AsbParty
from cspkit.web.cases.models.iom import IomEngagement, IomMember, IomOffence
from cspkit.web.cases.models.marac import (
    DhrRecommendation,
    DomesticHomicideReview,
    MaracAction,
    MaracMeeting,
    MaracReferral,
    MaracResearch,
)
from cspkit.web.cases.models.places import CaseLocation
from cspkit.web.cases.models.records import GOVERNANCE_FIELDS, CaseEvent, Governed, PersonRecord
from cspkit.web.cases.models.sharing import PossibleMatch, Share
from cspkit.web.cases.models.tension import TensionReport, TensionUpdate
from cspkit.web.cases.models.work import CaseDocument, CaseTask, Notification, Tombstone

__all__ = [
    "AsbCase",
    "AsbIncident",
    "AsbIntervention",
    "AsbParty",
    "GOVERNANCE_FIELDS",
    "CaseDocument",
    "CaseEvent",
    "CaseLocation",
    "CaseTask",
    "DhrRecommendation",
    "DomesticHomicideReview",
    "Governed",
    "IomEngagement",
    "IomMember",
    "IomOffence",
    "MaracAction",
    "MaracMeeting",
    "MaracReferral",
    "MaracResearch",
    "Notification",
    "PersonRecord",
    "PossibleMatch",
    "Share",
    "TensionReport",
    "TensionUpdate",
    "Tombstone",
]
