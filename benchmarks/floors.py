"""What the graph's shape costs, whatever the queries: the floors under issue 15's targets.

Run from the repository root on a built folder::

    python -m benchmarks.floors DIR [--repeat 3]

It prints three things, measured rather than estimated:

- **where the quads are**: the store's quads by the class of their subject
  (a sentence's position, span and mentions count for ``Sentence``), with the
  store's bytes per quad and the folder's size over its text;
- **the read-out floor**: the seconds Oxigraph takes to hand every transfer to
  Python with 1, 5 and 10 columns, each column read by the cheapest shape there
  is (one sub-select scanning one predicate, joined by hash), so nothing but
  scanning and decoding terms is timed; a named query that returns one row per
  fact with more columns cannot be faster than this;
- **what each value costs** (microseconds per row per column), from the above,
  and for every named query (default parameters) its rows x columns times that
  cost: the least time any query returning those rows could take here, to set
  against its measured time and the 1 s target.

These are the figures that say whether a target can be met by reshaping
queries or needs a change to what the graph holds (docs/benchmarks-notes.md,
"Floors").
"""

from __future__ import annotations

import argparse
import collections
import json
import time
from pathlib import Path

import pyoxigraph as ox

from duikou.errors import ParameterError
from duikou.graph.store import open_store
from duikou.queries import query_names, run_columns

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

PREFIXES = (
    "PREFIX dk: <https://w3id.org/duikou/ontology#>\n"
    "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
    "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
    "PREFIX schema: <https://schema.org/>\n"
)

# One column each: a sub-select scanning one predicate of the transfer (or of its
# evidence span), so the query does nothing but scan, join by hash and decode.
COLUMNS = [
    "OPTIONAL { SELECT ?t ?c1 WHERE { ?t dk:donor ?c1 } }",
    "OPTIONAL { SELECT ?t ?c2 WHERE { ?t dk:recipient ?c2 } }",
    "OPTIONAL { SELECT ?t ?c3 WHERE { ?t dk:donorName ?c3 } }",
    "OPTIONAL { SELECT ?t ?c4 WHERE { ?t dk:recipientName ?c4 } }",
    "OPTIONAL { SELECT ?t ?c5 WHERE { ?t schema:amount ?c5 } }",
    "OPTIONAL { SELECT ?t ?c6 WHERE { ?t prov:wasDerivedFrom ?c6 } }",
    "OPTIONAL { SELECT ?t ?c7 WHERE { ?t dk:transferKind ?c7 } }",
    "OPTIONAL { SELECT ?t ?c8 WHERE { ?t dk:transferStatus ?c8 } }",
    "OPTIONAL { SELECT ?t ?c9 WHERE { ?t dk:rule ?c9 } }",
    "OPTIONAL { SELECT ?t ?c10 WHERE { ?t dk:confidence ?c10 } }",
]
WIDTHS = (1, 5, 10)


def quads_by_class(store: ox.Store) -> collections.Counter:
    """Quads per class of their subject (a subject's first type in index order)."""
    class_of: dict = {}
    for quad in store.quads_for_pattern(None, RDF_TYPE, None, None):
        class_of.setdefault(quad.subject, _local(quad.object.value))
    counts: collections.Counter = collections.Counter()
    for quad in store.quads_for_pattern(None, None, None, None):
        counts[class_of.get(quad.subject, "(untyped)")] += 1
    return counts


def read_out_query(width: int) -> str:
    """Every transfer with *width* columns (0: the transfer alone), cheapest shape."""
    names = " ".join(f"?c{i}" for i in range(1, width + 1))
    return (
        PREFIXES
        + f"SELECT ?t {names} WHERE {{\n"
        + "  { SELECT ?t WHERE { ?t a dk:Transfer } }\n"
        + "".join(f"  {column}\n" for column in COLUMNS[:width])
        + "}"
    )


def read_out(store: ox.Store, width: int, repeat: int) -> tuple[int, float]:
    """Rows, and the best seconds of *repeat* runs to read them into Python values."""
    query = read_out_query(width)
    best = float("inf")
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = store.query(query, use_default_graph_as_union=True)
        rows = sum(1 for row in result for _ in [[t.value if t else None for t in row]])
        best = min(best, time.perf_counter() - started)
    return rows, best


