"""Wall time and peak memory of a command, its worker processes included.

``ru_maxrss`` of the children only gives the largest single process; a build
runs a main process and one worker per core, so peak memory here is the
largest *sum* of the resident sizes of the whole process tree, sampled every
20 ms from ``/proc`` (Linux). The largest single process is reported too.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Run", "measure", "folder_bytes"]


@dataclass
class Run:
    seconds: float
    peak_mb: float  # largest sum over the process tree
    largest_process_mb: float
    returncode: int
    stdout: str
    stderr: str


def measure(command: list[str], *, env: dict | None = None, interval: float = 0.02) -> Run:
    """Run *command* to the end; raise if it fails (with its stderr)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    peak = largest = 0
    out_chunks: list[str] = []
    err_chunks: list[str] = []
    import threading

    readers = [
        threading.Thread(target=lambda: out_chunks.append(process.stdout.read()), daemon=True),
        threading.Thread(target=lambda: err_chunks.append(process.stderr.read()), daemon=True),
    ]
    for reader in readers:
        reader.start()
    while process.poll() is None:
        sizes = [_rss_kb(pid) for pid in _tree(process.pid)]
        peak = max(peak, sum(sizes))
        largest = max(largest, max(sizes, default=0))
        time.sleep(interval)
    seconds = time.perf_counter() - started
    for reader in readers:
        reader.join()
    run = Run(
        seconds,
        peak / 1024,
        largest / 1024,
        process.returncode,
        "".join(out_chunks),
        "".join(err_chunks),
    )
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return run


def folder_bytes(path: Path) -> int:
    """Bytes on disk of the files under *path* (or of the file *path*)."""
    path = Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _tree(root: int) -> list[int]:
    """*root* and all its descendants, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
