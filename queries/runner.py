"""Run queries, named or not, on any backend, always within a time limit.

One runner for every read: a folder written by ``duikou build`` (its Oxigraph
store, opened read-only), a ``pyoxigraph.Store``, an rdflib ``Graph`` or
``Dataset``, or a SPARQL 1.1 endpoint (a URL or an
:class:`~duikou.queries.endpoint.Endpoint`). Parameters are bound as RDF terms
of their declared type with pyoxigraph ``substitutions`` or rdflib
``initBindings`` (on an endpoint, substituted as escaped terms). A parameter
with a default is always bound (to its default when not given), so the
queries need no ``BOUND()`` tests; Oxigraph binds substitutions through the
projection, so the queries project their parameters and :func:`run` drops
them from the rows.

Every run has a time limit, given with the keyword ``timeout`` (seconds): by
default the environment variable ``DUIKOU_QUERY_TIMEOUT``, else 60 s; ``0``
means no limit. The analyses (exports, network, stats, the page) read through
here too, so every command has the limit.
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from duikou.errors import ParameterError, QueryError, QueryTimeout
from duikou.queries.named import Parameter, QueryInfo, describe, named_text
from duikou.queries.values import BOUND_AS, checked_value

__all__ = ["run", "run_text", "run_columns", "DEFAULT_TIMEOUT", "TIMEOUT_ENV"]

DEFAULT_TIMEOUT = 60.0
"""Seconds a query may run when neither ``timeout`` nor the environment says otherwise."""
TIMEOUT_ENV = "DUIKOU_QUERY_TIMEOUT"
XSD = "http://www.w3.org/2001/XMLSchema#"


def run(
    name: str, graph, /, *, timeout: float | None = None, engine: str | None = None, **params
) -> list[dict]:
    """Run the named query on *graph*; rows are dicts of plain Python values.

    *graph* is a folder written by ``duikou build`` (its store is opened
    read-only), a ``pyoxigraph.Store`` or an rdflib ``Graph``/``Dataset``
    (queried over the union of its graphs). *params* are bound by their declared
    type; an unknown or missing parameter or a value that is not of its type
    raises :class:`ParameterError`. IRIs and strings come back as ``str``,
    integers as ``int``, decimals as ``Decimal``, unbound values as ``None``.

    An rdflib graph is copied into an in-memory Oxigraph store
    (:func:`~duikou.queries.to_oxigraph.to_oxigraph`, named graphs kept) and
    queried there, which is many times faster than rdflib's engine and gives
    the same rows as the built store; ``engine="rdflib"`` runs rdflib's own
    SPARQL engine instead (slow, and a few named queries fail on it). To run
    many queries on one rdflib graph, copy it once with ``to_oxigraph`` and
    pass the store.

    *timeout* is the time limit in seconds: ``None`` takes ``$DUIKOU_QUERY_TIMEOUT``
    or else 60, ``0`` means no limit; a query that runs longer raises
    :class:`QueryTimeout`. On a local store or rdflib graph the query runs in a
    daemon thread; Oxigraph cannot be interrupted, so a timed-out query keeps
    running in that thread until it ends (stopping at its next row, if it gives
    rows). That is harmless in the CLI, where the process exits at once. On an
    endpoint the limit is the HTTP client's timeout.
    """
    return run_columns(name, graph, timeout=timeout, engine=engine, **params)[1]


def run_text(
    query: str, graph, /, *, timeout: float | None = None, engine: str | None = None, **params
) -> list[dict]:
    """Run any SELECT *query* text on *graph*, binding *params* as plain strings.

    A pyoxigraph term (on a Store) or an rdflib term (on an rdflib graph) is bound as it is.
    On an Oxigraph store a bound variable must be in the SELECT clause.
    *timeout* and *engine* are as in :func:`run` (so ``?timeout`` and ``?engine`` cannot be bound).
    """
    return run_columns(None, graph, query, timeout=timeout, engine=engine, **params)[1]


def run_columns(
    name: str | None,
    graph,
    query: str | None = None,
    /,
    *,
    timeout: float | None = None,
    memory: int | None = None,
    engine: str | None = None,
    **params,
) -> tuple[list[str], list[dict]]:
    """Like :func:`run` (or :func:`run_text` when *name* is None), with the column names.

    The columns are the query's projected variables (without its parameters),
    so a caller can write a header even when there are no rows. With *memory*
    (bytes) a query on a built folder runs in a child process that may use
    that much more memory and is killed at the time limit
    (:mod:`duikou.queries.isolate`, where the system allows it).
    """
    seconds = _limit(timeout)
    if engine not in (None, "oxigraph", "rdflib"):
        raise QueryError(f'engine={engine!r}: give "oxigraph" (the default) or "rdflib"')
    if name is None:
        bindings = {k: ("string", v) for k, v in params.items()}
        limit = _Limit(None, seconds, memory, engine)
        return _execute(query or "", graph, bindings, False, limit)
    info = describe(name)
    limit = _Limit(name, seconds, memory, engine)
    columns, rows = _execute(named_text(name), graph, _bindings(info, params), True, limit)
    if info.order:
        sort_rows(info.order, rows)
    return columns, rows


def sort_rows(order: tuple[str, ...], rows: list[dict]) -> None:
    """Sort *rows* in place as a ``# order:`` header says: by each column's value
    (:func:`_order_key`); ``COLUMN=""`` by whether the value is ``""`` (rows with
    another value first, as ``ORDER BY (?c = "")`` puts false before true);
    ``DESC(COLUMN)`` descending. One stable sort per key, the last key first, so
    rows equal on every key keep the order the store gave them.

    >>> rows = [{"d": "", "n": 1}, {"d": "2012", "n": 2}, {"d": "2011", "n": 2}]
    >>> sort_rows(('d=""', "d"), rows); [r["d"] for r in rows]
    ['2011', '2012', '']
    >>> sort_rows(("DESC(n)", "d"), rows); [r["d"] for r in rows]
    ['2011', '2012', '']
    """
    for key in reversed(order):
        if key.endswith('=""'):
            rows.sort(key=lambda row, column=key[:-3]: row.get(column) == "")
        elif key.startswith("DESC("):
            rows.sort(key=lambda row, column=key[5:-1]: _order_key(row.get(column)), reverse=True)
        else:
            rows.sort(key=lambda row, column=key: _order_key(row.get(column)))


def _order_key(value: object) -> tuple:
    """A sort key for one value: unbound first, then numbers, then text (IRIs and strings
    compare by code point, as in SPARQL's ORDER BY); see ``# order:`` in
    :mod:`duikou.queries.named`.

    >>> sorted([None, "b", 2, "a", None, 1], key=_order_key)
    [None, None, 1, 2, 'a', 'b']
    """
    if value is None:
        return (0,)
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return (1, value)
    return (2, str(value))


def _limit(timeout: float | None) -> float | None:
    """The time limit in seconds (None for none): *timeout*, else the environment, else 60."""
    if timeout is None:
        raw = os.environ.get(TIMEOUT_ENV, "").strip()
        if not raw:
            return DEFAULT_TIMEOUT
        setting = f"{TIMEOUT_ENV}={raw!r}"
        try:
            seconds = float(raw)
        except ValueError:
            seconds = math.nan
    else:
        setting = f"timeout={timeout!r}"
        number = isinstance(timeout, (int, float, Decimal)) and not isinstance(timeout, bool)
        seconds = float(timeout) if number else math.nan
    if math.isnan(seconds) or seconds < 0:
        raise QueryError(f"{setting}: give the time limit as seconds >= 0 (0 = no limit)")
    return None if seconds == 0 or math.isinf(seconds) else seconds


class _Limit:
    """The time limit of one run, from now: the query's name (for the message) and seconds."""

    def __init__(
        self,
        name: str | None,
        seconds: float | None,
        memory: int | None = None,
        engine: str | None = None,
    ):
        self.name, self.seconds, self.memory, self.engine = name, seconds, memory, engine
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def error(self) -> QueryTimeout:
        what = "the query" if self.name is None else f"query {self.name!r}"
        return QueryTimeout(
            f"{what} did not finish within the {self.seconds:g} s limit "
            f"(raise it with --timeout SECONDS or {TIMEOUT_ENV})"
        )

    def check(self) -> None:
        """Raise :class:`QueryTimeout` if the deadline has passed."""
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.error()

    def call(self, work: Callable[[], tuple[list[str], list[dict]]]):
        """*work()* in a daemon thread, waited for until the deadline.

        A thread left behind on timeout runs on until *work* ends (Oxigraph
        cannot be interrupted), or until its next :meth:`check`.
        """
        if self.deadline is None:
            return work()
        outcome: dict[str, object] = {}
        finished = threading.Event()

        def target() -> None:
            try:
                outcome["value"] = work()
            except BaseException as exc:  # handed over to the waiting thread
                outcome["error"] = exc
            finally:
                finished.set()

        threading.Thread(target=target, name="duikou-query", daemon=True).start()
        if not finished.wait(max(0.0, self.deadline - time.monotonic())):
            raise self.error()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]