def named_floors(store: ox.Store, per_value: float) -> list[tuple[str, int, int, float, float]]:
    """Each named query (default parameters): rows, columns, seconds, and the floor
    rows x columns x *per_value* (seconds per value). Queries that need a parameter
    without a default are left out."""
    figures = []
    for name in query_names():
        started = time.perf_counter()
        try:
            columns, rows = run_columns(name, store)
            rows = list(rows)
        except ParameterError:
            continue
        seconds = time.perf_counter() - started
        figures.append(
            (name, len(rows), len(columns), seconds, len(rows) * len(columns) * per_value)
        )
    return figures


def folder_figures(folder: Path) -> dict:
    """Bytes of the store, the chunks, the sources (the text) and the whole folder."""

    def size(path: Path) -> int:
        if path.is_file():
            return path.stat().st_size
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())

    return {
        "store": size(folder / "store"),
        "graphs": size(folder / "graphs"),
        "sources": size(folder / "sources"),
        "folder": size(folder),
    }


def figures(folder: Path, repeat: int = 3) -> dict:
    """Everything :func:`main` prints, as one dict (what ``make bench`` keeps)."""
    store = open_store(folder)
    counts = quads_by_class(store)
    base_rows, base = read_out(store, 0, repeat)
    read_outs = [{"columns": 0, "rows": base_rows, "seconds": base}]
    per_value = 0.0
    for width in WIDTHS:
        rows, seconds = read_out(store, width, repeat)
        per_value = (seconds - base) / max(rows * width, 1)
        read_outs.append({"columns": width, "rows": rows, "seconds": seconds})
    named = {
        name: {"rows": rows, "columns": width, "seconds": seconds, "floor": floor}
        for name, rows, width, seconds, floor in named_floors(store, per_value)
    }
    return {
        "quads": sum(counts.values()),
        "by_class": dict(counts.most_common()),
        "sizes": folder_figures(folder),
        "read_out": read_outs,
        "per_value_us": per_value * 1e6,
        "named": named,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder written by `duikou build`")
    parser.add_argument("--repeat", type=int, default=3, help="runs per read-out (best kept)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    found = figures(args.folder, args.repeat)
    if args.json:
        print(json.dumps(found, indent=2))
        return
    total, sizes = found["quads"], found["sizes"]
    print(f"{args.folder}: {total:,} quads")
    print(
        f"store {sizes['store'] / 1e6:.1f} MB = {sizes['store'] / max(total, 1):.0f} bytes a quad; "
        f"folder {sizes['folder'] / 1e6:.1f} MB = {sizes['folder'] / max(sizes['sources'], 1):.1f}"
        f"x its text ({sizes['sources'] / 1e6:.1f} MB)"
    )
    print("\nquads by the class of their subject")
    top = list(found["by_class"].items())[:12]
    for name, count in top:
        print(f"  {count:>10,} {100 * count / total:5.1f}%  {name}")
    rest = total - sum(count for _, count in top)
    print(f"  {rest:>10,} {100 * rest / max(total, 1):5.1f}%  (the other classes)")
    print("\nread-out floor: every transfer, cheapest query shape, best of", args.repeat)
    print(f"  {'columns':>7} {'rows':>8} {'seconds':>8}")
    for row in found["read_out"]:
        print(f"  {row['columns']:>7} {row['rows']:>8,} {row['seconds']:>8.3f}")
    per = found["per_value_us"]
    print(f"  {per:.2f} µs per row per column (the widest read-out, less the bare one)")
    print(f"\nnamed queries: rows x columns x {per:.2f} µs, against their own time (one run)")
    print(f"  {'query':<24} {'rows':>8} {'columns':>7} {'seconds':>8} {'floor s':>8}")
    for name, q in found["named"].items():
        cells = f"{q['rows']:>8,} {q['columns']:>7} {q['seconds']:>8.3f} {q['floor']:>8.3f}"
        print(f"  {name:<24} {cells}")


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


if __name__ == "__main__":
    main()
