"""Run SELECT queries on a remote SPARQL 1.1 endpoint, the same way as on the local store.

The protocol has no way to send bindings, so a bound value is substituted
into the query as an RDF term serialised by rdflib (quotes, braces and
backslashes escaped by ``n3()``), at the places where its variable stands —
the substitution of SPARQL's SEP-0007 that pyoxigraph applies locally. In the
top-level SELECT clause ``?name`` becomes ``(term AS ?name)``; in a sub-select's
it is dropped (a named query projects a parameter there so that Oxigraph binds
it inside; as a constant it needs no projection, and ``(term AS ?name)`` there
would clash with the one around it); elsewhere it becomes the term.
Strings, IRIs and comments of the query are left alone.

The endpoint must show the union of its named graphs as its default graph,
as ``duikou serve`` does (Oxigraph ``--union-default-graph``; Fuseki
``unionDefaultGraph``; Virtuoso and GraphDB do by default).

>>> substitute('SELECT ?x ?n WHERE { ?x ?p ?n FILTER(?n = ?n2) } # ?n', {"n": '"a\\\\"b"'})
'SELECT ?x ("a\\\\"b" AS ?n) WHERE { ?x ?p "a\\\\"b" FILTER("a\\\\"b" = ?n2) } # ?n'
"""

from __future__ import annotations

import re
from urllib.error import HTTPError, URLError

from SPARQLWrapper import JSON, POST, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from duikou.errors import EndpointError, EndpointTimeout
from duikou.version import __version__

__all__ = ["Endpoint", "EndpointError", "EndpointTimeout", "substitute", "is_endpoint"]

_XSD = "http://www.w3.org/2001/XMLSchema#"
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"  # IRIs (a "<" followed by a space is less-than)
    r"|#[^\n]*"  # comments
    r"|[?$][A-Za-z_][\w]*"  # variables
    r"|\bSELECT\b|\bWHERE\b|\bGROUP\s+BY\b|\bORDER\s+BY\b|\bHAVING\b|\bLIMIT\b|\bOFFSET\b|[{}]",
    re.IGNORECASE,
)


def is_endpoint(graph) -> bool:
    return isinstance(graph, Endpoint) or (
        isinstance(graph, str) and graph.startswith(("http://", "https://"))
    )


def substitute(query: str, bindings: dict[str, str]) -> str:
    """*query* with each variable of *bindings* replaced by its term (already N3-serialised)."""
    if not bindings:
        return query
    out, last, region, depth = [], 0, "pattern", 0
    for match in _TOKEN.finditer(query):
        token = match.group(0)
        keyword = " ".join(token.upper().split())
        if keyword == "SELECT":
            region = "select" if depth == 0 else "subselect"
        elif keyword in ("GROUP BY", "ORDER BY"):
            region = "condition"  # a bare IRI there would read as a function call
        elif keyword in ("WHERE", "HAVING", "LIMIT", "OFFSET") or token in "{}":
            region = "pattern"
            depth += {"{": 1, "}": -1}.get(token, 0)
        elif token[0] in "?$" and token[1:] in bindings:
            term = bindings[token[1:]]
            # A sub-select projects a bound variable only so that Oxigraph binds it there
            # too; written into the text it is a constant, and projecting it again would
            # clash with the projection around it, so it is dropped.
            replacement = {
                "select": f"({term} AS {token})",
                "subselect": "",
                "condition": f"({term})",
            }.get(region, term)
            out.append(query[last : match.start()])
            out.append(replacement)
            last = match.end()
    out.append(query[last:])
    return "".join(out)


class Endpoint:
    """A SPARQL 1.1 query endpoint, with optional basic or bearer credentials."""

    def __init__(
        self,
        url: str,
        *,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        timeout: float = 60,
        agent: str | None = None,
    ):
        self.url = url
        self.agent = agent or f"duikou/{__version__}"
        self._user, self._password, self._token = user, password, token
        self.timeout = timeout

    def __repr__(self) -> str:  # never shows credentials
        return f"Endpoint({self.url!r})"

    def select(
        self, query: str, bindings: dict[str, str] | None = None, *, timeout: float | None = None
    ):
        """``(columns, rows)`` of a SELECT; each value is ``(lexical, datatype IRI)`` or ``None``.

        Callers turn the pairs into Python values the way their local path does.
        *timeout* (seconds; ``None`` for this endpoint's own, ``0`` for no limit)
        bounds the connection and each wait for data; going past it raises
        :class:`EndpointTimeout`.
        """
        limit = self.timeout if timeout is None else timeout
        client = SPARQLWrapper(self.url, agent=self.agent)
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        # setTimeout() keeps whole seconds only (0.5 would become 0, which means no limit)
        client.timeout = limit or None
        if self._token:
            client.addCustomHttpHeader("Authorization", f"Bearer {self._token}")
        elif self._user:
            client.setCredentials(self._user, self._password or "")
        # Whole-line comments are dropped: SPARQLWrapper guesses the query type from the
        # text and takes a word such as "add" in a comment for an update.
        text = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))
        client.setQuery(substitute(text, bindings or {}))
        client.queryType = SELECT
        try:
            result = client.queryAndConvert()
        except Unauthorized:
            problem = "401 unauthorized (check the credentials)"
        except EndPointNotFound:
            problem = "404 not found (is this the query URL?)"
        except QueryBadFormed as exc:
            problem = f"the endpoint rejected the query ({_server_says(exc)})"
        except EndPointInternalError as exc:
            problem = f"the endpoint failed on the query ({_server_says(exc)})"
        except HTTPError as exc:
            problem = f"HTTP {exc.code} {exc.reason}"
        except (URLError, OSError, SPARQLWrapperException) as exc:
            if _timed_out(exc):
                raise EndpointTimeout(f"{self.url}: no answer within {limit:g} s") from None
            problem = f"cannot reach the endpoint ({getattr(exc, 'reason', exc)})"
        else:
            problem = None
        if problem is not None:
            raise EndpointError(f"{self.url}: {problem}")
        columns = result["head"].get("vars", [])
        rows = [
            {name: _pair(binding.get(name)) for name in columns}
            for binding in result["results"]["bindings"]
        ]
        return columns, rows

    def select_strings(self, query: str) -> list[dict[str, str]]:
        """The rows of a SELECT as dicts of lexical values (unbound values left out)."""
        columns, rows = self.select(query)
        return [{c: row[c][0] for c in columns if row[c] is not None} for row in rows]


def _server_says(exc: SPARQLWrapperException) -> str:
    """The first line of the server's answer (which construct it refused), else SPARQLWrapper's."""
    text = str(exc).strip()
    _, found, response = text.partition("Response:")
    if found:
        response = response.strip()
        if response[:2] in ("b'", 'b"'):  # SPARQLWrapper shows the body as a bytes literal
            response = response[2:-1].replace("\\n", "\n")
        first = response.strip().splitlines()[0].strip() if response.strip() else ""
        if first:
            return first[:200]
    return text.splitlines()[0][:200]


def _timed_out(exc: BaseException) -> bool:
    """Whether *exc* is a timeout: bare while reading, wrapped in URLError while connecting."""
    return isinstance(exc, TimeoutError) or isinstance(getattr(exc, "reason", None), TimeoutError)


def _pair(term: dict | None) -> tuple[str, str] | None:
    if term is None:
        return None
    if term["type"] in ("literal", "typed-literal"):
        return term["value"], term.get("datatype", _XSD + "string")
    return term["value"], ""
