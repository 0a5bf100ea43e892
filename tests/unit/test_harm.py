"""Harm weights and totals (METHODS.md §8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspkit.errors import InputError, UsageError
from cspkit.harm import HarmWeights, default_weights, harm_rows, ons_group_weights, read_weights

SHARED_NOTE = "bundled from shared/data/harm_weights"


def test_default_weights_are_the_cchi_category_days() -> None:
    days = default_weights().days
    assert days["Robbery"] == 365.0
    assert days["Possession of weapons"] == 273.75
    assert days["Burglary"] == 244.68
    assert "Anti-social behaviour" not in days
    assert len(days) == 13  # every police.uk crime category


def test_ons_groups_of_several_subgroups_take_the_national_mix() -> None:
    days = ons_group_weights().days
    # Rape 2,555 days x 71,509 and other sexual offences 182.25 x 135,333 (2024/25)
    assert days["Sexual offences"] == pytest.approx((2555 * 71509 + 182.25 * 135333) / (71509 + 135333))
    assert days["Criminal damage and arson"] == pytest.approx((2 * 432167 + 185 * 22837) / (432167 + 22837))
    assert days["Robbery"] == 365.0
    assert days["Homicide"] == 5475.0


def test_totals_shares_and_rates() -> None:
    weights = HarmWeights("test", {"Burglary": 200.0, "Shoplifting": 1.0})
    rows = harm_rows({"Burglary": 3, "Shoplifting": 400, "Anti-social behaviour": 50}, weights, 20_000)
    by = {row.category: row for row in rows}
    assert by["Burglary"].harm_days == 600.0
    assert by["Total"].harm_days == 1000.0
    assert by["Burglary"].share == pytest.approx(0.6)
    assert by["Total"].harm_per_1000 == pytest.approx(50.0)
    assert by["Anti-social behaviour"].harm_days is None
    assert "not in the total" in by["Anti-social behaviour"].treatment
    assert by["Total"].count == 403  # ASB is outside the total
    assert [row.category for row in rows][:2] == ["Burglary", "Shoplifting"]


def test_asb_weight_brings_asb_into_the_total() -> None:
    weights = HarmWeights("test", {"Burglary": 200.0})
    rows = harm_rows({"Burglary": 1, "Anti-social behaviour": 10}, weights, None, asb_weight=1.0)
    total = rows[-1]
    assert total.harm_days == 210.0
    assert total.harm_per_1000 is None  # no population, no rate


def test_a_category_without_a_weight_is_an_error() -> None:
    with pytest.raises(UsageError, match="no harm weight for Drugs"):
        harm_rows({"Drugs": 4}, HarmWeights("my weights", {"Burglary": 1.0}), 1000)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("crime,weight\nBurglary,3\n", "line 1, column 'category': no such column"),
        ("category,weight\nBurglary,three\n", "line 2, column 'weight': 'three' is not a number"),
        ("category,weight\nBurglary,3\n,4\n", "line 3, column 'category': empty"),
        ("category,weight\nBurglary,-3\n", "line 2, column 'weight': a weight must be zero or more"),
        ("category,weight\nBurglary,3\nBurglary,4\n", "line 3, column 'category': 'Burglary' is given twice"),
        ("category,weight\n", "no weights"),
    ],
)
def test_bad_weight_files_name_the_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "weights.csv"
    path.write_text(text)
    with pytest.raises(InputError, match=message):
        read_weights(path)


def test_own_weights_are_read(tmp_path: Path) -> None:
    path = tmp_path / "css.csv"
    path.write_text("category,weight\nBurglary,438\nRobbery,746\n")
    weights = read_weights(path)
    assert weights.days == {"Burglary": 438.0, "Robbery": 746.0}
    assert weights.source == "weights from css.csv"
