"""The named SPARQL queries (queries/*.rq), their Python API and `duikou query`/`duikou sparql`.

Expected rows are written by hand for a small chapter written for these tests
(Hainan and Jiangsu helping Tibet; Lhasa resolves, "Nyingchi Prefecture" does
not, so it has no province to roll up to). Hainan's 3.5 million yuan to Lhasa
City is an item of the 15 million yuan that Hainan's section states as its
own 2015 total for Tibet (dk:coveredBy), so the sums leave it out; what the
sums add up by default is tested at length in test_sums.py.
"""

from __future__ import annotations

import json
from decimal import Decimal
from importlib.resources import files

import pyoxigraph as ox
import pytest
from query_rows import comparable, every_query_rows
from rdflib.plugins.sparql import prepareQuery

from duikou.queries import (
    ParameterError,
    QueryError,
    describe,
    query_names,
    query_text,
    run,
    run_columns,
    run_text,
)

from support import build_chapter, invoke, union_dataset, union_file, union_graph

CHAPTER = """\
East-West Pairing-off Cooperation for Poverty Reduction

    Overview

    In 2015, the eastern provinces helped the western provinces.

    Hainan - Tibet Autonomous Region Pairing-off Poverty Alleviation

    【Overview】 In 2015, Hainan Province allocated 3.5 million yuan of aid funds to Lhasa City. \
The financial aid of Hainan Province to Tibet Autonomous Region increased from 10 million yuan \
in 2014 to 15 million yuan in 2015. Hainan Province formulated the "Program for Hainan-Tibet \
Pairing-off Poverty Alleviation Cooperation in the 13th Five-Year Plan Period".
    【Exchange visits】 In May 2015, Governor Liu Cigui of Hainan Province headed a delegation \
to visit Lhasa City. The two sides signed the "Agreement on Hainan-Tibet Pairing-off Cooperation".
    (Hainan Provincial Poverty Alleviation Office)

    Jiangsu - Tibet Autonomous Region Pairing-off Poverty Alleviation

    【Overview】 In 2015, Jiangsu Province allocated 12 million yuan of aid funds to Lhasa City, \
and donated 2 million yuan to Nyingchi Prefecture for education.
    (Jiangsu Provincial Poverty Alleviation Office)
"""

REGION = "https://w3id.org/duikou/id/region/"
TIBET, LHASA, HAINAN, JIANGSU = (REGION + c for c in ("540000", "540100", "460000", "320000"))
NYINGCHI = REGION + "nyingchi-prefecture"
RQ_FILES = sorted(p.name for p in files("duikou.queries").iterdir() if p.name.endswith(".rq"))
MINE = [
    "pairings",
    "pairs",
    "multi-donor-recipients",
    "transfers-by-donor",
    "transfers-by-recipient",
    "transfers-by-kind",
    "transfers-by-purpose",
    "top-recipients",
    "yearly-change",
    "persons-and-posts",
    "events-timeline",
    "programs",
    "agreements",
    "evidence-of",
]
INJECTION = 'x" } ?s ?p ?o {'


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory):
    return build_chapter(tmp_path_factory.mktemp("queries") / "tibet-chapter.txt", CHAPTER)


@pytest.fixture(scope="module")
def dataset(graph_dir):
    return union_dataset(graph_dir)


def _pick(rows, *keys):
    return [tuple(row[k] for k in keys) for row in rows]


def _lhasa_transfer(graph_dir) -> str:
    rows = run("export-transfers", graph_dir)
    return next(r["transfer"] for r in rows if r["recipient"] == "Lhasa City" and r["start"] < 400)


def _example_params(name: str, graph_dir) -> dict:
    """A value for each required parameter, so every query can run."""
    values = {"iri": _lhasa_transfer(graph_dir), "string": "x", "integer": 1, "decimal": "1.5"}
    return {p.name: values[p.type] for p in describe(name).parameters if p.required}


# --- every file -------------------------------------------------------------


