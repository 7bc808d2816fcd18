"""A real Oxigraph SPARQL server on a free loopback port, for tests that need an endpoint."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed beside this Python (the pip ``oxigraph`` package)."""
    found = Path(sys.executable).with_name("oxigraph")
    if found.exists():
        return str(found)
    path = shutil.which("oxigraph")
    if path is None:
        raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
    return path


class OxigraphServer:
    """Starts ``oxigraph serve`` with a temporary data folder; stop() kills it by its pid."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def load(self, path: Path) -> None:
        """Bulk-load a file before the server starts (the store must not be open)."""
        subprocess.run(
            [oxigraph_binary(), "load", "--location", str(self.data_dir), "--file", str(path)],
            check=True,
            capture_output=True,
        )

    def start(self, timeout: float = 20.0) -> OxigraphServer:
        self.process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--location", str(self.data_dir), "--bind",
             f"127.0.0.1:{self.port}"],
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
