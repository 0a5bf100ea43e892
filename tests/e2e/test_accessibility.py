"""The accessibility harness: axe-core (from axe-playwright-python) in Chromium over every URL the
resolver knows, for each demo role and for a visitor who is not signed in, on the demo data.
No serious or critical violation is allowed; at 375 px no page scrolls sideways."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from cspkit.web.accounts.permissions import MATRIX, PUBLIC
from tests.e2e.conftest import Site

pytestmark = pytest.mark.browser

# Not pages: downloads, JSON, and the POST-only actions (the permission tests cover them).
NOT_PAGES = {
    "pages:healthz",
    "pages:set-language",
    "accounts:logout",
    "accounts:audit-export",
    "datahub:batch-rows",
    "datahub:api-batches",
    "datahub:upload-progress",
    "partnership:approve-priorities",
    "partnership:report-new",
    "partnership:report-status",
    "partnership:report-file",
    "partnership:hallmarks-start",
    "api:openapi",
    "api:forces",
    "api:crime-counts",
    "api:neighbourhoods",
    "api:neighbourhood",
    "api:boundary",
    "api:priorities",
    "api:events",
    "api:not-found",
    "engage:geojson",
    "engage:photo",
    "engage:support",
    "engage:moderate",
    "engage:action",
    "engage:we-did",
    "engage:vote-count",
    "engage:round-new",
    "engage:cfa-escalate",
    "engage:csv",
    "pages:sitemap",
    "open311:openapi",
    "open311:discovery",
    "open311:services",
    "open311:service",
    "open311:requests",
    "open311:request",
    "open311:token",
    "open311:not-found",
    "cases:export",
    "cases:api-people",
    "cases:api-person",
    "cases:document",
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
ROLES = ["visitor", "manager", "analyst", "officer", "sharing_officer", "councillor", "scrutiny", "administrator"]


def _first_link(page: Any, url: str, selector: str) -> str:
    page.goto(url)
    href = page.locator(selector).first.get_attribute("href")
    assert href, f"no {selector} on {url}"
    return str(href)


@pytest.fixture(scope="module")
def page_urls(site: Site, browser: Any, sessions: dict[str, Any]) -> list[str]:
    """Every page of the resolver, with the demo's own objects for the patterns that need one."""
    context = browser.new_context(storage_state=sessions["manager"])
    page = context.new_page()
    found = {
        "datahub:upload-detail": _first_link(page, f"{site.url}/datahub/", "main table a"),
        "datahub:batch-detail": _first_link(page, f"{site.url}/datahub/batches/", "main table a"),
        "datahub:agreement-detail": _first_link(page, f"{site.url}/datahub/agreements/", "main table a"),
        "partnership:action-detail": _first_link(page, f"{site.url}/partnership/actions/", "main table a"),
    }
    found["datahub:agreement-edit"] = found["datahub:agreement-detail"] + "edit/"
    found["partnership:action-update"] = found["partnership:action-detail"] + "update/"
    found |= _workspace_objects(page, site)
    found |= _case_objects(page, site)
    context.close()
    context = browser.new_context(storage_state=sessions["administrator"])
    found["accounts:person"] = _first_link(context.new_page(), f"{site.url}/accounts/people/", "main table a")
    context.close()
    urls = []
    for name in MATRIX:
        if name in NOT_PAGES:
            continue
        urls.append(found.get(name) or reverse(name))
    assert len(urls) == len(MATRIX) - len(NOT_PAGES)
    return urls


def _submitted(page: Any, button: str) -> str:
    with page.expect_navigation():
        page.click(f"main button:has-text('{button}')")
    return urlsplit(page.url).path


