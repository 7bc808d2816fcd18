"""Serve a built folder's Oxigraph store as a SPARQL 1.1 endpoint.

The server is the ``oxigraph`` command of the PyPI ``oxigraph`` package, run
as a child process over ``DIR/store``: ``serve-read-only`` by default (SPARQL
Update and Graph Store writes are refused), ``serve`` with *allow_update*.
With *union_default_graph* (the default) a query without ``GRAPH`` sees the
union of all named graphs, as ``duikou query`` does.

The store must not be open by another process: a writable server takes an
exclusive lock, and a read-only one must not read while something writes
(``duikou build`` into the same folder, ``duikou link --wikidata``).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from duikou.errors import DuikouError, GraphError

__all__ = ["DEFAULT_PORT", "ServeError", "endpoint_urls", "oxigraph_binary", "serve", "command"]

DEFAULT_PORT = 7878
log = logging.getLogger("duikou.serve")


class ServeError(DuikouError):
    """The server could not be started."""

    exit_code = 2


def oxigraph_binary() -> str:
    """The ``oxigraph`` command beside this Python (pip ``oxigraph``), else on PATH."""
    found = Path(sys.executable).with_name("oxigraph")
    if found.exists():
        return str(found)
    path = shutil.which("oxigraph")
    if path is None:
        raise ServeError(
            "the oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6' "
            "(the command `oxigraph` must be beside python or on PATH)"
        )
    return path


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def command(
    graph_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    allow_update: bool = False,
    union_default_graph: bool = True,
    binary: str = "oxigraph",
) -> list[str]:
    """The command line of the server.

    >>> command("out", port=7000)
    ['oxigraph', 'serve-read-only', '--location', 'out/store', '--bind', '127.0.0.1:7000', '--union-default-graph']
    """  # noqa: E501
    mode = "serve" if allow_update else "serve-read-only"
    args = [binary, mode, "--location", str(Path(graph_dir) / "store"), "--bind", _bind(host, port)]
    if union_default_graph:
        args.append("--union-default-graph")
    return args


def endpoint_urls(host: str, port: int, allow_update: bool = False) -> dict[str, str]:
    """The endpoint URLs: ``query``, ``store`` and, if writes are allowed, ``update``."""
    base = f"http://{_bind(host, port)}"
    names = ("query", "update", "store") if allow_update else ("query", "store")
    return {name: f"{base}/{name}" for name in names}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as sock:
        sock.bind((host.strip("[]"), 0))
        return sock.getsockname()[1]


def _probe_host(host: str) -> str:
    """Where to ask whether the server is up (a wildcard bind answers on loopback)."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "[::]": "::1"}.get(host, host)


def serve(
    graph_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    allow_update: bool = False,
    *,
    union_default_graph: bool = True,
    echo: Callable[[str], None] = print,
    startup_timeout: float = 30.0,
) -> int:
    """Run the server until SIGINT or SIGTERM; 0 after a clean stop.

    *echo* receives the endpoint URLs once the server answers. Port 0 picks
    a free port. The signals are forwarded to the child and the child waited
    for; if the server stops on its own, its exit code is returned.
    """
    store = Path(graph_dir) / "store"
    if not store.is_dir():
        raise GraphError(
            f"{graph_dir}: no built graph here (missing store/); "
            f"run `duikou build --out {graph_dir}` first"
        )
    if port == 0:
        port = _free_port(_probe_host(host))
    if not is_loopback(host):
        log.warning(
            "binding %s: the endpoint is reachable from the network and has no authentication",
            host,
        )
    args = command(graph_dir, host, port, allow_update, union_default_graph, oxigraph_binary())
    log.debug("running %s", " ".join(args))
    stopping: list[int] = []
    child: subprocess.Popen | None = None

    def forward(signum, _frame) -> None:
        stopping.append(signum)
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        env = {**os.environ, "RUST_BACKTRACE": "0"}  # a failed start says one line, not a trace
        child = subprocess.Popen(args, stdin=subprocess.DEVNULL, env=env)
        if stopping:  # a signal came before the child existed
            child.send_signal(stopping[0])
        elif _wait_ready(child, _probe_host(host), port, startup_timeout, stopping):
            urls = endpoint_urls(host, port, allow_update)
            mode = "read-write" if allow_update else "read-only"
            echo(f"serving {store} ({mode}; queries see the union of all named graphs)"
                 if union_default_graph else f"serving {store} ({mode})")  # fmt: skip
            for name, url in urls.items():
                echo(f"  {name:<6} {url}")
            echo("stop with Ctrl-C")
        code = child.wait()
    finally:
        if child is not None and child.poll() is None:
            child.kill()
            child.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping:
        return 0
    if code != 0:
        raise ServeError(
            f"oxigraph exited with code {code} (is port {port} in use, "
            f"or is {store} open in another process?)"
        )
    return 0


def _wait_ready(child, host: str, port: int, timeout: float, stopping: list[int]) -> bool:
    url = f"http://{_bind(host, port)}/query?query=ASK%7B%7D"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not stopping:
        if child.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    if not stopping:
        log.warning("the server did not answer within %gs; still waiting for it", timeout)
    return False
