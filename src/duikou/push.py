"""Push a built folder's named graphs into any SPARQL 1.1 store.

Each named graph of a built folder (one per document, the ontology's, and the
Wikidata links if any, read from its chunks as ``duikou export rdf`` reads
them) goes to the store with the Graph Store HTTP Protocol: ``PUT
{store}?graph={IRI}`` with an N-Triples body, so pushing twice replaces a
graph rather than duplicating it. A store without the protocol
(``PUT`` answers 404, 405 or 501) gets SPARQL Update instead:
``DROP SILENT GRAPH <g>`` and ``INSERT DATA`` in batches, the first batch in
the same request as the ``DROP``.

Terms are written by pyoxigraph's N-Triples serializer, never by formatting
strings: N-Triples is also valid inside ``INSERT DATA``. Triples with blank
nodes travel in one batch, so a blank node stays one node.

Credentials come from environment variables and go only into the
``Authorization`` header; no message repeats a header or a password.
"""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import HTTPHandler, HTTPSHandler, Request, build_opener

import pyoxigraph as ox

from duikou.errors import DuikouError, GraphError
from duikou.graph.union import open_union
from duikou.version import __version__

__all__ = [
    "BATCH",
    "PushError",
    "PushResult",
    "auth_header",
    "default_urls",
    "display_url",
    "push",
    "read_graphs",
]

BATCH = 5000
NO_GRAPH_STORE = (404, 405, 501)
USER_AGENT = f"duikou/{__version__} (push)"

Progress = Callable[[int, int, str | None, int, str], None]


class PushError(DuikouError):
    """The store could not be reached or refused the data."""

    exit_code = 2


@dataclass
class PushResult:
    """What went where: ``graphs`` lists (graph IRI, triples, "gsp" or "update")."""

    endpoint: str
    graphs: list[tuple[str, int, str]] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(count for _, count, _ in self.graphs)


def default_urls(endpoint: str) -> tuple[str, str]:
    """The Graph Store and Update URLs next to a query *endpoint*.

    >>> default_urls("http://localhost:7878/query")
    ('http://localhost:7878/store', 'http://localhost:7878/update')
    >>> default_urls("http://localhost:8890/sparql")
    ('http://localhost:8890/store', 'http://localhost:8890/sparql')
    >>> default_urls("http://localhost:3030/ds")
    ('http://localhost:3030/ds', 'http://localhost:3030/ds')
    """
    parts = urlsplit(endpoint)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last not in ("query", "sparql"):
        return endpoint, endpoint
    sibling = lambda name: urlunsplit(parts._replace(path=f"{head}/{name}", query=""))  # noqa: E731
    return sibling("store"), sibling("update") if last == "query" else endpoint


def auth_header(
    user: str | None = None,
    password_env: str = "DUIKOU_PASSWORD",
    token_env: str | None = None,
) -> str | None:
    """The ``Authorization`` header value, read from the environment (``None``: no auth)."""
    if user and token_env:
        raise PushError("give --user or --token-env, not both")
    if token_env:
        return f"Bearer {_env(token_env)}"
    if user:
        pair = f"{user}:{_env(password_env)}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")
    return None


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise PushError(f"environment variable {name} is not set (it should hold the secret)")
    return value


def read_graphs(graph_dir: str | Path) -> dict[str, list[ox.Triple]]:
    """The triples of each named graph of a built folder, keyed by graph IRI."""
    graphs: dict[str, list[ox.Triple]] = {}
    union = open_union(graph_dir, "trig")
    try:
        with union:
            for quad in ox.parse(union, format=ox.RdfFormat.TRIG):
                if isinstance(quad.graph_name, ox.NamedNode):
                    graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    except (SyntaxError, OSError) as exc:
        raise GraphError(f"{graph_dir}: not readable TriG ({exc})") from None
    return graphs


def push(
    graph_dir: str | Path,
    endpoint: str,
    *,
    store_url: str | None = None,
    update_url: str | None = None,
    authorization: str | None = None,
    timeout: float = 60,
    batch: int = BATCH,
    graph_store: bool = True,
    progress: Progress | None = None,
) -> PushResult:
    """Put every named graph of *graph_dir* into the store behind *endpoint*.

    *progress*, if given, is called as ``progress(done, total, iri, triples,
    method)`` before the first graph (``iri`` None) and after each one.
    Without *graph_store* every graph goes through SPARQL Update.
    """
    graphs = read_graphs(graph_dir)
    guessed_store, guessed_update = default_urls(endpoint)
    client = _Client(authorization, timeout)
    store_url, update_url = store_url or guessed_store, update_url or guessed_update
    result = PushResult(endpoint=endpoint)
    if progress:
        progress(0, len(graphs), None, 0, "")
    use_gsp = graph_store
    for done, (iri, triples) in enumerate(graphs.items(), start=1):
        if use_gsp:
            use_gsp = _put(client, store_url, iri, triples)
        if not use_gsp:
            _update(client, update_url, iri, triples, batch)
        method = "gsp" if use_gsp else "update"
        result.graphs.append((iri, len(triples), method))
        if progress:
            progress(done, len(graphs), iri, len(triples), method)
    return result


