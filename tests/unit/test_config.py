"""The partnership configuration: the demo file, `cspkit init`, and bad files named by key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.bundle import package_path
from cspkit.config import load_config, starting_config
from cspkit.errors import InputError, UsageError
from cspkit.geography import load_geography
from tests.helpers import cli

DEMO = package_path("partnership/central-bedfordshire.yaml")


def test_the_demo_configuration() -> None:
    config = load_config(DEMO, load_geography())
    assert str(config.area) == "csp:E22000353"
    names = [node.name for node in config.all_subareas()]
    assert names == [
        "south",
        "dunstable-and-houghton-regis",
        "leighton-linslade",
        "south-villages",
        "north",
        "west-mid-beds",
        "east",
    ]
    wards = [w for top in config.subareas for w in top.ward_codes()]
    geo = load_geography()
    assert sorted(wards) == sorted(c for c, a in geo.ward_authority.items() if a == "E06000056")
    assert config.indicator_sets == ("policeuk", "ni2008", "casework")


GOOD = """schema: 1
name: Test partnership
area: csp:E22000353
subareas:
  - name: a
    wards: [E05014403]
  - name: b
    children:
      - name: c
        lsoas: [E01017371]
peers: [csp:E22000009]
"""

# (what replaces what in GOOD, the message expected)
BAD = [
    (("peers:", "colour: red\npeers:"), "line 11, key 'colour': unknown key"),
    (("area: csp:E22000353", "area: ward:E05014403"), "line 3, key 'area': must be a csp or authority area"),
    (("area: csp:E22000353", "area: csp:E22999999"), "line 3, key 'area': csp:E22999999 is not in the geography"),
    (("[E05014403]", "[E05014403, E05014491]"), "line 6, key 'subareas.0.wards.1': E05014491 lies outside"),
    (("[E05014403]", "[E05099999]"), "key 'subareas.0.wards.0': E05099999 is not a ward"),
    (("        lsoas: [E01017371]", "        lsoas: [E01017371]\n        wards: [E05014404]"), "exactly one of"),
    (
        ("peers:", "  - name: b\n    wards: [E05014404]\npeers:"),
        "line 11, key 'subareas.2.name': sub-area 'b' is named twice",
    ),
    (("peers:", "  - name: d\n    wards: [E05014403]\npeers:"), "E05014403 is in both 'a' and 'd'"),
    (("schema: 1", "schema: 2"), "line 1, key 'schema': this cspkit reads schema 1"),
    (("peers: [csp:E22000009]", "peers: csp:E22000009"), "key 'peers': must be a list"),
    (("peers: [csp:E22000009]", "peers: [authority:E06000055]"), "key 'peers.0': must be a csp area"),
    (("name: a", "name: Bad Name"), "line 5, key 'subareas.0.name': 'Bad Name' must be lowercase"),
    (("name: Test partnership", "name: [unclosed"), "not valid YAML"),
    (("name: Test partnership\n", ""), "key 'name': is required"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_configuration_names_key_and_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in GOOD
    path = tmp_path / "partnership.yaml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_config(path, load_geography())
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_the_good_file_is_good(tmp_path: Path) -> None:
    path = tmp_path / "partnership.yaml"
    path.write_text(GOOD, encoding="utf-8")
    config = load_config(path, load_geography())
    assert config.subarea("c").lsoas == ("E01017371",)
    with pytest.raises(UsageError, match="no sub-area 'z'"):
        config.subarea("z")


def test_starting_file_is_a_valid_configuration(tmp_path: Path) -> None:
    path = tmp_path / "partnership.yaml"
    path.write_text(starting_config(load_geography(), "csp:E22000009"), encoding="utf-8")
    config = load_config(path, load_geography())
    assert config.name == "Bedford Community Safety Partnership"
    assert "The 28 wards of the area" in path.read_text()


def test_init_writes_once_and_every_command_takes_config(workspace: Path, tmp_path: Path) -> None:
    first = cli(workspace, "init", "--area", "csp:E22000009")
    assert first.code == 0, first.stderr
    assert (workspace / "partnership.yaml").exists()
    again = cli(workspace, "init", "--area", "csp:E22000009")
    assert again.code == 2
    assert "already exists" in again.stderr
    assert cli(workspace, "init", "--area", "csp:E22000009", "--overwrite").code == 0
    other = tmp_path / "other.yaml"
    assert cli(workspace, "--config", str(other), "init", "--area", "authority:E06000032").code == 0
    assert "area: authority:E06000032" in other.read_text()
    missing = cli(workspace, "indicators", "--config", str(tmp_path / "none.yaml"), "--period", "2024-03")
    assert missing.code == 2
    assert "no partnership configuration" in missing.stderr
    for command in (["status"], ["counts"], ["geography"], ["ingest", "policeuk"], ["store", "mirror"]):
        assert "--config" in cli(workspace, *command, "--help").stdout, command
    bad_area = cli(workspace, "init", "--area", "lsoa:E01017540", "--overwrite")
    assert bad_area.code == 2
    assert "a partnership covers a csp or an authority" in bad_area.stderr
