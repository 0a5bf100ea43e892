"""`cspkit compare`: similar partnerships on the ONS tables, and within the force on police.uk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import cli

pytestmark = pytest.mark.slow
CENTRAL_BEDS = "E22000353"


def test_auto_peers_group_average_rank_and_limits(full_store: Path) -> None:
    result = cli(
        full_store, "compare", "--indicator", "policeuk/burglary", "--period", "12m-to-2024-12", "--format", "json"
    )
    assert result.code == 0, result.stderr
    body = result.json()
    assert body["label"] == "cspkit similar group (not the Home Office MSG)"
    assert body["ons_group"] == "burglary"
    members = body["members"]
    assert len(members) == 16
    area = members[0]
    assert area["code"] == CENTRAL_BEDS
    assert area["count"] == 861
    assert area["population"] == 301_500
    rates = [m["count"] / m["population"] * 1000 for m in members]
    assert body["group"]["group_average_per_1000"] == pytest.approx(sum(rates) / len(rates))
    pooled = sum(m["count"] for m in members) / sum(m["population"] for m in members) * 1000
    assert body["group"]["pooled_rate_per_1000"] == pytest.approx(pooled)
    assert sorted(m["rank"] for m in members) == list(range(1, 17))
    lowest = min(members, key=lambda m: m["rate_per_1000"])
    assert lowest["rank"] == 1
    for m in members:
        assert m["expected"] == pytest.approx(m["population"] * pooled / 1000)
        assert m["ll998"] < m["ll95"] < 1 < m["ul95"] < m["ul998"]
        assert m["at_95"] == ("above" if m["ratio"] > m["ul95"] else "below" if m["ratio"] < m["ll95"] else "within")
    assert "funnel plot" in body["verdict"]
    assert "Poisson" in body["verdict"]


def test_listed_peers_and_overdispersion(full_store: Path) -> None:
    result = cli(
        full_store,
        "compare",
        "--area",
        f"csp:{CENTRAL_BEDS}",
        "--indicator",
        "policeuk/robbery",
        "--period",
        "12m-to-2023-12",
        "--peers",
        "E22000009,E22000010,E22000001",
        "--overdispersion",
        "yes",
        "--format",
        "json",
    )
    assert result.code == 0, result.stderr
    body = result.json()
    assert body["label"] == "peer group given with --peers"
    assert [m["code"] for m in body["members"]][1:] == ["E22000009", "E22000010", "E22000001"]
    assert body["group"]["overdispersed"] is True
    assert "overdispersion" in body["verdict"]


def test_a_welsh_csp_compares_with_the_peers_it_lists(full_store: Path) -> None:
    result = cli(
        full_store,
        "compare",
        "--area",
        "csp:W14000001",
        "--indicator",
        "policeuk/burglary",
        "--period",
        "12m-to-2024-12",
        "--peers",
        "W14000002,W14000003",
        "--format",
        "json",
    )
    assert result.code == 0, result.stderr
    assert [m["code"] for m in result.json()["members"]] == ["W14000001", "W14000002", "W14000003"]


def test_configured_peers_are_used(full_store: Path, tmp_path: Path) -> None:
    config = tmp_path / "partnership.yaml"
    config.write_text(
        "name: Test\narea: csp:E22000353\npeers: [csp:E22000009, csp:E22000010]\nindicator_sets: [policeuk]\n"
    )
    result = cli(
        full_store,
        "compare",
        "--config",
        str(config),
        "--indicator",
        "policeuk/shoplifting",
        "--period",
        "12m-to-2024-12",
        "--format",
        "json",
    )
    assert result.code == 0, result.stderr
    body = result.json()
    assert body["peers_from"] == "configuration"
    assert len(body["members"]) == 3


def test_within_force_is_labelled_and_uses_the_store(full_store: Path) -> None:
    result = cli(
        full_store,
        "compare",
        "--indicator",
        "policeuk/burglary",
        "--period",
        "2023/24",
        "--within-force",
        "--format",
        "json",
    )
    assert result.code == 0, result.stderr
    body = result.json()
    assert body["label"].startswith("within-force comparison on police.uk data")
    names = {m["name"] for m in body["members"]}
    assert names == {"Central Bedfordshire", "Bedford", "Luton"}
    indicators = cli(
        full_store, "indicators", "--indicator", "policeuk/burglary", "--period", "2023/24", "--format", "json"
    ).json()
    assert body["members"][0]["count"] == indicators[0]["numerator"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--indicator", "policeuk/anti-social-behaviour", "--period", "12m-to-2024-12"],
            "no peer data for policeuk/anti-social-behaviour",
        ),
        (["--indicator", "policeuk/burglary", "--period", "2023/24"], "no peer data for 2023/24"),
        (
            ["--indicator", "policeuk/burglary", "--period", "12m-to-2024-12", "--area", "csp:W14000001"],
            "no automatic peers for csp:W14000001",
        ),
        (
            ["--indicator", "policeuk/burglary", "--period", "12m-to-2024-12", "--area", "ward:E05014394"],
            "comparisons are between CSPs",
        ),
    ],
)
def test_what_cannot_be_compared_exits_2(full_store: Path, args: list[str], message: str) -> None:
    result = cli(full_store, "compare", *args)
    assert result.code == 2, result.stdout
    assert message in result.stderr