def _workspace_objects(page: Any, site: Site) -> dict[str, str]:
    """A meeting, a Hallmarks self-assessment and a report run, made as the manager would."""
    found = {
        "dashboard:indicator": reverse("dashboard:indicator", args=["policeuk", "burglary"]),
        "partnership:issue-decision": reverse("partnership:issue-decision", args=["burglary"]),
        "partnership:issue-narrative": reverse("partnership:issue-narrative", args=["burglary"]),
        "partnership:target-edit": reverse("partnership:target-edit", args=["burglary", "policeuk", "burglary"]),
        "partnership:hallmark-practice": reverse("partnership:hallmark-practice", args=["L2"]),
    }
    page.goto(f"{site.url}/partnership/meetings/")
    page.check("input[name=kind][value=board]")
    page.fill("#id_date", "2024-05-01")
    found["partnership:meeting"] = _submitted(page, "Arrange the meeting")
    page.goto(f"{site.url}/partnership/hallmarks/")
    if page.locator("main button:has-text('self-assessment')").count():
        found["partnership:hallmarks-review"] = _submitted(page, "self-assessment")
    else:
        found["partnership:hallmarks-review"] = _first_link(page, page.url, "main ul a[href*='/hallmarks/20']")
    found["partnership:hallmark-score"] = found["partnership:hallmarks-review"] + "L1/"
    page.goto(f"{site.url}/partnership/reports/")
    page.select_option("#id_kind", "plan")
    found["partnership:report"] = _submitted(page, "Build")
    return found | _public_objects(page, site)


def _public_objects(page: Any, site: Site) -> dict[str, str]:
    """The demo's PACT meetings and priorities (a past meeting with what was done) and its
    published Safer Streets reports."""
    ampthill = "E05014394"
    meeting = _first_link(page, f"{site.url}/meetings/", "#recent a")
    pin = _first_link(page, f"{site.url}/safer-streets/", "main table a")
    reference = pin.strip("/").split("/")[-1]
    return {
        "engage:pin": pin,
        "engage:review": reverse("engage:review", args=[reference]),
        "engage:thanks": reverse("engage:thanks", args=[reference]),
        "engage:report": reverse("engage:report") + f"?ward={ampthill}",
        **_payback_objects(page, site),
        **_call_objects(page, site),
        "public:neighbourhood": reverse("public:neighbourhood", args=[ampthill]),
        "public:meeting-new": reverse("public:meeting-new", args=[ampthill]),
        "public:meeting": meeting,
        "public:meeting-edit": meeting + "edit/",
        "public:priority-new": meeting + "priorities/new/",
        "public:priority-edit": _first_link(page, site.url + meeting, "main a[href$='/edit/'][href*='/priorities/']"),
    }


def _payback_objects(page: Any, site: Site) -> dict[str, str]:
    """The demo's open Community Payback round, a vote waiting for its e-mailed link (read
    from the workspace's outbox, where e-mail goes without an SMTP server), a nomination."""
    round_ = _first_link(page, f"{site.url}/community-payback/", "main ul a[href*='/rounds/']")
    page.goto(site.url + round_)
    page.locator("main input[name=nomination]").first.check()
    page.fill("#id_email", "a11y-harness@example.org")
    _submitted(page, "Send my vote")
    newest = max((site.home / "web" / "outbox").iterdir(), key=lambda p: p.stat().st_mtime)
    link = re.search(r"https?://[^/\s]+(/community-payback/votes/[^/\s]+/)", newest.read_text(encoding="utf-8"))
    assert link, newest.read_text(encoding="utf-8")
    return {
        "engage:round": round_,
        "engage:vote-confirm": link.group(1),
        "engage:nomination-thanks": reverse("engage:nomination-thanks", args=["CP-DEMAA2"]),
        "engage:nomination": _first_link(
            page, f"{site.url}/community-payback/nominations/?status=shortlisted", "main table a"
        ),
        "engage:round-manage": _first_link(
            page, f"{site.url}/community-payback/nominations/", "main a[href$='/manage/']"
        ),
    }


