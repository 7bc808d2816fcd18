"""`duikou push` against a real Oxigraph server on 127.0.0.1 (and two tiny fake stores)."""

from __future__ import annotations

import json
import socket
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler

import pyoxigraph as ox
import pytest

from duikou.push import PushError, auth_header, default_urls, push

from support import OxigraphServer, fake_http_server, free_port, invoke, union_file

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SECRET = "s3cret-token-value-4711"


@pytest.fixture
def server(tmp_path):
    """A writable, empty Oxigraph server (one per test, so counts start at zero)."""
    oxigraph = OxigraphServer(tmp_path / "store").start()
    yield oxigraph
    oxigraph.stop()


def remote_count(base: str) -> int:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": COUNT})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        rows = json.load(response)["results"]["bindings"]
    return int(rows[0]["n"]["value"])


def local_quads(build) -> int:
    quads = ox.parse(path=str(union_file(build, "nq")), format=ox.RdfFormat.N_QUADS)
    return sum(1 for q in quads if isinstance(q.graph_name, ox.NamedNode))


def test_pushing_twice_leaves_the_count_unchanged(server, sample_build):
    args = ["push", "--endpoint", f"{server.base}/query", "--graph", str(sample_build)]
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    assert "via Graph Store protocol" in first.output
    count = remote_count(server.base)
    assert count == local_quads(sample_build) > 0
    second = invoke(*args)
    assert second.exit_code == 0, second.output
    assert remote_count(server.base) == count
    assert f"pushed 2 graph(s), {count} triples" in second.output


def test_falls_back_to_sparql_update_without_graph_store(server, sample_build):
    """A store URL that answers 404 sends the data through /update, in batches."""
    result = push(
        sample_build,
        f"{server.base}/query",
        store_url=f"{server.base}/nostore",
        batch=1000,  # several INSERT DATA per graph
    )
    assert {method for _, _, method in result.graphs} == {"update"}
    count = remote_count(server.base)
    assert count == result.triples == local_quads(sample_build)
    push(sample_build, f"{server.base}/query", store_url=f"{server.base}/nostore")
    assert remote_count(server.base) == count  # DROP then INSERT: replaced, not doubled


def test_the_ontology_graph_is_pushed_too(server, sample_build):
    push(sample_build, f"{server.base}/query")
    query = "ASK { GRAPH <https://w3id.org/duikou/ontology> { ?s ?p ?o } }"
    url = f"{server.base}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert json.load(response)["boolean"] is True


class _Unauthorized(BaseHTTPRequestHandler):
    def _deny(self):
        # read the body first, as a real store does: answering before it is read
        # makes the client's upload fail with a broken pipe instead of the 401
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Bearer realm="test"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT = do_POST = _deny

    def log_message(self, *_args):
        pass


@pytest.fixture
def unauthorized():
    with fake_http_server(_Unauthorized) as base:
        yield base


@pytest.mark.parametrize(
    ("auth", "env"),
    [
        (["--token-env", "DUIKOU_TEST_TOKEN"], {"DUIKOU_TEST_TOKEN": SECRET}),
        (["--user", "alice"], {"DUIKOU_PASSWORD": SECRET}),  # basic auth: the password
    ],
    ids=["token", "basic"],
)
def test_401_is_one_line_exit_2_and_never_shows_the_secret(unauthorized, sample_build, auth, env):
    args = ["push", "--endpoint", f"{unauthorized}/query", "--graph", str(sample_build)]
    result = invoke(*args, *auth, env=env)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [f"Error: 401 unauthorized at {unauthorized}/store (check --user/--token-env)"]
    assert SECRET not in result.output


def test_unreachable_endpoint_is_one_line_exit_2(sample_build):
    port = free_port()  # nothing listens there
    result = invoke(
        "push", "--endpoint", f"http://127.0.0.1:{port}/query", "--graph", str(sample_build)
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: cannot reach http://127.0.0.1:{port}/store (")


def test_a_silent_store_times_out(sample_build):
    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        result = invoke(
            "push", "--endpoint", f"http://127.0.0.1:{port}/query", "--graph", str(sample_build),
            "--timeout", "0.2",
        )  # fmt: skip
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: timed out after 0.2s waiting for http://127.0.0.1:{port}/store"
    ]


def test_missing_secret_names_the_variable(sample_build, monkeypatch):
    monkeypatch.delenv("DUIKOU_NO_SUCH_TOKEN", raising=False)
    with pytest.raises(PushError, match="DUIKOU_NO_SUCH_TOKEN is not set"):
        auth_header(token_env="DUIKOU_NO_SUCH_TOKEN")


def test_user_info_in_the_url_is_not_printed(sample_build):
    port = free_port()
    result = invoke(
        "push", "--endpoint", f"http://bob:{SECRET}@127.0.0.1:{port}/query",
        "--graph", str(sample_build),
    )  # fmt: skip
    assert result.exit_code == 2
    assert SECRET not in result.output


@pytest.mark.parametrize(
    ("endpoint", "store", "update"),
    [
        ("http://h:7878/query", "http://h:7878/store", "http://h:7878/update"),
        ("http://h/ds/sparql", "http://h/ds/store", "http://h/ds/sparql"),
        ("http://h/repositories/r", "http://h/repositories/r", "http://h/repositories/r"),
    ],
)
def test_default_urls(endpoint, store, update):
    assert default_urls(endpoint) == (store, update)


def test_no_graph_store_goes_straight_to_update(server, sample_build):
    args = ["push", "--endpoint", f"{server.base}/query", "--graph", str(sample_build)]
    result = invoke(*args, "--no-graph-store")
    assert result.exit_code == 0, result.output
    assert "(update)" in result.output and "via SPARQL Update)" in result.output
    assert remote_count(server.base) == local_quads(sample_build)
