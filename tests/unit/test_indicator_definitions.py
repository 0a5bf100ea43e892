"""Indicator definitions: the bundled sets, local sets, versions in force, and bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cspkit.errors import InputError, UsageError
from cspkit.indicators import load_indicator_sets
from cspkit.sources.policeuk.categories import CATEGORIES


def test_bundled_sets() -> None:
    sets = load_indicator_sets()
    policeuk = {i.id for i in sets.set("policeuk").indicators}
    assert policeuk == {c.slug for c in CATEGORIES} | {"all-crime", "crime-excl-asb", "serious-acquisitive-proxy"}
    ni = {i.id for i in sets.set("ni2008").indicators}
    assert ni == {"ni-15", "ni-16", "ni-20", "ni-21", "ni-30", "ni-32", "ni-40", "ni-111", "ni-115"}
    proxy = sets.resolve("policeuk/serious-acquisitive-proxy", date(2024, 1, 1))
    assert proxy.proxy
    assert not proxy.verified
    assert sets.resolve("ni2008/ni-21", date(2024, 1, 1)).numerator.requires
    ni32 = sets.resolve("ni2008/ni-32", date(2024, 1, 1))
    assert ni32.numerator.dataset == "partner:cases-marac"
    assert ni32.denominator is not None
    assert ni32.denominator.where == {"category": ("repeat", "first-referral")}


LOCAL = """set: local
title: Local measures
indicators:
  - id: night-time-violence
    title: Violence (first definition)
    description: Violence and sexual offences.
    version: 1
    in_force: {from: 2020-04, to: 2023-03}
    numerator: {dataset: street, where: {category_slug: [violent-crime]}}
    unit: count
    polarity: lower-is-better
    source: {document: Local plan 2020, paragraph: "3.2"}
    verified: true
    proxy: false
  - id: night-time-violence
    title: Violence and public order
    description: Violence and public order together, from April 2023.
    version: 2
    in_force: {from: 2023-04}
    numerator: {dataset: street, where: {category_slug: [violent-crime, public-order]}}
    unit: per_1000_population
    polarity: lower-is-better
    source: {document: Local plan 2023, paragraph: "4.1"}
    verified: false
    proxy: false
"""


def _local(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "indicators"
    folder.mkdir(exist_ok=True)
    (folder / "local.yaml").write_text(text, encoding="utf-8")
    return folder


def test_versions_are_chosen_by_the_period_or_by_name(tmp_path: Path) -> None:
    sets = load_indicator_sets(_local(tmp_path, LOCAL))
    assert sets.resolve("local/night-time-violence", date(2022, 6, 1)).version == 1
    assert sets.resolve("night-time-violence", date(2024, 1, 1)).version == 2
    assert sets.resolve("local/night-time-violence@1", date(2024, 1, 1)).version == 1
    with pytest.raises(UsageError, match="versions are 1, 2"):
        sets.resolve("local/night-time-violence@3", date(2024, 1, 1))
    with pytest.raises(UsageError, match="no indicator set 'other'"):
        sets.resolve("other/x", date(2024, 1, 1))


BAD = [
    (
        ("    proxy: false\n  - id", "    proxy: false\n    colour: red\n  - id"),
        "key 'indicators.0.colour': unknown key",
    ),
    (("    unit: count", "    unit: per_fortnight"), "key 'indicators.0.unit': must be one of count"),
    (("    unit: count", "    unit: percent"), "key 'indicators.0.denominator': is required"),
    (
        ("{category_slug: [violent-crime]}}", "{offence_code: ['8N']}}"),
        "key 'indicators.0.numerator.where.offence_code': unknown key: expected one of category, category_slug",
    ),
    (("{dataset: street, where: {category_slug: [violent-crime]}}", "{dataset: parish}"), "must be one of street"),
    (("to: 2023-03}", "to: 2023-06}"), "versions 1 and 2 overlap in time"),
    (("    version: 2", "    version: 1"), "night-time-violence version 1 is defined twice"),
    (("    in_force: {from: 2020-04, to: 2023-03}\n", ""), "key 'indicators.0.in_force': is required"),
    (("    verified: true", "    verified: yes please"), "key 'indicators.0.verified': must be true or false"),
    (("set: local", "set: policeuk"), "'policeuk' is already a set"),
    (('    source: {document: Local plan 2020, paragraph: "3.2"}\n', ""), "key 'indicators.0.source': is required"),
    (
        ("    proxy: false\n  - id", "    proxy: false\n    ons_group: violence\n  - id"),
        "key 'indicators.0.ons_group': must be an ONS offence group slug",
    ),
]


def test_comparable_indicators_declare_their_ons_group(tmp_path: Path) -> None:
    sets = load_indicator_sets(
        _local(
            tmp_path,
            LOCAL.replace(
                "    proxy: false\n  - id", "    proxy: false\n    ons_group: violence-against-the-person\n  - id", 1
            ),
        )
    )
    assert sets.resolve("local/night-time-violence@1", date(2022, 1, 1)).ons_group == "violence-against-the-person"
    assert sets.resolve("local/night-time-violence@2", date(2024, 1, 1)).ons_group == ""
    bundled = load_indicator_sets()
    assert bundled.resolve("policeuk/burglary", date(2024, 1, 1)).ons_group == "burglary"
    assert bundled.resolve("ni2008/ni-20", date(2024, 1, 1)).ons_group == "violence-with-injury"
    assert bundled.resolve("policeuk/anti-social-behaviour", date(2024, 1, 1)).ons_group == ""


@pytest.mark.parametrize(("change", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_definitions_name_key_and_line(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in LOCAL
    folder = _local(tmp_path, LOCAL.replace(old, new, 1))
    with pytest.raises(InputError) as caught:
        load_indicator_sets(folder)
    assert message in str(caught.value)
    assert "local.yaml, line" in str(caught.value)
