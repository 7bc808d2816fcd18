"""How a build grows with the size of ONE file (a whole yearbook saved as one text).

Run from the repository root::

    python -m benchmarks.large_file [--sizes 150KB 1.2MB 3MB] [--sizes … 30MB] [--work DIR]

Each file is the bundled chapter written again and again, every year in a copy
moved on by one more year than in the copy before (the site footer is left
out), cut at a line to the size asked. Each is built by ``duikou build FILE
--out … -j1`` in a fresh process, and the bundled chapter first, as it comes.
For each it prints the wall seconds, the CPU seconds (user + system of the
build's processes), both per MB of input, the peak memory of the process tree
(:func:`benchmarks.measure.measure`) and the CPU seconds per MB against the
bundled chapter's. The target: a file of any size within 2× the chapter's CPU
seconds per MB, and under 1 GB of memory.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import measure
from duikou.api import sample_path
from duikou.loaders.reading import format_size, parse_size
from duikou.loaders.segmenter import TRAILER_CJK_RATIO
from duikou.loaders.text import cjk_ratio

__all__ = ["repeated_chapter", "main"]

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def repeated_chapter(size: int, path: Path) -> Path:
    """Write a file of at most *size* bytes (and at least one line) of the bundled
    chapter repeated, each copy's years moved on by one more; return *path*."""
    lines = sample_path().read_text(encoding="utf-8").split("\n")
    while lines and (not lines[-1].strip() or cjk_ratio(lines[-1]) > TRAILER_CJK_RATIO):
        lines.pop()  # the site footer is no part of the chapter
    chapter = "\n".join(lines) + "\n\n"
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        copy = 0
        while written < size:
            text = _YEAR.sub(lambda m, shift=copy: str(int(m.group()) + shift), chapter)
            data = text.encode("utf-8")
            if written + len(data) > size:  # the last copy is cut at a line
                cut = data.rfind(b"\n", 0, size - written)
                data = data[: cut + 1] if cut > 0 else data[: data.find(b"\n") + 1]
            if written and not data.strip():
                break
            out.write(data.decode("utf-8"))
            written += len(data)
            copy += 1
    return path


def build(path: Path, work: Path) -> dict:
    """Build *path* in a fresh process; its seconds, CPU seconds and peak memory."""
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "duikou", "build", str(path), "--out", str(out), "-j1"]
    command += ["--max-bytes", str(path.stat().st_size + 1), "--no-progress"]
    before = os.times()
    run = measure(command)
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    shutil.rmtree(out, ignore_errors=True)
    megabytes = path.stat().st_size / 1e6
    return {
        "bytes": path.stat().st_size,
        "seconds": run.seconds,
        "cpu": cpu,
        "per_mb": run.seconds / megabytes,
        "cpu_per_mb": cpu / megabytes,
        "peak_mb": run.peak_mb,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.large_file", description=__doc__)
    parser.add_argument("--sizes", nargs="+", default=["150KB", "1.2MB", "3MB"])
    parser.add_argument("--work", type=Path, default=None, help="folder for files (temporary)")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes]
    work = args.work or Path(tempfile.mkdtemp(prefix="duikou-large-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = [("chapter", build(sample_path(), work))]
        for size in sizes:
            path = repeated_chapter(size, work / f"repeated-{size}.txt")
            rows.append((format_size(size), build(path, work)))
            path.unlink()
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    base = rows[0][1]["cpu_per_mb"]
    head = f"{'size':>10} {'bytes':>11} {'s':>7} {'s/MB':>6} {'CPU s':>7} {'CPU s/MB':>8} "
    print(head + f"{'peak MB':>8} {'× chapter':>9}")
    for name, r in rows:
        print(
            f"{name:>10} {r['bytes']:>11,} {r['seconds']:>7.2f} {r['per_mb']:>6.2f} "
            f"{r['cpu']:>7.2f} {r['cpu_per_mb']:>8.2f} {r['peak_mb']:>8.0f} "
            f"{r['cpu_per_mb'] / base:>9.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
