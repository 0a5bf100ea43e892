"""The partnership's roles: who each is, whether it is partnership-wide or bound to an agency,
and whether it needs a second factor (docs/web.md "Roles")."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    key: str
    label: str | Promise
    partnership_wide: bool  # sees every agency's restricted data it may see at all; else its own agency's only
    second_factor: bool  # must pass two-factor authentication before anything but the sign-in pages
    duties: str | Promise


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
        _("Partnership manager"),
        True,
        True,
        _(
            "Runs the partnership's business: sees every agency's shared data and restricted items, "
            "keeps the sharing agreements register."
        ),
    ),
    Role(
        ANALYST,
        _("Partnership analyst"),
        True,
        False,
        _("Loads and analyses the partners' depersonalised data: uploads files, reads every batch."),
    ),
    Role(
        OFFICER,
        _("Agency officer"),
        False,
        False,
        _("Works for one agency: uploads and reads that agency's data and restricted items only."),
    ),
    Role(
        SHARING_OFFICER,
        _("Designated information-sharing officer"),
        False,
        True,
        _("Answers for one agency's sharing: its batches, its agreements and its restricted items."),
    ),
    Role(
        COUNCILLOR,
        _("Councillor"),
        True,
        False,
        _("Reads the partnership's published figures and reports; no restricted data."),
    ),
    Role(
        SCRUTINY,
        _("Scrutiny committee member"),
        True,
        False,
        _(
            "Reads the partnership's published figures and reports for the crime and disorder committee; "
            "no restricted data."
        ),
    ),
    Role(
        ADMINISTRATOR,
        _("Administrator"),
        True,
        True,
        _("Manages accounts and agencies and reads the audit log; no restricted partner data."),
    ),
)
BY_KEY = {role.key: role for role in ROLES}
CHOICES = [(role.key, role.label) for role in ROLES]
STAFF = frozenset(role.key for role in ROLES)
# Roles that may read restricted objects at all (their own agency's, or all when partnership-wide).
RESTRICTED_READERS = frozenset({MANAGER, ANALYST, OFFICER, SHARING_OFFICER})


def role(key: str) -> Role:
    return BY_KEY[key]
