"""Test data and helpers shared by several test modules (test modules never import each other)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A chapter written for the tests: other provinces than the sample, CRLF line
# endings, a BOM, an em dash, a spaced hyphen, a sub-heading that lost its
# opening bracket, non-breaking and full-width spaces, curly quotes, an
# attribution with unbalanced brackets, and a Chinese site footer.
SYNTHETIC_LINES = [
    "\ufeffEast-West Pairing-off Cooperation for Poverty Reduction",
    "",
    "    Overview",
    "\u00a0",
    "    In 2015, the eastern provinces helped the west. Mr. Zhao of Huaxin Co., Ltd. spoke.",
    "    (Office of Test Affairs, LGOP)",
    "",
    "    Hainan\u2014Tibet Autonomous Region Pairing-off Poverty Alleviation",
    "\u3000",
    "    【Overview】 In 2015, Hainan allocated 3.5 million yuan to Nyingchi. It built 2 schools.",
    "    Fund allocation】 According to \u201cGuo Fa (2012) No.2\u201d, Hainan gave 1\u2030 of revenue.",
    "\u00a0\u00a0 (Li Ming, (Hainan Provincial Office of Cooperation)",
    "",
    "    Anhui -Xinjiang Uygur Autonomous Region Pairing-off Poverty Alleviation",
    "    【Exchange visits】 On May 3, Governor Wang visited Hotan. The two sides signed an agreement.",
    "    Second paragraph of the visits.",
    "    (Anhui Provincial Poverty Alleviation Office",
    "",
    "\u626b\u63cf\u4e0b\u8f7d\u624b\u673a\u5ba2\u6237\u7aef",
    "\u7248\u6743\u6240\u6709\u00a9\u4e2d\u56fd\u56fd\u9645\u6276\u8d2b\u4e2d\u5fc3 \u4eac ICP \u5907 2020 \u53f7",
]


def synthetic_bytes() -> bytes:
    return ("\r\n".join(SYNTHETIC_LINES) + "\r\n").encode("utf-8")


def folder_digest(folder) -> str:
    """SHA-256 over every file's relative path and bytes: changes if anything in the folder does."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_snapshot(out) -> dict:
    """What a built folder holds: every file's bytes but the store's, the store's quads, and
    the bytes of the union that ``duikou export rdf`` writes in each format.

    The store's files differ between two loads of the same quads, so its
    quads are compared instead (without blank nodes, which get new labels at
    every load: only the ontology's lists have them).
    """
    import pyoxigraph as ox

    from duikou.api import RDF_FORMATS, open_rdf

    files = {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "store" not in p.relative_to(out).parts
    }
    store = ox.Store.read_only(str(out / "store"))
    quads = sorted(str(q) for q in store if not any(isinstance(t, ox.BlankNode) for t in q))
    exports = {}
    for fmt in RDF_FORMATS:
        with open_rdf(out, fmt=fmt) as union:
            exports[fmt] = union.read()
    return {"files": files, "quads": quads, "exports": exports}


def union_file(folder, fmt: str = "ttl", target=None) -> Path:
    """The union of a built folder's graphs written by ``duikou export rdf`` to *target*
    (default: ``graph.FMT`` beside the folder, for rdflib and the Oxigraph server to read)."""
    from duikou.api import export_rdf

    folder = Path(folder)
    target = Path(target) if target else folder.parent / f"{folder.name}-graph.{fmt}"
    export_rdf(target, folder, fmt=fmt)
    return target


def union_graph(folder):
    """The union of a built folder's graphs as one rdflib Graph (``export rdf --format ttl``)."""
    from rdflib import Graph

    from duikou.api import open_rdf

    with open_rdf(folder, fmt="ttl") as union:
        return Graph().parse(union, format="turtle")


def union_dataset(folder):
    """A built folder's named graphs as an rdflib Dataset (``export rdf --format trig``)."""
    from rdflib import Dataset

    from duikou.api import open_rdf

    with open_rdf(folder, fmt="trig") as union:
        return Dataset().parse(union, format="trig")


