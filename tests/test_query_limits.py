"""The time limit of a query: the timeout keyword, DUIKOU_QUERY_TIMEOUT and --timeout.

The slow queries are cross products over a small generated store. A timed-out
local query keeps running in its daemon thread: the COUNT one (no rows to stop
at) is sized to end by itself within seconds, the ones that give rows stop at
the next row after the deadline.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from duikou.cli import cli
from duikou.queries import (
    DEFAULT_TIMEOUT,
    TIMEOUT_ENV,
    QueryError,
    QueryTimeout,
    run,
    run_text,
)
from duikou.queries.named import parse_header

from support import fake_http_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EX = "http://example.org/"


def _store(n: int) -> ox.Store:
    store = ox.Store()
    graph = ox.NamedNode(EX + "g")
    p = ox.NamedNode(EX + "p")
    store.extend(ox.Quad(ox.NamedNode(f"{EX}s{i}"), p, ox.Literal(str(i)), graph) for i in range(n))
    return store


def _query_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "duikou-query"]


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv(TIMEOUT_ENV, raising=False)


def _timed(call):
    start = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        call()
    return caught.value, time.monotonic() - start


def test_slow_query_stops_at_the_limit_and_names_it():
    store = _store(250)  # 15 million combinations: seconds of work, ended by itself
    error, elapsed = _timed(lambda: run_text(COUNT, store, timeout=0.2))
    assert elapsed < 5
    assert isinstance(error, QueryError) and error.exit_code == 2
    message = str(error)
    assert "\n" not in message
    assert message.startswith("the query did not finish within the 0.2 s limit")
    assert "--timeout SECONDS" in message and TIMEOUT_ENV in message


def test_small_version_finishes_under_the_default():
    assert DEFAULT_TIMEOUT == 60
    assert run_text(COUNT, _store(20)) == [{"n": 20**3}]


def test_a_query_that_gives_rows_stops_its_thread_too():
    before = set(_query_threads())
    error, elapsed = _timed(lambda: run_text(ROWS, _store(3000), timeout=0.2))
    assert elapsed < 5 and "0.2 s limit" in str(error)
    deadline = time.monotonic() + 5
    while set(_query_threads()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not set(_query_threads()) - before


def test_rdflib_graph_has_the_limit_too():
    graph = rdflib.Graph()
    for i in range(200):
        graph.add((rdflib.URIRef(f"{EX}s{i}"), rdflib.URIRef(EX + "p"), rdflib.Literal(i)))
    error, elapsed = _timed(lambda: run_text(ROWS, graph, timeout=0.2))
    assert elapsed < 5 and "0.2 s limit" in str(error)


def test_environment_variable_is_honoured(monkeypatch):
    monkeypatch.setenv(TIMEOUT_ENV, "0.2")
    error, elapsed = _timed(lambda: run_text(ROWS, _store(3000)))
    assert elapsed < 5 and "within the 0.2 s limit" in str(error)
    # an explicit timeout wins over the environment; 0 is no limit
    assert run_text(COUNT, _store(20), timeout=0) == [{"n": 8000}]
    monkeypatch.setenv(TIMEOUT_ENV, "0")
    assert run_text(COUNT, _store(20)) == [{"n": 8000}]


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_bad_environment_value_names_the_variable(monkeypatch, value):
    monkeypatch.setenv(TIMEOUT_ENV, value)
    with pytest.raises(QueryError, match=TIMEOUT_ENV):
        run_text(COUNT, _store(2))


@pytest.mark.parametrize("value", [-1, "5", True])
def test_bad_timeout_keyword(value):
    with pytest.raises(QueryError, match="timeout="):
        run_text(COUNT, _store(2), timeout=value)


def test_cli_timeout_is_one_line_and_exit_2(sample_build, tmp_path):
    query = tmp_path / "slow.rq"
    query.write_text(ROWS, encoding="utf-8")
    start = time.monotonic()
    result = CliRunner().invoke(
        cli, ["sparql", str(query), "--graph", str(sample_build), "--timeout", "0.2"]
    )
    assert time.monotonic() - start < 5
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "within the 0.2 s limit" in lines[0]


def test_cli_timeout_option_on_named_queries(sample_build):
    runner = CliRunner()
    args = ["query", "pairings", "--graph", str(sample_build), "--format", "json"]
    assert runner.invoke(cli, [*args, "--timeout", "0"]).exit_code == 0
    assert runner.invoke(cli, [*args, "--timeout", "-1"]).exit_code == 2
    result = runner.invoke(cli, [*args, "--param", "timeout=1"])
    assert result.exit_code == 2 and "--timeout SECONDS" in result.output
    assert "DUIKOU_QUERY_TIMEOUT" in runner.invoke(cli, ["query", "pairings", "--help"]).output


def test_parameter_named_timeout_is_rejected():
    header = "# title: t\n# parameters: timeout (integer, default 5): seconds\nSELECT * {}\n"
    with pytest.raises(QueryError, match="timeout"):
        parse_header("slow", header)
    ok = parse_header("slow", header.replace("timeout (", "wait ("))
    assert [p.name for p in ok.parameters] == ["wait"]


class _SlowEndpoint(BaseHTTPRequestHandler):
    """Answers nothing until the test ends."""

    release = threading.Event()

    def do_POST(self):
        self.release.wait(10)
        self.send_response(503)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def slow_endpoint():
    _SlowEndpoint.release.clear()
    with fake_http_server(_SlowEndpoint) as base:
        try:
            yield f"{base}/query"
        finally:
            _SlowEndpoint.release.set()


def test_remote_timeout_gives_the_same_error(slow_endpoint):
    error, elapsed = _timed(lambda: run("pairings", slow_endpoint, timeout=0.2))
    assert elapsed < 5
    assert str(error).startswith("query 'pairings' did not finish within the 0.2 s limit")
