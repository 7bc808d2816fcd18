"""benchmarks.peers: how rows are compared, and an engine that cannot start is skipped with a note.

Virtuoso itself is not needed here (CI has none): a missing binary stands for it.
"""

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not installed
from benchmarks import peers  # noqa: E402
from benchmarks.virtuoso import Unavailable, Virtuoso  # noqa: E402

MISSING = "/nonexistent/duikou-test/virtuoso-t"


def test_rows_compare_as_multisets():
    one = [{"a": "x", "n": 1}, {"a": "y", "n": 2}]
    assert peers.same_rows(list(reversed(one)), one)
    assert not peers.same_rows(one + one[:1], one)  # a repeated row is another answer
    assert not peers.same_rows([{"a": "x", "n": 1}, {"a": "y", "n": 3}], one)
    assert not peers.same_rows([{"a": "x", "n": None}, {"a": "y", "n": 2}], one)
    assert peers.same_rows([{"v": Decimal("2.5")}], [{"v": Decimal("2.5")}])
    assert not peers.same_rows([{"v": Decimal("2.5")}], [{"v": "2.5"}])


def test_group_concat_columns_compare_as_sets():
    rows = [{"pairing": "p", "parties": "A; B; C"}]
    assert peers.same_rows([{"pairing": "p", "parties": "C; A; B"}], rows)
    assert not peers.same_rows([{"pairing": "p", "parties": "A; B"}], rows)
    # other columns keep their order
    assert not peers.same_rows([{"pairing": "B; A"}], [{"pairing": "A; B"}])


def test_the_data_graphs_are_named_in_the_request():
    url = peers.dataset_url("http://127.0.0.1:1/sparql", ["https://x.org/a b", "urn:g"])
    assert url == (
        "http://127.0.0.1:1/sparql?default-graph-uri=https%3A%2F%2Fx.org%2Fa%20b"
        "&named-graph-uri=https%3A%2F%2Fx.org%2Fa%20b"
        "&default-graph-uri=urn%3Ag&named-graph-uri=urn%3Ag"
    )
    assert peers.dataset_url("http://h/sparql", []) == "http://h/sparql"


def test_a_missing_virtuoso_is_unavailable_in_one_line(tmp_path):
    trig = tmp_path / "g.trig"
    trig.write_text("")
    with pytest.raises(Unavailable) as caught, Virtuoso(trig, binary=MISSING):
        pass
    assert "not found" in str(caught.value) and "\n" not in str(caught.value)


def test_differences_list_other_rows_and_refusals():
    results = {
        "engines": {"store": {}, "virtuoso": {}, "rdflib": {"note": "skipped"}},
        "runs": [
            {"query": "q", "params": {}, "store": {"seconds": 1.0, "rows": 3},
             "virtuoso": {"seconds": 2.0, "rows": 2, "same": False}},
            {"query": "q", "params": {"kind": "all"}, "store": {"seconds": 1.0, "rows": 3},
             "virtuoso": {"error": "SQ156"}},
            {"query": "r", "params": {}, "store": {"seconds": 0.5, "rows": 1},
             "virtuoso": {"seconds": 1.0, "rows": 1, "same": True}},
        ],
    }  # fmt: skip
    assert peers.differences(results) == [
        "virtuoso: q {}: different rows (2 rows, 3 on the store)",
        'virtuoso: q {"kind": "all"}: refused (SQ156)',
    ]
    summary = peers.summary(results)
    assert summary["q"]["virtuoso"]["verdict"] == "differs"
    assert summary["r"]["virtuoso"]["verdict"] == "same"
    assert summary["r"]["rdflib"]["verdict"] == "skipped"


def test_virtuoso_that_cannot_start_is_skipped_with_a_note(sample_build, capsys):
    code = peers.main(
        [str(sample_build), "--engines", "store,virtuoso", "--virtuoso", MISSING, "--check"]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    notes = [line for line in out.splitlines() if line.startswith("virtuoso:")]
    assert notes[0].startswith("virtuoso: Virtuoso cannot run here:") and "not found" in notes[0]
    assert "virtuoso: not checked (Virtuoso cannot run here:" in out
    assert "0 differ from the store" in out


def test_check_fails_on_an_engine_with_other_rows(sample_build, capsys, monkeypatch):
    """The in-memory store, given one quad less, differs: --check says where and exits 1."""
    import pyoxigraph as ox

    load = peers.load_memory

    def lossy(trig):
        store = load(trig)
        code = ox.NamedNode("https://w3id.org/duikou/ontology#divisionCode")
        store.remove(next(store.quads_for_pattern(None, code, None)))
        return store

    monkeypatch.setattr(peers, "load_memory", lossy)
    code = peers.main([str(sample_build), "--engines", "memory", "--check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "memory: division-codes {}: different rows" in out


def test_make_bench_writes_a_peers_table():
    import json

    from benchmarks.report import render

    results = json.loads((Path(__file__).resolve().parents[1] / "docs/benchmarks.json").read_text())
    scale = sorted(results["scales"], key=int)[0]
    results["scales"][scale]["peers"] = {
        "engines": {  # sorted, as the JSON of benchmarks.peers has them
            "memory": {"version": "pyoxigraph 0.5", "load_seconds": 0.5},
            "store": {"version": "pyoxigraph 0.5"},
            "virtuoso": {"note": "Virtuoso cannot run here: virtuoso-t not found"},
        },
        "queries": {
            "q": {
                "store": {"seconds": 0.2, "verdict": "same"},
                "memory": {"seconds": 0.1, "verdict": "same"},
                "virtuoso": {"verdict": "skipped"},
            },
            "r": {
                "store": {"seconds": 0.4, "verdict": "same"},
                "memory": {"seconds": None, "verdict": "refused"},
                "virtuoso": {"verdict": "skipped"},
            },
        },
    }
    text = render(results)
    assert "## Peers: the named queries on other engines" in text
    assert "- Virtuoso: skipped — Virtuoso cannot run here: virtuoso-t not found" in text
    assert "| query | store s | in memory |" in text
    assert "| q | 0.200 | 0.100 (0.5×) ✓ |" in text
    assert "| r | 0.400 | **refused** |" in text
