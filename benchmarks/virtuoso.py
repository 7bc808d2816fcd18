"""A throw-away Virtuoso Open Source server for the peer benchmark.

:class:`Virtuoso` starts ``virtuoso-t`` (Debian's ``virtuoso-opensource``) on
127.0.0.1, on two free ports (SQL and HTTP), with its database in a temporary
folder of its own, loads a TriG file with the bulk loader (``ld_dir`` +
``rdf_loader_run`` through ``isql-vt``) and serves SPARQL at
``http://127.0.0.1:PORT/sparql``. Leaving the ``with`` block kills the server
and removes the folder, whatever happened; the server also dies with this
process (``PR_SET_PDEATHSIG``), so no Virtuoso outlives the benchmark.

The server's limits are lifted: Debian's defaults cut results at 10,000 rows
(``ResultSetMaxRows``), refuse a query whose *estimated* time is over 400 s
(``MaxQueryCostEstimationTime``) and return partial results after 60 s
(``MaxQueryExecutionTime``, an "anytime" answer that looks like a complete
one). Here the client's timeout is the only limit.

Where the binary is missing or the server does not come up, :class:`Unavailable`
says why in one line, so the caller can skip Virtuoso with a note.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from duikou.lifetime import preexec_die_with_parent

__all__ = ["Virtuoso", "Unavailable", "version"]

SERVER = "virtuoso-t"
ISQL = "isql-vt"
LOAD_GRAPH = "urn:duikou:bench:unnamed"
"""Where the bulk loader puts triples outside any named graph (a built store has none)."""

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {db}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


class Unavailable(RuntimeError):
    """Virtuoso cannot be used here; the message says why, in one line."""


def version(binary: str = SERVER) -> str:
    """The server's version (``7.2.5.3229``), or raise :class:`Unavailable`."""
    path = shutil.which(binary)
    if path is None:
        raise Unavailable(f"{binary} not found (install Debian's virtuoso-opensource)")
    try:
        out = subprocess.run([path, "-?"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Unavailable(f"{binary} does not run ({exc})") from None
    for line in (out.stdout + out.stderr).splitlines():
        if line.startswith("Version "):
            return line.split()[1].split("-")[0]
    raise Unavailable(f"{binary} -? printed no version")


class Virtuoso:
    """A Virtuoso server on 127.0.0.1 holding the quads of one TriG file.

    >>> with Virtuoso(trig) as server:      # doctest: +SKIP
    ...     run("class-counts", server.url)
    """

    def __init__(
        self,
        trig: Path,
        *,
        binary: str = SERVER,
        isql: str = ISQL,
        memory_mb: int = 400,
        start_timeout: float = 60.0,
    ):
        self.trig, self.binary, self.isql = Path(trig), binary, isql
        self.memory_mb, self.start_timeout = memory_mb, start_timeout
        self.process: subprocess.Popen | None = None
        self.folder: Path | None = None
        self.url = ""
        self.version = ""
        self.load_seconds = 0.0

    def __enter__(self) -> Virtuoso:
        try:
            self._start()
            self._load()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _start(self) -> None:
        self.version = version(self.binary)
        if shutil.which(self.isql) is None:
            raise Unavailable(f"{self.isql} not found (it comes with virtuoso-opensource)")
        self.folder = Path(tempfile.mkdtemp(prefix="duikou-virtuoso-"))
        self.sql_port, self.http_port = _free_port(), _free_port()
        buffers = self.memory_mb * 1024 // 8 // 2  # 8 kB pages, half of it for the buffers
        (self.folder / "virtuoso.ini").write_text(
            INI.format(
                db=self.folder,
                sql_port=self.sql_port,
                http_port=self.http_port,
                buffers=buffers,
                dirty=buffers * 3 // 4,
            )
        )
        self.log = open(self.folder / "server.out", "wb")  # noqa: SIM115 closed in stop()
        self.process = subprocess.Popen(
            [shutil.which(self.binary), "-c", "virtuoso.ini", "+foreground"],
            cwd=self.folder,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=preexec_die_with_parent(),
        )
        self.url = f"http://127.0.0.1:{self.http_port}/sparql"
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Unavailable(
                    f"{self.binary} exited ({self.process.returncode}): {self._tail()}"
                )
            if _answers(self.url):
                return
            time.sleep(0.2)
        raise Unavailable(f"{self.binary} did not answer within {self.start_timeout:g} s")

    def _load(self) -> None:
        """The TriG file through the bulk loader, then a checkpoint (as a user loads a dump)."""
        started = time.perf_counter()
        data = self.folder / "data.trig"
        try:
            os.link(self.trig, data)
        except OSError:
            shutil.copyfile(self.trig, data)
        script = (
            f"ld_dir('{self.folder}', 'data.trig', '{LOAD_GRAPH}');\n"
            "rdf_loader_run();\ncheckpoint;\n"
            # the marker is built by concat so that an echo of the statement does not match
            "select concat('LOAD', 'ERR ', ll_error) from DB.DBA.load_list "
            "where ll_state <> 2 or ll_error is not null;\n"
        )
        done = subprocess.run(
            [shutil.which(self.isql), f"127.0.0.1:{self.sql_port}", "dba", "dba"],
            input=script,
            capture_output=True,
            text=True,
            timeout=3600,
            preexec_fn=preexec_die_with_parent(),
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise Unavailable(f"loading into Virtuoso failed: {_first_error(done)}")
        if "LOADERR" in done.stdout:
            problem = done.stdout.split("LOADERR", 1)[1].strip().splitlines()[0][:200]
            raise Unavailable(f"Virtuoso's bulk loader did not load the file ({problem})")
        self.load_seconds = time.perf_counter() - started

    def stop(self) -> None:
        """Kill the server (no shutdown handshake: its database is thrown away) and clean up."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None
            self.log.close()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _tail(self) -> str:
        self.log.flush()
        text = (self.folder / "server.out").read_text(errors="replace").strip().splitlines()
        return text[-1][:200] if text else "no output"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK {}"})
    try:
        with urllib.request.urlopen(f"{url}?{query}", timeout=2) as answer:
            return answer.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _first_error(done: subprocess.CompletedProcess) -> str:
    for line in (done.stdout + done.stderr).splitlines():
        if "Error" in line:
            return line.strip()[:200]
    return f"isql exited {done.returncode}"
