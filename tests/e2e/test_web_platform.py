"""The platform's promises in a real browser against `cspkit serve`: an analyst's upload reaches
the coverage grid through the worker; an officer cannot open another agency's restricted batch
by URL; a manager must pass the second factor; the language switch turns the pages Welsh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Site, code_for, next_month_file, sign_in

pytestmark = pytest.mark.browser


def test_an_analyst_uploads_a_month_and_sees_it_in_the_coverage_grid(
    site: Site, browser: Any, sessions: dict[str, Any], tmp_path: Path
) -> None:
    context = browser.new_context(storage_state=sessions["analyst"])
    page = context.new_page()
    month, upload = next_month_file(site, tmp_path)
    page.goto(f"{site.url}/datahub/coverage/")
    assert page.locator(f'table[data-dataset="street"] td.held[data-month="{month}"]').count() == 0
    page.goto(f"{site.url}/datahub/upload/")
    page.check("input[name=kind][value=policeuk]")
    page.set_input_files("#id_file", str(upload))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.wait_for_url("**/datahub/uploads/*/")
    # The page polls the worker's progress and reloads when the ingest is done.
    page.wait_for_selector("[data-summary]", timeout=60_000)
    assert "1 new batches" in page.locator("[data-summary]").inner_text()
    page.click("text=See it in the coverage grid")
    cell = page.locator(f'table[data-dataset="street"] td.held[data-month="{month}"]')
    assert cell.count() == 1
    assert int(cell.inner_text()) > 0
    context.close()


def test_an_officer_cannot_open_another_agencys_restricted_batch(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    # The fire service's extract, as its designated officer sees it listed.
    owner = browser.new_context(storage_state=sessions["sharing_officer"])
    page = owner.new_page()
    page.goto(f"{site.url}/datahub/batches/")
    link = page.locator("tr", has_text="deliberate-fires").locator("a").first
    href = link.get_attribute("href")
    assert href
    page.goto(site.url + href)
    assert page.locator("h1").inner_text().strip() != "Page not found"
    owner.close()
    officer = browser.new_context(storage_state=sessions["officer"])  # the police officer
    page = officer.new_page()
    response = page.goto(site.url + href)
    assert response is not None
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    response = page.goto(site.url + href + "rows.csv")
    assert response is not None
    assert response.status == 404
    page.goto(f"{site.url}/datahub/batches/")
    assert page.locator("tr", has_text="deliberate-fires").count() == 0
    officer.close()


def test_a_manager_must_pass_the_second_factor(site: Site, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, site, "manager", second_factor=False)
    assert "/accounts/two-factor/" in page.url
    page.goto(f"{site.url}/datahub/coverage/")
    assert "/accounts/two-factor/" in page.url  # nothing else opens before the code
    page.fill("#id_code", "000000" if code_for(site.accounts["manager"].key or "") != "000000" else "111111")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "The code is not right" in page.locator(".error-summary").inner_text()
    page.wait_for_timeout(1200)  # django-otp makes the next try wait after a wrong code
    page.fill("#id_code", code_for(site.accounts["manager"].key or ""))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.wait_for_url("**/datahub/coverage/")
    assert page.locator("h1").inner_text() == "Coverage"
    context.close()


def test_the_language_switch_turns_the_pages_welsh(site: Site, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site.url}/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.click("button[lang=cy]")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Mewngofnodi"
    with page.expect_navigation():
        page.click("button[lang=en]")
    assert page.locator("h1").inner_text() == "Sign in"
    context.close()
