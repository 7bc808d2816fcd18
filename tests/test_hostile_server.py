"""`duikou serve` against hostile requests, as a real process with a real Oxigraph server.

Host headers of other names (DNS rebinding) get 403, SERVICE gets 400, bodies
over --max-body 413, a query past --timeout 503 with its Oxigraph server
restarted (its CPU freed), and kill -9 of serve leaves no Oxigraph behind.
Every wait polls with a generous deadline: the machine may be busy.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from support import alive, children, free_port, wait_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

ASK = "ASK {}"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TIMEOUT = 3


class Serve:
    """`python -m duikou serve` on a free port; its Oxigraph child's pid in ``oxigraph``."""

    def __init__(self, graph_dir, *extra: str):
        self.port = free_port()
        args = ["serve", "--graph", str(graph_dir), "--port", str(self.port), *extra]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "duikou", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.banner = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self.banner.wait(60):
            self.kill()
            raise AssertionError("duikou serve printed no banner within 60 s")

    def _read(self) -> None:
        for line in self.process.stdout:
            if "stop with Ctrl-C" in line:
                self.banner.set()

    def oxigraph(self) -> list[int]:
        return [p for p in children(self.process.pid) if _comm(p) == "oxigraph" and alive(p)]

    def request(self, method="GET", path="/query", body=b"", headers=None, timeout=60):
        """(status, body text) of one request."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body or None, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def query(self, text: str, **options):
        return self.request(path="/query?" + urllib.parse.urlencode({"query": text}), **options)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
            raise


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


@pytest.fixture
def served(sample_build):
    server = Serve(sample_build, "--timeout", str(TIMEOUT), "--max-body", "4k")
    yield server
    server.stop()


def test_host_header_must_name_this_server(served):
    assert served.query(ASK)[0] == 200
    assert served.query(ASK, headers={"Host": f"localhost:{served.port}"})[0] == 200
    status, text = served.query(ASK, headers={"Host": f"attacker.example:{served.port}"})
    assert status == 403
    assert len(text.strip().splitlines()) == 1
    assert served.query(ASK, headers={"Host": "127.0.0.1:1"})[0] == 403  # another port


def test_service_is_refused_in_one_line(served):
    remote = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, text = served.query(remote)
    assert status == 400
    assert text.strip().splitlines() == [text.strip()]
    assert "SERVICE" in text and "--allow-service" in text
    form = urllib.parse.urlencode({"query": remote.lower()}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert served.request("POST", body=form, headers=headers)[0] == 400
    headers = {"Content-Type": "application/sparql-query"}
    assert served.request("POST", body=remote.encode(), headers=headers)[0] == 400
    # the word in a literal or a comment is no SERVICE clause
    assert served.query('SELECT * WHERE { BIND("SERVICE" AS ?x) } # SERVICE <x>')[0] == 200


def test_body_over_the_limit_is_413(served):
    big = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 8000).encode()
    headers = {"Content-Type": "application/sparql-query"}
    assert served.request("POST", body=big, headers=headers)[0] == 413
    small = b"SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    assert served.request("POST", body=small, headers=headers)[0] == 200


def test_a_query_past_the_timeout_is_stopped_and_its_cpu_freed(served):
    (before,) = served.oxigraph()
    started = time.monotonic()
    status, text = served.query(CROSS, timeout=120)
    elapsed = time.monotonic() - started
    assert status == 503, text
    assert "limit" in text
    assert elapsed < TIMEOUT + 20
    # the Oxigraph server that ran the query is gone, a new one answers
    assert wait_for(lambda: not alive(before), 30)
    assert wait_for(lambda: served.query(ASK, timeout=10)[0] == 200, 60)
    (after,) = served.oxigraph()
    assert after != before


def test_kill_9_of_serve_takes_oxigraph_along(sample_build):
    server = Serve(sample_build)
    try:
        (oxigraph,) = server.oxigraph()
        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=30)
        assert wait_for(lambda: not alive(oxigraph), 30), "oxigraph outlived duikou serve"
    finally:
        server.kill()


def test_sigterm_of_serve_stops_oxigraph_and_exits_0(sample_build):
    server = Serve(sample_build)
    (oxigraph,) = server.oxigraph()
    assert server.stop() == 0
    assert wait_for(lambda: not alive(oxigraph), 30)