def _bindings(info: QueryInfo, params: dict) -> dict[str, tuple[str, object]]:
    declared = {p.name: p for p in info.parameters}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise ParameterError(
            f"query {info.name!r} has no parameter {unknown[0]!r} (its parameters: {known})"
        )
    bindings = {}
    for parameter in info.parameters:
        if parameter.name in params:
            value = params[parameter.name]
        elif parameter.required:
            raise ParameterError(
                f"query {info.name!r} needs the parameter {parameter.name!r} "
                f"({parameter.type}): give it with --param {parameter.name}=VALUE"
            )
        else:
            value = _default(parameter)
        kind = BOUND_AS.get(parameter.type, parameter.type)
        bindings[parameter.name] = (kind, _checked(info.name, parameter, value))
    return bindings


def _default(parameter: Parameter) -> object:
    text = parameter.default or ""
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text


def _checked(query: str, parameter: Parameter, value: object) -> object:
    """The value as a Python value of the parameter's type (it is bound as a term later)."""
    if type(value).__module__.startswith("pyoxigraph"):
        value = value.value  # a NamedNode or Literal: its IRI or lexical form
    if not isinstance(value, (str, int, Decimal, float)) or isinstance(value, bool):
        value = str(value)
    if parameter.type in BOUND_AS:
        try:
            return checked_value(parameter.type, value)
        except ValueError as exc:
            raise ParameterError(
                f"query {query!r}: parameter {parameter.name!r} must be {exc}, not {value!r}"
            ) from None
    try:
        if parameter.type == "integer":
            if isinstance(value, float) or (
                isinstance(value, Decimal) and value != value.to_integral_value()
            ):
                raise ValueError
            number = int(str(value).strip()) if isinstance(value, str) else int(value)
            if not -(2**63) <= number < 2**63:
                raise ParameterError(
                    f"query {query!r}: parameter {parameter.name!r} must be an integer "
                    f"from -2^63 to 2^63-1 (what the store can compare), not {value!r}"
                )
            return number
        if parameter.type == "decimal":
            result = Decimal(str(value).strip())
            if not result.is_finite():
                raise ValueError
            return result
        if parameter.type == "iri":
            text = str(value)
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", text):
                raise ValueError
            return text
        return str(value)
    except (ValueError, InvalidOperation):
        raise ParameterError(
            f"query {query!r}: parameter {parameter.name!r} must be "
            f"{'an' if parameter.type[0] in 'aeiou' else 'a'} {parameter.type}, not {value!r}"
        ) from None


