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
    risk_led = "Risk-led: asking would alert the person causing harm."
    _new_person(page, site, "Mared", "ZZ654321B", "07700 900418", "marac", risk_led)
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


def _new_person(
    page: Any,
    site: Site,
    given: str,
    ni: str,
    phone: str,
    purpose: str,
    consent_reason: str = "Law enforcement processing: asking would prejudice it.",
) -> str:
    """Create a synthetic person record through the form; its URL (the page is left on it)."""
    page.goto(f"{site.url}/cases/people/new/")
    for selector, value in (PERSON | {"#id_given_name": given, "#id_ni_number": ni, "#id_phone": phone}).items():
        page.fill(selector, value)
    page.select_option("#id_purpose", purpose)
    page.select_option("#id_legal_basis", "dpa2018-part3")
    page.check("input[name=consent][value=not_sought]")
    page.fill("#id_consent_reason", consent_reason)
    _click(page, "Check for matches and create")
    if "/people/new/" in page.url:
        _click(page, "It is someone else")
    assert page.locator("h1").inner_text().split()[-1].startswith("P-"), page.locator("main").inner_text()
    return str(page.url)


def test_an_iom_officer_and_an_asb_officer_run_their_cases_end_to_end(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    """The police's IOM officer selects a synthetic person onto the cohort, logs a contact and a
    proven offence, and reads NI 30. The council's ASB officer opens an ASB case about a synthetic
    perpetrator, shares the record with the police (who record an incident on the case), records
    complaints until the case review threshold warns, steps up the ladder, links the resident's
    application, reads desistance and closes the case. The analyst sees neither."""
    from datetime import date, timedelta

    today = date.today()
    police = browser.new_context(storage_state=sessions["officer"])
    page = police.new_page()
    _new_person(page, site, "Gethin", "ZZ765432C", "07700 900419", "iom")
    _click(page, "Select for IOM")
    page.select_option("#id_strand", "rehabilitate-resettle")
    page.check("main label:has-text('Drugs') input")
    page.fill("#id_selected_on", (today - timedelta(days=90)).isoformat())
    page.fill("#id_criteria", "Local IOM matrix score 62")
    page.fill("#id_reason", "Shoplifting to fund drug use (synthetic).")
    _click(page, "Select")
    member = page.locator("h1").inner_text().split()[-1]
    assert member.startswith("I-"), page.locator("main").inner_text()
    member_url = page.url
    page.fill("#id_on", today.isoformat())
    page.fill("#id_kind", "Drug test")
    page.fill("#id_note", "Negative result.")
    _click(page, "Add the contact")
    page.fill("#id_committed_on", (today - timedelta(days=30)).isoformat())
    page.fill("#id_offence", "Theft from a shop")
    page.fill("#id_proven_on", today.isoformat())
    _click(page, "Add the offence")
    main = page.locator("main").inner_text()
    assert "Negative result." in main
    assert "Theft from a shop" in main
    page.goto(f"{site.url}/cases/iom/ni30/?snapshot={(today - timedelta(days=60)).isoformat()}")
    assert "Cohort on the snapshot date" in page.locator("main").inner_text()

    council = browser.new_context(storage_state=sessions["demo-council-officer"])
    asb = council.new_page()
    perpetrator_url = _new_person(asb, site, "Dylan", "ZZ876543D", "07700 900420", "asb")
    perpetrator = asb.locator("h1").inner_text().split()[-1]
    _click(asb, "Share with another agency")
    asb.select_option("#id_agency", label="Bedfordshire Police")
    asb.select_option("#id_agreement", label="Multi-agency case work: people at risk and people causing harm")
    asb.fill("#id_reason", "The police attend the incidents on the council's ASB case.")
    _click(asb, "Share")
    asb.goto(f"{site.url}/cases/asb/")
    _click(asb, "Open an ASB case")
    asb.fill("#id_title", "Loud music and threats at a synthetic flat")
    asb.fill("#id_opened_on", (today - timedelta(days=40)).isoformat())
    asb.select_option("#id_legal_basis", "ukgdpr-6-1-e")
    asb.check("input[name=consent][value=not_sought]")
    asb.fill("#id_consent_reason", "Enforcement: asking would prejudice it.")
    _click(asb, "Open the case")
    case = asb.locator("h1").inner_text().split()[-1]
    assert case.startswith("A-"), asb.locator("main").inner_text()
    case_url = asb.url
    asb.fill("#id_party-reference", perpetrator)
    asb.select_option("#id_party-role", "perpetrator")
    _click(asb, "Add to the case")
    assert perpetrator in asb.locator("main table").first.inner_text()
    for days in (30, 20):
        asb.fill("#id_incident-occurred_on", (today - timedelta(days=days)).isoformat())
        asb.fill("#id_incident-description", "Music until 3am (synthetic).")
        asb.check("#id_incident-complaint")
        _click(asb, "Record the incident")
    assert "2 complaints in the last 6 months" in asb.locator("main").inner_text()

    page.goto(case_url)  # the police see the case through the shared record
    assert "Loud music and threats" in page.locator("main").inner_text()
    page.fill("#id_incident-occurred_on", today.isoformat())
    page.fill("#id_incident-description", "Threats to a neighbour (synthetic).")
    page.check("#id_incident-complaint")
    page.select_option("#id_incident-perpetrator", label=perpetrator)
    page.fill("#id_incident-reported_to", "Police (101)")
    _click(page, "Record the incident")
    page.goto(f"{site.url}/cases/notifications/")
    assert case not in page.locator("main").inner_text()  # the owning agency is told, not the police
    police.close()

    asb.goto(f"{site.url}/cases/notifications/")
    asb.click(f"main a:has-text('{case}')")
    assert asb.url == case_url
    warning = asb.locator("main .warning").inner_text()
    assert "meet the ASB case review threshold: 3 complaints in the last 6 months" in warning
    for step, days in (("warning-letter", 25), ("abc", 10)):
        asb.select_option("#id_intervention-perpetrator", label=perpetrator)
        asb.select_option("#id_intervention-step", step)
        asb.fill("#id_intervention-on", (today - timedelta(days=days)).isoformat())
        _click(asb, "Record the intervention")
    ladder = asb.locator("main ol").inner_text()
    assert "Warning letter:" in ladder
    assert "Acceptable behaviour contract:" in ladder
    asb.fill("#id_review-application", "CT-DEMAA2")
    _click(asb, "Link the application")
    assert "CT-DEMAA2" in asb.locator("main").inner_text()
    asb.goto(f"{site.url}/cases/asb/desistance/")
    assert "After the nth intervention" in asb.locator("main").inner_text()
    asb.goto(case_url)
    asb.fill("#id_close-closed_on", today.isoformat())
    asb.fill("#id_close-closure_reason", "Behaviour stopped after the contract.")
    _click(asb, "Close")
    assert "Behaviour stopped after the contract." in asb.locator("main").inner_text()
    asb.goto(perpetrator_url)
    assert case in asb.locator("main").inner_text()  # the person's page lists the case
    council.close()

    analyst = browser.new_context(storage_state=sessions["analyst"])  # not a case role
    assert analyst.request.get(case_url).status == 403
    assert analyst.request.get(member_url).status == 403
    analyst.close()