def test_the_issue_queries_exist():
    assert set(MINE) <= set(query_names())
    assert [f[:-3] for f in RQ_FILES] == query_names()


@pytest.mark.parametrize("filename", RQ_FILES)
def test_every_query_parses_and_runs(filename, graph_dir):
    name = filename[:-3]
    text = query_text(name)
    info = describe(name)
    assert info.title and info.title != name, "header needs a # title: line"
    assert info.question, "header needs a # question: line"
    assert "# parameters:" in text
    prepareQuery(text)  # rdflib's parser
    ox.Store().query(text, substitutions=None)  # Oxigraph's parser, on an empty store
    rows = run(name, graph_dir, **_example_params(name, graph_dir))
    assert isinstance(rows, list)
    assert all(isinstance(row, dict) for row in rows)


@pytest.fixture(scope="module")
def plain_graph(graph_dir):
    return union_graph(graph_dir)


@pytest.mark.parametrize("name", query_names())
def test_rdflib_graphs_give_the_rows_of_the_store(name, graph_dir, dataset, plain_graph):
    """run() on an rdflib Dataset (the TriG export) or Graph (the Turtle one) runs on an
    Oxigraph copy."""
    params = _example_params(name, graph_dir)
    expected = comparable(run(name, graph_dir, **params))
    assert comparable(run(name, dataset, **params)) == expected
    every = every_query_rows(graph_dir, [name])
    assert every_query_rows(dataset, [name]) == every
    if name != "class-counts":  # it counts per named graph, and a Graph has none
        assert comparable(run(name, plain_graph, **params)) == expected
        assert every_query_rows(plain_graph, [name]) == every


def test_rdflib_engine_on_request(graph_dir, dataset):
    expected = run("top-recipients", graph_dir)
    assert run("top-recipients", dataset, engine="rdflib") == expected
    assert run("top-recipients", dataset, engine="oxigraph") == expected
    with pytest.raises(QueryError, match="only on an rdflib Graph"):
        run("top-recipients", graph_dir, engine="rdflib")
    with pytest.raises(QueryError, match='give "oxigraph"'):
        run("top-recipients", dataset, engine="jena")


@pytest.mark.parametrize("name", MINE)
def test_same_rows_on_every_run(name, graph_dir):
    params = _example_params(name, graph_dir)
    assert run(name, graph_dir, **params) == run(name, str(graph_dir), **params)


# --- expected rows ------------------------------------------------------------


def test_pairings(graph_dir):
    rows = run("pairings", graph_dir)
    got = set(_pick(rows, "donorName", "recipientName", "donorLevel", "recipientLevel", "scope"))
    assert ("Hainan", "Tibet Autonomous Region", "province", "province", "east-west") in got
    assert ("Jiangsu", "Tibet Autonomous Region", "province", "province", "east-west") in got
    assert ("Jiangsu Province", "Lhasa City", "province", "prefecture", "east-west") in got
    assert all(r["evidence"] and r["document"] and r["end"] > r["start"] for r in rows)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    only = run("pairings", graph_dir, donor="jiangsu", recipient="LHASA")
    assert _pick(only, "donorName", "recipientName") == [("Jiangsu Province", "Lhasa City")]


def test_pairs(graph_dir):
    rows = run("pairs", graph_dir)
    keys = [(r["donor"], r["recipient"]) for r in rows]
    assert len(keys) == len(set(keys))  # each pair once
    by_pair = {(r["donor"], r["recipient"]): r for r in rows}
    hainan = by_pair[(HAINAN, TIBET)]
    assert _pick([hainan], "donorName", "donorCode", "donorLevel") == [
        ("Hainan Province", "460000", "province")
    ]
    assert _pick([hainan], "recipientCode", "recipientLevel", "scope") == [
        ("540000", "province", "east-west")
    ]
    assert (JIANGSU, LHASA) in by_pair
    pairings = run("pairings", graph_dir)
    assert sum(r["mentions"] for r in rows) == len(pairings)
    for row in rows:  # the first mention, in document order
        mine = [
            p
            for p in pairings
            if (p["donorRegion"], p["recipientRegion"]) == (row["donor"], row["recipient"])
        ]
        assert row["mentions"] == len(mine)
        first = min(mine, key=lambda p: (p["document"], p["start"]))
        assert (row["evidence"], row["document"], row["start"]) == (
            first["evidence"],
            first["document"],
            first["start"],
        )
    assert [(r["document"], r["start"]) for r in rows] == sorted(
        (r["document"], r["start"]) for r in rows
    )


