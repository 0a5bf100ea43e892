"""The public neighbourhood pages on the demo workspace (36 real months): every figure agrees
with `cspkit indicators`; search, the map's links and unknown wards; similar wards by the
stated method; "you said, we did" from meeting to page to API; ASB contacts marked as demo;
the partnership's performance in plain words; and a new month shown without a restart."""

from __future__ import annotations

import json
import math
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import POLICEUK, cli
from tests.web.conftest import AMPTHILL

pytestmark = [pytest.mark.web, pytest.mark.django_db]

BIDDENHAM = "E05014491"  # a Bedford ward: in the force, not in Central Bedfordshire
ROW = re.compile(r'<tr data-indicator="([^"]+)">(.*?)</tr>', re.S)
COUNT = re.compile(r'data-count="([^"]*)"')
HEADLINE = re.compile(r'<dl class="summary-list" data-indicator="([^"]+)">(.*?)</dl>', re.S)


@pytest.fixture(autouse=True)
def _web_home(settings, assessed: Path) -> None:  # type: ignore[no-untyped-def]
    settings.HOME = assessed


PERIODS = ("2024-04", "12m-to-2024-04", "fytd-2024-04", "12m-to-2023-04")


@pytest.fixture(scope="module")
def cli_counts(assessed: Path) -> dict[str, dict[str, int]]:
    """`cspkit indicators` for Ampthill over every period the tests compare: period -> counts."""
    periods = [part for period in PERIODS for part in ("--period", period)]
    done = cli(assessed, "indicators", "--set", "policeuk", "--area", f"ward:{AMPTHILL}", *periods, "--format", "json")
    assert done.code == 0, done.stderr
    found: dict[str, dict[str, int]] = {period: {} for period in PERIODS}
    for row in json.loads(done.stdout):
        found[row["period"]][row["indicator"].split("@")[0].split("/")[1]] = row["numerator"]
    return found