def _call_objects(page: Any, site: Site) -> dict[str, str]:
    """A Call for Action and an ASB case review application, made through their forms; the
    private tracking links read from the outbox; the staff pages from their lists."""
    found = {}
    for url, fields, button, pattern in (
        ("/call-for-action/", {"#id_topic": "Noise", "#id_matter": "Noise", "#id_how_long": "A month",
                               "#id_already_done": "Told the council", "#id_outcome_wanted": "Quiet",
                               "#id_resident_name": "Harness", "#id_resident_email": "harness@example.org"},
         "Send to my councillor", ("engage:cfa-track", r"/call-for-action/track/[^/\s]+/")),
        ("/asb-case-review/", {"#id_description": "Noise", "#id_complaint_1_date": "2024-01-02",
                               "#id_complaint_1_to": "Council", "#id_applicant_name": "Harness",
                               "#id_applicant_email": "harness@example.org"},
         "Send the application", ("engage:trigger-track", r"/asb-case-review/track/[^/\s]+/")),
    ):  # fmt: skip
        page.goto(site.url + url)
        for selector, value in fields.items():
            page.fill(selector, value)
        if page.locator("#id_lives_or_works").count():
            page.check("#id_lives_or_works")
        _submitted(page, button)
        found[pattern[0]] = re.search(rf"https?://[^/\s]+({pattern[1]})", page.locator("main").inner_text()).group(1)  # type: ignore[union-attr]
    found["engage:cfa-case"] = _first_link(page, f"{site.url}/call-for-action/cases/", "main table a")
    found["engage:trigger-case"] = _first_link(page, f"{site.url}/asb-case-review/cases/", "main table a")
    return found


def _case_objects(page: Any, site: Site) -> dict[str, str]:
    """A person record the manager's agency (the council) holds in the demo, and its forms."""
    person = _first_link(page, f"{site.url}/cases/people/", "main table a")
    review = _first_link(page, f"{site.url}/cases/dhr/", "main table a")
    marac = {
        "cases:marac-referral": _first_link(page, f"{site.url}/cases/marac/", "main table a"),
        "cases:marac-meeting": _first_link(page, f"{site.url}/cases/marac/", "main li a[href*='/marac/meetings/']"),
        "cases:dhr-review": review,
        "cases:location": _first_link(page, f"{site.url}/cases/places/", "main table a"),
        "cases:tension": _first_link(page, f"{site.url}/cases/tension/", "main table a"),
        "cases:iom-member": _first_link(page, f"{site.url}/cases/iom/", "main table a"),
        "cases:asb-case": _first_link(page, f"{site.url}/cases/asb/", "main table a"),
        "cases:dhr-edit": review + "edit/",
    }
    return (
        {"cases:person": person}
        | marac
        | {
            f"cases:{name}": person + suffix
            for name, suffix in (
                ("person-edit", "edit/"),
                ("person-share", "share/"),
                ("person-transfer", "hand-over/"),
                ("event-new", "events/new/"),
                ("task-new", "tasks/new/"),
                ("document-new", "documents/new/"),
                ("subject-access", "subject-access/"),
                ("marac-refer", "marac/refer/"),
                ("iom-select", "iom/select/"),
            )
        }
    )


def _serious(axe: Any, page: Any) -> list[str]:
    results = axe.run(page)
    return [
        f"{page.url} [{violation['impact']}] {violation['id']}: {violation['help']} "
        f"({len(violation['nodes'])}x, e.g. {violation['nodes'][0]['target']})"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_free_of_serious_violations(
    role: str, site: Site, browser: Any, sessions: dict[str, Any], page_urls: list[str]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(
        storage_state=None if role == "visitor" else sessions[role], viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    problems: list[str] = []
    for url in page_urls:
        if role not in PUBLIC_PAGE_ROLES and _public(url):
            continue  # the same page as the visitor's, under the navigation every role's pages share
        page.goto(site.url + url)
        problems += _serious(axe, page)
    context.close()
    assert problems == []


# Public pages differ by role only in the navigation and, for neighbourhood staff, their buttons.
PUBLIC_PAGE_ROLES = ("visitor", "officer")


def _public(url: str) -> bool:
    """A page of the public site (neighbourhoods, meetings, performance, Safer Streets), open to anyone."""
    from django.urls import resolve

    name = str(resolve(urlsplit(url).path).view_name)
    return name.startswith(("public:", "engage:")) and MATRIX.get(name) is PUBLIC


@pytest.mark.parametrize("role", ["visitor", "analyst"])
def test_pages_fit_a_phone_screen(
    role: str, site: Site, browser: Any, sessions: dict[str, Any], page_urls: list[str]
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(
        storage_state=None if role == "visitor" else sessions[role], viewport={"width": 375, "height": 812}
    )
    page = context.new_page()
    problems: list[str] = []
    for url in page_urls:
        page.goto(site.url + url)
        problems += _serious(axe, page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            problems.append(f"{page.url} is {width} px wide at 375 px")
    context.close()
    assert problems == []
