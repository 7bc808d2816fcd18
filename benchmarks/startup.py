"""Start-up figures of duikou, printed (not a timed test; issue 15).

    python -m benchmarks.startup [--runs 3]

Each figure comes from fresh processes, so every import and every load is paid
as a user pays it:

- ``duikou build`` of the bundled chapter, *runs* times with the gazetteer
  cache in place and once with an empty cache (the first build after an
  install or an upgrade): wall time, CPU time (user + system, the build's
  worker processes included) and peak resident memory of the largest process;
- ``duikou --help``;
- ``import duikou.cli``, timed inside the process;
- ``duikou.gazetteer.load()`` without a cache (the index built from
  ``divisions.csv.gz``) and from the cache the first call wrote.

Every process gets its own ``XDG_CACHE_HOME``, so the figures do not depend
on what earlier runs left in ``~/.cache/duikou``. Bytecode is written and read
as after ``pip install`` (an untimed build first writes duikou's
``__pycache__``; ``PYTHONDONTWRITEBYTECODE`` is dropped for the runs), unless
``--as-is``: without ``.pyc`` files every process compiles duikou's ~75 modules
again, about 0.1 s. CPU time is the figure to compare between machines or
runs: on a shared machine wall time wanders with the load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["main"]

_TIMED = """
import resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
wall, used = time.perf_counter(), cpu()
{code}
print(time.perf_counter() - wall, cpu() - used)
"""


def _duikou() -> list[str]:
    script = Path(sys.executable).with_name("duikou")
    return [str(script)] if script.exists() else [sys.executable, "-m", "duikou"]


_BASE_ENV = dict(os.environ)


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall s, CPU s (children included) and peak MB of the largest process, stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**_BASE_ENV, **env}
    )
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, stdout.decode()


def _timed(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of *code*, measured inside a fresh interpreter."""
    *_, out = _run([sys.executable, "-c", _TIMED.format(code=code)], env)
    wall, cpu = out.split()
    return float(wall), float(cpu)


def _row(name: str, figures: list[tuple[float, ...]], mb: bool = False) -> str:
    wall = statistics.median(f[0] for f in figures)
    cpu = statistics.median(f[1] for f in figures)
    row = f"{name:40s} {wall:6.3f} s wall {cpu:6.3f} s cpu"
    if mb:
        row += f" {max(f[2] for f in figures):6.0f} MB peak"
    if len(figures) > 1:
        row += f"   (median of {len(figures)}; wall {min(f[0] for f in figures):.3f}"
        row += f"..{max(f[0] for f in figures):.3f})"
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each figure (default 3)")
    parser.add_argument(
        "--as-is", action="store_true", help="keep PYTHONDONTWRITEBYTECODE if it is set"
    )
    args = parser.parse_args(argv)
    runs = args.runs
    if not args.as_is:
        _BASE_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    work = Path(tempfile.mkdtemp(prefix="duikou-startup-"))
    try:
        cache = {"XDG_CACHE_HOME": str(work / "cache")}
        _run([*_duikou(), "build", "--out", str(work / "warm-up")], cache)  # .pyc, cache

        def empty_cache(i: int) -> dict[str, str]:
            return {"XDG_CACHE_HOME": str(work / f"empty-{i}")}

        build = [*_duikou(), "build", "--out"]
        first = [_run([*build, str(work / f"first-{i}")], empty_cache(i)) for i in range(runs)]
        warm = [_run([*build, str(work / f"out-{i}")], cache) for i in range(runs)]
        helps = [_run([*_duikou(), "--help"], cache) for _ in range(runs)]
        imports = [_timed("import duikou.cli", cache) for _ in range(runs)]
        load = (
            "import duikou.gazetteer as g\n" + "wall, used = time.perf_counter(), cpu()\ng.load()"
        )
        cold, cached = [], []
        for i in range(runs):
            cold.append(_timed(load, empty_cache(runs + i)))
            cached.append(_timed(load, cache))
        bytecode = "off" if "PYTHONDONTWRITEBYTECODE" in _BASE_ENV else "on"
        print(f"duikou start-up ({sys.executable}, {os.cpu_count()} cores, .pyc {bytecode})")
        print(_row("build, bundled chapter (cached index)", warm, mb=True))
        print(_row("build, bundled chapter (empty cache)", first, mb=True))
        print(_row("duikou --help", helps, mb=True))
        print(_row("import duikou.cli (in-process)", imports))
        print(_row("gazetteer.load(), no cache", cold))
        print(_row("gazetteer.load(), cached", cached))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