def test_every_figure_on_the_page_agrees_with_the_cli(client, cli_counts) -> None:  # type: ignore[no-untyped-def]
    page = client.get(reverse("public:neighbourhood", args=[AMPTHILL]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ampthill" in text
    assert "In an emergency call 999" in text
    assert "April 2024" in text  # the latest month held
    expected = [cli_counts[p] for p in PERIODS[:3]]
    rows = {indicator: [int(c) for c in COUNT.findall(cells)] for indicator, cells in ROW.findall(text)}
    rows |= {indicator: [int(c) for c in COUNT.findall(cells)] for indicator, cells in HEADLINE.findall(text)}
    assert {"crime-excl-asb", "anti-social-behaviour", "burglary", "violent-crime"} <= set(rows)
    assert len(rows) >= 14
    for indicator, counts in rows.items():
        assert counts == [spans[indicator] for spans in expected], indicator
    # Rolling year against a year earlier, per category.
    earlier = cli_counts["12m-to-2023-04"]["burglary"]
    now = expected[1]["burglary"]
    change = round(abs(now - earlier) / earlier * 100)
    assert f"{'up' if now > earlier else 'down'} {change}%" in dict(ROW.findall(text))["burglary"]


def test_similar_wards_are_the_five_nearest_in_the_force_on_the_stated_features(assessed: Path) -> None:
    from cspkit.geography import load_geography
    from cspkit.neighbourhoods.similar_wards import similar_wards, ward_features

    geo = load_geography(assessed)
    force = [w for w, a in geo.ward_authority.items() if geo.force_of_authority(a) == "bedfordshire"]
    features = ward_features(geo, sorted(force))
    assert len(features) >= 75  # a ward with no best-fit LSOA of its own has none

    def standardised(values: list[float]) -> list[float]:
        mean = sum(values) / len(values)
        spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        return [(v - mean) / spread for v in values]

    codes = sorted(features)
    x = dict(zip(codes, standardised([math.log(features[c].density_per_km2) for c in codes]), strict=True))
    y = dict(zip(codes, standardised([features[c].imd_rank_weighted for c in codes]), strict=True))
    by_distance = sorted((math.hypot(x[c] - x[AMPTHILL], y[c] - y[AMPTHILL]), c) for c in codes if c != AMPTHILL)
    found = similar_wards(geo, AMPTHILL)
    assert [s.code for s in found] == [c for _d, c in by_distance[:5]]
    assert all(s.distance <= t.distance for s, t in zip(found, found[1:], strict=False))
    # Ampthill (Census 2021: 14,112 residents in its best-fit LSOAs) is a small town, not among the most deprived.
    assert features[AMPTHILL].residents == 14112
    assert features[AMPTHILL].imd_rank_weighted > 16422  # less deprived than England's median LSOA


def test_the_page_compares_with_similar_wards_and_names_the_method(client) -> None:  # type: ignore[no-untyped-def]
    text = client.get(reverse("public:neighbourhood", args=[AMPTHILL])).content.decode()
    assert "Compared with similar wards" in text
    assert "cspkit&#x27;s own method" in text or "cspkit's own method" in text
    assert "in similar wards" in text
    assert text.count('class="bar bar--focal"') == 2  # crime and ASB


def test_search_map_and_unknown_wards(client) -> None:  # type: ignore[no-untyped-def]
    index = client.get(reverse("public:neighbourhoods")).content.decode()
    assert index.count('class="ward-map__ward"') == 31  # every Central Bedfordshire ward, each a link
    assert f'href="/neighbourhoods/{AMPTHILL}/"' in index
    found = client.get(reverse("public:neighbourhoods"), {"q": "ampt"}).content.decode()
    assert "1 neighbourhood found" in found
    none = client.get(reverse("public:neighbourhoods"), {"q": "Atlantis"}).content.decode()
    assert "0 neighbourhoods found" in none
    assert "Check the spelling" in none
    assert client.get(reverse("public:neighbourhood", args=[BIDDENHAM])).status_code == 404
    assert client.get("/neighbourhoods/E05999999/").status_code == 404
    assert client.get("/neighbourhoods/not-a-ward/").status_code == 404


def test_asb_contacts_come_from_the_configuration_and_demo_entries_say_so(client) -> None:  # type: ignore[no-untyped-def]
    text = client.get(reverse("public:neighbourhood", args=[AMPTHILL])).content.decode()
    section = text.split("Who deals with anti-social behaviour", 1)[1].split("About these figures", 1)[0]
    council = section.split("Bedfordshire Police", 1)[0]
    assert "Central Bedfordshire Council community safety team" in council
    assert "Demo entry" in council
    police = section.split("Bedfordshire Police", 1)[1]
    assert "101" in police
    assert "Demo entry" not in police


def test_you_said_we_did_from_the_meeting_to_the_page_and_the_api(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.public.models import NeighbourhoodPriority, PublicMeeting

    sign_in(people["officer"])
    when = timezone.localtime() + timedelta(days=7)
    made = client.post(
        reverse("public:meeting-new", args=[AMPTHILL]),
        {
            "kind": "pact",
            "title": "Ampthill PACT meeting",
            "starts_at": when.strftime("%Y-%m-%d %H:%M"),
            "venue": "Parish Hall",
            "agenda": "1. Report back",
        },
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    meeting = PublicMeeting.objects.get()
    issue_day = timezone.localtime(meeting.starts_at).date()
    for issue in ("Speeding on Church Street", "Drug dealing near the park", "Cars parked on pavements"):
        done = client.post(reverse("public:priority-new", args=[meeting.pk]), {"issue": issue, "issue_date": issue_day})
        assert done.status_code == 302
    fourth = client.post(
        reverse("public:priority-new", args=[meeting.pk]), {"issue": "Litter", "issue_date": issue_day}
    )
    assert fourth.status_code == 400
    assert "already has 3 open priorities" in fourth.content.decode()
    first = NeighbourhoodPriority.objects.get(issue__startswith="Speeding")
    backwards = client.post(
        reverse("public:priority-edit", args=[first.pk]),
        {"issue": first.issue, "issue_date": issue_day, "action": "Speed checks", "action_date": date(2020, 1, 1)},
    )
    assert backwards.status_code == 400
    assert "cannot come before" in backwards.content.decode()
    acted = issue_day + timedelta(days=20)
    done = client.post(
        reverse("public:priority-edit", args=[first.pk]),
        {
            "issue": first.issue,
            "issue_date": issue_day,
            "action": "Community Speedwatch: 4 sessions",
            "action_date": acted,
            "closed": "on",
        },
    )
    assert done.status_code == 302
    client.logout()
    page = client.get(reverse("public:neighbourhood", args=[AMPTHILL])).content.decode()
    assert "Community Speedwatch: 4 sessions" in page
    assert "Drug dealing near the park" in page
    assert meeting.title in page  # upcoming meetings
    api = client.get(reverse("api:priorities", args=["bedfordshire", AMPTHILL])).json()
    speeding = next(p for p in api if p["issue"].startswith("Speeding"))
    assert speeding == {
        "issue": "Speeding on Church Street",
        "issue-date": f"{issue_day:%Y-%m-%d}T00:00:00",
        "action": "Community Speedwatch: 4 sessions",
        "action-date": f"{acted:%Y-%m-%d}T00:00:00",
    }
    events = client.get(reverse("api:events", args=["bedfordshire", AMPTHILL])).json()
    assert [e["title"] for e in events] == ["Ampthill PACT meeting"]
    assert events[0]["address"] == "Parish Hall"
    # The next meeting reports back on this one's priorities.
    later = PublicMeeting.objects.create(
        ward=AMPTHILL,
        title="Next PACT",
        starts_at=meeting.starts_at + timedelta(days=60),
        venue="Hall",
        created_by=people["officer"],
    )
    report = client.get(reverse("public:meeting", args=[later.pk])).content.decode()
    assert "Report back on the last meeting" in report
    assert "Community Speedwatch: 4 sessions" in report


def test_only_neighbourhood_staff_arrange_meetings(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    url = reverse("public:meeting-new", args=[AMPTHILL])
    assert client.get(url).status_code == 302  # to the sign-in page
    sign_in(people["councillor"])
    assert client.get(url).status_code == 403
    sign_in(people["analyst"])
    assert client.get(url).status_code == 200
    assert client.get(reverse("public:meeting-new", args=[BIDDENHAM])).status_code == 404


def test_the_partnership_performance_in_plain_words(client) -> None:  # type: ignore[no-untyped-def]
    text = client.get(reverse("public:performance")).content.decode()
    assert "How the partnership is doing" in text
    assert "Violence and sexual offences" in text
    assert re.search(r"(On track|Slightly off track|Off track)</strong> Violence and sexual offences in ", text)
    assert "so far this year, against a target of" in text


def test_the_api_answers_like_police_uk(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("api:forces")).json() == [{"id": "bedfordshire", "name": "Bedfordshire Police"}]
    wards = client.get(reverse("api:neighbourhoods", args=["bedfordshire"])).json()
    assert len(wards) == 31
    assert {"id": AMPTHILL, "name": "Ampthill"} in wards
    detail = client.get(reverse("api:neighbourhood", args=["bedfordshire", AMPTHILL])).json()
    assert detail["id"] == AMPTHILL
    assert detail["population"] == "14112"
    assert 51.9 < float(detail["centre"]["latitude"]) < 52.1
    assert -0.6 < float(detail["centre"]["longitude"]) < -0.4
    outline = client.get(reverse("api:boundary", args=["bedfordshire", AMPTHILL])).json()
    assert len(outline) > 20
    assert outline[0] == outline[-1]
    assert client.get(reverse("api:neighbourhoods", args=["kent"])).status_code == 404
    assert client.get(reverse("api:neighbourhood", args=["bedfordshire", BIDDENHAM])).status_code == 404


def test_crime_counts_agree_with_the_cli(client, cli_counts) -> None:  # type: ignore[no-untyped-def]
    body = client.get(reverse("api:crime-counts"), {"area": f"ward:{AMPTHILL}", "period": "12m-to-2024-04"}).json()
    expected = cli_counts["12m-to-2024-04"]
    assert body["period"] == "12m-to-2024-04"
    assert body["missing_months"] == []
    assert {c["category"]: c["count"] for c in body["counts"]} == {
        k: v for k, v in expected.items() if k not in ("crime-excl-asb", "serious-acquisitive-proxy")
    }
    default = client.get(reverse("api:crime-counts")).json()
    assert default["area"] == "csp:E22000353"
    assert default["period"] == "2024-04"
    for query, status, message in (
        ({"area": f"ward:{BIDDENHAM}"}, 404, "is not one of"),
        ({"area": "csp:E22000009"}, 404, "area must be"),
        ({"period": "2030-01"}, 404, "runs past"),
        ({"period": "2012-01"}, 404, "starts before the first month held"),
        ({"period": "soon"}, 400, "period"),
        ({"area": "ward:nowhere"}, 400, ""),
        ({"colour": "red"}, 400, "unknown parameter"),
    ):
        answer = client.get(reverse("api:crime-counts"), query)
        assert answer.status_code == status, query
        assert message in answer.json()["error"], query


def test_a_newly_ingested_month_shows_without_a_restart(client, settings, web_store: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cspkit.ingest import ingest_policeuk

    copy = tmp_path / "workspace"
    shutil.copytree(web_store, copy, symlinks=True, ignore=shutil.ignore_patterns("materialised"))
    settings.HOME = copy
    url = reverse("public:neighbourhood", args=[AMPTHILL])
    assert "The latest month police.uk has published is March 2024" in client.get(url).content.decode()
    ingest_policeuk(copy, [POLICEUK / "2024-04"])
    after = client.get(url).content.decode()
    assert "The latest month police.uk has published is April 2024" in after
    assert client.get(reverse("api:crime-counts")).json()["period"] == "2024-04"


def test_welsh_neighbourhood_page(client) -> None:  # type: ignore[no-untyped-def]
    client.post(reverse("pages:set-language"), {"language": "cy", "next": "/"})
    text = client.get(reverse("public:neighbourhood", args=[AMPTHILL])).content.decode()
    assert 'lang="cy"' in text
    assert "Dywedoch chi, gwnaethom ni" in text
    assert "Troseddu ac ymddygiad gwrthgymdeithasol" in text
    assert "Ebrill 2024" in text  # Django's Welsh month names


def test_a_visitor_gets_a_kept_page_with_their_own_working_token(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from cspkit.web.public.models import NeighbourhoodPriority

    url = reverse("public:neighbourhood", args=[AMPTHILL])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    made = first.get(url).content.decode()
    kept = second.get(url).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(kept).group(1) != token.search(made).group(1)
    assert token.sub("", kept) == token.sub("", made)  # the same page, bar the token
    switched = second.post(
        reverse("pages:set-language"),
        {"language": "cy", "next": url, "csrfmiddlewaretoken": token.search(kept).group(1)},
    )
    assert switched.status_code == 302
    assert "Dywedoch chi" in second.get(url).content.decode()  # a Welsh page is kept apart
    # A new priority shows at once: the page is kept per version of the public records.
    NeighbourhoodPriority.objects.create(
        ward=AMPTHILL,
        issue="Noise from the car park at night",
        issue_date=date(2024, 5, 1),
        created_by=people["officer"],
    )
    assert "Noise from the car park at night" in first.get(url).content.decode()
    # A signed-in person's page is their own (the staff button), never a kept one.
    sign_in(people["officer"])
    assert "Arrange a meeting" in client.get(url).content.decode()
    assert "Arrange a meeting" not in first.get(url).content.decode()


def test_a_workspace_without_a_configuration_says_so(client, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.HOME = tmp_path  # nothing ingested, nothing configured
    page = client.get(reverse("public:neighbourhoods"))
    assert page.status_code == 503
    assert "Figures not available" in page.content.decode()
    assert "In an emergency call 999" in page.content.decode()
    for url in (
        reverse("api:forces"),
        reverse("api:crime-counts"),
        reverse("api:neighbourhoods", args=["bedfordshire"]),
    ):
        answer = client.get(url)
        assert answer.status_code == 503, url
        assert "configuration" in answer.json()["error"], url
