"""Serve a built folder's Oxigraph store as a SPARQL 1.1 endpoint.

The server is the ``oxigraph`` command of the PyPI ``oxigraph`` package, run
as a child process over ``DIR/store``: ``serve-read-only`` by default (SPARQL
Update and Graph Store writes are refused), ``serve`` with *allow_update*.
It listens on a private loopback address; the address the user asked for is
served by :class:`duikou.proxy.Front`, which checks the ``Host`` header, the
body size and ``SERVICE`` before forwarding, and bounds each request's time.
With *union_default_graph* (the default) a query without ``GRAPH`` sees the
union of all named graphs, as ``duikou query`` does.

The store must not be open by another process: a writable server takes an
exclusive lock, and a read-only one must not read while something writes
(``duikou build`` into the same folder, ``duikou link --wikidata``).
"""

from __future__ import annotations

import ipaddress
import logging
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from errno import EADDRINUSE
from pathlib import Path

from duikou.errors import DuikouError, GraphError
from duikou.graph.lock import writer_lock
from duikou.lifetime import preexec_die_with_parent
from duikou.proxy import DEFAULT_MAX_BODY, Front, Upstream

__all__ = [
    "DEFAULT_PORT",
    "DEFAULT_TIMEOUT",
    "ServeError",
    "endpoint_urls",
    "oxigraph_binary",
    "serve",
    "command",
]

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 60.0
"""Seconds a request may take before the server answers 503 and restarts its store."""
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
    *,
    timeout: float | None = None,
) -> list[str]:
    """The command line of the server.

    >>> command("out", port=7000)
    ['oxigraph', 'serve-read-only', '--location', 'out/store', '--bind', '127.0.0.1:7000', '--union-default-graph']
    """  # noqa: E501
    mode = "serve" if allow_update else "serve-read-only"
    args = [binary, mode, "--location", str(Path(graph_dir) / "store"), "--bind", _bind(host, port)]
    if union_default_graph:
        args.append("--union-default-graph")
    if timeout:
        args += ["--timeout-s", str(math.ceil(timeout))]
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


def serve(
    graph_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    allow_update: bool = False,
    *,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    **options,
) -> int:
    """Run the server until SIGINT or SIGTERM; 0 after a clean stop (see :func:`_serve`).

    With *allow_update* the server writes into the folder's store, so it holds
    the folder's writer lock (:mod:`duikou.graph.lock`) while it runs: a build
    that would swap the folder out from under it waits for it (or stops, with
    ``--no-wait``), and it waits for a build that is writing (or, with
    ``wait=False``, stops naming it). A read-only server takes no lock.
    """
    if not allow_update:
        return _serve(graph_dir, host, port, allow_update, **options)
    with writer_lock(graph_dir, wait=wait, on_wait=on_wait):
        return _serve(graph_dir, host, port, allow_update, **options)


