"""The dashboard on the demo workspace (36 real months): every tile agrees with
`cspkit indicators --compare --format json` for the same place and period; the indicator page
draws its SPC chart and maps; filters are checked; partner figures are kept from roles that
may not read restricted data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.helpers import cli

pytestmark = pytest.mark.web

TILE = re.compile(r'<li class="tile[^"]*" data-indicator="([^"]+)" data-period="([^"]+)"([^>]*)>')
ATTRIBUTE = re.compile(r'data-([a-z-]+)="([^"]*)"')


@pytest.fixture(autouse=True)
def _web_home(settings, web_demo: Path) -> None:  # type: ignore[no-untyped-def]
    settings.HOME = web_demo


def _tiles(page: str) -> dict[str, dict[str, str]]:
    return {
        indicator: {"period": period, **dict(ATTRIBUTE.findall(rest))} for indicator, period, rest in TILE.findall(page)
    }


def _number(text: str) -> float | None:
    return None if text == "" else float(text)


@pytest.mark.parametrize(
    ("query", "area", "period"),
    [
        ({}, "csp:E22000353", None),
        ({"area": "subarea:south", "period": "fytd-2024-04"}, "subarea:south", "fytd-2024-04"),
    ],
)
def test_every_tile_agrees_with_the_cli(client, people, sign_in, web_demo: Path, query, area, period) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["analyst"])
    page = client.get(reverse("dashboard:dashboard"), query)
    assert page.status_code == 200
    tiles = _tiles(page.content.decode())
    shown_period = {t["period"] for t in tiles.values()}
    assert len(shown_period) == 1
    period = period or shown_period.pop()
    assert period == "12m-to-2024-04" or query
    done = cli(web_demo, "indicators", "--area", area, "--period", period, "--compare", "--format", "json")
    assert done.code == 0, done.stderr
    expected = {row["indicator"]: row for row in json.loads(done.stdout)}
    assert set(tiles) == set(expected)
    assert len(tiles) > 20
    for indicator, tile in tiles.items():
        row = expected[indicator]
        assert _number(tile["value"]) == row["value"], indicator
        assert _number(tile["numerator"]) == row["numerator"], indicator
        assert _number(tile["change-percent"]) == row["change_percent"], indicator


def test_the_indicator_page_draws_the_spc_chart_maps_and_similar_group(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["manager"])
    page = client.get(reverse("dashboard:indicator", kwargs={"set_name": "policeuk", "name": "burglary"}))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("<svg") >= 3  # SPC chart, ward map, LSOA map
    assert "Dunstable" in text  # a ward of the map's table
    assert "Similar partnerships" in text
    assert 'class="focal"' in text
    missing = client.get(reverse("dashboard:indicator", kwargs={"set_name": "policeuk", "name": "no-such"}))
    assert missing.status_code == 404


def test_a_sub_area_has_its_own_wards_and_no_similar_group(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["analyst"])
    url = reverse("dashboard:indicator", kwargs={"set_name": "policeuk", "name": "burglary"})
    text = client.get(url, {"area": "subarea:east"}).content.decode()
    assert "Biggleswade East" in text
    assert "Dunstable Central" not in text
    assert "formed of whole partnerships" in text


def test_a_place_or_period_not_offered_is_refused_with_a_message(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    sign_in(people["analyst"])
    for query in ({"area": "csp:E22000009"}, {"period": "12m-to-2031-01"}):
        page = client.get(reverse("dashboard:dashboard"), query)
        assert page.status_code == 400
        assert "There is a problem" in page.content.decode()


def test_roles_outside_the_partnership_work_cannot_open_it(client, people, sign_in) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("dashboard:dashboard")).status_code == 302  # to sign in
    sign_in(people["administrator"])
    assert client.get(reverse("dashboard:dashboard")).status_code == 403


def test_partner_figures_only_for_roles_that_read_restricted_data(people, web_demo: Path) -> None:  # type: ignore[no-untyped-def]
    from cspkit.web.dashboard.materialised import dashboard
    from cspkit.web.dashboard.views import _shown

    tile = dashboard(web_demo, None, None)["tiles"][0] | {"partner_data": True}
    assert _shown(tile, people["councillor"])["hidden"]
    assert _shown(tile, people["scrutiny"])["value_text"] == ""
    assert not _shown(tile, people["analyst"])["hidden"]
    assert _shown(tile, people["analyst"])["value_text"]


def test_a_dashboard_is_built_once_per_store_version(web_demo: Path) -> None:
    from cspkit.web.dashboard import materialised

    first = materialised.dashboard(web_demo, "subarea:north", None)
    files = sorted((web_demo / materialised.FOLDER).glob("dashboard-*.json"))
    materialised._MEMORY.clear()
    again = materialised.dashboard(web_demo, "subarea:north", None)
    assert again["tiles"] == first["tiles"]
    assert sorted((web_demo / materialised.FOLDER).glob("dashboard-*.json")) == files


def test_a_chart_is_drawn_once_for_every_process_and_old_ones_are_pruned(web_demo: Path) -> None:
    import os

    from cspkit.web.dashboard import graphics, materialised

    built = materialised.dashboard(web_demo, None, None)
    tile = next(t for t in built["tiles"] if t["indicator"] == "policeuk/robbery")
    folder = web_demo / materialised.FOLDER / "charts"
    before = set(folder.glob("*.svg")) if folder.is_dir() else set()
    first = graphics.spc_chart(web_demo, built["materialised_key"], tile, "Robbery, a test title")
    (path,) = set(folder.glob("*.svg")) - before
    stamp = path.stat().st_mtime_ns
    graphics._DRAWN.clear()  # as another web process: it reads the drawing instead of drawing again
    assert graphics.spc_chart(web_demo, built["materialised_key"], tile, "Robbery, a test title") == first
    assert path.stat().st_mtime_ns == stamp
    os.utime(path, (1, 1))  # not written for decades
    assert materialised.prune(web_demo) >= 1
    assert not path.exists()
    graphics._DRAWN.clear()
    assert graphics.spc_chart(web_demo, built["materialised_key"], tile, "Robbery, a test title") == first
    assert path.exists()
