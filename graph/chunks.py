"""One document in, its graph out as a Turtle chunk: the unit of work of a build.

A chunk is a self-contained Turtle file (the shared header, then the sorted
triples of one document's named graph). Chunks are what a build parallelises
(each is made in a worker process, with no shared state), what it keeps in
``DIR/graphs/`` so that ``build --update`` can reuse the unchanged ones, and
what the store is loaded from, and what ``duikou export rdf`` concatenates
into the union files (:mod:`duikou.graph.union`). The worker also compresses
the chunk for its file (:func:`duikou.graph.chunk_files.pack`), so that work
runs in parallel too.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import types
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.compare import to_canonical_graph

from duikou.graph.chunk_files import pack
from duikou.graph.timing import STAGES, stage
from duikou.graph.turtle import body, body_of_statements, header, statements
from duikou.lifetime import die_with, die_with_parent

__all__ = ["Chunk", "Job", "make_chunk", "make_chunks", "in_workers", "ontology_body", "HEADER"]

HEADER = header().encode("utf-8")
"""The bytes every chunk starts with; stripped when chunks are concatenated."""


@dataclass(frozen=True)
class Job:
    """A document to build: its file, and its id when known (the sha256 of its bytes)."""

    path: str
    doc_id: str | None = None
    name: str | None = None  # the name to record (*path* may be the copy in sources/)


@dataclass
class Chunk:
    """A built document: its graph as Turtle, its text, and what it cost."""

    id: str
    name: str
    summary: dict
    turtle: bytes
    packed: bytes  # the bytes of its file in graphs/
    text: str
    triples: int
    bytes_in: int
    stages: dict[str, float] = field(default_factory=dict)


def make_chunk(job: Job, limits: dict | None = None) -> Chunk:
    """Read, segment, extract and write one document (runs in a worker process)."""
    from duikou.loaders.reading import read_text
    from duikou.loaders.segmenter import segment

    before = STAGES.snapshot()
    with stage("reading and segmenting"):
        data, text = read_text(job.path, **(limits or {}))
        doc_id = job.doc_id or hashlib.sha256(data).hexdigest()
        name = job.name or Path(job.path).name
        doc = segment(text, doc_id=doc_id, source=name)
    turtle, triples = _turtle(doc)
    with stage("compressing"):
        packed = pack(turtle)
    return Chunk(
        id=doc.id,
        name=name,
        summary=_summary(doc),
        turtle=turtle,
        packed=packed,
        text=doc.text,
        triples=triples,
        bytes_in=len(data),
        stages=STAGES.since(before),
    )


def _turtle(doc) -> tuple[bytes, int]:
    """The chunk of *doc* and its number of triples.

    A long document comes in parts (:func:`~duikou.graph.pipeline.document_parts`):
    each part's triples are written as sorted statement lines to a file of their own,
    and the files are merged into the sorted Turtle of the whole (the same bytes as
    :func:`~duikou.graph.turtle.body` of all the triples), so that the triples of one
    part only are in memory at a time.
    """
    from duikou.graph.pipeline import document_parts, in_parts

    if not in_parts(doc):
        (graph,) = document_parts(doc)
        with stage("turtle writing"):
            return HEADER + body(graph).encode("utf-8"), len(graph)
    with tempfile.TemporaryDirectory(prefix="duikou-parts-") as folder:
        runs = []
        for number, part in enumerate(document_parts(doc)):
            with stage("turtle writing"):
                run = Path(folder) / f"part-{number:05d}.txt"
                with open(run, "w", encoding="utf-8") as lines:
                    lines.writelines(f"{line}\n" for line in statements(part))
                runs.append(run)
            part = None  # before the next part is made
        with stage("turtle writing"):
            return _merged(runs, Path(folder))


def _merged(runs: list[Path], folder: Path) -> tuple[bytes, int]:
    """The chunk whose sorted statement lines are the merge of the files *runs*, and
    how many distinct triples it holds. The chunk is written to a file in *folder* and
    read back whole, so that its text and its bytes are never both in memory."""
    files = [open(run, encoding="utf-8") for run in runs]  # noqa: SIM115 - closed below
    triples = 0
    try:
        merged = heapq.merge(*((line[:-1] for line in f) for f in files))

        def distinct():
            nonlocal triples
            previous = None
            for line in merged:
                if line != previous:
                    triples += 1
                    previous = line
                    yield line

        chunk = folder / "chunk.ttl"
        with open(chunk, "w", encoding="utf-8") as out:
            out.write(HEADER.decode("utf-8"))
            out.writelines(body_of_statements(distinct()))
    finally:
        for f in files:
            f.close()
    return chunk.read_bytes(), triples


JOBS_PER_WORKER = 64
"""Documents each worker process builds before the workers are replaced by fresh ones.

