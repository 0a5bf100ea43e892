"""police.uk street, outcomes and stop-and-search files, as data.police.uk publishes them."""

from __future__ import annotations

from cspkit.sources.policeuk.categories import CATEGORIES, Category, category_for_label
from cspkit.sources.policeuk.datasets import DATASETS, Dataset, dataset_by_name, dataset_for_header
from cspkit.sources.policeuk.discover import Member, discover
from cspkit.sources.policeuk.parse import parse_member
from cspkit.store.parsed import ParsedFile

__all__ = [
    "CATEGORIES",
    "DATASETS",
    "Category",
    "Dataset",
    "Member",
    "ParsedFile",
    "category_for_label",
    "dataset_by_name",
    "dataset_for_header",
    "discover",
    "parse_member",
]
