"""The `plan:` section: parsed into a tree and priorities; the default tree; which places
are whole CSPs (for the similar-group rank)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cspkit.bundle import package_path
from cspkit.config.partnership import load_config
from cspkit.errors import InputError
from cspkit.geography import load_geography
from cspkit.geography.tables import Geography


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography(None)


def _config(tmp_path: Path, geo: Geography, text: str) -> object:
    path = tmp_path / "partnership.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, geo)


def test_the_demo_plan_parses_into_the_seed_structure(geo: Geography) -> None:
    config = load_config(package_path("partnership/central-bedfordshire.yaml"), geo)
    plan = config.plan
    assert plan.baseline == "2022/23"
    assert plan.years == 3
    assert plan.tree is not None
    assert [(n.name, d) for n, d in plan.tree.walk()] == [
        ("division", 0),
        ("bedford", 1),
        ("central-bedfordshire", 1),
        ("mid", 2),
        ("south", 2),
    ]
    assert [leaf.name for leaf in plan.tree.leaves()] == ["bedford", "mid", "south"]
    burglary = next(p for p in plan.priorities if p.issue == "burglary")
    assert burglary.targets[0].change == {"bedford": -9, "mid": -3, "south": -8}
    drugs = next(p for p in plan.priorities if p.issue == "drugs")
    assert drugs.targets[0].change == {"*": 3}
    assert burglary.actions[0].milestones[0].status == "done"


def test_without_a_tree_the_plan_covers_the_area_and_its_subareas(geo: Geography) -> None:
    from cspkit.assessment.plan_tree import leaf_areas, plan_tree

    demo = load_config(package_path("partnership/central-bedfordshire.yaml"), geo)
    config = replace(demo, plan=replace(demo.plan, tree=None))
    tree = plan_tree(config, geo)
    assert [c.name for c in tree.children] == ["south", "north"]
    areas = leaf_areas(config, geo, tree)
    assert sum(len(a.codes) for a in areas.values()) == 31


def test_whole_csps_are_recognised_for_the_similar_group(geo: Geography) -> None:
    from cspkit.assessment.performance import _node_csp

    config = load_config(package_path("partnership/central-bedfordshire.yaml"), geo)
    tree = config.plan.tree
    assert tree is not None
    found = {node.name: _node_csp(geo, node) for node, _depth in tree.walk()}
    assert found == {
        "division": None,
        "bedford": "E22000009",
        "central-bedfordshire": "E22000353",
        "mid": None,
        "south": None,
    }


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ("plan: [1, 2]", "must be a set of keys"),
        ("plan:\n  colour: red", "unknown key"),
        ("plan:\n  tree: {name: x, wards: [E05014394]}", "the tree's root needs children"),
        ("plan:\n  tree: {name: x, children: [{name: y, area: csp:E22000009, wards: [E05014394]}]}", "exactly one of"),
        ("plan:\n  tree: {name: x, children: [{name: x, area: csp:E22000009}]}", "named twice"),
        ("plan:\n  priorities: [{issue: burglary, owner: P, targets: [{indicator: policeuk/burglary}]}]", "change"),
        ("plan:\n  priorities: [{issue: burglary, owner: P, targets: [{indicator: a, change: -101}]}]", "between -100"),
        ("plan:\n  priorities: [{issue: burglary}]", "owner"),
        ("plan:\n  tolerance_percent: lots", "must be a number"),
    ],
)
def test_bad_plan_sections_name_the_key(tmp_path: Path, geo: Geography, plan: str, message: str) -> None:
    text = f"schema: 1\nname: Test\narea: csp:E22000353\n{plan}\n"
    with pytest.raises(InputError, match=message) as caught:
        _config(tmp_path, geo, text)
    assert caught.value.where.file.endswith("partnership.yaml")
    assert caught.value.where.line is not None
    assert str(caught.value.where.column).startswith("plan")