def test_multi_donor_recipients(graph_dir):
    rows = run("multi-donor-recipients", graph_dir)
    assert _pick(rows, "level", "recipient", "donors", "donor", "yuan", "transfers") == [
        ("recipient", LHASA, 2, JIANGSU, Decimal("12000000"), 1),
        # Hainan's 3.5 million is covered by its 15 million for Tibet: counted there
        ("recipient", LHASA, 2, HAINAN, Decimal("0"), 0),
        # 10 million (2014) + 15 million (2015); Jiangsu only by pairing
        ("recipient", TIBET, 2, HAINAN, Decimal("25000000"), 2),
        ("recipient", TIBET, 2, JIANGSU, Decimal("0"), 0),
        # rolled up: Lhasa's and Tibet's own; unresolved Nyingchi is not in Tibet
        ("province", TIBET, 2, HAINAN, Decimal("25000000"), 2),
        ("province", TIBET, 2, JIANGSU, Decimal("12000000"), 1),
    ]
    assert rows[0]["recipientName"] == "Lhasa City"
    assert rows[0]["donorName"] == "Jiangsu Province"
    assert rows[-1]["recipientCode"] == "540000"
    assert run("multi-donor-recipients", graph_dir, min_donors=3) == []


def test_transfers_by_recipient_rolls_up_to_the_province(graph_dir):
    rows = run("transfers-by-recipient", graph_dir)
    keys = ("recipient", "period", "transfers", "yuan", "provinceCode", "provinceYuan")
    assert _pick(rows, *keys, "provinceTransfers") == [
        (NYINGCHI, "2015", 1, Decimal("2000000"), "", None, None),
        (TIBET, "2014", 1, Decimal("10000000"), "540000", Decimal("10000000"), 1),
        # Lhasa's 12 million from Jiangsu and Tibet's own 15 million from Hainan
        (TIBET, "2015", 1, Decimal("15000000"), "540000", Decimal("27000000"), 2),
        (LHASA, "2015", 1, Decimal("12000000"), "540000", Decimal("27000000"), 2),
    ]
    assert rows[0]["provinceRegion"] is None and rows[0]["provinceName"] == ""
    assert rows[-1]["provinceRegion"] == TIBET
    assert rows[-1]["provinceName"] == "Tibet Autonomous Region"
    in_2015 = run("transfers-by-recipient", graph_dir, year="2015", province="540000")
    assert _pick(in_2015, "recipient", "yuan") == [
        (TIBET, Decimal("15000000")),
        (LHASA, Decimal("12000000")),
    ]


def test_transfers_by_donor(graph_dir):
    rows = run("transfers-by-donor", graph_dir)
    assert _pick(rows, "donor", "donorName", "period", "transfers", "yuan") == [
        (HAINAN, "Hainan Province", "2015", 1, Decimal("15000000")),
        (JIANGSU, "Jiangsu Province", "2015", 2, Decimal("14000000")),
        (HAINAN, "Hainan Province", "2014", 1, Decimal("10000000")),
    ]
    assert len(run("transfers-by-donor", graph_dir, year="2014")) == 1


