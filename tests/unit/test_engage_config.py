"""The `engage:` section: Safer Streets reasons, routes and the rate limit; each kind of bad
entry is refused with the key and line named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.bundle import package_path
from cspkit.config.engage import DEFAULT_REASONS, EngageConfig
from cspkit.config.partnership import load_config
from cspkit.errors import InputError
from cspkit.geography import load_geography
from cspkit.geography.tables import Geography

HEAD = "schema: 1\nname: Test partnership\narea: csp:E22000353\n"
REASONS = "engage:\n  safer_streets:\n    reasons:\n"
TWICE = "      - {slug: a, label: x, agency_kind: police}\n      - {slug: a, label: y, agency_kind: police}\n"


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography(None)


def _engage(tmp_path: Path, geo: Geography, body: str) -> EngageConfig:
    path = tmp_path / "partnership.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    return load_config(path, geo).engage


def test_the_demo_routes_police_and_council_reasons(geo: Geography) -> None:
    engage = load_config(package_path("partnership/central-bedfordshire.yaml"), geo).engage
    assert engage.reasons == DEFAULT_REASONS
    assert engage.route_for("E06000056", "police") == "bedfordshire"
    assert engage.route_for("E06000056", "local_authority") == "central-bedfordshire-council"
    assert engage.route_for("E06000055", "police") is None
    assert engage.rate_limit == 10


def test_no_engage_section_means_the_defaults(tmp_path: Path, geo: Geography) -> None:
    assert _engage(tmp_path, geo, "") == EngageConfig()


def test_a_partnership_may_replace_the_reasons(tmp_path: Path, geo: Geography) -> None:
    body = REASONS + "      - {slug: dark-alley, label: A dark alley, agency_kind: police}\n"
    engage = _engage(tmp_path, geo, body)
    assert [r.slug for r in engage.reasons] == ["dark-alley"]
    assert engage.reason("dark-alley") is not None
    assert engage.reason("poor-lighting") is None


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (REASONS + "      - {slug: Dark Alley, label: x, agency_kind: police}\n", 7, "lowercase letters"),
        (REASONS + "      - {slug: a, label: x, agency_kind: wizards}\n", 7, "is not a kind of agency"),
        (REASONS + TWICE, 8, "listed twice"),
        (REASONS + "      - {slug: a, label: x, agency_kind: police, colour: red}\n", 7, "colour"),
        ("engage:\n  safer_streets:\n    rate_limit: lots\n", 6, "whole number of reports"),
        ("engage:\n  safer_streets:\n    rate_limit: 0\n", 6, "whole number of reports"),
        (
            "engage:\n  safer_streets:\n    routes:\n      - {authority: Luton, agency_kind: police, agency: x}\n",
            7,
            "authority's ONS code",
        ),
        ("engage:\n  safer_streets:\n    routes: police\n", 6, "must be a list of routes"),
        ("engage:\n  pins: []\n", 5, "unknown key"),
        ("engage:\n  call_for_action:\n    councillor_days: 0\n", 6, "whole number from 1 to 365"),
        ("engage:\n  asb_case_review:\n    complaints: many\n", 6, "whole number from 1 to 50"),
        ("engage:\n  retention:\n    pin_days: -1\n", 6, "whole number from 1 to 3650"),
        ("engage:\n  retention:\n    forever: 1\n", 6, "unknown key"),
    ],
)
def test_each_kind_of_bad_entry_is_named_with_its_line(
    tmp_path: Path, geo: Geography, body: str, line: int, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        _engage(tmp_path, geo, body)
    assert message in str(raised.value)
    assert f"line {line}" in str(raised.value)


def test_time_limits_thresholds_and_retention_may_be_set(tmp_path: Path, geo: Geography) -> None:
    body = (
        "engage:\n  call_for_action:\n    councillor_days: 20\n  asb_case_review:\n    complaints: 5\n"
        "    months: 12\n  retention:\n    pin_days: 365\n"
    )
    engage = _engage(tmp_path, geo, body)
    assert engage.call_for_action.councillor_days == 20
    assert engage.call_for_action.committee_days == 56
    assert (engage.asb_case_review.complaints, engage.asb_case_review.months) == (5, 12)
    assert engage.keep_days("pin_days") == 365
    assert engage.keep_days("vote_days") == 90
