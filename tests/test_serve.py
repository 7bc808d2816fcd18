"""`duikou serve` as a real subprocess on 127.0.0.1: read-only by default, stopped by SIGTERM."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from duikou.cli import cli
from duikou.serve import command, endpoint_urls, is_loopback

from support import free_port, invoke

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
INSERT = "INSERT DATA { GRAPH <urn:duikou:test> { <urn:a> <urn:b> <urn:c> } }"


@pytest.fixture
def built_copy(sample_build, tmp_path):
    """A copy of the sample build, so a writable server cannot change the shared one."""
    return shutil.copytree(sample_build, tmp_path / "out")


class Served:
    """`python -m duikou serve …` in a subprocess, stopped by pid."""

    def __init__(self, graph_dir, *extra: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        args = ["serve", "--graph", str(graph_dir), "--port", str(self.port), *extra]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "duikou", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        # The banner is printed once duikou's own readiness probe succeeds, which
        # can be after the server first answers us: wait for it, or a quick test
        # may stop the server before duikou has printed anything (a flaky test).
        self.lines: list[str] = []
        self.banner = threading.Event()
        self.reader = threading.Thread(target=self._read_output, daemon=True)
        self.reader.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.count()
                if self.banner.wait(timeout=max(0.0, deadline - time.monotonic())):
                    return
            except OSError:
                assert self.process.poll() is None, "duikou serve exited at start"
                time.sleep(0.1)
        self.stop()
        raise AssertionError(f"duikou serve did not answer on {self.base}")

    def _read_output(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)
            if "stop with Ctrl-C" in line:
                self.banner.set()

    def count(self) -> int:
        url = f"{self.base}/query?" + urllib.parse.urlencode({"query": COUNT})
        headers = {"Accept": "application/sparql-results+json"}
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5) as r:
            return int(json.load(r)["results"]["bindings"][0]["n"]["value"])

    def update(self, text: str) -> int:
        request = urllib.request.Request(
            f"{self.base}/update",
            data=text.encode(),
            method="POST",
            headers={"Content-Type": "application/sparql-update"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def stop(self) -> tuple[int, str]:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise
        self.reader.join(timeout=10)  # the pipe ends when the process has exited
        return code, "".join(self.lines)


def test_serve_is_read_only_by_default_and_stops_on_sigterm(built_copy):
    served = Served(built_copy)
    try:
        before = served.count()
        assert before > 0  # the union default graph: the named graphs are visible
        status = served.update(INSERT)
        assert not 200 <= status < 300
        assert served.count() == before
    finally:
        code, output = served.stop()
    assert code == 0
    assert f"query  {served.base}/query" in output
    assert "/update" not in output


def test_serve_accepts_updates_with_allow_update(built_copy):
    served = Served(built_copy, "--allow-update")
    try:
        before = served.count()
        assert 200 <= served.update(INSERT) < 300
        assert served.count() == before + 1
        # It holds the folder's writer lock: a build cannot swap the store away under it.
        result = invoke("build", "--out", built_copy, "--no-wait")
        assert result.exit_code == 2, result.output
        assert "another writer holds it" in result.stderr and "serve" in result.stderr
        assert 200 <= served.update(INSERT.replace("<urn:c>", "<urn:d>")) < 300
        assert served.count() == before + 2
    finally:
        code, output = served.stop()
    assert code == 0
    assert f"update {served.base}/update" in output


def test_missing_store_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--graph", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "run `duikou build" in result.output


def test_command_line():
    assert command("out", "127.0.0.1", 7000, allow_update=True, union_default_graph=False) == [
        "oxigraph", "serve", "--location", os.path.join("out", "store"), "--bind", "127.0.0.1:7000"
    ]  # fmt: skip
    assert command("out", "::1", 7000)[5] == "[::1]:7000"
    assert endpoint_urls("127.0.0.1", 7000) == {
        "query": "http://127.0.0.1:7000/query",
        "store": "http://127.0.0.1:7000/store",
    }
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0")
