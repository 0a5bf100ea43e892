"""One declarative matrix: which roles may open each named URL (docs/web.md "Permissions").

The middleware refuses any URL whose name is not here, and a test walks Django's URL resolver
and fails on any pattern missing from the matrix. Object-level rules (whose restricted batch,
agreement or action item this is) are `may_see`, applied by the views on top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspkit.web.accounts.roles import (
    ADMINISTRATOR,
    ANALYST,
    COUNCILLOR,
    MANAGER,
    OFFICER,
    RESTRICTED_READERS,
    SCRUTINY,
    SHARING_OFFICER,
    STAFF,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from cspkit.web.accounts.models import User
    from cspkit.web.accounts.roles import Role

PUBLIC = frozenset({"public"})  # anyone, signed in or not
SIGNED_IN = frozenset({"signed-in"})  # any signed-in account, before its second factor too
DATA_WORKERS = frozenset({MANAGER, ANALYST, OFFICER, SHARING_OFFICER})
READERS = frozenset({MANAGER, ANALYST, OFFICER, SHARING_OFFICER, COUNCILLOR, SCRUTINY})
# Who arranges public meetings and reports "you said, we did": neighbourhood teams' officers
# and the partnership's staff.
NEIGHBOURHOOD_STAFF = frozenset({MANAGER, ANALYST, OFFICER})
# Person-level case work: agency-bound roles that hold cases (the cases policy decides which
# records); every cases page also needs the second factor, whatever the role.
CASE_WORKERS = frozenset({MANAGER, OFFICER, SHARING_OFFICER})
CASE_NAMES = (
    "home",
    "people",
    "person-new",
    "export",
    "person",
    "person-edit",
    "person-review",
    "person-share",
    "person-transfer",
    "event-new",
    "task-new",
    "document-new",
    "subject-access",
    "share-end",
    "task-done",
    "document",
    "notifications",
    "api-people",
    "api-person",
    "locations",
    "location-new",
    "location",
    "marac-refer",
    "marac",
    "marac-return",
    "marac-referral",
    "marac-research",
    "marac-action",
    "marac-list",
    "marac-hear",
    "marac-action-done",
    "marac-meeting-new",
    "marac-meeting",
    "iom-select",
    "iom",
    "iom-ni30",
    "iom-member",
    "iom-engagement",
    "iom-offence",
    "iom-deselect",
    "asb",
    "asb-new",
    "asb-desistance",
    "asb-case",
    "asb-party",
    "asb-incident",
    "asb-intervention",
    "asb-review-link",
    "asb-close",
    "tensions",
    "tension-new",
    "tension",
    "tension-update",
    "dhr",
    "dhr-new",
    "dhr-review",
    "dhr-edit",
    "dhr-recommendation",
    "dhr-recommendation-update",
)

MATRIX: dict[str, frozenset[str]] = {
    "pages:home": PUBLIC,
    "pages:healthz": PUBLIC,
    "pages:accessibility": PUBLIC,
    "pages:privacy": PUBLIC,
    "pages:sitemap": PUBLIC,
    "pages:set-language": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": SIGNED_IN,
    "accounts:two-factor": SIGNED_IN,
    "accounts:account": STAFF,
    "accounts:people": frozenset({ADMINISTRATOR, MANAGER}),
    "accounts:person-new": frozenset({ADMINISTRATOR}),
    "accounts:person": frozenset({ADMINISTRATOR}),
    "accounts:audit": frozenset({ADMINISTRATOR}),
    "accounts:audit-export": frozenset({ADMINISTRATOR}),
    "datahub:hub": DATA_WORKERS,
    "datahub:upload": DATA_WORKERS,
    "datahub:upload-detail": DATA_WORKERS,
    "datahub:upload-progress": DATA_WORKERS,
    "datahub:batches": DATA_WORKERS,
    "datahub:batch-detail": DATA_WORKERS,
    "datahub:batch-rows": DATA_WORKERS,
    "datahub:api-batches": DATA_WORKERS,
    "datahub:coverage": READERS,
    "datahub:agreements": READERS,
    "datahub:agreement-detail": READERS,
    "datahub:agreement-new": frozenset({MANAGER, SHARING_OFFICER}),
    "datahub:agreement-edit": frozenset({MANAGER, SHARING_OFFICER}),
    "datahub:officers": READERS | {ADMINISTRATOR},
    "partnership:actions": READERS,
    "partnership:action-detail": READERS,
    "partnership:action-update": DATA_WORKERS,
    "partnership:assessment": READERS,
    "partnership:issue-decision": frozenset({MANAGER, ANALYST}),
    "partnership:issue-narrative": frozenset({MANAGER, ANALYST}),
    "partnership:approve-priorities": frozenset({MANAGER}),
    "partnership:plan": READERS,
    "partnership:target-edit": frozenset({MANAGER}),
    "partnership:performance": READERS,
    "partnership:reports": READERS,
    "partnership:report-new": frozenset({MANAGER, ANALYST}),
    "partnership:report": READERS,
    "partnership:report-status": READERS,
    "partnership:report-file": READERS,
    "partnership:hallmarks": READERS,
    "partnership:hallmarks-start": frozenset({MANAGER, ANALYST}),
    "partnership:hallmark-practice": frozenset({MANAGER}),
    "partnership:hallmarks-review": READERS,
    "partnership:hallmark-score": frozenset({MANAGER, ANALYST}),
    "partnership:meetings": READERS,
    "partnership:meeting": READERS,
    "dashboard:dashboard": READERS,
    "dashboard:indicator": READERS,
    "public:neighbourhoods": PUBLIC,
    "public:neighbourhood": PUBLIC,
    "public:meetings": PUBLIC,
    "public:meeting": PUBLIC,
    "public:performance": PUBLIC,
    "public:meeting-new": NEIGHBOURHOOD_STAFF,
    "public:meeting-edit": NEIGHBOURHOOD_STAFF,
    "public:priority-new": NEIGHBOURHOOD_STAFF,
    "public:priority-edit": NEIGHBOURHOOD_STAFF,
    "engage:safer-streets": PUBLIC,
    "engage:report": PUBLIC,
    "engage:thanks": PUBLIC,
    "engage:geojson": PUBLIC,
    "engage:csv": PUBLIC,
    "engage:photo": PUBLIC,  # the view shows an unpublished photo to moderators only
    "engage:pin": PUBLIC,
    "engage:support": PUBLIC,
    "engage:moderation": NEIGHBOURHOOD_STAFF,
    "engage:review": NEIGHBOURHOOD_STAFF,
    "engage:moderate": NEIGHBOURHOOD_STAFF,
    "engage:action": NEIGHBOURHOOD_STAFF,
    "engage:we-did": NEIGHBOURHOOD_STAFF,
    "engage:open311-clients": frozenset({ADMINISTRATOR}),
    "engage:payback": PUBLIC,
    "engage:nominate": PUBLIC,
    "engage:nomination-thanks": PUBLIC,
    "engage:round": PUBLIC,
    "engage:vote-confirm": PUBLIC,
    "engage:vote-count": PUBLIC,
    "engage:nominations": NEIGHBOURHOOD_STAFF,
    "engage:nomination": NEIGHBOURHOOD_STAFF,
    "engage:round-new": NEIGHBOURHOOD_STAFF,
    "engage:round-manage": NEIGHBOURHOOD_STAFF,
    "engage:cfa": PUBLIC,
    "engage:cfa-track": PUBLIC,  # the resident's private link is the key
    "engage:cfa-escalate": PUBLIC,
    "engage:cfa-register": PUBLIC,
    # Councillors see their wards' Calls, the scrutiny committee the referred ones, the manager all.
    "engage:cfa-cases": frozenset({COUNCILLOR, SCRUTINY, MANAGER}),
    "engage:cfa-case": frozenset({COUNCILLOR, SCRUTINY, MANAGER}),
    "engage:cfa-councillors": frozenset({ADMINISTRATOR, MANAGER}),
    "engage:trigger": PUBLIC,
    "engage:trigger-track": PUBLIC,
    "engage:trigger-figures": PUBLIC,
    "engage:trigger-cases": NEIGHBOURHOOD_STAFF,
    "engage:trigger-case": NEIGHBOURHOOD_STAFF,
    # Open311: reads are public (published requests only); a POST is authenticated by its api_key.
    "open311:openapi": PUBLIC,
    "open311:discovery": PUBLIC,
    "open311:services": PUBLIC,
    "open311:service": PUBLIC,
    "open311:requests": PUBLIC,
    "open311:request": PUBLIC,
    "open311:token": PUBLIC,
    "open311:not-found": PUBLIC,
    **{f"cases:{name}": CASE_WORKERS for name in CASE_NAMES},
    "api:openapi": PUBLIC,
    "api:forces": PUBLIC,
    "api:crime-counts": PUBLIC,
    "api:neighbourhoods": PUBLIC,
    "api:neighbourhood": PUBLIC,
    "api:boundary": PUBLIC,
    "api:priorities": PUBLIC,
    "api:events": PUBLIC,
    "api:not-found": PUBLIC,
}
# Pages that need the second factor from every role (person-level data).
SECOND_FACTOR_ALWAYS = frozenset(name for name in MATRIX if name.startswith("cases:"))
# Pages a signed-in account may open before passing its second factor.
BEFORE_SECOND_FACTOR = frozenset(name for name, allowed in MATRIX.items() if allowed in (PUBLIC, SIGNED_IN))


def allowed(name: str, role: str | None) -> bool:
    """May this role (None: not signed in) open the URL named `name`?"""
    rule = MATRIX.get(name)
    if rule is None:
        return False
    if rule is PUBLIC:
        return True
    if role is None:
        return False
    return rule is SIGNED_IN or role in rule


def may_see(user: User, owners: Iterable[str], restricted: bool = True) -> bool:
    """May `user` read an object owned by the agencies `owners` (slugs)?

    Unrestricted objects are open to every role the matrix lets in. Restricted ones only to
    roles that read restricted data: partnership-wide ones (manager, analyst) for every agency,
    agency-bound ones (officer, information-sharing officer) for their own agency's.
    """
    if not restricted:
        return True
    if user.role not in RESTRICTED_READERS:
        return False
    if user.partnership_wide:
        return True
    return user.agency is not None and user.agency.slug in set(owners)


def matrix_table() -> str:
    """The matrix as the Markdown table in docs/web.md (a test keeps the two the same)."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from cspkit.web.accounts.roles import ROLES

    with translation.override("en"):
        return _table(ROLES, reverse, NoReverseMatch)