def _execute(
    query: str, graph, bindings: dict, drop: bool, limit: _Limit
) -> tuple[list[str], list[dict]]:
    import pyoxigraph as ox

    from duikou.queries.endpoint import Endpoint, is_endpoint

    rdflib_graph = hasattr(graph, "query") and hasattr(graph, "triples")
    if limit.engine == "rdflib" and not rdflib_graph:
        raise QueryError('engine="rdflib" runs only on an rdflib Graph or Dataset')
    if is_endpoint(graph):
        endpoint = graph if isinstance(graph, Endpoint) else Endpoint(graph)
        columns, rows = _run_endpoint(query, endpoint, bindings, limit)
    elif isinstance(graph, (str, Path)):
        from duikou.graph.store import open_store
        from duikou.queries import isolate

        if limit.memory and isolate.available():
            columns, rows = isolate.call(
                lambda store: _run_oxigraph(query, store, bindings, limit),
                prepare=lambda: open_store(graph),
                seconds=limit.seconds,
                memory=limit.memory,
                timeout_error=limit.error,
            )
        else:
            store = open_store(graph)
            columns, rows = limit.call(lambda: _run_oxigraph(query, store, bindings, limit))
    elif isinstance(graph, ox.Store):
        columns, rows = limit.call(lambda: _run_oxigraph(query, graph, bindings, limit))
    elif rdflib_graph and limit.engine == "rdflib":
        columns, rows = limit.call(lambda: _run_rdflib(query, graph, bindings, limit))
    elif rdflib_graph:
        columns, rows = limit.call(lambda: _run_copied(query, graph, bindings, limit))
    else:
        raise QueryError(
            f"cannot query a {type(graph).__name__}: give a built folder, "
            "a pyoxigraph Store or an rdflib Graph"
        )
    if drop:
        columns = [c for c in columns if c not in bindings]
        for row in rows:
            for key in bindings:
                row.pop(key, None)
    return columns, rows


def _run_copied(query: str, graph, bindings: dict, limit: _Limit) -> tuple[list[str], list[dict]]:
    """The query on an in-memory Oxigraph copy of the rdflib *graph*."""
    from duikou.queries.to_oxigraph import Terms, to_oxigraph

    try:
        store = to_oxigraph(graph)
    except ValueError as exc:
        raise QueryError(f'{_one_line(exc)} (run it with engine="rdflib")') from None
    limit.check()
    terms = Terms()
    bindings = {k: (t, terms(v) if hasattr(v, "n3") else v) for k, (t, v) in bindings.items()}
    return _run_oxigraph(query, store, bindings, limit)


