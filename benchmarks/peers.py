"""Every named query on duikou's store and on its peers, side by side: times and the same rows?

``python -m benchmarks.peers FOLDER`` runs each named query, with its
defaults and with the parameter choices of ``tests/query_rows.py``, on:

- ``store``: the folder's Oxigraph store on disk, as duikou reads it (the reference);
- ``memory``: an in-memory pyoxigraph store loaded with the same quads;
- ``rdflib``: rdflib's memory store (a ``Dataset`` whose default graph is the
  union), with rdflib's own SPARQL engine, each query in a forked child killed
  at ``--rdflib-limit`` seconds (rdflib cannot be interrupted, and a thread
  left running would slow every later query);
- ``virtuoso``: Virtuoso Open Source started on 127.0.0.1 for the run and
  loaded with the same quads (:mod:`benchmarks.virtuoso`), queried over HTTP
  the way ``duikou query --endpoint`` does. The request names the data's
  graphs (``default-graph-uri`` and ``named-graph-uri`` of the SPARQL
  protocol): Virtuoso's own default graph also holds its system graphs.

The quads come from the store itself as TriG (``Store.dump``), not from any
file of the folder. It prints, per query, the seconds of the default run on
each engine, the ratio to the store, and whether every run gave the store's
rows: compared as multisets, with the columns that join values in no set
order (GROUP_CONCAT) compared as sets of values. A query over its time limit
with its defaults is not run with other parameters on that engine.

``--check`` prints one line per run whose rows differ from the store's (or
that an engine refuses) and exits 1 if there is any; ``--json`` prints the
figures for ``make bench``. An engine that cannot run here (Virtuoso not
installed, or not starting) is skipped with a one-line note.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import signal
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
# The parameter choices and the row comparison are the tests' (one definition for both).
sys.path.insert(0, str(ROOT / "tests"))

from query_rows import canonical, first_transfer, parameter_sets  # noqa: E402

__all__ = ["ENGINES", "compare_engines", "summary", "main", "dataset_url", "same_rows"]

ENGINES = ("store", "memory", "rdflib", "virtuoso")
RDFLIB_LIMIT = 10.0
"""Seconds a query may take on rdflib before it is recorded as over the limit."""
VIRTUOSO_LIMIT = 60.0
"""The same for Virtuoso (an HTTP timeout; Virtuoso's own limits are lifted)."""


def same_rows(rows: list[dict], reference: list[dict]) -> bool:
    """Whether two results hold the same rows, as multisets (GROUP_CONCAT columns as sets)."""
    return canonical(rows) == canonical(reference)


def dataset_url(url: str, graphs: list[str]) -> str:
    """*url* naming *graphs* as the default graph (their union) and as the named graphs."""
    if not graphs:
        return url
    fields = [
        f"{k}={quote(g, safe='')}" for g in graphs for k in ("default-graph-uri", "named-graph-uri")
    ]
    return url + ("&" if "?" in url else "?") + "&".join(fields)


def compare_engines(
    folder: Path,
    engines: tuple[str, ...] = ENGINES,
    *,
    rdflib_limit: float = RDFLIB_LIMIT,
    virtuoso_limit: float = VIRTUOSO_LIMIT,
    virtuoso_binary: str | None = None,
    queries: list[str] | None = None,
    say=None,
) -> dict:
    """Every run on every engine: ``{"engines": {…}, "runs": [{query, params, ENGINE: outcome}]}``.

    An outcome is ``{"seconds", "rows", "same"}``, ``{"over": limit}`` or
    ``{"error": message}``; an engine that cannot run has ``{"note": why}`` in
    ``engines`` and no outcomes.
    """
    import pyoxigraph as ox

    from duikou.graph.store import open_store

    say = say or (lambda message: None)
    store = open_store(folder)
    fact = first_transfer(store)
    graphs = sorted(g.value for g in store.named_graphs())
    from duikou.queries import query_names

    runs = [
        {"query": name, "params": params}
        for name in queries or query_names()
        for params in parameter_sets(name, fact)
    ]
    info: dict[str, dict] = {
        "store": {"version": f"pyoxigraph {ox.__version__}", "quads": len(store)}
    }
    reference = {}
    for run_ in runs:
        outcome, rows = _timed(run_, store, None)
        run_["store"] = outcome
        reference[_key(run_)] = rows
    say(f"store: {len(runs)} runs of {len(queries or query_names())} queries")
    with tempfile.TemporaryDirectory(prefix="duikou-peers-") as temp:
        trig = Path(temp) / "graph.trig"
        store.dump(output=str(trig), format=ox.RdfFormat.TRIG)
        for engine in engines:
            if engine == "store":
                continue
            started = time.perf_counter()
            try:
                with _engine(engine, trig, graphs, virtuoso_binary) as (graph, details):
                    info[engine] = {**details, "load_seconds": time.perf_counter() - started}
                    limit = {"rdflib": rdflib_limit, "virtuoso": virtuoso_limit}.get(engine)
                    _run_all(engine, graph, runs, reference, limit)
            except Skipped as exc:
                info[engine] = {"note": str(exc)}
                say(f"{engine}: skipped: {exc}")
                continue
            say(f"{engine}: done in {time.perf_counter() - started:.1f} s")
    return {"engines": info, "runs": runs}


def load_memory(trig: Path):
    """An in-memory pyoxigraph store holding the quads of *trig*."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


class Skipped(RuntimeError):
    """An engine that cannot run here; the message is the one-line note."""


class _engine:
    """The graph an engine queries, and what to report about it; cleaned up on exit."""

    def __init__(self, engine: str, trig: Path, graphs: list[str], binary: str | None):
        self.engine, self.trig, self.graphs, self.binary = engine, trig, graphs, binary
        self.server = None

    def __enter__(self):
        if self.engine == "memory":
            import pyoxigraph as ox

            store = load_memory(self.trig)
            return store, {"version": f"pyoxigraph {ox.__version__}", "quads": len(store)}
        if self.engine == "rdflib":
            import rdflib

            dataset = rdflib.Dataset(default_union=True)
            dataset.parse(str(self.trig), format="trig")
            return dataset, {"version": f"rdflib {rdflib.__version__}", "quads": len(dataset)}
        if self.engine == "virtuoso":
            from benchmarks.virtuoso import SERVER, Unavailable, Virtuoso

            try:
                self.server = Virtuoso(self.trig, binary=self.binary or SERVER).__enter__()
            except Unavailable as exc:
                raise Skipped(f"Virtuoso cannot run here: {exc}") from None
            url = dataset_url(self.server.url, self.graphs)
            return url, {"version": f"Virtuoso {self.server.version}", "url": self.server.url}
        raise ValueError(f"unknown engine {self.engine!r}")

    def __exit__(self, *exc) -> None:
        if self.server is not None:
            self.server.stop()


def _run_all(engine: str, graph, runs: list[dict], reference: dict, limit: float | None) -> None:
    over: set[str] = set()
    for run_ in runs:
        if run_["query"] in over:
            run_[engine] = {"over": limit, "skipped": True}
            continue
        if engine == "rdflib":
            outcome, rows = _forked(run_, graph, limit)
        else:
            outcome, rows = _timed(run_, graph, limit)
        if rows is not None:
            outcome["same"] = rows == reference[_key(run_)]
        elif "over" in outcome:
            over.add(run_["query"])
        run_[engine] = outcome


def _timed(run_: dict, graph, limit: float | None) -> tuple[dict, list | None]:
    """One run: its outcome, and its rows in comparable form (None if it gave none)."""
    from duikou.errors import QueryTimeout
    from duikou.queries import run

    engine = "rdflib" if hasattr(graph, "triples") else None
    started = time.perf_counter()
    try:
        rows = run(run_["query"], graph, timeout=limit or 0, engine=engine, **run_["params"])
    except QueryTimeout:
        return {"over": limit}, None
    except Exception as exc:  # an engine refusing a query is a finding, not a crash
        return {"error": _one_line(exc)}, None
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "rows": len(rows)}, canonical(rows)


def _forked(run_: dict, graph, limit: float | None) -> tuple[dict, list | None]:
    """:func:`_timed` in a forked child (sharing the loaded graph), killed at *limit*."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(run_, graph, send), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(limit):
            try:
                return receive.recv()
            except EOFError:
                return {"error": f"the child process died ({child.exitcode})"}, None
        return {"over": limit}, None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()


def _child(run_: dict, graph, send) -> None:
    send.send(_timed(run_, graph, None))


def _key(run_: dict) -> str:
    return f"{run_['query']} {json.dumps(run_['params'], sort_keys=True)}"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if text.startswith(("http://", "https://")):  # "URL: problem"; the URL names every graph
        text = text.split(": ", 1)[-1]
    return text[:200]


def summary(results: dict) -> dict:
    """Per query and engine: the default run's seconds and a verdict over all runs.

    The verdict is ``same`` (every run gave the store's rows), ``differs`` (some
    run gave other rows), ``refused`` (some run failed), ``over`` (the default
    run went over the time limit) or ``skipped`` (the engine did not run).
    """
    out: dict[str, dict] = {}
    for run_ in results["runs"]:
        query = out.setdefault(run_["query"], {})
        for engine in results["engines"]:
            cell = query.setdefault(engine, {"runs": 0, "differ": 0, "refused": 0, "over": 0})
            outcome = run_.get(engine)
            if outcome is None:
                cell["verdict"] = "skipped"
                continue
            if "seconds" not in cell:  # the first run is the one with the defaults
                cell["seconds"] = outcome.get("seconds")
                cell["limit"] = outcome.get("over")
            cell["runs"] += 1
            if "error" in outcome:
                cell["refused"] += 1
                cell.setdefault("error", outcome["error"])
            elif "over" in outcome:
                cell["over"] += 1
            elif outcome.get("same") is False:
                cell["differ"] += 1
    for query in out.values():
        for cell in query.values():
            if cell.get("verdict") == "skipped":
                continue
            cell["verdict"] = (
                "differs"
                if cell["differ"]
                else "refused"
                if cell["refused"]
                else "over"
                if cell.get("seconds") is None
                else "same"
            )
    return out


def differences(results: dict) -> list[str]:
    """One line per run whose rows are not the store's (or that an engine refused)."""
    lines = []
    for run_ in results["runs"]:
        reference = run_["store"]
        for engine in results["engines"]:
            outcome = run_.get(engine)
            if engine == "store" or outcome is None:
                continue
            params = json.dumps(run_["params"], sort_keys=True)
            where = f"{engine}: {run_['query']} {params}"
            if "error" in outcome:
                lines.append(f"{where}: refused ({outcome['error']})")
            elif outcome.get("same") is False:
                lines.append(
                    f"{where}: different rows ({outcome['rows']} rows, "
                    f"{reference.get('rows', '?')} on the store)"
                )
    return lines


def table(results: dict) -> str:
    """The side-by-side table, as text."""
    engines = list(results["engines"])
    lines = []
    for engine, details in results["engines"].items():
        what = details.get("note") or (
            f"{details['version']}"
            + (f", loaded in {details['load_seconds']:.1f} s" if "load_seconds" in details else "")
        )
        lines.append(f"{engine}: {what}")
    header = f"{'query':<24}" + "".join(f" {e:>24}" for e in engines)
    lines += ["", header]
    for query, cells in sorted(summary(results).items()):
        base = cells["store"].get("seconds")
        row = f"{query:<24}"
        for engine in engines:
            row += f" {cell_text(cells[engine], base):>24}"
        lines.append(row)
    return "\n".join(lines) + "\n"


def cell_text(cell: dict, base: float | None) -> str:
    """``0.123 s 0.5x``, ``over 10 s``, ``refused``, ``differs``, ``skipped``."""
    verdict, seconds = cell.get("verdict"), cell.get("seconds")
    if verdict == "skipped":
        return "skipped"
    if seconds is None:
        return f"over {cell['limit']:g} s" if cell.get("limit") else "REFUSED"
    timing = f"{seconds:.3f} s" + (f" {seconds / base:.1f}x" if base else "")
    return f"{timing} {verdict.upper()}" if verdict in ("differs", "refused") else timing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.peers", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("folder", type=Path, help="a folder written by duikou build")
    parser.add_argument("--check", action="store_true", help="exit 1 if any engine differs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--engines", default=",".join(ENGINES), help=f"comma-separated, of {', '.join(ENGINES)}"
    )
    parser.add_argument("--queries", default="", help="comma-separated names (default: all)")
    parser.add_argument("--rdflib-limit", type=float, default=RDFLIB_LIMIT, metavar="S")
    parser.add_argument("--virtuoso-limit", type=float, default=VIRTUOSO_LIMIT, metavar="S")
    parser.add_argument("--virtuoso", default=None, metavar="BINARY", help="virtuoso-t to run")
    args = parser.parse_args(argv)
    # SIGTERM (make, timeout) unwinds like Ctrl-C, so Virtuoso and the temporary
    # folders are removed; a SIGKILL leaves the folders, and Virtuoso dies with us.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    engines = tuple(e.strip() for e in args.engines.split(",") if e.strip())
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        print(
            f"error: unknown engine {unknown[0]!r} (give some of {', '.join(ENGINES)})",
            file=sys.stderr,
        )
        return 2
    if not (args.folder / "store").is_dir():
        print(
            f"error: {args.folder}: no built store here (run duikou build first)", file=sys.stderr
        )
        return 2
    results = compare_engines(
        args.folder,
        ("store", *[e for e in engines if e != "store"]),
        rdflib_limit=args.rdflib_limit,
        virtuoso_limit=args.virtuoso_limit,
        virtuoso_binary=args.virtuoso,
        queries=[q.strip() for q in args.queries.split(",") if q.strip()] or None,
        say=lambda message: print(message, file=sys.stderr, flush=True),
    )
    if args.json:
        figures = {"engines": results["engines"], "queries": summary(results)}
        figures["differences"] = differences(results)
        print(json.dumps(figures, indent=1, sort_keys=True))
    else:
        print(table(results), end="")
    if args.check:
        lines = differences(results)
        for line in lines:
            print(line)
        for engine, details in results["engines"].items():
            if "note" in details:
                print(f"{engine}: not checked ({details['note']})")
        print(f"{len(results['runs'])} runs per engine, {len(lines)} differ from the store")
        return 1 if lines else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
