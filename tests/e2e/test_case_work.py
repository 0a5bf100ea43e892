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