def test_transfers_by_kind_and_purpose(graph_dir):
    kinds = run("transfers-by-kind", graph_dir)
    assert _pick(kinds, "kind", "kindLabel", "period", "transfers", "yuan") == [
        ("fiscal_aid", "fiscal aid", "2014", 1, Decimal("10000000")),
        ("fiscal_aid", "fiscal aid", "2015", 3, Decimal("29000000")),
    ]
    # Hainan's 3.5 million item is inside its 15 million total: beside it, not added
    purposes = run("transfers-by-purpose", graph_dir, year="2015")
    keys = ("purpose", "transfers", "yuan", "breakdownTransfers", "breakdownYuan")
    assert _pick(purposes, *keys) == [
        ("", 2, Decimal("27000000"), 1, Decimal("3500000")),
        ("education", 1, Decimal("2000000"), 0, 0),
    ]


def test_top_recipients(graph_dir):
    rows = run("top-recipients", graph_dir, limit=2)
    assert _pick(rows, "rank", "recipient", "donors", "transfers", "yuan") == [
        (1, TIBET, 1, 2, Decimal("25000000")),
        (2, LHASA, 1, 1, Decimal("12000000")),
    ]
    assert len(run("top-recipients", graph_dir)) == 3  # default limit 10


def test_yearly_change(graph_dir):
    rows = run("yearly-change", graph_dir)
    assert _pick(rows, "donor", "recipient", "kind", "lastYear", "lastYuan", "year", "yuan") == [
        (
            "Hainan",
            "Tibet Autonomous Region",
            "fiscal_aid",
            "2014",
            Decimal("10000000"),
            "2015",
            Decimal("15000000"),
        )
    ]
    assert rows[0]["growth"] == Decimal("50")
    assert "increased from 10 million yuan" in rows[0]["evidence"]
    assert (rows[0]["thisStatus"], rows[0]["lastStatus"]) == ("disbursed", "disbursed")
    # both amounts must have the chosen status (by default disbursed)
    assert run("yearly-change", graph_dir, status="planned") == []
    assert run("yearly-change", graph_dir, status="all") == rows


def test_persons_events_programs_agreements(graph_dir):
    persons = run("persons-and-posts", graph_dir)
    assert _pick(persons, "personName", "postTitle") == [("Liu Cigui", "Governor")]
    assert run("persons-and-posts", graph_dir, name="zhang") == []

    events = run("events-timeline", graph_dir)
    assert _pick(events, "eventType", "startDate", "location", "ledBy")[0] == (
        "Visit",
        "2015-05",
        "Lhasa City",
        "Liu Cigui",
    )
    assert {e["eventType"] for e in events} == {"Visit", "AgreementSigning"}
    assert [e["eventType"] for e in run("events-timeline", graph_dir, type="Visit")] == ["Visit"]

    agreements = run("agreements", graph_dir)
    assert _pick(agreements, "name") == [("Agreement on Hainan-Tibet Pairing-off Cooperation",)]

    programs = run("programs", graph_dir)
    assert [p["name"] for p in programs] == [
        "Program for Hainan-Tibet Pairing-off Poverty Alleviation Cooperation "
        "in the 13th Five-Year Plan Period"
    ]


def test_evidence_of(graph_dir):
    fact = _lhasa_transfer(graph_dir)
    rows = run("evidence-of", graph_dir, fact=fact)
    assert len(rows) == 1
    row = rows[0]
    assert (
        row["text"]
        == "In 2015, Hainan Province allocated 3.5 million yuan of aid funds to Lhasa City."
    )
    assert row["section"] == "Hainan - Tibet Autonomous Region Pairing-off Poverty Alleviation"
    assert row["subsection"] == "Overview"
    assert row["fileName"] == "tibet-chapter.txt"
    source = (graph_dir / "sources" / f"{row['sha256']}.txt").read_text(encoding="utf-8")
    assert source[row["start"] : row["end"]] == row["text"]
    assert run("evidence-of", graph_dir, fact=REGION + "no-such-fact") == []


# --- parameters -----------------------------------------------------------------


