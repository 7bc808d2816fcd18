"""benchmarks/floors.py: its counts add up to the store, and its read-out reads every transfer."""

from __future__ import annotations

import sys
from pathlib import Path

from duikou.graph.store import open_store
from duikou.queries import run

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not installed
from benchmarks import floors  # noqa: E402


def test_quads_by_class_add_up_to_the_store(sample_build):
    store = open_store(sample_build)
    counts = floors.quads_by_class(store)
    assert sum(counts.values()) == len(store)
    assert counts["Transfer"] > 0 and counts["Sentence"] > counts["Transfer"]


def test_read_out_reads_every_transfer_with_its_columns(sample_build):
    store = open_store(sample_build)
    (transfers,) = [
        int(row["count"])
        for row in run("class-counts", store)
        if str(row["class"]).endswith("#Transfer")
    ]
    for width in (0, *floors.WIDTHS):
        rows, seconds = floors.read_out(store, width, repeat=1)
        assert rows == transfers and seconds > 0
    assert floors.read_out_query(3).count("OPTIONAL") == 3


def test_named_floors_cover_the_named_queries(sample_build):
    figures = floors.named_floors(open_store(sample_build), per_value=1e-6)
    names = {name for name, *_ in figures}
    assert {"export-transfers", "top-recipients", "viz-edges"} <= names
    assert "evidence-of" not in names  # needs a fact: left out, not failed
    for _name, rows, columns, seconds, floor in figures:
        assert floor == rows * columns * 1e-6 and seconds > 0


def test_make_bench_writes_the_floors_and_names_the_floored_queries(sample_build):
    import json

    from benchmarks.report import render, targets

    root = Path(__file__).resolve().parents[1]
    results = json.loads((root / "docs/benchmarks.json").read_text())
    found = floors.figures(sample_build, repeat=1)
    found["named"]["export-transfers"]["floor"] = 1.5  # as if at x100
    results["scales"]["100"]["floors"] = found
    text = render(results)
    assert "## Floors at ×100: what the graph's shape costs" in text
    assert f"| Sentence | {found['by_class']['Sentence']:,} |" in text
    (queries_row,) = [row for row in targets(results) if row[0].startswith("every named query")]
    assert "reading their rows out alone takes ≥ 1 s for export-transfers" in queries_row[1]
