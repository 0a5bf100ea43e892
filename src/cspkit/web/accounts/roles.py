"""The partnership's roles: who each is, whether it is partnership-wide or bound to an agency,
and whether it needs a second factor (docs/web.md "Roles")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    key: str
    label: str
    partnership_wide: bool  # sees every agency's restricted data it may see at all; else its own agency's only
    second_factor: bool  # must pass two-factor authentication before anything but the sign-in pages
    duties: str


MANAGER = "manager"
ANALYST = "analyst"
OFFICER = "officer"
SHARING_OFFICER = "sharing_officer"
COUNCILLOR = "councillor"
SCRUTINY = "scrutiny"
ADMINISTRATOR = "administrator"

ROLES: tuple[Role, ...] = (
    Role(
        MANAGER,
        "Partnership manager",
        True,
        True,
        "Runs the partnership's business: sees every agency's shared data and restricted items, "
        "keeps the sharing agreements register.",
    ),
    Role(
        ANALYST,
        "Partnership analyst",
        True,
        False,
        "Loads and analyses the partners' depersonalised data: uploads files, reads every batch.",
    ),
    Role(
        OFFICER,
        "Agency officer",
        False,
        False,
        "Works for one agency: uploads and reads that agency's data and restricted items only.",
    ),
    Role(
        SHARING_OFFICER,
        "Designated information-sharing officer",
        False,
        True,
        "Answers for one agency's sharing: its batches, its agreements and its restricted items.",
    ),
    Role(
        COUNCILLOR,
        "Councillor",
        True,
        False,
        "Reads the partnership's published figures and reports; no restricted data.",
    ),
    Role(
        SCRUTINY,
        "Scrutiny committee member",
        True,
        False,
        "Reads the partnership's published figures and reports for the crime and disorder committee; "
        "no restricted data.",
    ),
    Role(
        ADMINISTRATOR,
        "Administrator",
        True,
        True,
        "Manages accounts and agencies and reads the audit log; no restricted partner data.",
    ),
)
BY_KEY = {role.key: role for role in ROLES}
CHOICES = [(role.key, role.label) for role in ROLES]
STAFF = frozenset(role.key for role in ROLES)
# Roles that may read restricted objects at all (their own agency's, or all when partnership-wide).
RESTRICTED_READERS = frozenset({MANAGER, ANALYST, OFFICER, SHARING_OFFICER})


def role(key: str) -> Role:
    return BY_KEY[key]