def _put(client: _Client, store_url: str, iri: str, triples: list[ox.Triple]) -> bool:
    """PUT one graph; False if the store has no Graph Store protocol there."""
    separator = "&" if urlsplit(store_url).query else "?"
    url = f"{store_url}{separator}graph={quote(iri, safe='')}"
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    try:
        client.send("PUT", url, body, "application/n-triples", shown=store_url)
    except _Status as status:
        if status.code in NO_GRAPH_STORE:
            return False
        raise status.error() from None
    return True


def _update(client: _Client, update_url: str, iri: str, triples: list[ox.Triple], batch: int):
    graph = str(ox.NamedNode(iri))
    plain = [t for t in triples if not _has_blank(t)]
    blank = [t for t in triples if _has_blank(t)]
    batches = [plain[i : i + batch] for i in range(0, len(plain), batch)]
    if blank:
        batches.append(blank)
    requests = [f"DROP SILENT GRAPH {graph}"]
    for i, chunk in enumerate(batches):
        data = ox.serialize(chunk, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        insert = f"INSERT DATA {{ GRAPH {graph} {{\n{data}}} }}"
        if i == 0:
            requests[0] += f" ;\n{insert}"
        else:
            requests.append(insert)
    for text in requests:
        try:
            client.send("POST", update_url, text.encode(), "application/sparql-update")
        except _Status as status:
            raise status.error() from None


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def display_url(url: str) -> str:
    """*url* without user information or query string, safe to print."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


class _Status(Exception):
    """A non-2xx answer, before it becomes a PushError."""

    def __init__(self, code: int, url: str, detail: str):
        self.code, self.url, self.detail = code, url, detail

    def error(self) -> PushError:
        if self.code == 401:
            return PushError(f"401 unauthorized at {self.url} (check --user/--token-env)")
        if self.code == 403:
            return PushError(f"403 forbidden at {self.url} (the credentials may not write)")
        if self.code == 404:
            return PushError(f"404 not found: {self.url} (check --endpoint/--update-url)")
        detail = f": {self.detail}" if self.detail else ""
        return PushError(f"{self.code} from {self.url}{detail}")


class _Client:
    """Sends one request at a time, each within *timeout* seconds in all.

    The socket's own timeout bounds each wait; a timer shuts the socket down
    when the whole request (connecting, sending, the answer's last byte) has
    taken *timeout*, so a store that answers a byte at a time cannot hold a
    push forever.
    """

    def __init__(self, authorization: str | None, timeout: float):
        self.authorization = authorization
        self.timeout = timeout

    def send(self, method: str, url: str, body: bytes, content_type: str, shown: str = ""):
        shown = display_url(shown or url)
        headers = {"Content-Type": content_type, "User-Agent": USER_AGENT}
        if self.authorization:
            headers["Authorization"] = self.authorization
        request = Request(url, data=body, method=method, headers=headers)
        deadline = _Deadline(self.timeout)
        opener = build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline))
        try:
            with deadline, opener.open(request, timeout=self.timeout) as response:
                while response.read(65536):
                    pass
        except HTTPError as exc:
            if deadline.expired:
                raise self._late(shown) from None
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())[:200]
            raise _Status(exc.code, shown, detail) from None
        except TimeoutError:
            raise self._late(shown) from None
        except URLError as exc:
            if deadline.expired or isinstance(exc.reason, TimeoutError):
                raise self._late(shown, "reaching") from None
            raise PushError(f"cannot reach {shown} ({exc.reason})") from None
        except (ConnectionError, OSError, HTTPException) as exc:
            if deadline.expired:
                raise self._late(shown) from None
            raise PushError(f"cannot reach {shown} ({exc or type(exc).__name__})") from None
        if deadline.expired:  # the answer was cut at the deadline but looked complete
            raise self._late(shown)

    def _late(self, shown: str, doing: str = "waiting for") -> PushError:
        return PushError(f"timed out after {self.timeout:g}s {doing} {shown}")


class _Deadline:
    """A timer that shuts down the request's sockets when its time is up."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.connections: list = []
        self.expired = False
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True

    def __enter__(self):
        self.timer.start()
        return self

    def __exit__(self, *_exc):
        self.timer.cancel()

    def connection(self, kind):
        def make(host, **options):
            connection = kind(host, **options)
            self.connections.append(connection)
            return connection

        return make

    def _expire(self) -> None:
        self.expired = True
        for connection in self.connections:
            sock = connection.sock
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class _HTTPHandler(HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):
        return self.do_open(self.deadline.connection(HTTPConnection), req)


class _HTTPSHandler(HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, req):
        return self.do_open(self.deadline.connection(HTTPSConnection), req, context=self._context)
