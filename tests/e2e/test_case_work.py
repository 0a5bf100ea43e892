"""Case work end to end in Chromium against `cspkit serve` on the demo: the police officer
creates a person record (a synthetic person), sees the duplicate check, shares it with the
council under the case-work agreement in the register; the council's officer is told, opens
it, and every read and change is in the audit export. Both sign in with their second factor."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.e2e.conftest import Site, sign_in

pytestmark = pytest.mark.browser
PERSON = {  # synthetic: a drama-range telephone number, an example.org address, an unallocated NI prefix
    "#id_given_name": "Ffion",
    "#id_family_name": "Synthetica",
    "#id_date_of_birth": "1991-03-14",
    "#id_ni_number": "ZZ123456A",
    "#id_phone": "07700 900417",
    "#id_email": "ffion.synthetica@example.org",
    "#id_address": "Synthetic address 7 (no postcode)",
}


def _click(page: Any, text: str) -> None:
    with page.expect_navigation():
        page.click(f"main button:has-text('{text}'), main a:has-text('{text}')")


def test_two_agencies_officers_create_and_share_a_person_record_lawfully(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    police = browser.new_context()
    page = police.new_page()
    sign_in(page, site, "officer")
    page.goto(f"{site.url}/cases/")
    assert page.locator("h1").inner_text() == "Case work"
    _click(page, "Create a person record")
    for selector, value in PERSON.items():
        page.fill(selector, value)
    page.select_option("#id_purpose", "asb")
    page.select_option("#id_legal_basis", "cda1998-s115")
    page.check("input[name=consent][value=given]")
    _click(page, "Check for matches and create")
    if "/people/new/" in page.url:  # suggestions were shown: this is someone else
        _click(page, "It is someone else")
    reference = page.locator("h1").inner_text().split()[-1]
    assert reference.startswith("P-"), page.locator("main").inner_text()
    record_url = page.url
    _click(page, "Share with another agency")
    page.select_option("#id_agency", label="Central Bedfordshire Council")
    page.select_option("#id_agreement", label="Multi-agency case work: people at risk and people causing harm")
    page.fill("#id_reason", "Joint visit planned with the council's ASB team.")
    _click(page, "Share")
    assert "Shared with Central Bedfordshire Council" in page.locator("main").inner_text()
    police.close()

    council = browser.new_context()
    page = council.new_page()
    sign_in(page, site, "demo-council-officer")
    page.goto(f"{site.url}/cases/notifications/")
    page.click("main a:has-text('A record was shared with your agency')")
    assert page.url == record_url
    main = page.locator("main").inner_text()
    assert reference in main
    assert "Synthetica" in main
    assert "shared with your agency" in main
    assert "Change" not in [b.inner_text() for b in page.locator("main .actions a").all()]  # not the owner
    council.close()

    admin = browser.new_context(storage_state=sessions["administrator"])
    answer = admin.request.get(f"{site.url}/accounts/audit/export.csv?object_id={reference}")
    assert answer.status == 200
    rows = list(csv.DictReader(io.StringIO(answer.text())))
    actions = {(r["username"], r["action"]) for r in rows if r["object_id"] == reference}
    assert {("demo-officer", "create"), ("demo-officer", "share"), ("demo-council-officer", "read")} <= actions, rows
    admin.close()


def test_a_marac_meeting_runs_end_to_end(site: Site, browser: Any, sessions: dict[str, Any]) -> None:
    """The police refer a victim (a synthetic person); the council's coordinator sets today's
    meeting and lists the case, which shares the record with the fire service at the table; the
    fire service adds its research; the coordinator records the hearing and an action for the fire
    service, which marks it done; the quarterly return counts the case; nobody else sees it."""
    from datetime import date

    police = browser.new_context(storage_state=sessions["officer"])
    page = police.new_page()
    page.goto(f"{site.url}/cases/people/new/")
    victim = PERSON | {"#id_given_name": "Mared", "#id_ni_number": "ZZ654321B", "#id_phone": "07700 900418"}
    for selector, value in victim.items():
        page.fill(selector, value)
    page.select_option("#id_purpose", "marac")
    page.select_option("#id_legal_basis", "dpa2018-part3")
    page.check("input[name=consent][value=not_sought]")
    page.fill("#id_consent_reason", "Risk-led: asking would alert the person causing harm.")
    _click(page, "Check for matches and create")
    if "/people/new/" in page.url:
        _click(page, "It is someone else")
    _click(page, "Refer to MARAC")
    page.select_option("#id_coordinator", label="Central Bedfordshire Council")
    page.select_option("#id_agreement", label="Multi-agency case work: people at risk and people causing harm")
    page.fill("#id_incident_on", date.today().isoformat())
    page.select_option("#id_incident_kind", "coercive-control")
    page.fill("#id_checklist_score", "17")
    page.select_option("#id_relationship", "ex-partner")
    page.fill("#id_children_in_household", "2")
    _click(page, "Refer")
    referral = page.locator("h1").inner_text().split()[-1]
    assert referral.startswith("M-"), page.locator("main").inner_text()
    referral_url = page.url
    police.close()

    council = browser.new_context(storage_state=sessions["demo-council-officer"])
    page = council.new_page()
    page.goto(f"{site.url}/cases/marac/")
    assert referral in page.locator("main").inner_text()
    _click(page, "Set a meeting")
    page.fill("#id_held_on", date.today().isoformat())
    page.fill("#id_place", "Online")
    for agency in ("Bedfordshire Police", "Bedfordshire Fire and Rescue Service", "Probation Service, Bedfordshire"):
        page.check(f"main label:has-text('{agency}') input")
    _click(page, "Save")
    _click(page, f"List {referral}")
    assert referral in page.locator("main ol").inner_text()
    page.goto(referral_url)
    page.fill("#id_outcome", "Safety plan agreed; IDVA allocated; target hardening.")
    _click(page, "Heard")
    page.fill("#id_title", "Fit a door alarm")
    page.select_option("#id_agency", label="Bedfordshire Fire and Rescue Service")
    page.fill("#id_due_on", date.today().isoformat())
    _click(page, "Add the action")
    assert "Fit a door alarm" in page.locator("main").inner_text()
    council.close()

    fire = browser.new_context(storage_state=sessions["sharing_officer"])
    page = fire.new_page()
    page.goto(referral_url)
    assert "Heard" in page.locator("main").inner_text()
    page.fill("#id_summary", "A home fire safety visit is booked.")
    _click(page, "Add your agency")
    assert "A home fire safety visit is booked." in page.locator("main").inner_text()
    _click(page, "Mark done")
    page.goto(f"{site.url}/cases/marac/return/")
    rows = page.locator("main tbody").inner_text()
    assert "Cases discussed" in rows
    assert "Synthetica" not in rows
    fire.close()

    analyst = browser.new_context(storage_state=sessions["analyst"])  # not a case role
    assert analyst.request.get(referral_url).status == 403
    analyst.close()
