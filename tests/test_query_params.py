"""Parameters as people type them: names for provinces, checked years and counts.

A typo that returns 0 rows with exit 0 reads as "no such aid"; these tests
check that every badly typed value stops with one line and exit 2, and that a
province given by name keeps exactly the rows its code keeps.
"""

from __future__ import annotations

import csv
import io

import pytest

from duikou.errors import ParameterError
from duikou.queries import run
from duikou.queries.values import checked_value, province_code

from support import invoke


def _csv(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


@pytest.mark.parametrize("name", ["Guizhou", "guizhou province", "Guizhou Province", "520000"])
def test_province_by_name_keeps_the_rows_of_its_code(sample_build, name):
    every = _csv(
        invoke("query", "transfers-by-recipient", "--graph", sample_build, "--format", "csv")
    )
    expected = sorted((r["recipient"], r["period"]) for r in every if r["provinceCode"] == "520000")
    assert expected, "the sample has recipients in Guizhou"
    args = ("--param", f"province={name}", "--format", "csv")
    kept = _csv(invoke("query", "transfers-by-recipient", "--graph", sample_build, *args))
    assert sorted((r["recipient"], r["period"]) for r in kept) == expected


@pytest.mark.parametrize(
    ("param", "said"),
    [
        ("province=Atlantis", "no province has this name"),
        ("province=Shanxi", "140000"),  # Shanxi and Shaanxi share a spelling
        ("province=513400", "a prefecture's code"),
        ("province=999999", "no division's code"),
        ("year=twenty12", "a year"),
        ("year=2013-2011", "a range of years"),
        ("year=12", "a year"),
    ],
)
def test_bad_values_stop_with_one_line(sample_build, param, said):
    result = invoke("query", "transfers-by-recipient", "--graph", sample_build, "--param", param)
    assert result.exit_code == 2
    assert said in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("value", ["-3", "1.5", "ten", str(2**63)])
def test_counts_are_whole_and_in_range(sample_build, value):
    result = invoke("query", "top-recipients", "--graph", sample_build, "--param", f"limit={value}")
    assert result.exit_code == 2
    assert "whole number" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_largest_count_is_taken(sample_build):
    rows = run("top-recipients", sample_build, limit=2**63 - 1)
    assert len(rows) == len(run("top-recipients", sample_build, limit=10_000))


def test_library_raises_parameter_error(sample_build):
    with pytest.raises(ParameterError, match="province"):
        run("transfers-by-recipient", sample_build, province="Atlantis")


def test_values_without_a_graph():
    assert checked_value("year", " 2012 ") == "2012"
    assert checked_value("year", "") == ""
    assert checked_value("count", "0") == 0
    assert checked_value("province", "") == ""
    # Municipalities and regions by their short names; a county called the same is not a province.
    assert province_code("Xinjiang") == "650000"
    assert province_code("Inner Mongolia") == "150000"
    assert province_code("Tibet Autonomous Region") == "540000"
