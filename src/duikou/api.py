"""The library API: one function per ``duikou`` command, shared by the CLI, notebooks and tests.

Each function takes plain values, calls the layer that does the work and
returns plain data; none prints. The CLI (:mod:`duikou.cli`) only parses
options, calls one of these and renders the result, so everything it can do
a Python user can do too:

>>> from duikou import api
>>> doc = api.load_document(api.sample_path())
>>> len(doc.pairing_sections) > 0
True

Where the graph is read, *graph* is a folder written by :func:`build`, a
SPARQL endpoint URL, a ``pyoxigraph.Store`` or an rdflib ``Graph``, and
*timeout* is the time limit of each query in seconds (``None``: the
``DUIKOU_QUERY_TIMEOUT`` environment variable or 60; ``0``: none). Expected
failures raise :class:`DuikouError` subclasses whose message is meant for users.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from duikou.atomic import write_text_atomically
from duikou.errors import (
    DuikouError,
    GraphError,
    OutputError,
    ParameterError,
    QueryError,
)
from duikou.loaders.document import Document
from duikou.loaders.reading import parse_size, read_text
from duikou.loaders.segmenter import segment
from duikou.queries import DEFAULT_TIMEOUT, TIMEOUT_ENV, QueryInfo
from duikou.render import check_row_format, rows_table, rows_text, yuan, yuan_words
from duikou.version import __version__

__all__ = [
    # documents and builds
    "sample_path",
    "load_document",
    "build",
    "remove",
    "validate",
    "stats",
    # reading
    "export",
    "export_rdf",
    "open_rdf",
    "query",
    "list_queries",
    "describe_query",
    "sparql",
    "analyze",
    "export_network",
    "viz",
    "resolution_report",
    "reconcile",
    "reconcile_rows",
    "reconcile_summary",
    "summary",
    "link",
    "evaluate",
    "print_eval_report",
    # serving
    "serve",
    "push",
    "push_authorization",
    "display_url",
    # for the faces
    "compact",
    "parse_size",
    "rows_text",
    "rows_table",
    "yuan",
    "yuan_words",
    "DEFAULT_OUT",
    "DEFAULT_TIMEOUT",
    "SERVE_TIMEOUT",
    "SPARQL_MEMORY",
    "TIMEOUT_ENV",
    "LAYOUTS",
    "RDF_FORMATS",
    "WIKIDATA_ENDPOINT",
    "default_wikidata_cache",
    "DuikouError",
    "GraphError",
    "OutputError",
    "ParameterError",
    "QueryError",
    "QueryInfo",
    "ExportResult",
    "__version__",
]

SAMPLE_NAME = "yearbook-2013-east-west-pairing.txt"
DEFAULT_OUT = "duikou-out"
"""The folder :func:`build` writes and the readers read when given none."""
LAYOUTS = ("force", "geo")
RDF_FORMATS = ("trig", "ttl", "nq")
"""The formats of :func:`export_rdf`: TriG, Turtle (the union as one graph), N-Quads."""
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"


# --- documents and builds ---------------------------------------------------------------


def sample_path() -> Path:
    """Path of the bundled sample chapter (the 2013 yearbook's East-West chapter)."""
    resource = files("duikou.corpus").joinpath(SAMPLE_NAME)
    with as_file(resource) as path:  # a real file for normal and editable installs
        return Path(path)


def load_document(path: str | Path) -> Document:
    """Read and segment one chapter file; raises ``InputError`` for unusable input."""
    data, text = read_text(path)
    return segment(text, doc_id=hashlib.sha256(data).hexdigest(), source=str(path))


def build(paths=None, out=DEFAULT_OUT, **options):
    """Build the graph of *paths* (default: the bundled sample) into folder *out*.

    Options (see :func:`duikou.graph.output.build_to_folder`): ``update=True``
    to add to or replace documents in an earlier build, ``jobs`` worker
    processes, ``progress``, ``limits`` such as ``{"max_bytes": 10**7}``, and
    ``wait=False`` to stop at once if another writer holds the folder (else
    ``on_wait`` is told and the build waits).
    Returns a :class:`~duikou.graph.output.BuildResult`.
    """
    from duikou.graph.output import build_to_folder

    return build_to_folder(paths or [sample_path()], out, **options)


def remove(out, selectors: Iterable[str], **options):
    """Drop documents (by id prefix, file name or path) from the build in folder *out*."""
    from duikou.graph.output import remove_from_folder

    return remove_from_folder(out, list(selectors), **options)


def validate(graph_dir: str | Path, *, progress=None):
    """Check a built folder against the SHACL shapes; a
    :class:`~duikou.ontology.validate.ValidationResult` (never raises on a violation).

    The graph checked is the union of the folder's graphs as Turtle
    (:func:`open_rdf`). *progress*, if given, is called with a short description
    before each stage (reading the graph, checking the shapes).
    """
    from duikou.ontology.validate import read_turtle, validate_graph

    union = open_rdf(graph_dir, fmt="ttl")
    if progress:
        progress(f"reading {graph_dir}/graphs")
    try:
        with union:
            data = read_turtle(union)
    except (SyntaxError, OSError) as exc:
        raise GraphError(f"{graph_dir}: not readable Turtle ({exc})") from None
    if progress:
        progress(f"checking {len(data)} triples against the SHACL shapes")
    return validate_graph(data)


def stats(graph=DEFAULT_OUT, *, timeout: float | None = None) -> list[tuple[str, int]]:
    """``(class IRI, instances)`` for every class used in the data graphs, most used first."""
    from duikou.queries.stats import class_counts

    return class_counts(graph, timeout=timeout)


# --- reading ------------------------------------------------------------------------------


@dataclass
class ExportResult:
    """What :func:`export` produced: the rows, and their text when no file was written."""

    rows: list[dict[str, str]]
    columns: tuple[str, ...]
    text: str | None = None
    output: Path | None = None


def export(
    kind: str,
    graph=DEFAULT_OUT,
    *,
    fmt: str = "csv",
    output: str | Path | None = None,
    timeout: float | None = None,
) -> ExportResult:
    """One row per fact of *kind* (``transfers`` or ``pairings``) as CSV or JSON.

    With *output* the text is written to that file (atomically: the old file
    stays whole until the new one is complete); without, it is returned.
    """
    from duikou.queries.export import COLUMNS, export_rows

    check_row_format(fmt)  # before the graph is read
    rows = export_rows(kind, graph, timeout=timeout)
    text = rows_text(COLUMNS[kind], rows, fmt)
    if output is None:
        return ExportResult(rows, COLUMNS[kind], text=text)
    return ExportResult(rows, COLUMNS[kind], output=write_text_atomically(output, text))


def export_rdf(output, graph_dir: str | Path = DEFAULT_OUT, *, fmt: str = "trig") -> int:
    """Write the whole graph of a built folder as one RDF file (``duikou export rdf``).

    *fmt* is ``trig`` (one named graph per document, the ontology's and any
    other), ``ttl`` (their union as one graph) or ``nq`` (N-Quads). *output* is a
    file name (written atomically: the old file stays whole until the new one is
    complete) or a binary file object such as ``sys.stdout.buffer``. The bytes
    come from the folder's chunks, so they are the same for the same folder, and
    for a clean build and an update of the same documents. Returns the number of
    bytes written. :class:`GraphError` if *graph_dir* holds no built graph.
    """
    from duikou.graph.union import union_pieces, write_union

    if isinstance(output, (str, Path)):
        return write_union(graph_dir, output, fmt).stat().st_size
    written = 0
    for piece in union_pieces(graph_dir, fmt):
        output.write(piece)
        written += len(piece)
    return written


def open_rdf(graph_dir: str | Path = DEFAULT_OUT, *, fmt: str = "trig"):
    """The bytes :func:`export_rdf` writes, as a binary file object to read, assembled as
    it is read (``rdflib.Graph().parse(open_rdf(folder, fmt="ttl"), format="turtle")``)."""
    from duikou.graph.union import open_union

    return open_union(graph_dir, fmt)


def list_queries() -> list[QueryInfo]:
    """The named queries: name, title, question and parameters of each, and whether
    it is one the commands run for themselves (``internal``, ``# internal: yes``)."""
    from duikou.queries import describe, query_names

    return [describe(name) for name in query_names()]


def describe_query(name: str) -> QueryInfo:
    """The header of one named query (``QueryError`` naming the known ones if unknown)."""
    from duikou.queries import describe

    return describe(name)


def query(
    name: str, graph=DEFAULT_OUT, *, timeout: float | None = None, **params
) -> tuple[list[str], list[dict]]:
    """``(columns, rows)`` of the named query *name*, its *params* bound by declared type.

    A ``kind``, ``status`` or ``scope`` (what a money sum adds up) must be one
    of :data:`duikou.queries.named.CHOICES` (:class:`ParameterError` otherwise).
    """
    from duikou.queries import run_columns
    from duikou.queries.named import check_choices

    check_choices(name, params)
    return run_columns(name, graph, timeout=timeout, **params)


SPARQL_MEMORY = 2 * 1024**3
"""Bytes of memory :func:`sparql` lets a query on a built folder use, by default."""


def sparql(
    text: str,
    graph=DEFAULT_OUT,
    *,
    timeout: float | None = None,
    allow_service: bool = False,
    max_memory: int | None = SPARQL_MEMORY,
    **params,
) -> tuple[list[str], list[dict]]:
    """``(columns, rows)`` of any SELECT *text*; *params* bind variables to strings.

    An update is refused, and so is ``SERVICE`` (which fetches from another
    server) unless *allow_service*. On a built folder the query runs in a
    child process with *max_memory* bytes to spare (None or 0: no bound)
    that is killed at the time limit.
    """
    from duikou.queries import run_columns
    from duikou.queries.guard import is_update, remote_access

    if is_update(text):
        raise QueryError("updates are not allowed here: give a SELECT query")
    if not allow_service and remote_access(text, update=False):
        raise QueryError(
            "SERVICE is not allowed here: it fetches from another server "
            "(add --allow-service to allow it)"
        )
    return run_columns(None, graph, text, timeout=timeout, memory=max_memory or None, **params)


def analyze(
    graph=DEFAULT_OUT,
    *,
    top: int | None = 10,
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
    timeout: float | None = None,
) -> dict:
    """The network analyses of the donor → recipient network (see
    :func:`duikou.queries.network.analyze`); its yuan figures add up the transfers
    of *kind*, *status* and *scope*, by default disbursed aid read in the pairing
    sections (:func:`duikou.queries.network.summed`), each with how many it adds up."""
    from duikou.queries.network import analyze as analyze_network
    from duikou.queries.network import pairing_network

    network = pairing_network(
        graph, kind=kind, status=status, scope=scope, timeout=timeout, detail=False
    )
    return analyze_network(network, top=top)


def export_network(
    output: str | Path,
    graph=DEFAULT_OUT,
    *,
    fmt: str = "graphml",
    timeout: float | None = None,
):
    """Write the donor → recipient network to *output* as GraphML or GEXF (atomically);
    returns the NetworkX graph."""
    from duikou.queries.network import check_network_format, network_text, pairing_network

    check_network_format(fmt)  # before the graph is read
    network = pairing_network(graph, timeout=timeout)
    write_text_atomically(output, network_text(network, fmt))
    return network


def viz(
    graph=DEFAULT_OUT,
    output: str | Path | None = None,
    *,
    layout: str = "force",
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
    timeout: float | None = None,
) -> Path:
    """Write the interactive network page (default: ``GRAPH/pairings.html``); its path.

    Its yuan figures add up the transfers of *kind*, *status* and *scope*, by
    default disbursed aid read in the pairing sections, and the page says so."""
    from duikou.page import network_page

    if output is None:
        if not isinstance(graph, (str, Path)) or str(graph).startswith(("http:", "https:")):
            raise OutputError("give the page's file name (output) when reading an endpoint")
        output = Path(graph) / "pairings.html"
    return network_page(
        graph, output, layout=layout, kind=kind, status=status, scope=scope, timeout=timeout
    )


def reconcile(graph=DEFAULT_OUT, *, timeout: float | None = None):
    """The totals the text states set against the facts that should make them up
    (``duikou reconcile``): a list of :class:`~duikou.queries.reconcile.Claim`."""
    from duikou.queries.reconcile import reconcile as claims

    return claims(graph, timeout=timeout)


def summary(graph=DEFAULT_OUT, *, year: str | None = None, timeout: float | None = None):
    """A built graph's story in at most 40 lines of 80 characters (``duikou summary``)."""
    from duikou.queries.summary import summary_lines

    return summary_lines(graph, year=year, timeout=timeout)


def reconcile_rows(claims) -> tuple[tuple[str, ...], list[dict[str, str]]]:
    """The columns and rows of *claims* for CSV and tables (JSON: ``Claim.to_dict``)."""
    from duikou.queries.reconcile import CLAIM_COLUMNS

    return CLAIM_COLUMNS, [claim.to_row() for claim in claims]


def reconcile_summary(claims) -> str:
    """``"11 agrees, 20 parts missing, 12 conflict"``."""
    from duikou.queries.reconcile import VERDICTS

    return ", ".join(f"{sum(c.verdict == v for c in claims)} {v}" for v in VERDICTS)


def resolution_report(graph=DEFAULT_OUT, *, timeout: float | None = None):
    """How the places of a built graph resolved to divisions (``duikou link --report``)."""
    from duikou.queries.resolution_report import resolution_report as report

    return report(graph, timeout=timeout)


def default_wikidata_cache() -> Path:
    """Where Wikidata answers are kept between runs (``~/.cache/duikou``)."""
    from duikou.graph.links import default_cache

    return default_cache()


def link(
    graph_dir: str | Path = DEFAULT_OUT,
    *,
    endpoint: str = WIKIDATA_ENDPOINT,
    cache: Path | None = None,
    timeout: float | None = None,
    backoff: float = 1.0,
    wait: bool = True,
    on_wait=None,
) -> int:
    """Link every division of a built folder to its Wikidata item (P442); the number linked.

    The codes are read from the folder, asked of *endpoint* (answers kept in
    *cache*) and written as ``owl:sameAs`` into the folder's Wikidata graph,
    replacing the earlier links. An unreachable endpoint raises
    :class:`~duikou.errors.EndpointError` before the folder is touched.
    """
    from duikou.gazetteer.wikidata import USER_AGENT, lookup_codes
    from duikou.graph.links import write_wikidata_links
    from duikou.queries import run
    from duikou.queries.endpoint import Endpoint

    rows = run("division-codes", graph_dir, timeout=timeout)
    client = Endpoint(endpoint, agent=USER_AGENT, timeout=30)
    found = lookup_codes(
        (r["code"] for r in rows), select=client.select_strings, cache=cache, backoff=backoff
    )
    links = [(r["region"], found[r["code"]]) for r in rows if found.get(r["code"])]
    return write_wikidata_links(graph_dir, links, wait=wait, on_wait=on_wait)


def evaluate(gold_dir: str | Path, graph_dir: str | Path = DEFAULT_OUT, *, document=None):
    """Score a built folder against gold CSVs (an :class:`~duikou.evaluation.EvalReport`)."""
    from duikou.evaluation import evaluate as score

    return score(gold_dir, graph_dir, document=document)


def print_eval_report(report) -> None:
    """Print an evaluation report as tables, then its misses and false positives."""
    from duikou.evaluation.render import print_report

    print_report(report)


# --- serving ------------------------------------------------------------------------------


SERVE_TIMEOUT = 60.0
"""Seconds a request to ``duikou serve`` may take (:data:`duikou.serve.DEFAULT_TIMEOUT`)."""


def serve(graph_dir: str | Path = DEFAULT_OUT, host: str = "127.0.0.1", port: int = 7878,
          allow_update: bool = False, **options) -> int:  # fmt: skip
    """Run the Oxigraph server over ``graph_dir/store`` until SIGINT or SIGTERM (see
    :func:`duikou.serve.serve`); its exit code."""
    from duikou.serve import serve as run_server

    return run_server(graph_dir, host, port, allow_update, **options)


def push(graph_dir: str | Path, endpoint: str, **options):
    """Put every named graph of *graph_dir* into the SPARQL store behind *endpoint*
    (see :func:`duikou.push.push`); a :class:`~duikou.push.PushResult`."""
    from duikou.push import push as push_graphs

    return push_graphs(graph_dir, endpoint, **options)


def push_authorization(user: str | None, password_env: str, token_env: str | None) -> str | None:
    """The HTTP ``Authorization`` value from a user and environment variables (never printed)."""
    from duikou.push import auth_header

    return auth_header(user, password_env, token_env)


def display_url(url: str) -> str:
    """*url* without credentials, for messages."""
    from duikou.push import display_url as shown

    return shown(url)


def compact(iri: str) -> str:
    """An IRI as ``prefix:name`` where a known prefix fits (``dk:Transfer``)."""
    from duikou.ontology.namespace import compact as short

    return short(iri)