def test_header_parameters():
    info = describe("transfers-by-recipient")
    assert [(p.name, p.type, p.required, p.default) for p in info.parameters] == [
        ("year", "year", False, '""'),
        ("province", "province", False, '""'),
        ("kind", "string", False, '"aid"'),
        ("status", "string", False, '"disbursed"'),
        ("scope", "string", False, '"sections"'),
    ]
    assert describe("class-counts").parameters == ()
    (fact,) = describe("evidence-of").parameters
    assert (fact.name, fact.type, fact.required) == ("fact", "iri", True)


def test_injection_is_a_value_not_query_text(graph_dir, dataset):
    assert run("pairings", graph_dir, donor=INJECTION) == []
    assert run("pairings", dataset, donor=INJECTION) == []
    assert run("persons-and-posts", graph_dir, name=INJECTION) == []
    with pytest.raises(ParameterError, match="no province has this name"):
        run("transfers-by-recipient", graph_dir, province=INJECTION)
    query = "SELECT ?name ?s WHERE { ?s ?p ?o FILTER (STR(?o) = ?name) }"
    assert run_text(query, graph_dir, name=INJECTION) == []
    result = invoke(
        "query",
        "pairings",
        "--graph",
        graph_dir,
        "--param",
        f"donor={INJECTION}",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


@pytest.mark.parametrize(
    "name, params, message",
    [
        ("top-recipients", {"limit": "ten"}, "must be a whole number"),
        ("top-recipients", {"limit": 2.5}, "must be a whole number"),
        ("top-recipients", {"top": 3}, "no parameter 'top'"),
        ("evidence-of", {}, "needs the parameter 'fact'"),
        ("evidence-of", {"fact": "not an iri"}, "must be an iri"),
        ("evidence-of", {"fact": "http://x/a> } ?s ?p ?o {"}, "must be an iri"),
    ],
)
def test_bad_parameters(name, params, message, graph_dir):
    with pytest.raises(ParameterError, match=message) as caught:
        run(name, graph_dir, **params)
    assert caught.value.exit_code == 2


def test_unknown_query_and_bad_text(graph_dir):
    with pytest.raises(QueryError, match="no query named 'nope'"):
        run("nope", graph_dir)
    with pytest.raises(QueryError, match="the query failed"):
        run_text("SELEC ?x", graph_dir)


def test_graph_can_be_a_store_or_an_rdflib_graph(graph_dir, dataset):
    store = ox.Store()
    store.bulk_load(path=str(union_file(graph_dir, "trig")), format=ox.RdfFormat.TRIG)
    expected = run("top-recipients", graph_dir)
    assert run("top-recipients", store) == expected
    assert run("top-recipients", dataset) == expected
    plain = union_graph(graph_dir)
    assert run("top-recipients", plain) == expected


def test_repeated_terms_keep_their_own_type_in_every_row():
    # run converts each distinct term once and reuses the value: terms equal as
    # text but not as terms ("1" as an integer, a decimal, a string, an IRI
    # "1:x" against the string "1:x") must still come back each as its own
    # value, on every row they appear in.
    store = ox.Store()
    xsd = "http://www.w3.org/2001/XMLSchema#"
    values = [
        ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal("1", datatype=ox.NamedNode(xsd + "decimal")),
        ox.Literal("1"),
        ox.Literal("1", language="en"),
        ox.NamedNode("urn:x"),
        ox.Literal("urn:x"),
        ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")),
    ]
    p = ox.NamedNode("urn:p")
    for i, value in enumerate(values * 3):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{i:02d}"), p, value))
    rows = run_text("SELECT ?s ?o ?none WHERE { ?s <urn:p> ?o } ORDER BY ?s", store)
    expected = [1, Decimal(1), "1", "1", "urn:x", "urn:x", True] * 3
    assert [row["o"] for row in rows] == expected
    assert [type(row["o"]) for row in rows] == [type(v) for v in expected]
    assert all(row["none"] is None for row in rows)


def test_run_columns_names_the_columns_even_without_rows(graph_dir):
    columns, rows = run_columns("multi-donor-recipients", graph_dir, min_donors=9)
    assert rows == []
    assert columns[:3] == ["level", "recipient", "recipientName"]
    assert "min_donors" not in columns


# --- the command line -----------------------------------------------------------


def test_query_list():
    result = invoke("query", "list")
    assert result.exit_code == 0, result.output
    for name in MINE:
        assert name in result.output
    listed = json.loads(invoke("query", "list", "--json").output)
    by_name = {q["name"]: q for q in listed}
    assert by_name["evidence-of"]["parameters"][0]["type"] == "iri"
    assert by_name["pairings"]["question"].startswith("Which donor")
    assert by_name["export-transfers"]["internal"] and not by_name["pairs"]["internal"]


INTERNAL = [
    "class-counts",
    "division-codes",
    "evidence-of",
    "export-pairings",
    "export-transfers",
    "network-edges",
    "network-nodes",
    "network-weights",
    "place-resolution",
    "reconcile",
    "viz-edges",
]


def test_query_list_shows_questions_and_the_commands_queries_apart():
    assert sorted(n for n in query_names() if describe(n).internal) == INTERNAL
    result = invoke("query", "list", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    public, internal = result.stdout.split("Queries the commands use")
    assert "Which agreements were signed" in public  # the question, not only the title
    for name in query_names():
        assert (f"│ {name} " in internal) == (name in INTERNAL), name
        assert (f"│ {name} " in public) == (name not in INTERNAL), name


def test_internal_header_is_yes_or_no():
    from duikou.queries.named import parse_header

    text = "# title: T\n# question: Q?\n# parameters: none\n"
    assert parse_header("q", text + "# internal: yes\nSELECT").internal
    assert not parse_header("q", text + "SELECT").internal
    with pytest.raises(QueryError, match="internal: yes"):
        parse_header("q", text + "# internal: maybe\nSELECT")


def test_query_formats(graph_dir):
    base = ["query", "top-recipients", "--graph", str(graph_dir), "--param", "limit=2"]
    table = invoke(*base)
    assert table.exit_code == 0, table.output
    assert "Top recipients" in table.output and "Tibet Autonomous Region" in table.output

    csv_out = invoke(*base, "--format", "csv")
    assert csv_out.exit_code == 0, csv_out.output
    lines = csv_out.output.splitlines()
    assert lines[0] == "rank,recipient,recipientName,code,donors,transfers,yuan"
    assert lines[1] == f"1,{TIBET},Tibet Autonomous Region,540000,1,2,25000000"

    as_json = invoke(*base, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data[1] == {
        "rank": 2,
        "recipient": LHASA,
        "recipientName": "Lhasa City",
        "code": "540100",
        "donors": 1,
        "transfers": 1,
        "yuan": 12000000,
    }
    # `query run NAME` is the same command
    assert invoke("query", "run", *base[1:], "--format", "json").output == as_json.output


def test_query_csv_header_without_rows(graph_dir):
    args = ["query", "multi-donor-recipients", "--graph", str(graph_dir)]
    result = invoke(*args, "--param", "min_donors=5", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "level,recipient,recipientName,recipientCode,donors,donor,donorName,yuan,transfers"
    ]


def test_query_decimal_fractions_in_json(graph_dir):
    result = invoke("query", "yearly-change", "--graph", str(graph_dir), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["growth"] == 50


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "nope"], "no query named 'nope'"),
        (["query", "top-recipients", "--param", "limit=x"], "must be a whole number"),
        (["query", "top-recipients", "--param", "limit"], "KEY=VALUE"),
        (["query", "evidence-of"], "needs the parameter 'fact'"),
        (["query", "transfers-by-donor", "--param", "kind=gifts"], "must be one of aid, all"),
        (["query", "transfers-by-kind", "--param", "status=paid"], "must be one of disbursed"),
        (["query", "top-recipients", "--param", "scope=overview"], "must be one of sections"),
    ],
)
def test_query_errors_are_one_line_exit_2(args, message, graph_dir):
    result = invoke(*args, "--graph", str(graph_dir))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_query_on_a_folder_without_a_graph(tmp_path):
    result = invoke("query", "pairings", "--graph", str(tmp_path / "none"))
    assert result.exit_code == 2
    assert "no built graph here" in result.output


