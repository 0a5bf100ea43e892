"""police.uk crime types over time: label (as in the CSV), slug (as in the API), months in use.

police.uk began in 2010-12 with six types; from 2011-09 it added criminal damage and arson,
drugs, other theft, shoplifting and "Public disorder and weapons"; from 2013-05 that last
type split into public order and possession of weapons, bicycle theft and theft from the
person left other theft, and "Violent crime" became "Violence and sexual offences" (the
slug stayed `violent-crime`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Category:
    label: str
    slug: str
    first: date
    last: date | None = None  # None: still in use

    def in_use(self, month: date) -> bool:
        return self.first <= month and (self.last is None or month <= self.last)


_START, _WIDER, _SPLIT = date(2010, 12, 1), date(2011, 9, 1), date(2013, 5, 1)
_BEFORE_SPLIT = date(2013, 4, 1)

CATEGORIES: tuple[Category, ...] = (
    Category("Anti-social behaviour", "anti-social-behaviour", _START),
    Category("Bicycle theft", "bicycle-theft", _SPLIT),
    Category("Burglary", "burglary", _START),
    Category("Criminal damage and arson", "criminal-damage-arson", _WIDER),
    Category("Drugs", "drugs", _WIDER),
    Category("Other theft", "other-theft", _WIDER),
    Category("Possession of weapons", "possession-of-weapons", _SPLIT),
    Category("Public disorder and weapons", "public-disorder-weapons", _WIDER, _BEFORE_SPLIT),
    Category("Public order", "public-order", _SPLIT),
    Category("Robbery", "robbery", _START),
    Category("Shoplifting", "shoplifting", _WIDER),
    Category("Theft from the person", "theft-from-the-person", _SPLIT),
    Category("Vehicle crime", "vehicle-crime", _START),
    Category("Violent crime", "violent-crime", _START, _BEFORE_SPLIT),
    Category("Violence and sexual offences", "violent-crime", _SPLIT),
    Category("Other crime", "other-crime", _START),
)

_BY_LABEL: dict[str, list[Category]] = {}
for _category in CATEGORIES:
    _BY_LABEL.setdefault(_category.label, []).append(_category)


def category_for_label(label: str, month: date) -> Category | None:
    """The category police.uk meant by this label in this month, or None."""
    for category in _BY_LABEL.get(label, ()):
        if category.in_use(month):
            return category
    return None


def labels_in_use(month: date) -> list[str]:
    return [category.label for category in CATEGORIES if category.in_use(month)]
