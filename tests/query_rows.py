"""Every named query's rows on a graph, under a few choices of parameters, for comparing.

A reshaped query must give the same rows as before: dump them before and after
and compare (rows sorted, so only what they hold counts, not their order;
the order is checked by the tests of each query).

    python tests/query_rows.py dump FOLDER before.json
    python tests/query_rows.py dump FOLDER after.json
    python tests/query_rows.py compare before.json after.json

The tests call :func:`every_query_rows` on the built store and on rdflib graphs.
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal

from duikou.queries import describe, query_names, run

CHOICES = {
    "kind": ["all", "investment"],
    "status": ["all", "planned"],
    "scope": ["all"],
    "year": ["2013", "2000-2015"],
    "min_donors": [1, 3],
    "limit": [3],
    "type": ["Visit"],
    "donor": ["jiang"],
    "recipient": ["guizhou"],
    "name": ["li"],
    "province": ["Guizhou"],
}
"""Values tried for each parameter, one parameter at a time, besides the defaults."""
UNORDERED = {"parties": "; ", "participants": "; ", "purposes": ";", "restatedIn": ";"}
"""Columns that join values in no set order (GROUP_CONCAT), with their separators:
compared as sorted lists (their order follows the store's indexes, which differ
between the on-disk store and an in-memory one)."""


def first_transfer(graph) -> str:
    """The first transfer's IRI (the value of a required ``iri`` parameter)."""
    from duikou.queries import run_text

    query = (
        "SELECT ?t WHERE { ?t a <https://w3id.org/duikou/ontology#Transfer> } ORDER BY ?t LIMIT 1"
    )
    return run_text(query, graph)[0]["t"]


def parameter_sets(name: str, fact: str) -> list[dict]:
    """The defaults (plus required values), then each listed choice of each parameter."""
    base = {p.name: fact for p in describe(name).parameters if p.required}
    sets = [base]
    for parameter in describe(name).parameters:
        for value in CHOICES.get(parameter.name, []):
            sets.append({**base, parameter.name: value})
    return sets


def every_query_rows(graph, names=None, *, timings: dict | None = None) -> dict[str, list]:
    """``{"name {params}": sorted rows}`` for every named query (or *names*) on *graph*."""
    fact = first_transfer(graph)
    found = {}
    for name in names or query_names():
        for params in parameter_sets(name, fact):
            start = time.perf_counter()
            rows = run(name, graph, timeout=0, **params)
            if timings is not None:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
            key = f"{name} {json.dumps(params, sort_keys=True)}"
            found[key] = canonical(rows)
    return found


def canonical(rows: list[dict]) -> list[str]:
    """*rows* as sorted JSON strings, :data:`UNORDERED` columns as sorted lists: equal
    for two results exactly when they hold the same rows as multisets."""
    return sorted(json.dumps(_unordered(row), sort_keys=True, default=_plain) for row in rows)


def comparable(rows: list[dict]) -> list[dict]:
    """*rows* in their order, with the values of the :data:`UNORDERED` columns sorted."""
    return [_unordered(row) for row in rows]


def _unordered(row: dict) -> dict:
    return {
        k: sorted(v.split(UNORDERED[k])) if k in UNORDERED and isinstance(v, str) else v
        for k, v in row.items()
    }


def _plain(value):
    if isinstance(value, Decimal):
        return f"Decimal({value})"
    raise TypeError(repr(value))


def main(argv: list[str]) -> int:
    if argv[:1] == ["dump"] and len(argv) in (3, 4):
        timings: dict = {}
        names = argv[3].split(",") if len(argv) == 4 else None
        rows = every_query_rows(argv[1], names, timings=timings)
        with open(argv[2], "w") as out:
            json.dump(rows, out, indent=0, sort_keys=True)
        for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
            print(f"{seconds:8.2f} s  {name}")
        return 0
    if argv[:1] == ["compare"] and len(argv) == 3:
        with open(argv[1]) as one, open(argv[2]) as two:
            before, after = json.load(one), json.load(two)
        differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        for key in differ:
            print(
                f"differ: {key} ({len(before.get(key, []))} rows before, "
                f"{len(after.get(key, []))} after)"
            )
        print(f"{len(before)} runs compared, {len(differ)} differ")
        return 1 if differ else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