def test_sparql_file_and_stdin(graph_dir, tmp_path):
    text = (
        "PREFIX dk: <https://w3id.org/duikou/ontology#>\n"
        "SELECT (COUNT(?t) AS ?n) WHERE { ?t a dk:Transfer }"
    )
    path = tmp_path / "count.rq"
    path.write_text(text, encoding="utf-8")
    from_file = invoke("sparql", str(path), "--graph", str(graph_dir), "--format", "csv")
    assert from_file.exit_code == 0, from_file.output
    assert from_file.output.splitlines() == ["n", "5"]
    from_stdin = invoke("sparql", "-", "--graph", str(graph_dir), "--format", "json", input=text)
    assert json.loads(from_stdin.output) == [{"n": 5}]
    bad = invoke("sparql", "-", "--graph", str(graph_dir), input="SELEC ?x")
    assert bad.exit_code == 2
    assert "the query failed" in bad.output


def test_order_header_names_columns():
    from duikou.queries.named import parse_header

    text = "# title: T\n# question: Q?\n# parameters: none\n"
    assert parse_header("q", text + "# order: kind fact\nSELECT").order == ("kind", "fact")
    assert parse_header("q", text + "SELECT").order == ()
    with pytest.raises(QueryError, match="order: COLUMN"):
        parse_header("q", text + "# order: ?kind, fact\nSELECT")
    empty_last = parse_header("q", text + '# order: date="" DESC(date) fact\nSELECT').order
    assert empty_last == ('date=""', "DESC(date)", "fact")
    with pytest.raises(QueryError, match="order: COLUMN"):
        parse_header("q", text + '# order: date="x" fact\nSELECT')


