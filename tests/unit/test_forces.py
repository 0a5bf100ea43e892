from __future__ import annotations

import pytest

from cspkit.geography.forces import force_by_name, force_by_slug, forces


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Bedfordshire Police", "bedfordshire"),
        ("Metropolitan Police Service", "metropolitan"),
        ("Devon & Cornwall Police", "devon-and-cornwall"),
        ("Police Service of Northern Ireland", "northern-ireland"),
        ("British Transport Police", "btp"),
        ("London, City of", "city-of-london"),
        ("Thames Valley", "thames-valley"),
    ],
)
def test_falls_within_names_reach_their_slug(name: str, slug: str) -> None:
    force = force_by_name(name)
    assert force is not None
    assert force.slug == slug


def test_every_force_area_has_a_code() -> None:
    territorial = [f for f in forces() if f.slug not in ("btp", "northern-ireland")]
    assert len(territorial) == 43
    assert all(f.code[:3] in ("E23", "W15") for f in territorial)
    assert force_by_slug("E23000026").slug == "bedfordshire"


def test_unknown_names_are_none() -> None:
    assert force_by_name("Gotham City Police") is None
