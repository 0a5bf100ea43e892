"""Public engagement end to end in Chromium against `cspkit serve` on the demo:

- a resident drops a pin with a photo, a moderator approves it, the public map shows it at a
  blurred place;
- a Community Payback round runs from nomination to published result, the vote confirmed from
  the e-mailed link (read from the workspace's outbox, where mail goes without SMTP);
- a Councillor Call for Action runs from submission to the committee's outcome;
- an Open311 client, with a key an administrator issued, lists services, posts a request and
  reads it back once it is published.
Screenshots at 375 and 1280 px go with the test's files (and to $CSPKIT_SCREENSHOTS when set)."""

from __future__ import annotations

import io
import os
import re
import shutil
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import Site

pytestmark = pytest.mark.browser
AMPTHILL = "E05014394"


def _shot(page: Any, tmp_path: Path, name: str) -> None:
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 1000
    folder = os.environ.get("CSPKIT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / shot.name)


def _photo() -> bytes:
    from PIL import Image

    image = Image.new("RGB", (800, 600), (90, 120, 160))
    exif = image.getexif()
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 1.0, 37.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _submit(page: Any, button: str) -> None:
    with page.expect_navigation():
        page.click(f"main button:has-text('{button}')")


def _mail_link(site: Site, pattern: str, since: float) -> str:
    """The path of the first link matching `pattern` in a message written after `since`."""
    for _ in range(20):
        for message in sorted((site.home / "web" / "outbox").glob("*"), key=lambda p: p.stat().st_mtime):
            if message.stat().st_mtime < since:
                continue
            found = re.search(rf"https?://[^/\s]+({pattern})", message.read_text(encoding="utf-8"))
            if found:
                return found.group(1)
        time.sleep(0.25)
    raise AssertionError(f"no message with {pattern}")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_pin_with_a_photo_is_moderated_and_shown_blurred(
    width: int, site: Site, browser: Any, sessions: dict[str, Any], tmp_path: Path
) -> None:
    resident = browser.new_context(viewport={"width": width, "height": 900})
    page = resident.new_page()
    page.goto(f"{site.url}/safer-streets/report/?ward={AMPTHILL}")
    box = page.locator("#pin-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.5)
    assert page.input_value("#id_x_bng")
    page.check("input[name=reasons][value=poor-lighting]")
    page.fill("#id_description", f"The path is dark at night ({width} px)")
    page.set_input_files("#photos", files=[{"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": _photo()}])
    _shot(page, tmp_path, f"safer-streets-report-{width}")
    _submit(page, "Send the report")
    reference = page.locator("main strong").first.inner_text()
    assert re.fullmatch(r"SS-[2-9A-Z]{6}", reference)
    page.goto(f"{site.url}/safer-streets/")
    assert page.locator(f"a[href$='/{reference}/']").count() == 0  # not before moderation

    moderator = browser.new_context(storage_state=sessions["officer"], viewport={"width": 1280, "height": 900})
    staff = moderator.new_page()
    staff.goto(f"{site.url}/safer-streets/moderation/")
    staff.click(f"main a:has-text('{reference}')")
    exact = staff.locator("dt:has-text('Exact place') + dd").inner_text()
    staff.check("input[name=decision][value=published]")
    staff.fill("#id_reason", "Nothing identifies anyone")
    staff.check("input[name=photos]")
    _submit(staff, "Record the decision")
    shown = staff.locator("dt:has-text('Exact place') + dd").inner_text()
    moderator.close()
    true_lat, true_lon = (float(v) for v in exact.split(",")[:2])
    public_lat, public_lon = (float(v) for v in shown.split(";")[1].split("at")[-1].split(","))
    assert (public_lat, public_lon) != (true_lat, true_lon)

    page.goto(f"{site.url}/safer-streets/")
    assert page.locator(f".pin-map a[href$='/{reference}/']").count() == 1  # on the public map
    _shot(page, tmp_path, f"safer-streets-map-{width}")
    page.click(f"main table a:has-text('{reference}')")
    page.wait_for_function(
        "document.querySelector('img.pin-photo') && document.querySelector('img.pin-photo').naturalWidth > 0"
    )
    feature = next(
        f for f in page.request.get(f"{site.url}/safer-streets/pins.geojson").json()["features"] if f["id"] == reference
    )
    assert feature["geometry"]["coordinates"] == [public_lon, public_lat]
    resident.close()


def test_a_vote_round_runs_from_nomination_to_result(
    site: Site, browser: Any, sessions: dict[str, Any], tmp_path: Path
) -> None:
    public = browser.new_context(viewport={"width": 375, "height": 800})
    page = public.new_page()
    page.goto(f"{site.url}/community-payback/nominate/")
    page.fill("#id_title", "Clear the brook path (e2e)")
    page.select_option("#id_ward", AMPTHILL)
    page.fill("#id_location", "The path by the brook")
    page.fill("#id_work", "Clear litter and cut back brambles")
    page.fill("#id_benefit", "Families walk it to school")
    page.check("input[name=landowner_agrees][value=yes]")
    page.fill("#id_nominator_name", "Synthetic Nominator")
    page.fill("#id_nominator_email", "nominator@example.org")
    _submit(page, "Send the nomination")
    assert "Thank you" in page.locator("h1").inner_text()

    staff_context = browser.new_context(storage_state=sessions["officer"])
    staff = staff_context.new_page()
    staff.goto(f"{site.url}/community-payback/nominations/")
    now = timezone.localtime()
    staff.fill("#id_title", "E2E round")
    staff.fill("#id_voting_opens", (now - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"))
    staff.fill("#id_voting_closes", (now + timedelta(days=7)).strftime("%Y-%m-%d %H:%M"))
    _submit(staff, "Create the round")
    manage = staff.url
    staff.goto(f"{site.url}/community-payback/nominations/")
    staff.click("main a:has-text('Clear the brook path (e2e)')")
    staff.check("input[name=status][value=shortlisted]")
    for name, score in (("score_benefit", "5"), ("score_visibility", "4"), ("score_feasibility", "4")):
        staff.fill(f"#id_{name}", score)
    staff.select_option("#id_round", label="E2E round")
    _submit(staff, "Save the assessment")

    round_page = manage.replace("/manage/", "/")
    page.goto(round_page)
    page.check("input[name=nomination]")
    page.fill("#id_email", "Voter.One+e2e@example.org")
    since = time.time() - 1
    _submit(page, "Send my vote")
    assert "Check your e-mail" in page.locator("h1").inner_text()
    page.goto(site.url + _mail_link(site, r"/community-payback/votes/[^/\s]+/", since))
    _submit(page, "Confirm my vote")
    assert "counted" in page.locator("h1").inner_text()

    staff.goto(manage)
    _submit(staff, "Close voting now")
    _submit(staff, "Publish the results")
    staff_context.close()
    page.goto(round_page)
    assert "Clear the brook path (e2e): 1 vote" in page.locator("main").inner_text()
    _shot(page, tmp_path, "payback-result-375")
    public.close()


def test_a_call_for_action_runs_from_submission_to_committee_outcome(
    site: Site, browser: Any, sessions: dict[str, Any], tmp_path: Path
) -> None:
    public = browser.new_context(viewport={"width": 1280, "height": 900})
    page = public.new_page()
    page.goto(f"{site.url}/call-for-action/")
    page.select_option("#id_ward", AMPTHILL)
    page.fill("#id_topic", "Late-night noise and fights (e2e)")
    page.fill("#id_matter", "Fights outside the takeaway most weekends")
    page.fill("#id_how_long", "A year")
    page.fill("#id_already_done", "Reported to the police and the council")
    page.fill("#id_outcome_wanted", "Patrols at closing time")
    page.fill("#id_resident_name", "Synthetic Resident")
    page.fill("#id_resident_email", "resident@example.org")
    page.check("#id_lives_or_works")
    since = time.time() - 1
    _submit(page, "Send to my councillor")
    reference = page.locator("main strong").first.inner_text()
    track = _mail_link(site, r"/call-for-action/track/[^/\s]+/", since)

    for role, fields, button in (
        ("councillor", {"decision": "referred", "response": "Referred to the committee",
                        "public_summary": "Disorder at closing time referred to the committee"}, "Send the response"),
        ("scrutiny", {"outcome": "The committee asked for a licensing review",
                      "public_summary": "Committee asked for a licensing review"}, "Record the decision"),
    ):  # fmt: skip
        context = browser.new_context(storage_state=sessions[role])
        staff = context.new_page()
        staff.goto(f"{site.url}/call-for-action/cases/")
        staff.click(f"main a:has-text('{reference}')")
        for name, value in fields.items():
            if name == "decision":
                staff.check(f"input[name=decision][value={value}]")
            else:
                staff.fill(f"#id_{name}", value)
        _submit(staff, button)
        context.close()

    page.goto(site.url + track)
    assert "The committee asked for a licensing review" in page.locator("main").inner_text()
    page.goto(f"{site.url}/call-for-action/register/")
    row = page.locator(f"tr#{reference}").inner_text()
    assert "Committee asked for a licensing review" in row
    assert "Synthetic" not in page.locator("main").inner_text()
    _shot(page, tmp_path, "call-for-action-register-1280")
    public.close()


def test_an_open311_client_lists_services_posts_and_reads_a_request(
    site: Site, browser: Any, sessions: dict[str, Any]
) -> None:
    admin = browser.new_context(storage_state=sessions["administrator"])
    page = admin.new_page()
    page.goto(f"{site.url}/open311/clients/")
    page.fill("#id_name", "E2E FixMyStreet")
    _submit(page, "Issue a key")
    key = page.locator("main .panel code").inner_text()
    admin.close()

    client = browser.new_context()
    api = client.request
    services = api.get(f"{site.url}/open311/v2/services.json?jurisdiction_id=E22000353").json()
    assert "poor-lighting" in [s["service_code"] for s in services]
    posted = api.post(
        f"{site.url}/open311/v2/requests.json",
        form={"api_key": key, "service_code": "verbal-abuse", "lat": "52.0275", "long": "-0.4950",
              "description": "Shouting at people walking home (e2e)", "attribute[other_reasons]": "being-followed"},
    )  # fmt: skip
    assert posted.status == 200
    token = posted.json()[0]["token"]
    assert api.get(f"{site.url}/open311/v2/tokens/{token}.json").json()[0]["service_request_id"] is None

    moderator = browser.new_context(storage_state=sessions["officer"])
    staff = moderator.new_page()
    staff.goto(f"{site.url}/safer-streets/moderation/")
    staff.click("main tr:has-text('E2E FixMyStreet') a")
    staff.check("input[name=decision][value=published]")
    staff.fill("#id_reason", "Fine to publish")
    _submit(staff, "Record the decision")
    moderator.close()

    reference = api.get(f"{site.url}/open311/v2/tokens/{token}.json").json()[0]["service_request_id"]
    assert reference
    xml = api.get(f"{site.url}/open311/v2/requests/{reference}.xml").text()
    assert f"<service_request_id>{reference}</service_request_id>" in xml
    assert "<service_code>verbal-abuse</service_code>" in xml
    client.close()