def _serve(
    graph_dir: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    allow_update: bool = False,
    *,
    union_default_graph: bool = True,
    echo: Callable[[str], None] = print,
    startup_timeout: float = 30.0,
    timeout: float | None = DEFAULT_TIMEOUT,
    allow_service: bool = False,
    max_body: int = DEFAULT_MAX_BODY,
) -> int:
    """Run the server until SIGINT or SIGTERM; 0 after a clean stop.

    *echo* receives the endpoint URLs once the server answers. Port 0 picks
    a free port. The Oxigraph server runs as a child on a private loopback
    address behind :class:`~duikou.proxy.Front`, which checks every request
    (see :mod:`duikou.proxy`); *timeout* (seconds, None or 0: none) bounds
    each request, *max_body* its body, and *allow_service* lets queries use
    ``SERVICE`` (and updates ``LOAD``). The child dies with this process,
    even one killed with SIGKILL (on Linux); if it stops on its own, that is
    a :class:`ServeError`.
    """
    store = Path(graph_dir) / "store"
    if not store.is_dir():
        raise GraphError(
            f"{graph_dir}: no built graph here (missing store/); "
            f"run `duikou build --out {graph_dir}` first"
        )
    if not is_loopback(host):
        log.warning(
            "binding %s: the endpoint is reachable from the network and has no authentication",
            host,
        )
    seconds = timeout or None
    binary = oxigraph_binary()
    upstream = Upstream(*_private_address())
    try:
        front = Front(
            host,
            port,
            upstream,
            timeout=seconds,
            max_body=max_body,
            allow_service=allow_service,
        )
    except OSError as exc:
        hint = " (choose another --port, or 0 for any free one)" if exc.errno == EADDRINUSE else ""
        raise ServeError(
            f"cannot listen on {_bind(host, port)}: {exc.strerror or exc}{hint}"
        ) from None
    port = front.port

    def start() -> subprocess.Popen:
        args = command(
            graph_dir, upstream.host, upstream.port, allow_update, union_default_graph, binary,
            timeout=seconds,
        )  # fmt: skip
        log.debug("running %s", " ".join(args))
        env = {**os.environ, "RUST_BACKTRACE": "0"}  # a failed start says one line, not a trace
        child = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=preexec_die_with_parent(),
        )
        threading.Thread(target=_relay_stderr, args=(child.stderr,), daemon=True).start()
        return child

    stopping: list[int] = []

    def stop(signum, _frame) -> None:
        stopping.append(signum)
        upstream.wake.set()

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    child: subprocess.Popen | None = None
    serving = None
    code = 0
    try:
        child = start()  # from this (the main) thread, so that it dies with the process
        if _wait_ready(child, upstream, startup_timeout, stopping):
            upstream.ready.set()
            serving = threading.Thread(target=front.serve_forever, name="duikou-front")
            serving.daemon = True
            serving.start()
            _banner(echo, store, host, port, allow_update, union_default_graph, seconds)
        while not stopping and child.poll() is None:
            upstream.wake.wait(0.5)
            upstream.wake.clear()
            if upstream.restart_wanted and not stopping:
                log.warning(
                    "a request ran past the %gs limit: restarting the store server", seconds
                )
                _end(child, signal.SIGKILL)
                upstream.port = _private_address(upstream.host)[1]
                upstream.restart_wanted = False
                upstream.generation += 1
                child = start()
                if _wait_ready(child, upstream, startup_timeout, stopping):
                    upstream.ready.set()
        code = child.returncode if child.returncode is not None else 0
    finally:
        if serving is not None:
            front.shutdown()
        front.server_close()
        if child is not None:
            _end(child, signal.SIGTERM)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if stopping:
        return 0
    raise ServeError(
        f"the oxigraph server exited with code {code} (is {store} open in another process?)"
    )


def _relay_stderr(stream) -> None:
    """The child's messages on our stderr, but not its private address."""
    for line in stream:
        if not line.startswith(b"Listening for requests at"):
            try:
                sys.stderr.write(line.decode("utf-8", "replace"))
                sys.stderr.flush()
            except (OSError, ValueError):  # stderr closed
                pass
    stream.close()


def _end(child: subprocess.Popen, signum: int) -> None:
    """Stop *child* with *signum*, and with SIGKILL if it lingers."""
    if child.poll() is None:
        child.send_signal(signum)
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
    child.wait()


def _banner(echo, store, host, port, allow_update, union_default_graph, seconds) -> None:
    mode = "read-write" if allow_update else "read-only"
    echo(f"serving {store} ({mode}; queries see the union of all named graphs)"
         if union_default_graph else f"serving {store} ({mode})")  # fmt: skip
    for name, url in endpoint_urls(host, port, allow_update).items():
        echo(f"  {name:<6} {url}")
    limit = f"{seconds:g} s" if seconds else "no time limit"
    echo(f"each request: {limit}; Host must be this address or localhost")
    echo("stop with Ctrl-C")


def _private_address(host: str | None = None) -> tuple[str, int]:
    """A loopback address and free port for the Oxigraph server, known only to this process.

    On Linux, where all of 127.0.0.0/8 is loopback, a random address in it, so a
    page rebinding its DNS name to 127.0.0.1 cannot reach the server by scanning ports.
    """
    candidates = [host] if host else []
    if not host and sys.platform.startswith("linux"):
        candidates.append(f"127.{secrets.randbelow(254) + 1}.{secrets.randbelow(256)}."
                          f"{secrets.randbelow(254) + 1}")  # fmt: skip
    candidates.append("127.0.0.1")
    for candidate in candidates:
        try:
            return candidate, _free_port(candidate)
        except OSError:
            continue
    raise ServeError("no free port on the loopback interface for the store server")


def _wait_ready(child, upstream: Upstream, timeout: float, stopping: list[int]) -> bool:
    """Wait until the child answers (True), exits or a stop signal comes (False)."""
    url = f"http://{_bind(upstream.host, upstream.port)}/query?query=ASK%7B%7D"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    warn_at = time.monotonic() + timeout
    while not stopping:
        if child.poll() is not None:
            return False
        try:
            with opener.open(url, timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
        if warn_at is not None and time.monotonic() > warn_at:
            log.warning("the server did not answer within %gs; still waiting for it", timeout)
            warn_at = None
    return False
