"""How long `duikou validate` takes on a built folder, and what it took before.

Run from the repository root::

    python -m benchmarks.validate [--graph DIR] [--runs 3]

Without ``--graph`` it builds the bundled chapter into a temporary folder
first. It prints the best of *runs* wall times, in seconds, of:

- ``before``: what ``duikou validate`` did until issue 14.7 — rdflib parses
  the folder's Turtle (``graph.ttl`` then, ``duikou export rdf`` now), pySHACL
  gets freshly parsed shapes and ontology, and rdflib parses the SPARQL
  constraint's text once per focus node;
- ``now``: :func:`duikou.api.validate` (Oxigraph's parser, each SPARQL text
  prepared once, shapes and ontology parsed once per process).

Both must report the same violations; the target for ``now`` is under 3 s
on the bundled chapter, with the command's start-up (about 0.5 s) on top.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from duikou import api
from duikou.ontology import ontology_graph, shapes_graph
from duikou.ontology.namespace import compact


def before(graph_dir: Path) -> list[tuple[str, str, str]]:
    """The violations, found as `duikou validate` found them before (plain pySHACL)."""
    with api.open_rdf(graph_dir, fmt="ttl") as union:
        data = Graph().parse(union, format="turtle")
    _, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return sorted(
        (
            compact(str(report.value(r, SH.focusNode))),
            compact(str(report.value(r, SH.resultPath) or "")),
            str(report.value(r, SH.resultMessage) or ""),
        )
        for r in report.subjects(SH.resultSeverity, None)
    )


def now(graph_dir: Path) -> list[tuple[str, str, str]]:
    """The violations as :func:`duikou.api.validate` finds them."""
    result = api.validate(graph_dir)
    return sorted((v["focus"], v["path"], v["message"]) for v in result.violations)


def best(function, graph_dir: Path, runs: int):
    """(the least of *runs* wall times, the last result)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        found = function(graph_dir)
        times.append(time.perf_counter() - start)
    return min(times), found


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=None, help="A built folder.")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        graph_dir = args.graph
        if graph_dir is None:
            graph_dir = Path(tmp) / "out"
            api.build(out=graph_dir, progress=False)
        old_seconds, old = best(before, graph_dir, args.runs)
        new_seconds, new = best(now, graph_dir, args.runs)
    print(f"{'before':<8}{old_seconds:7.2f} s  {len(old)} violation(s)")
    print(f"{'now':<8}{new_seconds:7.2f} s  {len(new)} violation(s)")
    print("same violations" if old == new else "DIFFERENT violations")


if __name__ == "__main__":
    main()
