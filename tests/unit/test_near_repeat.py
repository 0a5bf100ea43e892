"""Near repeats: the Near Repeat Calculator's own tables, cell for cell, and a brute-force
oracle over every pair for the default bands, expectations and p-values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cspkit.analysis.near_repeat import knox_test, spatial_bands, temporal_bands
from cspkit.errors import InputError
from cspkit.sources.events import read_events
from tests.helpers import FIXTURES, cli

NEAR = FIXTURES / "nearrepeat"
CASES = [
    ("chicago_arson.csv", "chicago_arson_NRverbose_2019-09-23_145637.csv", 200, 3, 1, 3, 522),
    ("chicago_be_month1.csv", "chicago_be_month1_NRverbose_2019-09-23_143005.csv", 100, 3, 7, 3, 970),
]


def nrc_observed(verbose: Path) -> tuple[list[str], list[str], np.ndarray]:
    """The calculator's 'Observed frequencies distribution' table (blank cells are 0)."""
    lines = verbose.read_text(encoding="latin-1").splitlines()
    start = lines.index("Observed frequencies distribution")
    columns = [c.strip() for c in lines[start + 1].split(",")[2:-1]]
    rows, values = [], []
    for line in lines[start + 3 : start + 3 + 5]:
        cells = line.split(",")
        rows.append(cells[1].strip())
        values.append([int(c) if c.strip() else 0 for c in cells[2:-1]])
    return rows, columns, np.array(values)


@pytest.mark.parametrize(("events", "verbose", "bw", "bands", "days", "tbands", "n"), CASES)
def test_nrc_mode_reproduces_the_calculators_observed_table(
    events: str, verbose: str, bw: int, bands: int, days: int, tbands: int, n: int
) -> None:
    data = read_events(NEAR / events, "1", "2", "3", header=False)
    result = knox_test(
        data.xy,
        data.days,
        spatial_bands(bw, bands, True),
        temporal_bands(days, tbands, True),
        metric="manhattan",
        permutations=19,
        seed=7,
        nrc=True,
    )
    rows, columns, observed = nrc_observed(NEAR / verbose)
    assert result.events == n
    assert result.spatial_labels == rows
    assert result.temporal_labels == columns
    assert result.observed.tolist() == observed.tolist()
    assert result.observed.sum() == n * (n - 1) // 2


def brute_force(
    xy: np.ndarray, days: np.ndarray, d: float, n_bands: int, t: float, m_bands: int, metric: str
) -> np.ndarray:
    """Every pair, binned by the documented default bands (right-closed)."""
    i, j = np.triu_indices(len(days), 1)
    diff = np.abs(xy[i] - xy[j])
    distance = diff.sum(axis=1) if metric == "manhattan" else np.sqrt((diff**2).sum(axis=1))
    gap = np.abs(days[i] - days[j])
    row = np.where(distance == 0, 0, np.minimum(np.ceil(distance / d), n_bands + 1)).astype(int)
    column = np.where(gap <= t, 0, np.minimum(np.ceil(gap / t) - 1, m_bands)).astype(int)
    table = np.zeros((n_bands + 2, m_bands + 1), dtype=np.int64)
    np.add.at(table, (row, column), 1)
    return table


@pytest.mark.parametrize("metric", ["manhattan", "euclidean"])
def test_default_bands_expectation_and_p_match_every_pair(metric: str) -> None:
    data = read_events(NEAR / "chicago_arson.csv", "1", "2", "3", header=False)
    spatial, temporal = spatial_bands(250, 4, False), temporal_bands(2, 3, False)
    result = knox_test(data.xy, data.days, spatial, temporal, metric=metric, permutations=25, seed=11)
    assert result.observed.tolist() == brute_force(data.xy, data.days, 250, 4, 2, 3, metric).tolist()
    # The same permutations, drawn in the same order, over every pair.
    rng = np.random.default_rng(11)
    simulated = [brute_force(data.xy, rng.permutation(data.days), 250, 4, 2, 3, metric) for _ in range(25)]
    stack = np.stack(simulated)
    assert result.expected == pytest.approx(stack.mean(axis=0), abs=1e-9)
    assert result.p_value.tolist() == ((1 + (stack >= result.observed).sum(axis=0)) / 26).tolist()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(stack.mean(axis=0) > 0, result.observed / stack.mean(axis=0), np.nan)
    assert np.allclose(result.knox_ratio, ratio, equal_nan=True)


def test_labels_of_the_default_bands() -> None:
    assert spatial_bands(100, 2).labels == ["Same location", "0 to 100", "100 to 200", "More than 200"]
    assert temporal_bands(7, 2).labels == ["0 to 7", "7 to 14", "More than 14"]
    assert temporal_bands(7, 2, True).labels == ["0 to 7", "8 to 14", "More than 14"]