def test_order_header_puts_empty_values_last_and_sorts_descending():
    """``COLUMN=""`` sorts as ``ORDER BY (?c = "")`` (rows with a value first, unbound
    among them); ``DESC(COLUMN)`` as ``ORDER BY DESC(?c)`` (unbound last)."""
    from duikou.queries.runner import sort_rows

    rows = [{"d": ""}, {"d": "2012"}, {"d": None}, {"d": "2011-05"}]
    sort_rows(('d=""', "d"), rows)
    assert [row["d"] for row in rows] == [None, "2011-05", "2012", ""]
    rows = [{"n": 1, "t": "b"}, {"n": None, "t": "a"}, {"n": 2, "t": "c"}, {"n": 1, "t": "a"}]
    sort_rows(("DESC(n)", "t"), rows)
    assert [(row["n"], row["t"]) for row in rows] == [(2, "c"), (1, "a"), (1, "b"), (None, "a")]


@pytest.mark.parametrize(
    "name",
    [
        "network-edges",
        "network-nodes",
        "network-weights",
        "viz-edges",
        "events-timeline",
        "pairs",
        "pairings",
        "export-pairings",
        "persons-and-posts",
        "multi-donor-recipients",
    ],
)
def test_rows_come_sorted_by_the_order_header(sample_build, name):
    """The runner sorts the rows of a query with ``# order:`` (these have no ORDER BY)."""
    from duikou.queries import describe, run
    from duikou.queries.named import named_text
    from duikou.queries.runner import sort_rows

    order = describe(name).order
    query = "\n".join(line for line in named_text(name).splitlines() if not line.startswith("#"))
    assert order and "ORDER BY" not in query
    rows = run(name, sample_build)
    resorted = list(reversed(rows))
    sort_rows(order, resorted)
    assert len(rows) > 10 and [tuple(row.values()) for row in resorted] == [
        tuple(row.values()) for row in rows
    ]
