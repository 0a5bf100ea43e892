"""A resident on a phone and on a desktop, not signed in: finds their ward by name, sees this
month's figures and what the partnership is doing about local priorities, in English and in
Welsh; a neighbourhood officer records what was done and the page shows it. Screenshots at 375
and 1280 px are kept with the test's files (and in $CSPKIT_SCREENSHOTS when set)."""

from __future__ import annotations

import calendar
import os
import shutil
import struct
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Site

pytestmark = pytest.mark.browser
AMPTHILL = "E05014394"
MONTHS = list(calendar.month_name)[1:]
WELSH_MONTHS = [
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
]  # fmt: skip


def _latest_month(page: Any, site: Site) -> date:
    """The last month of police.uk street records the store holds, as /healthz reports it (the
    worker's nightly MARAC export adds later months of another dataset)."""
    last = page.request.get(f"{site.url}/healthz").json()["store"]["last_month_by_dataset"]["street"]
    return date(int(last[:4]), int(last[5:7]), 1)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def _keep(shot: Path) -> None:
    folder = os.environ.get("CSPKIT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)


@pytest.mark.parametrize("width", [375, 1280])
def test_a_resident_finds_their_ward_and_its_priorities(width: int, site: Site, browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site.url}/")
    page.click("main a:has-text('Find your neighbourhood')")
    page.fill("#q", "ampthill")
    with page.expect_navigation():
        page.click("main button:has-text('Search')")
    assert "1 neighbourhood found" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.click("main ul.columns a:has-text('Ampthill')")
    assert page.url.endswith(f"/neighbourhoods/{AMPTHILL}/")
    main = page.locator("main").inner_text()
    assert "In an emergency call 999" in main
    latest = _latest_month(page, site)  # other tests may have uploaded later months
    assert f"The latest month police.uk has published is {MONTHS[latest.month - 1]} {latest.year}" in main
    assert "You said, we did" in main
    assert "Demo:" in main
    assert "Who deals with anti-social behaviour" in main
    assert "Demo entry" in main
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot = tmp_path / f"neighbourhood-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert _png_size(shot)[0] == width
    assert shot.stat().st_size > 20_000
    _keep(shot)
    # The same page in Welsh, from the header's language switch.
    with page.expect_navigation():
        page.click("header button[value=cy]")
    assert page.url.endswith(f"/neighbourhoods/{AMPTHILL}/")
    assert page.locator("html").get_attribute("lang") == "cy"
    welsh = page.locator("main").inner_text()
    assert "Dywedoch chi, gwnaethom ni" in welsh
    assert f"{WELSH_MONTHS[latest.month - 1]} {latest.year}" in welsh
    shot = tmp_path / f"neighbourhood-cy-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert _png_size(shot)[0] == width
    _keep(shot)
    context.close()


def test_the_map_links_to_each_ward(site: Site, browser: Any, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site.url}/neighbourhoods/")
    assert page.locator("svg.ward-map a").count() == 31
    with page.expect_navigation():
        page.locator(f"svg.ward-map path[data-ward='{AMPTHILL}']").click()
    assert page.url.endswith(f"/neighbourhoods/{AMPTHILL}/")
    shot = tmp_path / "neighbourhoods-1280.png"
    page.goto(f"{site.url}/neighbourhoods/")
    page.screenshot(path=str(shot), full_page=True)
    _keep(shot)
    context.close()


def test_an_officer_reports_what_was_done_and_the_public_sees_it(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    officer = browser.new_context(storage_state=sessions["officer"], viewport={"width": 1280, "height": 900})
    page = officer.new_page()
    page.goto(f"{site.url}/meetings/")
    with page.expect_navigation():
        page.locator("main a:has-text('Ampthill')").first.click()
    with page.expect_navigation():
        page.locator("main a:has-text('Record a priority agreed here')").click()
    page.fill("#id_issue", "Browser test: vans parked across dropped kerbs on Church Street")
    page.fill("#id_action", "Parking enforcement visits on three mornings")
    page.fill("#id_action_date", page.locator("#id_issue_date").input_value())
    page.check("#id_closed")
    with page.expect_navigation():
        page.click("main button:has-text('Save the priority')")
    text = page.locator("main").inner_text()
    assert "There is a problem" not in text, text
    officer.close()
    visitor = browser.new_context(viewport={"width": 375, "height": 812})
    page = visitor.new_page()
    page.goto(f"{site.url}/neighbourhoods/{AMPTHILL}/")
    assert "Parking enforcement visits on three mornings" in page.locator("main").inner_text()
    answer = page.request.get(f"{site.url}/api/bedfordshire/{AMPTHILL}/priorities")
    assert any(p["action"] == "Parking enforcement visits on three mornings" for p in answer.json())
    visitor.close()
