"""Public engagement's records: Safer Streets pins (and Open311 clients), Community Payback
nominations, rounds and votes, and Councillor Calls for Action with ASB case reviews."""

from __future__ import annotations

from cspkit.web.engage.models.call_for_action import AsbCaseReview, CallForAction, WardCouncillor
from cspkit.web.engage.models.payback import PaybackNomination, PaybackRound, PaybackVote
from cspkit.web.engage.models.safer_streets import (
    MAX_DESCRIPTION,
    MAX_PHOTOS,
    Open311Client,
    PinAction,
    PinPhoto,
    PinSupport,
    RateCount,
    SaferStreetsPin,
)

__all__ = [
    "AsbCaseReview",
    "CallForAction",
    "WardCouncillor",
    "MAX_DESCRIPTION",
    "MAX_PHOTOS",
    "Open311Client",
    "PaybackNomination",
    "PaybackRound",
    "PaybackVote",
    "PinAction",
    "PinPhoto",
    "PinSupport",
    "RateCount",
    "SaferStreetsPin",
]