A worker's memory grew with the number of documents it had built (about 0.1 MB
each: its bounded caches filling with ever more distinct names, and the heap
they leave fragmented), so at x1000 each worker held some 40 MB more than at
x100. Every ``workers * JOBS_PER_WORKER`` documents the build lets its workers
finish, and hands the next documents to fresh ones (:func:`make_chunks`), so no
worker holds more than this many documents' worth, whatever the size of the
corpus. A change of workers costs about a second (the last document of one
worker while the other waits, then the new workers' imports and gazetteer); at
x100 (two workers, 100 documents) there is none.
"""


def make_chunks(
    jobs: list[Job],
    *,
    workers: int,
    limits: dict | None = None,
    jobs_per_worker: int | None = None,
) -> Iterator[Chunk]:
    """Chunks of *jobs*, in the order they finish, using up to *workers* processes.

    At most two jobs per worker are in flight, and the workers are replaced by
    fresh ones every ``workers * jobs_per_worker`` jobs (see :data:`JOBS_PER_WORKER`),
    so memory stays flat however many documents there are. An error in a worker
    (an unusable file) is raised here, and the remaining jobs are cancelled.
    """
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield make_chunk(job, limits)
        return
    yield from in_workers(
        make_chunk, jobs, limits, workers=workers, per_worker=jobs_per_worker or JOBS_PER_WORKER
    )


def in_workers(work, items: list, *args, workers: int, per_worker: int) -> Iterator:
    """``work(item, *args)`` for each of *items*, in worker processes, in the order they
    finish; a worker does at most *per_worker* items (see :data:`JOBS_PER_WORKER`).

    *work* runs in another process: a function of a module (pickled by name).
    """
    batch = max(1, workers * per_worker)
    context = _context()
    with _terminate_raises():
        for start in range(0, len(items), batch):
            yield from _pooled(work, items[start : start + batch], args, workers, context)


def _pooled(work, items: list, args: tuple, workers: int, context) -> Iterator:
    """``work(item, *args)`` for each of *items*, by a pool of *workers* processes of
    its own, at most two items per worker in flight."""
    pending = iter(items)
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(items)),
        mp_context=context,
        initializer=_worker_start,
        initargs=(os.getpid(),),
    )
    order: dict[Future, int] = {}  # yield finished results in submission order
    serial = itertools.count()
    try:
        while True:
            while len(order) < workers * 2 and (item := next(pending, None)) is not None:
                with _callers_script_left_out():  # a worker starts in submit()
                    order[pool.submit(work, item, *args)] = next(serial)
            if not order:
                break
            done, _ = wait(order, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=order.__getitem__):
                del order[future]
                yield future.result()
    except BaseException:
        _stop_workers(pool)  # SIGTERM, Ctrl-C, an error, or the consumer gave up
        raise
    pool.shutdown(wait=True)


def _context():
    """How workers start: forked from a fork server where there is one (Linux, macOS).

    Forked from the build's own process (as they were before), workers started
    later in a build would each hold a copy of what that process holds by then
    (its store grows with the documents loaded). The fork server is a small
    process of its own (12 MB), started once, that forks each worker; it ends
    with the build's process. It imports nothing of duikou: that would make it
    as large as the imports (30 MB for this module), to save each worker a tenth
    of a second. Elsewhere workers are spawned.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([])
    return context


@contextmanager
def _callers_script_left_out():
    """While workers start: the caller's script is not run again in each of them.

    A worker started by a fork server (or spawned) first imports the module its
    parent runs as ``__main__`` (the script's file, or the module of ``python -m``),
    as :mod:`multiprocessing` does for work defined there. duikou's workers run
    duikou's functions only, so that import is of no use to them, and a script
    that builds at its top level (no ``if __name__ == "__main__":``) would build
    again in every worker and fail. Python reads ``sys.modules["__main__"]`` when a
    worker starts, in the thread that submits the work (this one), so that entry
    is an empty module for that moment.
    """
    main = sys.modules.get("__main__")
    if main is None or (
        getattr(main, "__file__", None) is None and getattr(main, "__spec__", None) is None
    ):
        yield  # a notebook or an interactive session: nothing would be imported
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _worker_start(build: int) -> None:
    """In each worker: die with the build (even a SIGKILLed one), and let SIGTERM kill.

    A worker's parent is the fork server (:func:`_context`), not the build (*build*),
    so it watches the build (:func:`~duikou.lifetime.die_with`), and dies with its
    parent too (a spawned worker's parent is the build). The fork server and
    multiprocessing's resource tracker end once the build and its workers have.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with(build)
    die_with_parent()


@contextmanager
def _terminate_raises():
    """While the workers run, SIGTERM (as `timeout` sends) raises SystemExit(143) in the
    main thread, so the workers are stopped and the work folder removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's workers and wait for them (no orphans, no zombies)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)


def ontology_body() -> tuple[str, int]:
    """The ontology as Turtle (blank nodes labelled canonically: same bytes), and its size."""
    from duikou.ontology import ontology_graph

    graph = to_canonical_graph(ontology_graph())
    return body(graph), len(graph)


def _summary(doc) -> dict:
    return {
        "title": doc.title,
        "sections": len(doc.sections),
        "pairing_sections": len(doc.pairing_sections),
        "sentences": sum(1 for _ in doc.sentences()),
    }
