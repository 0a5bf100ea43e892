"""The assessment HTML in a real browser (Debian's Chromium through Playwright) with the
network cut: it must open with no console errors and ask for nothing from outside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import cli

pytestmark = pytest.mark.browser


def test_the_assessment_opens_offline_without_errors(full_store: Path, tmp_path: Path, browser: Any) -> None:
    result = cli(
        full_store, "assess", "--period", "2023/24", "--out", str(tmp_path), "--quiet", "--no-keep", "--no-pdf"
    )
    assert result.code == 0, result.stderr
    page_path = tmp_path / "strategic-assessment.html"
    problems: list[str] = []
    asked: list[str] = []
    context = browser.new_context(offline=True)
    context.route("**/*", lambda route: (asked.append(route.request.url), route.continue_()))
    page = context.new_page()
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("load")
    heading = page.locator("h1").inner_text()
    figures = page.locator("[data-figure]").count()
    charts = page.locator("figure svg").count()
    scan_rows = page.locator("table.scan tbody tr").count()
    # The shipped font, embedded in the page, is the one the browser draws with.
    font_loaded = page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px \"Noto Sans\"'))")
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    faces = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    context.close()
    assert problems == []
    assert [url for url in asked if not url.startswith("file://")] == []
    assert "Central Bedfordshire" in heading
    assert figures > 200
    assert charts >= 13
    assert scan_rows == 16
    assert font_loaded
    assert body_font.startswith('"Noto Sans"')
    assert faces
    assert set(faces) == {'"Noto Sans"'} or set(faces) == {"Noto Sans"}
