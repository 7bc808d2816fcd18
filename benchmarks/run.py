"""``make bench``: build synthetic corpora at several scales, measure, write docs/benchmarks.md.

For each scale (×1 is the bundled chapter; ×10, ×100, ×1000 are synthetic
corpora from :mod:`benchmarks.synth`, generated once into the work folder):

- the build in a fresh process: wall time, peak memory of the process tree,
  the seconds of each stage, extraction throughput per core, quads written
  per second, sizes on disk;
- every named query on the built Oxigraph store, and ``duikou analyze``;
- the floors under those times (:mod:`benchmarks.floors`): the quads by class,
  the cost of reading one value out of the store, and each named query's rows x
  columns at that cost;
- up to ``--compare-max`` (×10), the folder's TriG (``duikou export rdf``, timed)
  loaded into rdflib's memory store and into an in-memory Oxigraph store, and
  the same queries on each, side by side (load time, memory, query time as ratios);
- up to ``--peers-max`` (×10), every named query with its parameter choices on
  the store, in memory, on rdflib and on Virtuoso (:mod:`benchmarks.peers`):
  seconds, ratios, and whether each gives the store's rows (Virtuoso is
  skipped with a note where it is not installed; ``make virtuoso`` installs it).

×1 is also timed as a user meets it: ``duikou build`` from a cold
interpreter, the median of three runs. The figures and the targets of the
issue go to ``docs/benchmarks.md`` (and ``docs/benchmarks.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.measure import folder_bytes, measure
from benchmarks.report import render

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    parser.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes for builds")
    parser.add_argument("--compare-max", type=int, default=10, help="largest scale for rdflib")
    parser.add_argument(
        "--peers-max", type=int, default=10, help="largest scale for benchmarks.peers"
    )
    parser.add_argument(
        "--queries-max", type=int, default=100, help="largest scale whose queries are timed"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a scale's earlier build (and its figures) when WORK has one, and the "
        "figures of scales not listed now; measure the rest",
    )
    args = parser.parse_args(argv)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    args.work.mkdir(parents=True, exist_ok=True)
    jobs = args.jobs or len(os.sched_getaffinity(0))

    results = {"machine": _machine(), "jobs": jobs, "cold_cli": _cold_cli(args.work), "scales": {}}
    earlier = args.doc.with_suffix(".json")
    if args.reuse and earlier.is_file():  # scales not measured now keep their figures
        results["scales"] = json.loads(earlier.read_text())["scales"]
    _say(f"cold CLI build of the sample: {results['cold_cli']['median']:.2f} s")
    for scale in sorted(args.scales):
        corpus = _corpus(args.work, scale)
        limits = (args.compare_max, args.queries_max, args.peers_max)
        figures = _scale(args.work, scale, corpus, jobs, limits, args.reuse)
        results["scales"][str(scale)] = figures
    args.doc.parent.mkdir(parents=True, exist_ok=True)
    args.doc.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
    args.doc.write_text(render(results))
    _say(f"wrote {args.doc} and {args.doc.with_suffix('.json')}")
    print(render(results, brief=True))
    return 0


def _scale(work: Path, scale: int, corpus: Path, jobs: int, limits: tuple, reuse: bool) -> dict:
    compare_max, queries_max, peers_max = limits
    out = work / f"graph-x{scale}"
    task = [sys.executable, "-m", "benchmarks.tasks"]  # run with ROOT on sys.path (main)
    kept = work / f"graph-x{scale}.build.json"
    if reuse and kept.is_file() and (out / "manifest.json").is_file():
        figures = json.loads(kept.read_text())
        _say(f"x{scale}: reusing the build measured earlier ({kept.name})")
    else:
        figures = _build(out, corpus, jobs, task)
        kept.write_text(json.dumps(figures, indent=2) + "\n")
    if scale > queries_max:
        return figures
    queries = measure([*task, "queries", str(out)])
    figures["queries"] = json.loads(queries.stdout)["queries"]
    analyze = measure([*task, "analyze", str(out)])
    figures["analyze"] = {**json.loads(analyze.stdout), "wall": analyze.seconds}
    floors = measure([sys.executable, "-m", "benchmarks.floors", str(out), "--json"])
    figures["floors"] = json.loads(floors.stdout)
    if scale <= compare_max:
        trig = work / f"graph-x{scale}.trig"
        exported = measure([sys.executable, "-m", "duikou", "export", "rdf", "--graph", str(out),
                            "--output", str(trig)])  # fmt: skip
        figures["export_trig"] = {"wall": exported.seconds, "mb": folder_bytes(trig) / 1e6}
        figures["compare"] = {}
        for engine in ("rdflib", "oxigraph"):
            engine_run = measure([*task, engine, str(trig)])
            figures["compare"][engine] = {
                **json.loads(engine_run.stdout),
                "peak_mb": engine_run.peak_mb,
            }
        _say(f"x{scale}: compared rdflib and Oxigraph in memory")
    if scale <= peers_max:
        peers = measure([sys.executable, "-m", "benchmarks.peers", str(out), "--json"])
        figures["peers"] = json.loads(peers.stdout)
        _say(f"x{scale}: ran the named queries on the peers")
    return figures


def _build(out: Path, corpus: Path, jobs: int, task: list[str]) -> dict:
    """The build of *corpus* into *out*, in a fresh process, with its figures."""
    shutil.rmtree(out, ignore_errors=True)
    run = measure([*task, "build", str(corpus), str(out), str(jobs)])
    build = json.loads(run.stdout)
    figures = {
        "corpus_mb": folder_bytes(corpus) / 1e6,
        "build": {**build, "wall": run.seconds, "peak_mb": run.peak_mb},
        "largest_process_mb": run.largest_process_mb,
        "sizes_mb": {
            "folder": folder_bytes(out) / 1e6,
            "store": folder_bytes(out / "store") / 1e6,
            "graphs": folder_bytes(out / "graphs") / 1e6,
            "sources": folder_bytes(out / "sources") / 1e6,
        },
    }
    _say(f"built {build['documents']} documents in {run.seconds:.1f} s -> {out}")
    return figures


def _cold_cli(work: Path, runs: int = 3) -> dict:
    """`duikou build` of the bundled sample from a cold interpreter, as a user runs it."""
    duikou = shutil.which("duikou", path=str(Path(sys.executable).parent)) or "duikou"
    seconds = []
    for _ in range(runs):
        out = work / "cold-cli"
        shutil.rmtree(out, ignore_errors=True)
        seconds.append(measure([duikou, "build", "--out", str(out), "--no-progress"]).seconds)
    return {"runs": seconds, "median": statistics.median(seconds)}


def _corpus(work: Path, scale: int) -> Path:
    """×1 is the bundled chapter; other scales are generated once and reused."""
    folder = work / f"corpus-x{scale}"
    if scale == 1:
        from duikou.api import sample_path

        folder.mkdir(exist_ok=True)
        shutil.copy(sample_path(), folder / sample_path().name)
        return folder
    if not any(folder.glob("chapter-*.txt")):
        shutil.rmtree(folder, ignore_errors=True)
        _say(f"x{scale}: generating the synthetic corpus")
        command = [sys.executable, "-m", "benchmarks.synth", "--scale", str(scale)]
        subprocess.run([*command, "--out", str(folder)], check=True, cwd=ROOT)
    return folder


def _machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    from duikou import __version__

    return {
        "cpu": model,
        "cores": len(os.sched_getaffinity(0)),
        "memory_gib": round(memory, 1),
        "python": platform.python_version(),
        "duikou": __version__,
        "commit": commit,
    }


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
