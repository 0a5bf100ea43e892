from __future__ import annotations

from datetime import date

from cspkit.sources.policeuk.categories import category_for_label, labels_in_use


def test_public_disorder_and_weapons_belongs_to_2011_13() -> None:
    found = category_for_label("Public disorder and weapons", date(2012, 6, 1))
    assert found is not None
    assert found.slug == "public-disorder-weapons"
    assert category_for_label("Public disorder and weapons", date(2013, 5, 1)) is None
    assert category_for_label("Public order", date(2012, 6, 1)) is None
    assert category_for_label("Public order", date(2024, 3, 1)).slug == "public-order"  # type: ignore[union-attr]


def test_violent_crime_was_renamed_but_kept_its_slug() -> None:
    old = category_for_label("Violent crime", date(2012, 1, 1))
    new = category_for_label("Violence and sexual offences", date(2024, 1, 1))
    assert old is not None
    assert new is not None
    assert old.slug == new.slug == "violent-crime"


def test_today_has_the_fourteen_police_uk_crime_types() -> None:
    labels = labels_in_use(date(2024, 4, 1))
    assert len(labels) == 14
    assert "Anti-social behaviour" in labels
    assert "Bicycle theft" in labels


def test_unknown_labels_are_not_categories() -> None:
    assert category_for_label("Burglery", date(2024, 1, 1)) is None