def test_the_command_line_and_its_json(workspace: Path) -> None:
    result = cli(
        workspace,
        "analyse",
        "near-repeat",
        str(NEAR / "chicago_be_month1.csv"),
        "--no-header",
        "--x",
        "1",
        "--y",
        "2",
        "--date",
        "3",
        "--spatial-bandwidth",
        "100",
        "--spatial-bands",
        "3",
        "--temporal-bandwidth",
        "7",
        "--temporal-bands",
        "3",
        "--nrc",
        "--permutations",
        "99",
        "--seed",
        "1",
        "--format",
        "json",
    )
    assert result.code == 0, result.stderr
    body = result.json()
    assert body["events"] == 970
    assert body["permutations"] == 99
    assert body["observed"][0] == [28, 5, 5, 2]
    assert len(body["p_value"]) == 5
    assert len(body["p_value"][0]) == 4
    assert all(0 < p <= 1 for row in body["p_value"] for p in row)
    again = cli(
        workspace,
        "analyse",
        "near-repeat",
        str(NEAR / "chicago_be_month1.csv"),
        "--no-header",
        "--x",
        "1",
        "--y",
        "2",
        "--date",
        "3",
        "--spatial-bandwidth",
        "100",
        "--spatial-bands",
        "3",
        "--temporal-bandwidth",
        "7",
        "--temporal-bands",
        "3",
        "--nrc",
        "--permutations",
        "99",
        "--seed",
        "1",
        "--format",
        "json",
    )
    assert again.json() == body  # the same seed gives the same answer
    table = cli(
        workspace,
        "analyse",
        "near-repeat",
        str(NEAR / "chicago_arson.csv"),
        "--no-header",
        "--x",
        "1",
        "--y",
        "2",
        "--date",
        "3",
        "--spatial-bandwidth",
        "200",
        "--spatial-bands",
        "3",
        "--temporal-bandwidth",
        "1",
        "--temporal-bands",
        "3",
        "--permutations",
        "9",
    )
    assert table.code == 0
    assert "Knox ratio" in table.stdout
    assert "Same location" in table.stdout


BAD = [
    (
        "x,y,when\n1,2,2024-01-01\n3,4,2024-01-02\n",
        ("--x", "easting"),
        "line 1, column 'easting': no such column for --x",
    ),
    ("x,y,when\n1,2,2024-01-01\nnorth,4,2024-01-02\n", (), "line 3, column 'x': 'north' is not a number"),
    (
        "x,y,when\n1,2,2024-01-01\n3,4,01/02/2024\n",
        (),
        "line 3, column 'when': '01/02/2024' does not match --date-format",
    ),
    ("x,y,when\n1,2,2024-01-01\n3,,2024-01-02\n", (), "line 3, column 'y': no y value"),
    ("x,y,when\n1,2,2024-01-01\n", (), "needs at least two events"),
]


@pytest.mark.parametrize(("text", "options", "message"), BAD, ids=[m for _, _, m in BAD])
def test_bad_event_files_name_line_and_column(
    tmp_path: Path, text: str, options: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    args = dict(zip(("--x", "--y", "--date"), ("x", "y", "when"), strict=True))
    args.update(dict(zip(options[::2], options[1::2], strict=True)))
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_events(path, args["--x"], args["--y"], args["--date"])
    result = cli(
        tmp_path / "ws",
        "analyse",
        "near-repeat",
        str(path),
        "--x",
        args["--x"],
        "--y",
        args["--y"],
        "--date",
        args["--date"],
        "--spatial-bandwidth",
        "1",
        "--spatial-bands",
        "1",
        "--temporal-bandwidth",
        "1",
        "--temporal-bands",
        "1",
    )
    assert result.code == 2
    assert message in result.stderr


def test_fractional_days_take_the_general_path_with_the_same_answer() -> None:
    rng = np.random.default_rng(21)
    xy = rng.uniform(0, 3000, size=(400, 2))
    days = rng.integers(0, 200, size=400).astype(float)
    spatial, temporal = spatial_bands(150, 3), temporal_bands(7, 3)
    whole = knox_test(xy, days, spatial, temporal, permutations=49, seed=3)
    shifted = knox_test(xy, days + 0.5, spatial, temporal, permutations=49, seed=3)  # same gaps, float dates
    assert np.array_equal(whole.observed, shifted.observed)
    assert np.array_equal(whole.expected, shifted.expected)
    assert np.array_equal(whole.p_value, shifted.p_value)