def folder_of_graph(graph, folder, *, turtle: bytes | None = None) -> Path:
    """A folder laid out as a build leaves it, holding *graph* (an rdflib Graph) as its
    one document's chunk, or the raw *turtle* given; no store. For the readers of the
    chunks (``validate``, ``export rdf``) on graphs a build would never write."""
    import json

    from duikou.graph.chunk_files import HEADER, ONTOLOGY_CHUNK, chunk_name, pack
    from duikou.graph.output import FORMAT
    from duikou.graph.turtle import body

    folder = Path(folder)
    (folder / "graphs").mkdir(parents=True)
    doc_id = "0" * 64
    data = turtle if turtle is not None else HEADER + body(graph).encode("utf-8")
    (folder / "graphs" / chunk_name(doc_id)).write_bytes(pack(data))
    (folder / "graphs" / ONTOLOGY_CHUNK).write_bytes(pack(HEADER))
    manifest = {"format": FORMAT, "duikou": "test", "code": "test", "documents": [
        {"id": doc_id, "file": "graph.txt", "triples": len(graph)}
    ]}  # fmt: skip
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def append_to_chunk(folder, turtle: str) -> None:
    """Add *turtle* (statements) to the end of the first document chunk of a built folder."""
    from duikou.graph.chunk_files import chunk_name, pack, unpack

    path = Path(folder) / "graphs" / chunk_name(sorted(chunk_ids(folder))[0])
    path.write_bytes(pack(unpack(path.read_bytes()) + turtle.encode("utf-8")))


def chunk_ids(folder) -> set[str]:
    """The document ids of the chunks in a built folder's ``graphs/``."""
    return {
        p.name.removesuffix(".ttl.gz")
        for p in (Path(folder) / "graphs").glob("*.ttl.gz")
        if len(p.name) == 64 + len(".ttl.gz")
    }


# --- chapters written for the tests, and building one --------------------------------------

CHAPTER_TITLE = "East-West Pairing-off Cooperation for Poverty Reduction"


def hainan_tibet_chapter(
    *sentences: str,
    subheading: str = "Aid",
    lead: str | None = "In 2015, the work went on.",
    overview: str | None = None,
) -> str:
    """A chapter whose one section (Hainan - Tibet) holds one sub-heading paragraph.

    The paragraph is *lead* (when given) then the *sentences*; an *overview*
    paragraph, when given, comes before the section, under its own heading.
    """
    paragraph = " ".join(sentences)
    if lead is not None:
        paragraph = f"{lead} {paragraph}"
    text = f"{CHAPTER_TITLE}\n\n"
    if overview is not None:
        text += f"    Overview\n\n    {overview}\n\n"
    return (
        f"{text}    Hainan - Tibet Autonomous Region Pairing-off Poverty Alleviation\n\n"
        f"    【{subheading}】 {paragraph}\n"
        "    (Hainan Provincial Office of Cooperation)\n"
    )


def section_text(*paragraphs: str, donor: str = "Hainan", recipient: str = "Tibet") -> str:
    """A chapter of one pairing section (*donor* – *recipient*) holding *paragraphs*, the
    first after an 【Aid】 sub-heading, then an attribution line and two closing sentences."""
    body = "\n".join(paragraphs)
    return (
        f"{CHAPTER_TITLE}\n\n{donor} – {recipient} Pairing-off Poverty Alleviation\n【Aid】 {body}\n"
        "(Office)\nIn 2015, all went well. In 2015, more went well.\n"
    )


def build_chapter(path: Path, text: str | bytes, out: Path | None = None) -> Path:
    """Write *text* to *path* and build it alone, into *out* (default: ``out`` beside it)."""
    from duikou import build

    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    out = path.parent / "out" if out is None else out
    build([path], out=out, progress=False)
    return out


# --- the command line, in this process or as the installed program --------------------------


def invoke(*args, env: dict | None = None, input: str | None = None):
    """``duikou ARGS`` in this process (click's CliRunner): ``exit_code``, ``stdout``, ``stderr``.

    ``output`` is stdout and stderr as they were interleaved; *env* is set for the call only.
    """
    from click.testing import CliRunner

    from duikou.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], input=input, env=env, prog_name="duikou")


def nonblank(text: str) -> list[str]:
    """The lines of *text* that hold more than white space."""
    return [line for line in text.splitlines() if line.strip()]


