"""`cspkit ingest survey`: aggregates in, marked synthetic when generated; bad files refused
with file, line and column, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import cli, store_listing

GOOD = """question_id,area,period,respondents,agree
feel-safe,csp:E22000353,2022/23,1000,700
feel-safe,csp:E22000353,2023/24,1010,730
feel-safe,ward:E05014403,2023/24,120,80
"""


def test_survey_results_go_in_and_show_in_status(workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = cli(workspace, "ingest", "survey", str(path), "--format", "json")
    assert result.code == 0, result.stderr
    assert result.json()["rows"] == 3
    status = cli(workspace, "status", "--format", "json").json()
    survey = status["datasets"]["survey"]
    assert survey["kind"] == "survey"
    assert survey["synthetic"] is False
    assert not [gap for gap in status["gaps"] if gap["dataset"] == "survey"], "no gaps between survey waves"
    assert [b["dataset"] for b in status["current_batches"]] == ["survey"]
    again = cli(workspace, "ingest", "survey", str(path), "--format", "json")
    assert again.json()["skipped"], "the same file twice is one batch"


def test_synthetic_results_say_so(workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "survey.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert cli(workspace, "ingest", "survey", str(path), "--synthetic").code == 0
    text = cli(workspace, "status").stdout
    assert "SYNTHETIC" in text
    assert cli(workspace, "status", "--format", "json").json()["current_batches"][0]["synthetic"] is True


BAD = [
    ("question_id,area,period,respondents\n", "line 1: the header must be question_id,area,period,respondents,agree"),
    (GOOD.replace("1000,700", "1000,1700"), "line 2, column 'agree': 1700 agreed but only 1000 responded"),
    (GOOD.replace("1000,700", "many,700"), "line 2, column 'respondents': 'many' is not a whole number"),
    (GOOD.replace("1000,700", "0,0"), "line 2, column 'respondents': must be 1 or more"),
    (GOOD.replace("2022/23", "2022/24"), "line 2, column 'period'"),
    (GOOD.replace("ward:E05014403", "ward:E05099999"), "line 4, column 'area': ward:E05099999 is not in the geography"),
    (GOOD.replace("ward:E05014403", "postcode:LU1"), "line 4, column 'area'"),
    (GOOD.replace("feel-safe,ward", "Feel Safe,ward"), "line 4, column 'question_id'"),
    (
        GOOD + "feel-safe,csp:E22000353,2023/24,900,600\n",
        "line 5: feel-safe for csp:E22000353 in 2023/24 is given twice",
    ),
    (GOOD + "feel-safe,csp:E22000353\n", "line 5: 2 values where the header has 5"),
    ("question_id,area,period,respondents,agree\n", "no results"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m for _t, m in BAD])
def test_bad_survey_files_are_refused_whole(workspace: Path, tmp_path: Path, text: str, message: str) -> None:
    good = tmp_path / "good.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    before = store_listing(workspace)
    result = cli(workspace, "ingest", "survey", str(good), str(bad))
    assert result.code == 2
    assert str(bad) in result.stderr
    assert message in result.stderr
    assert store_listing(workspace) == before, "nothing half-written"
