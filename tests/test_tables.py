"""Tables for people: `duikou query NAME` fits 80 columns, shows names not IRIs,
yuan in millions, and at most --limit rows (issue 14, item 1)."""

import csv
import io

import pytest

from duikou import api
from duikou.cli_query import TABLE_ROWS
from duikou.render import more_rows, rows_table, table_columns, yuan_millions

from support import invoke

IRI = "https://w3id.org/duikou/id/"
NAMES = [info.name for info in api.list_queries()]


@pytest.fixture(scope="module")
def fact(sample_build):
    """One pairing fact's IRI, for the queries that need --param fact=…."""
    _, rows = api.query("pairings", sample_build)
    return rows[0]["pairing"]


def _args(name, sample_build, fact):
    args = ["query", name, "--graph", sample_build]
    if any(p.required for p in api.describe_query(name).parameters):
        args += ["--param", f"fact={fact}"]
    return args


@pytest.mark.parametrize("name", NAMES)
def test_every_named_query_fits_80_columns_without_iris(name, sample_build, fact):
    result = invoke(*_args(name, sample_build, fact), "--limit", "0", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80, max(lines, key=len)
    assert IRI not in result.stdout


@pytest.mark.parametrize("name", ["pairings", "top-recipients", "transfers-by-donor"])
def test_csv_keeps_iris_and_raw_numbers(name, sample_build):
    result = invoke("query", name, "--graph", sample_build, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert IRI in result.stdout
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    if "yuan" in rows[0]:
        assert all(row["yuan"].isdigit() for row in rows if row["yuan"])


def test_names_and_millions_in_the_table(sample_build):
    result = invoke("query", "top-recipients", "--graph", sample_build, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "Yunnan Province" in result.stdout
    assert "257.00 M yuan" in result.stdout
    assert "257000000" not in result.stdout
    assert "region/530000" not in result.stdout  # recipientName stands for recipient


def test_more_rows_line(sample_build):
    _, rows = api.query("pairings", sample_build)
    assert len(rows) > TABLE_ROWS
    result = invoke("query", "pairings", "--graph", sample_build, env={"COLUMNS": "80"})
    last = result.stdout.splitlines()[-1]
    assert last == f"… {len(rows) - TABLE_ROWS} more rows (--limit N, --format csv)"
    result = invoke("query", "pairings", "--graph", sample_build, "--limit", "5")
    assert result.stdout.splitlines()[-1] == more_rows(len(rows), 5)
    result = invoke("query", "pairings", "--graph", sample_build, "--limit", "0")
    assert "more rows" not in result.stdout


def test_limit_leaves_csv_and_json_complete(sample_build):
    _, rows = api.query("pairings", sample_build)
    result = invoke("query", "pairings", "--graph", sample_build, "--limit", "3", "--format", "csv")
    assert len(result.stdout.splitlines()) == len(rows) + 1
    assert "more rows" not in result.stdout


def test_iris_flag_keeps_iris(sample_build):
    args = ["query", "top-recipients", "--graph", sample_build, "--iris"]
    result = invoke(*args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert f"{IRI}region/530000" in result.stdout


def test_sparql_takes_limit(sample_build, tmp_path):
    text = "SELECT ?s WHERE { ?s a ?c } LIMIT 50"
    result = invoke("sparql", "-", "--graph", sample_build, "--limit", "7", input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == more_rows(50, 7)
    assert IRI not in result.stdout  # compacted: id:…


def test_compacted_when_no_name_stands_for_it():
    rows = [{"recipient": f"{IRI}region/450000", "yuan": 255_280_000}]
    shown, cells = table_columns(["recipient", "yuan"], rows)
    assert cells == {"recipient": ["id:region/450000"], "yuan": ["255.28 M yuan"]}


def test_iri_columns_give_way_first():
    rows = [{"fact": f"{IRI}pairing/" + "x" * 60, "donorName": "Beijing", "note": "word " * 20}]
    assert table_columns(["fact", "donorName", "note"], rows, width=100)[0] == [
        "fact",
        "donorName",
        "note",
    ]
    shown, _ = table_columns(["fact", "donorName", "note"], rows, width=60)
    assert shown == ["donorName", "note"]


def test_rows_table_width():
    from rich.console import Console

    rows = [{"name": "word " * 40, "yuan": 1_234_567_890, "code": "450000"}] * 3
    console = Console(width=80, record=True)
    console.print(rows_table(["name", "yuan", "code"], rows, "T"))
    text = console.export_text()
    assert max(map(len, text.splitlines())) <= 80
    assert "1,234.57 M yuan" in text


def test_yuan_millions():
    assert yuan_millions(255_280_000) == "255.28 M yuan"
    assert yuan_millions(399_299_000_000) == "399,299.00 M yuan"


def test_query_run_takes_the_same_table_options(sample_build):
    args = ["query", "run", "pairs", "--graph", sample_build, "--limit", "2", "--iris"]
    result = invoke(*args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    assert "more rows (--limit N, --format csv)" in result.stdout.splitlines()[-1]
    assert IRI in result.stdout