def _run_oxigraph(query: str, store, bindings: dict, limit: _Limit) -> tuple[list[str], list[dict]]:
    import pyoxigraph as ox

    substitutions = {ox.Variable(k): _ox_term(t, v) for k, (t, v) in bindings.items()}
    try:
        solutions = store.query(
            query, use_default_graph_as_union=True, substitutions=substitutions or None
        )
    except (SyntaxError, ValueError, RuntimeError, OSError) as exc:
        raise QueryError(f"the query failed: {_one_line(exc)}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError("only SELECT queries give rows; this is an ASK, CONSTRUCT or DESCRIBE")
    names = [v.value for v in solutions.variables]
    rows = []
    # A term seen before is converted once: a fact's document, kind or year repeats
    # on many rows, and at tens of thousands of rows the conversion (a datatype and
    # a value read from each pyoxigraph term) costs as much as the query.
    converted: dict = {}
    try:
        for solution in solutions:
            limit.check()
            values = []
            for term in solution:
                if term is None:
                    values.append(None)
                    continue
                try:
                    values.append(converted[term])
                except KeyError:
                    value = converted[term] = _from_oxigraph(term)
                    values.append(value)
            rows.append(dict(zip(names, values, strict=True)))
    finally:
        # pyoxigraph's solutions must be dropped by the thread that made them, not by
        # the one that receives an error whose traceback holds this frame
        solutions = solution = None
    return names, rows


def _run_endpoint(query: str, endpoint, bindings: dict, limit: _Limit):
    """The query on a remote endpoint; bound terms are substituted as escaped RDF terms."""
    from duikou.queries.endpoint import EndpointTimeout

    terms = {k: _rdflib_term(t, v).n3() for k, (t, v) in bindings.items()}
    try:
        columns, rows = endpoint.select(query, terms, timeout=limit.seconds or 0)
    except EndpointTimeout:
        raise limit.error() from None
    return columns, [
        {c: None if row[c] is None else _python(*row[c]) for c in columns} for row in rows
    ]


def _rdflib_term(kind: str, value):
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD as XSD_NS

    if kind == "iri":
        return URIRef(str(value))
    if kind in ("integer", "decimal"):
        return Literal(str(value), datatype=XSD_NS[kind])
    return Literal(str(value))


def _ox_term(kind: str, value):
    import pyoxigraph as ox

    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if kind == "iri":
        return ox.NamedNode(value)
    if kind in ("integer", "decimal"):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + kind))
    return ox.Literal(str(value))


def _from_oxigraph(term) -> object:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _python(term.value, term.datatype.value)
    return term.value


def _run_rdflib(query: str, graph, bindings: dict, limit: _Limit) -> tuple[list[str], list[dict]]:
    from rdflib import Dataset, Literal, URIRef
    from rdflib.plugins.sparql import prepareQuery

    if isinstance(graph, Dataset) and not graph.default_union:
        graph = Dataset(store=graph.store, default_union=True)
    init = {}
    for key, (kind, value) in bindings.items():
        if hasattr(value, "n3"):
            init[key] = value
        elif kind == "iri":
            init[key] = URIRef(value)
        elif kind in ("integer", "decimal"):
            init[key] = Literal(str(value), datatype=URIRef(XSD + kind))
        else:
            init[key] = Literal(str(value))
    try:
        result = graph.query(prepareQuery(query), initBindings=init)
    except Exception as exc:  # rdflib raises pyparsing and assorted errors
        raise QueryError(f"the query failed: {_one_line(exc)}") from None
    if result.type != "SELECT":
        raise QueryError("only SELECT queries give rows; this is an ASK, CONSTRUCT or DESCRIBE")
    names = [str(v) for v in result.vars]
    rows = []
    for solution in result:
        limit.check()
        row = {}
        for name, term in zip(names, solution, strict=True):
            if term is None:
                row[name] = None
            elif isinstance(term, Literal):
                row[name] = _python(str(term), str(term.datatype or XSD + "string"))
            else:
                row[name] = str(term)
        rows.append(row)
    return names, rows


def _python(lexical: str, datatype: str) -> object:
    local = datatype[len(XSD) :] if datatype.startswith(XSD) else ""
    try:
        if local in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"):
            return int(lexical)
        if local == "decimal":
            return Decimal(lexical)
        if local in ("double", "float"):
            return float(lexical)
        if local == "boolean":
            return lexical in ("true", "1")
    except ValueError:
        pass
    return lexical


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
