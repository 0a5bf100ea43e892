"""Each demo role doing its job in the partnership workspace, in Chromium against `cspkit serve`
(gunicorn and the worker): the analyst uploads a month and runs the strategic assessment; the
manager approves the priorities and edits a target, and the dashboard shows the new RAG; an
agency officer updates their own action and cannot update another agency's; the councillor and
the scrutiny member read the board meeting and the performance report; the administrator
searches and exports the audit log."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Site, next_month_file
from tests.helpers import cli

pytestmark = pytest.mark.browser
BUILD_TIMEOUT = 300_000  # ms: the worker prints a 50-page PDF on a busy 2-core machine


def _page(browser: Any, sessions: dict[str, Any], role: str) -> tuple[Any, Any]:
    context = browser.new_context(storage_state=sessions[role])
    return context, context.new_page()


def _click(page: Any, text: str) -> None:
    with page.expect_navigation():
        page.click(f"main button:has-text('{text}')")


def _wait_built(page: Any) -> None:
    """The report page polls the worker and reloads when the run is done or failed."""
    page.wait_for_selector("#run-status[data-status=done], #run-status[data-status=failed]", timeout=BUILD_TIMEOUT)
    assert page.locator("#run-status").get_attribute("data-status") == "done", page.locator("main").inner_text()


def _kept_assessment(site: Site) -> None:
    if not list((site.home / "assessments").glob("*/*/*/strategic-assessment.json")):
        done = cli(site.home, "assess", "--period", "2023/24", "--out", str(site.home / "out"), "--no-pdf", "-q")
        assert done.code == 0, done.stderr


def _tile_rag(page: Any, site: Site, indicator: str) -> str:
    page.goto(f"{site.url}/dashboard/")
    tile = page.locator(f'li.tile[data-indicator="{indicator}"]')
    return str(tile.locator("[data-rag]").get_attribute("data-rag"))


def test_the_analyst_uploads_a_month_and_runs_the_strategic_assessment(
    site: Site, browser: Any, sessions: dict[str, Any], tmp_path: Path
) -> None:
    context, page = _page(browser, sessions, "analyst")
    month, upload = next_month_file(site, tmp_path)
    page.goto(f"{site.url}/datahub/upload/")
    page.check("input[name=kind][value=policeuk]")
    page.set_input_files("#id_file", str(upload))
    _click(page, "Upload")
    page.wait_for_selector("[data-summary]", timeout=120_000)
    page.goto(f"{site.url}/partnership/assessment/")
    page.select_option("#id_period", "2023/24")
    _click(page, "Run the strategic assessment")
    assert re.search(r"/partnership/reports/\d+/$", page.url)
    _wait_built(page)
    for name, magic in (("strategic-assessment.pdf", b"%PDF"), ("strategic-assessment.xlsx", b"PK")):
        href = page.locator(f"a:has-text('{name}')").get_attribute("href")
        body = page.request.get(site.url + str(href)).body()
        assert body.startswith(magic), name
    page.goto(f"{site.url}/partnership/assessment/")
    assert page.locator("tr[data-issue]").count() == 16
    assert page.locator("main ol li").count() >= 3  # the priorities the rules chose
    page.goto(f"{site.url}/dashboard/")
    assert page.locator(f"li.tile[data-period='12m-to-{month}']").count() > 20  # the new month is in, no restart
    context.close()


def test_the_manager_approves_the_priorities_and_edits_a_target(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    _kept_assessment(site)
    context, page = _page(browser, sessions, "manager")
    page.goto(f"{site.url}/partnership/assessment/")
    if page.locator("[data-approved=no]").count():
        page.fill("#id_note", "Agreed at the May board.")
        _click(page, "Approve these priorities")
    assert page.locator("[data-approved=yes]").count() == 1
    before = _tile_rag(page, site, "policeuk/burglary")
    assert before in ("red", "amber", "green")
    page.goto(f"{site.url}/partnership/plan/")
    with page.expect_navigation():
        page.click('table[data-target="burglary/policeuk/burglary"] caption a')
    # A generous rise allowed in both halves of Central Bedfordshire: the place is then on target.
    page.fill("#id_change_mid", "40")
    page.fill("#id_change_south", "40")
    _click(page, "Save the target")
    assert "Target saved" in page.locator("main").inner_text()
    row = page.locator('table[data-target="burglary/policeuk/burglary"] tr[data-place="central-bedfordshire"]')
    assert row.locator("[data-rag]").get_attribute("data-rag") == "green"
    assert _tile_rag(page, site, "policeuk/burglary") == "green"
    assert "revision: " in (site.home / "partnership.yaml").read_text(encoding="utf-8")
    context.close()


def test_an_officer_updates_their_own_action_and_not_another_agencys(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    context, page = _page(browser, sessions, "officer")  # Bedfordshire Police
    page.goto(f"{site.url}/partnership/actions/")
    with page.expect_navigation():
        page.click("text=Night-time economy patrols, Leighton Buzzard")
    own = page.url
    page.check("input[name=status][value=amber]")
    page.fill("#id_note", "Two of four weekend patrols staffed.")
    _click(page, "Save the update")
    assert page.url == own
    assert page.locator("[data-status=amber]").count() == 1
    assert "Two of four weekend patrols staffed." in page.locator("main").inner_text()
    page.goto(f"{site.url}/partnership/actions/")
    with page.expect_navigation():
        page.click("text=Deliberate fire reduction with the arson team")  # the fire service's
    assert "Only the owning agency" in page.locator("main").inner_text()
    assert page.locator("#id_note").count() == 0
    response = page.goto(page.url + "update/")
    assert response is not None
    assert response.status == 403
    context.close()


def test_the_councillor_and_the_scrutiny_member_read_the_board_and_performance_reports(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    _kept_assessment(site)
    context, page = _page(browser, sessions, "analyst")
    page.goto(f"{site.url}/partnership/meetings/")
    page.check("input[name=kind][value=board]")
    page.fill("#id_date", "2024-06-12")
    _click(page, "Arrange the meeting")
    meeting = page.url
    assert page.locator("ol.agenda li[data-kind=exception]").count() > 0
    page.fill("#id_decision-text", "The board asked for a report on burglary in the south.")
    _click(page, "Log the decision")
    page.goto(f"{site.url}/partnership/reports/")
    page.select_option("#id_kind", "performance")
    _click(page, "Build")
    report = page.url
    _wait_built(page)
    context.close()
    for role in ("councillor", "scrutiny"):
        context, page = _page(browser, sessions, role)
        page.goto(meeting)
        assert "The board asked for a report on burglary in the south." in page.locator("main").inner_text()
        assert page.locator("text=Log a decision").count() == 0
        page.goto(f"{site.url}/partnership/performance/")
        assert int(page.locator("dd[data-count=red]").inner_text()) >= 0
        assert page.locator("h2:has-text('Exceptions')").count() == 1
        page.goto(report)
        href = page.locator("a:has-text('performance-report.pdf')").get_attribute("href")
        answer = page.request.get(site.url + str(href))
        assert answer.headers["content-type"] == "application/pdf"
        assert answer.body().startswith(b"%PDF")
        context.close()


def test_the_administrator_searches_and_exports_the_audit_log(
    site: Site, browser: Any, sessions: dict[str, Any], tmp_path: Path
) -> None:
    officer, page = _page(browser, sessions, "officer")
    page.goto(f"{site.url}/partnership/actions/")  # lists the police's restricted action: audited
    officer.close()
    context, page = _page(browser, sessions, "administrator")
    page.goto(f"{site.url}/accounts/audit/")
    page.fill("#id_username", site.accounts["officer"].username)
    _click(page, "Search")
    rows = page.locator("main tbody tr")
    assert rows.count() >= 1
    assert site.accounts["officer"].username in rows.first.inner_text()
    with page.expect_download() as waiting:
        page.click("text=Download CSV")
    saved = tmp_path / "audit.csv"
    waiting.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("at,username,")
    assert all(site.accounts["officer"].username in line for line in lines[1:])
    assert len(lines) > 1
    context.close()