def assert_refused(result, *needles: str) -> None:
    """A refused command (an ``invoke`` result): exit 2, one line on stderr holding every needle."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # an error, not a crash
    lines = nonblank(result.stderr)
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def assert_untouched(out: Path, before: str) -> None:
    """*out* still has the :func:`folder_digest` *before*, and no build left a work folder."""
    assert folder_digest(out) == before
    # The writer lock beside the folder stays (duikou.graph.lock), free; no work folder does.
    assert not [
        p for p in out.parent.iterdir() if p.name.startswith(".out.") and p.name != ".out.lock"
    ]
    lock = out.parent / ".out.lock"
    assert not lock.exists() or lock.read_text() == ""


def installed(command: str) -> str:
    """The path of *command* installed beside this Python (a console script), else on PATH."""
    found = Path(sys.executable).with_name(command)
    if found.exists():
        return str(found)
    path = shutil.which(command)
    if path is None:
        raise RuntimeError(f"the {command} command is not installed (pip install it)")
    return path


# --- local servers: a real Oxigraph, or a tiny fake one --------------------------------------


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def fake_http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve *handler* on a free loopback port in a thread; yields ``http://127.0.0.1:PORT``."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port with a data folder; stop() kills it by its pid.

    *serve_args* are added to ``oxigraph serve`` (``--union-default-graph``, say).
    """

    def __init__(self, data_dir: Path, *serve_args: str):
        self.data_dir = data_dir
        self.serve_args = serve_args
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def load(self, path: Path) -> None:
        """Bulk-load a file before the server starts (the store must not be open)."""
        subprocess.run(
            [installed("oxigraph"), "load", "--location", str(self.data_dir), "--file", str(path)],
            check=True,
            capture_output=True,
        )

    def start(self, timeout: float = 20.0) -> OxigraphServer:
        """Start the server and poll until it answers (a local start, not a back-off)."""
        self.process = subprocess.Popen(
            [installed("oxigraph"), "serve", "--location", str(self.data_dir), "--bind",
             f"127.0.0.1:{self.port}", *self.serve_args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/query?query=ASK%7B%7D", timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("oxigraph server exited at start") from None
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"oxigraph server did not answer on {self.base} within {timeout}s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- writers in processes of their own -------------------------------------------------------


def writer_worker(inbox, outbox) -> None:
    """Run ``("build", out, path)`` / ``("remove", out, name)`` orders from *inbox* until None.

    Started with multiprocessing's *spawn* context: a fresh interpreter, so no
    lock of the test process's threads is inherited half-held (a forked child
    of a process with threads can hang for ever). Each order waits on the
    barrier it brings, so two workers start writing at the same moment; the
    exit code (0, or the error's) goes to *outbox*.
    """
    from duikou.api import build, remove
    from duikou.errors import DuikouError

    while (order := inbox.get()) is not None:
        barrier, kind, out, arg = order
        barrier.wait(60)
        try:
            if kind == "build":
                build([arg], out, update=True, progress=False, jobs=1)
            else:
                remove(out, [arg], progress=False)
            outbox.put(0)
        except DuikouError as error:
            outbox.put(error.exit_code)


# --- processes, read from /proc --------------------------------------------------------------


def children(pid: int) -> list[int]:
    """The direct children of *pid* (Linux: /proc/PID/task/*/children)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with suppress(OSError):
            found += [int(p) for p in task.read_text().split()]
    return found


def alive(pid: int) -> bool:
    """Running (a zombie, waiting for a reaper that may never come, counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_for(condition, seconds: float = 30.0, step: float = 0.1) -> bool:
    """Poll *condition* until it holds or *seconds* pass; its last value."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def imported_after(code: str, modules) -> list[str]:
    """Which of the top-level *modules* a fresh interpreter has imported after running *code*
    (sorted): how the tests check that a path of the code does not pull a heavy package in."""
    probe = f"{code}\nimport sys; print(sorted({{m.split('.')[0] for m in sys.modules}}))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = set(eval(out.stdout.strip().splitlines()[-1]))
    return sorted(loaded & set(modules))


def whose(item):
    """*item*, with the pid and parent pid of the process that saw it: a function a worker
    process can run (this module is importable there by its name, not a test module)."""
    return item, os.getpid(), os.getppid()
