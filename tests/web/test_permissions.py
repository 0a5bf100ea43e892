"""The permission matrix: every URL pattern is in it, and every cell answers as it says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cspkit.web.accounts.permissions import MATRIX, PUBLIC, SIGNED_IN
from cspkit.web.accounts.roles import ROLES
from tests.web.conftest import AMPTHILL, batch_ids

pytestmark = pytest.mark.web


def _names(patterns: list[Any], namespace: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"URL pattern {pattern.pattern} has no name, so the matrix cannot hold it"
            found.append(namespace + pattern.name)
    return found


def test_every_url_pattern_is_in_the_matrix_and_nothing_else_is() -> None:
    names = _names(get_resolver().url_patterns)
    assert sorted(set(names)) == sorted(names), "two patterns share a name"
    assert sorted(n for n in names if n not in MATRIX) == []
    assert sorted(n for n in MATRIX if n not in names) == []


def sample_urls(objects: dict[str, Any], store: Path) -> dict[str, str]:
    """A URL per pattern, on objects every role the matrix admits may see."""
    batch = batch_ids(store)["street"]
    kwargs: dict[str, dict[str, Any]] = {
        "datahub:upload-detail": {"pk": objects["open_upload"].pk},
        "datahub:upload-progress": {"pk": objects["open_upload"].pk},
        "datahub:batch-detail": {"batch_id": batch},
        "datahub:batch-rows": {"batch_id": batch},
        "datahub:agreement-detail": {"pk": objects["open_agreement"].pk},
        "datahub:agreement-edit": {"pk": objects["open_agreement"].pk},
        "partnership:action-detail": {"pk": objects["open_action"].pk},
        "accounts:person": {"pk": objects["open_upload"].uploaded_by.pk},
        "dashboard:indicator": {"set_name": "policeuk", "name": "burglary"},
        "partnership:action-update": {"pk": objects["open_action"].pk},
        "partnership:issue-decision": {"issue": "burglary"},
        "partnership:issue-narrative": {"issue": "burglary"},
        "partnership:target-edit": {"issue": "burglary", "set_name": "policeuk", "name": "burglary"},
        "partnership:report": {"pk": objects["report_run"].pk},
        "partnership:report-status": {"pk": objects["report_run"].pk},
        "partnership:report-file": {"pk": objects["report_run"].pk, "name": "plan.html"},
        "partnership:hallmark-practice": {"code": "L2"},
        "partnership:meeting": {"pk": objects["meeting"].pk},
        "partnership:hallmarks-review": {"year": objects["hallmarks_review"].slug},
        "partnership:hallmark-score": {"year": objects["hallmarks_review"].slug, "code": "L1"},
        "public:neighbourhood": {"ward": AMPTHILL},
        "public:meeting-new": {"ward": AMPTHILL},
        "public:meeting": {"pk": objects["public_meeting"].pk},
        "public:meeting-edit": {"pk": objects["public_meeting"].pk},
        "public:priority-new": {"pk": objects["public_meeting"].pk},
        "public:priority-edit": {"pk": objects["priority"].pk},
        "api:neighbourhoods": {"force": "bedfordshire"},
        "engage:photo": {"pk": objects["pin"].photos.get().pk},
        "engage:nomination-thanks": {"reference": objects["nomination"].reference},
        "engage:round": {"pk": objects["payback_round"].pk},
        "engage:round-manage": {"pk": objects["payback_round"].pk},
        "engage:nomination": {"pk": objects["nomination"].pk},
        "engage:vote-confirm": {"token": objects["vote_token"]},
        "engage:vote-count": {"token": objects["vote_token"]},
        "engage:cfa-track": {"token": objects["cfa_token"]},
        "engage:cfa-escalate": {"token": objects["cfa_token"]},
        "engage:cfa-case": {"pk": objects["call_for_action"].pk},
        "engage:trigger-track": {"token": objects["trigger_token"]},
        "engage:trigger-case": {"pk": objects["case_review"].pk},
        "open311:discovery": {"fmt": "json"},
        "open311:services": {"fmt": "xml"},
        "open311:service": {"code": "poor-lighting", "fmt": "json"},
        "open311:requests": {"fmt": "json"},
        "open311:request": {"reference": objects["pin"].reference, "fmt": "xml"},
        "open311:token": {"token": objects["pin"].token, "fmt": "json"},
        **{
            f"cases:{name}": {"pk": objects["case_person"].pk}
            for name in (
                "person",
                "person-edit",
                "person-review",
                "person-share",
                "person-transfer",
                "event-new",
                "task-new",
                "document-new",
                "subject-access",
                "marac-refer",
                "iom-select",
            )
        },
        **{
            f"cases:{name}": {"pk": objects["marac_referral"].pk}
            for name in ("marac-referral", "marac-research", "marac-action", "marac-list", "marac-hear")
        },
        "cases:marac-action-done": {"pk": objects["marac_action"].pk},
        "cases:location": {"pk": objects["case_location"].pk},
        "cases:tension": {"pk": objects["tension"].pk},
        **{
            f"cases:{name}": {"pk": objects["iom_member"].pk}
            for name in ("iom-member", "iom-engagement", "iom-offence", "iom-deselect")
        },
        "cases:tension-update": {"pk": objects["tension"].pk},
        **{
            f"cases:{name}": {"pk": objects["asb_case"].pk}
            for name in ("asb-case", "asb-party", "asb-incident", "asb-intervention", "asb-review-link", "asb-close")
        },
        "cases:marac-meeting": {"pk": objects["marac_meeting"].pk},
        "cases:dhr-review": {"pk": objects["dhr_review"].pk},
        "cases:dhr-edit": {"pk": objects["dhr_review"].pk},
        "cases:dhr-recommendation": {"pk": objects["dhr_review"].pk},
        "cases:dhr-recommendation-update": {"pk": objects["dhr_recommendation"].pk},
        "cases:share-end": {"pk": objects["case_share"].pk},
        "cases:task-done": {"pk": objects["case_task"].pk},
        "cases:document": {"pk": objects["case_document"].pk},
        "cases:api-person": {"reference": objects["case_person"].reference},
        **{
            f"engage:{name}": {"reference": objects["pin"].reference}
            for name in ("thanks", "pin", "support", "review", "moderate", "action", "we-did")
        },
        **{
            f"api:{name}": {"force": "bedfordshire", "ward": AMPTHILL}
            for name in ("neighbourhood", "boundary", "priorities", "events")
        },
    }
    return {name: reverse(name, kwargs=kwargs.get(name)) for name in MATRIX}


# Pages that answer a GET with a redirect when allowed (not a page of their own).
REDIRECTS_WHEN_ALLOWED = {
    "pages:set-language",
    "partnership:approve-priorities",
    "partnership:report-new",
    "partnership:hallmarks-start",
}
# Allowed by the matrix, then refused by the object's own rule: only the owning agency (the fire
# service's open action) or the partnership manager updates an action.
OBJECT_RULES = {
    "partnership:action-update": lambda role: role in ("manager", "sharing_officer"),
    # The case record is the fire service's (the sharing officer's agency), shared with the police
    # and the council: only its owner changes, shares or hands it over, and only the owner's
    # information-sharing officer makes a subject access export (cspkit.web.cases.policy).
    **{
        f"cases:{name}": lambda role: role == "sharing_officer"
        for name in (
            "person-edit",
            "person-share",
            "person-transfer",
            "task-new",
            "document-new",
            "subject-access",
            "marac-refer",
            "iom-select",
            "location",  # the fire service's place; no event there is shared with the others
        )
    },
    # The domestic homicide review register is kept by the partnership manager.
    **{f"cases:{name}": lambda role: role == "manager" for name in ("dhr-new", "dhr-edit")},
}
# An object rule that refuses says "not found", so it never confirms the record exists.
OBJECT_REFUSAL = {name: 404 for name in OBJECT_RULES if name.startswith("cases:")}
POST_ONLY = {"accounts:logout"}
# Forms' POST handlers: a GET, once allowed in, is refused as the wrong method.
POST_HANDLERS = {
    "engage:support",
    "engage:moderate",
    "engage:action",
    "engage:we-did",
    "engage:vote-count",
    "engage:round-new",
    "engage:cfa-escalate",
    "cases:person-review",
    "cases:share-end",
    "cases:task-done",
    "cases:marac-research",
    "cases:marac-action",
    "cases:marac-list",
    "cases:marac-hear",
    "cases:marac-action-done",
    "cases:dhr-recommendation",
    "cases:dhr-recommendation-update",
    "cases:tension-update",
    "cases:iom-engagement",
    "cases:iom-offence",
    "cases:iom-deselect",
    "cases:asb-party",
    "cases:asb-incident",
    "cases:asb-intervention",
    "cases:asb-review-link",
    "cases:asb-close",
}
NOT_FOUND_FOR_ANYONE = {"api:not-found", "open311:not-found"}  # the API's JSON 404 for any other path under /api/
REDIRECTS_WHEN_SIGNED_IN = {"accounts:login"}  # a signed-in person is sent on


def _expected(name: str, role: str | None) -> int:
    rule = MATRIX[name]
    if name in NOT_FOUND_FOR_ANYONE:
        return 404
    if rule is PUBLIC and name in POST_HANDLERS:
        return 405
    if rule is PUBLIC:
        signed_in_redirect = role is not None and name in REDIRECTS_WHEN_SIGNED_IN
        return 302 if name in REDIRECTS_WHEN_ALLOWED or signed_in_redirect else 200
    if role is None:
        return 302  # to the sign-in page
    if rule is SIGNED_IN or role in rule:
        if name in OBJECT_RULES and not OBJECT_RULES[name](role):
            return OBJECT_REFUSAL.get(name, 403)
        if name in POST_HANDLERS:
            return 405
        return 302 if name in POST_ONLY or name in REDIRECTS_WHEN_ALLOWED else 200
    return 403


@pytest.mark.parametrize("role", [None, *(r.key for r in ROLES)])
def test_each_cell_of_the_matrix(role: str | None, client, people, objects, sign_in, web_store: Path) -> None:  # type: ignore[no-untyped-def]
    if role is not None:
        sign_in(people[role])
    wrong = []
    for name, url in sample_urls(objects, web_store).items():
        response = client.post(url) if name in POST_ONLY else client.get(url)
        if name in POST_ONLY and role is not None:
            sign_in(people[role])  # signing out ended the session
        want = _expected(name, role)
        if response.status_code != want:
            wrong.append(f"{name} {url}: {response.status_code}, expected {want}")
        if role is None and want == 302 and name not in REDIRECTS_WHEN_ALLOWED:
            assert response["Location"].startswith(reverse("accounts:login"))
    assert wrong == []


def test_a_url_outside_the_matrix_is_not_found(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["manager"])
    assert client.get("/no-such-page/").status_code == 404


def test_roles_that_need_a_second_factor_are_sent_to_it(client, people) -> None:  # type: ignore[no-untyped-def]
    for role in ("manager", "sharing_officer", "administrator"):
        client.force_login(people[role])
        response = client.get(reverse("datahub:coverage") if role != "administrator" else reverse("accounts:audit"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor"))
    for role in ("analyst", "officer", "councillor", "scrutiny"):
        client.force_login(people[role])
        assert client.get(reverse("datahub:coverage")).status_code == 200


def test_the_documented_matrix_is_the_matrix() -> None:
    from cspkit.web.accounts.permissions import matrix_table
    from tests.helpers import ROOT

    docs = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    assert matrix_table() in docs, "paste matrix_table() into docs/web.md's Permissions section"
