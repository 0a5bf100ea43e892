"""ONS CSP and force tables (bundled) and the offence code lookup, against the published figures."""

from __future__ import annotations

import pytest

from cspkit.errors import UsageError
from cspkit.recorded_crime import ons_recorded_crime
from cspkit.sources.homeoffice import offence_codes

TOTAL = "total-recorded-crime-excluding-fraud"


def test_every_csp_for_both_years() -> None:
    for year in ("2023-12", "2024-12"):
        rows = ons_recorded_crime(year, area_type="csp", group=TOTAL)
        assert len(rows) == len({row["area"] for row in rows}) == 314


def test_central_bedfordshire_and_bedfordshire_match_the_published_tables() -> None:
    # Table C2 (2024), C5 (2023) and P1 (2024) rows for these areas, as ONS published them.
    assert [r["count"] for r in ons_recorded_crime("2024-12", "csp:E22000353", group=TOTAL)] == [15910]
    burglary = ons_recorded_crime("2024-12", "csp:E22000353", group="residential-burglary")[0]
    assert (burglary["count"], burglary["denominator"]) == (516, 301500)
    assert burglary["rate_per_1000_households"] is not None
    assert [r["count"] for r in ons_recorded_crime("2023-12", "csp:E22000353", group="residential-burglary")] == [531]
    force = ons_recorded_crime("2024-12", "force:bedfordshire", group=TOTAL)[0]
    assert (force["count"], force["denominator"], force["source_table"]) == (52207, 729200, "P1")


def test_published_rates_agree_with_counts_over_rounded_populations() -> None:
    """ONS rounds populations to 100 in the table: count / population can differ from the
    published rate by no more than that rounding allows."""
    checked = 0
    for row in ons_recorded_crime("2024-12", area_type="csp"):
        if row["published_rate_per_1000"] is None or not row["count"]:
            continue
        population = row["denominator"]
        low, high = row["count"] * 1000 / (population + 50), row["count"] * 1000 / (population - 50)
        assert low - 1e-9 <= row["published_rate_per_1000"] <= high + 1e-9, row
        checked += 1
    assert checked > 7000


def test_2023_rates_use_mid_2023_estimates_summed_over_authorities() -> None:
    row = ons_recorded_crime("2023-12", "csp:E22000353", group=TOTAL)[0]
    assert row["denominator_source"].startswith("ONS mid-2023 estimates")
    assert row["rate_per_1000"] == pytest.approx(row["count"] / row["denominator"] * 1000, rel=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"year_ending": "2022-12"}, "bundled tables are for 2023-12 and 2024-12"),
        ({"area_type": "ward"}, "choose csp, force"),
        ({"group": "burglary-of-sheds"}, "choose one of"),
    ],
)
def test_bad_requests_say_what_is_possible(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        ons_recorded_crime(**kwargs)


def test_offence_codes_tell_domestic_from_non_domestic_burglary() -> None:
    codes = offence_codes()
    assert len(codes) == 132
    assert codes["28A"].subgroup == "Domestic burglary"
    assert codes["30A"].subgroup == "Non-domestic burglary"
    assert {codes[c].policeuk_category for c in ("28A", "30A")} == {"Burglary"}
