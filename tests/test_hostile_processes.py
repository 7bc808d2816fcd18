"""Nothing left running, everything bounded: builds, local queries and push as real processes.

SIGKILL or SIGTERM of `duikou build -j2` leaves no worker behind; local
`duikou sparql` refuses SERVICE and updates and bounds memory and time; push's
--timeout holds against a store that answers one byte at a time. Waits poll
with generous deadlines: the machine may be busy.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from duikou import api

from support import alive, fake_http_server, invoke, wait_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HUGE_SORT = "SELECT ?a ?b ?d { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?b ?d ?f"


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                for child in map(int, task.read_text().split()):
                    if child not in found:
                        found.add(child)
                        todo.append(child)
    return found


# --- builds ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chapters(tmp_path_factory) -> list[Path]:
    """Eight different chapters (the sample with a line of its own), a few seconds each."""
    folder = tmp_path_factory.mktemp("chapters")
    text = api.sample_path().read_text(encoding="utf-8")
    paths = []
    for i in range(8):
        path = folder / f"chapter-{i}.txt"
        path.write_text(f"{text}\n    Note {i}.\n", encoding="utf-8")
        paths.append(path)
    return paths


def start_build(chapters, out: Path) -> tuple[subprocess.Popen, set[int]]:
    """`duikou build -j2` running, and its processes once both workers have started: the
    workers, the fork server they are forked from and multiprocessing's resource tracker."""
    process = subprocess.Popen(
        [sys.executable, "-m", "duikou", "build", *map(str, chapters), "--out", str(out)]
        + ["-j", "2", "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    assert wait_for(lambda: len(descendants(process.pid)) >= 4, 60), "no workers started"
    return process, descendants(process.pid)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_build_leaves_no_workers_and_no_output(chapters, tmp_path, signum):
    out = tmp_path / "out"
    process, workers = start_build(chapters, out)
    assert process.poll() is None, "the build ended before it could be stopped"
    os.kill(process.pid, signum)
    code = process.wait(timeout=60)
    assert code != 0
    assert wait_for(lambda: not any(alive(p) for p in workers), 30), "workers outlived the build"
    assert not out.exists()
    if signum == signal.SIGTERM:  # a clean stop also removes its work folder
        assert code == 128 + signal.SIGTERM
        # Only the writer lock beside the folder (duikou.graph.lock) stays, and it is free.
        assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock"]
        assert (tmp_path / ".out.lock").read_text() == ""


# --- local queries --------------------------------------------------------------------------


def one_line_error(result, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def test_local_sparql_refuses_service(sample_build):
    text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    result = invoke("sparql", "-", "--graph", sample_build, input=text)
    one_line_error(result, "SERVICE", "--allow-service")
    # the word in a string is no SERVICE clause
    quoted = 'SELECT ?x WHERE { BIND("SERVICE" AS ?x) }'
    assert invoke("sparql", "-", "--graph", sample_build, input=quoted).exit_code == 0


def test_local_sparql_refuses_updates_from_stdin(sample_build):
    text = "PREFIX ex: <http://example.org/>\nINSERT DATA { ex:a ex:b ex:c }"
    result = invoke("sparql", "-", "--graph", sample_build, input=text)
    one_line_error(result, "updates are not allowed here")


def test_a_limit_past_int64_is_an_error_not_zero_rows(sample_build):
    for value in (str(2**63), str(10**30)):
        result = invoke(
            "query", "top-recipients", "--graph", sample_build, "--param", f"limit={value}"
        )
        one_line_error(result, "limit", "9223372036854775807")
    result = invoke(
        "query", "top-recipients", "--graph", sample_build, "--param", f"limit={2**63 - 1}"
    )
    assert result.exit_code == 0, result.output


def test_local_sparql_memory_is_bounded(sample_build):
    started = time.monotonic()
    result = invoke(
        "sparql", "-", "--graph", sample_build, "--max-memory", "200M", "--timeout", "120",
        input=HUGE_SORT,
    )  # fmt: skip
    one_line_error(result, "memory", "--max-memory")
    assert time.monotonic() - started < 100


def test_local_sparql_timeout_stops_the_query(sample_build):
    before = descendants(os.getpid())
    started = time.monotonic()
    result = invoke("sparql", "-", "--graph", sample_build, "--timeout", "2", input=CROSS)
    one_line_error(result, "2 s limit")
    assert time.monotonic() - started < 30
    # the query ran in a child process, which was killed: nothing of it is left
    assert wait_for(lambda: not any(alive(p) for p in descendants(os.getpid()) - before), 30)


# --- push -----------------------------------------------------------------------------------


class Trickle(BaseHTTPRequestHandler):
    """Answers every request one byte a second, for a minute at most."""

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        answer = b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100000
        for byte in answer[:60]:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(1)

    do_POST = do_PUT

    def log_message(self, *_args):
        pass


def test_push_timeout_is_a_total_deadline(sample_build):
    with fake_http_server(Trickle) as base:
        started = time.monotonic()
        result = invoke(
            "push", "--endpoint", f"{base}/query", "--graph", sample_build, "--timeout", "3"
        )
        elapsed = time.monotonic() - started
    one_line_error(result, "timed out after 3s")
    assert elapsed < 20