SAMPLE_KWARGS: tuple[tuple[dict[str, object], dict[str, str]], ...] = (
    ({"pk": 1}, {"/1/": "/<id>/"}),
    ({"batch_id": "BATCH"}, {"BATCH": "<batch>"}),
    ({"set_name": "SET", "name": "NAME"}, {"SET": "<set>", "NAME": "<indicator>"}),
    ({"issue": "ISSUE"}, {"ISSUE": "<issue>"}),
    (
        {"issue": "ISSUE", "set_name": "SET", "name": "NAME"},
        {"ISSUE": "<issue>", "SET": "<set>", "NAME": "<indicator>"},
    ),
    ({"pk": 1, "name": "FILE"}, {"/1/": "/<id>/", "FILE": "<file>"}),
    ({"code": "CODE"}, {"CODE": "<element>"}),
    ({"year": "YEAR"}, {"YEAR": "<year>"}),
    ({"year": "YEAR", "code": "CODE"}, {"YEAR": "<year>", "CODE": "<element>"}),
    ({"ward": "E05999999"}, {"E05999999": "<ward>"}),
    ({"force": "FORCE"}, {"FORCE": "<force>"}),
    ({"force": "FORCE", "ward": "E05999999"}, {"FORCE": "<force>", "E05999999": "<ward>"}),
    ({"reference": "SS-AAAAAA"}, {"SS-AAAAAA": "<reference>"}),
    ({"fmt": "FMT"}, {"FMT": "<format>"}),
    ({"code": "CODE", "fmt": "FMT"}, {"CODE": "<service>", "FMT": "<format>"}),
    ({"reference": "SS-AAAAAA", "fmt": "FMT"}, {"SS-AAAAAA": "<reference>", "FMT": "<format>"}),
    ({"token": "TOKEN", "fmt": "FMT"}, {"TOKEN": "<token>", "FMT": "<format>"}),
    ({"token": "TOKEN"}, {"TOKEN": "<token>"}),
)


def _pattern(name: str, reverse: Callable[..., str], missing: type[Exception]) -> str:
    """A URL with arguments, each written as its `<name>` (as docs/web.md shows them)."""
    for kwargs, names in SAMPLE_KWARGS:
        try:
            path = reverse(name, kwargs=kwargs)
        except missing:
            continue
        for sample, name in names.items():
            path = path.replace(sample, name)
        return path
    raise missing(name)


def _table(roles: tuple[Role, ...], reverse: Callable[..., str], missing: type[Exception]) -> str:
    lines = [
        "| URL name | path | " + " | ".join(str(role.label) for role in roles) + " |",
        "|---|---|" + "---|" * len(roles),
    ]
    for name, rule in MATRIX.items():
        try:
            path = reverse(name)
        except missing:
            path = _pattern(name, reverse, missing)
        if rule is PUBLIC:
            cells = ["anyone"] * len(roles)
        elif rule is SIGNED_IN:
            cells = ["signed in"] * len(roles)
        else:
            cells = ["yes" if role.key in rule else "—" for role in roles]
        lines.append(f"| `{name}` | `{path}` | " + " | ".join(cells) + " |")
    return "\n".join(lines)
