"""The persistent Oxigraph store of a built folder: made by a build, opened by readers.

A build fills it one document graph at a time (:class:`GraphStore`); every
reader opens it read-only with :func:`open_store` (the one thing
``duikou.queries`` takes from ``duikou.graph``) and queries it through
:mod:`duikou.queries.runner`, which bounds every query in time.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from duikou.errors import GraphError
from duikou.graph.turtle import header

HEADER = header()

__all__ = ["STORE_DIR", "GraphStore", "load_store", "open_store", "turtle_pieces", "LOAD_BYTES"]

STORE_DIR = "store"


def load_store(store_path: Path, trig_path: Path) -> None:
    """Create an Oxigraph store at *store_path* holding the quads of *trig_path*."""
    store = ox.Store(str(store_path))
    store.bulk_load(path=str(trig_path), format=ox.RdfFormat.TRIG)
    store.flush()
    del store


class GraphStore:
    """A new Oxigraph store filled one named graph at a time, timing itself.

    A build adds each document's graph as soon as a worker returns it, so the
    loading overlaps the extraction of the next documents, and memory holds
    one graph's worth of buffers, not the corpus. Oxigraph kept about 0.1 MB
    more for each load while the store stayed open (0.12 MB a chapter: 100 MB
    more at x1000 than at x100), and let go of it when the store was closed, so
    the store is closed and opened again every :data:`REOPEN_EVERY` loads.
    """

    def __init__(self, path: Path, reopen_every: int | None = None):
        _map_large_blocks()
        self._path = Path(path)
        self._store = ox.Store(str(path))
        self._reopen_every = reopen_every or REOPEN_EVERY
        self._loads = 0
        self.seconds = 0.0

    def add(self, graph_iri, turtle: bytes) -> None:
        """Load one graph written as Turtle (with its own ``@base`` and prefixes).

        A large graph written by duikou is loaded :data:`LOAD_BYTES` at a time (Oxigraph
        held about ten times the Turtle's size in memory to load it at once: 1.9 GB for
        the 180 MB of a 30 MB text), see :func:`turtle_pieces`.
        """
        started = time.perf_counter()
        graph = ox.NamedNode(str(graph_iri))
        for piece in turtle_pieces(turtle, LOAD_BYTES):
            self._store.bulk_load(piece, format=ox.RdfFormat.TURTLE, to_graph=graph)
            self._loads += 1
            if self._loads % self._reopen_every == 0:
                self._reopen()
        self.seconds += time.perf_counter() - started

    def _reopen(self) -> None:
        """Close the store and open it again (see the class docstring)."""
        self._store = None  # closed here: it is the only reference
        _release_freed_memory()
        self._store = ox.Store(str(self._path))

    def close(self) -> float:
        """Flush and compact the store; returns the seconds spent loading it.

        RocksDB's diagnostic log (``LOG``, 0.1–0.4 MB, and any ``LOG.old.*``) is
        deleted: nothing reads it, and readers open the store read-only, which
        writes none.
        """
        started = time.perf_counter()
        self._store.flush()
        self._store.optimize()
        del self._store
        for log in self._path.glob("LOG*"):
            log.unlink()
        return self.seconds + time.perf_counter() - started


REOPEN_EVERY = 32
"""Loads into a store between two reopenings (an opening costs a few milliseconds)."""


def _release_freed_memory() -> None:
    """Give the memory the C library keeps after frees back to the system (glibc's
    ``malloc_trim``; nothing elsewhere): what a closed store let go of."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none."""
    return getattr(_libc(), "malloc_trim", None)


@functools.cache
def _libc():
    """The C library, looked up once per process (``find_library`` runs ``ldconfig``),
    or None."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


@functools.cache
def _map_large_blocks() -> None:
    """Have glibc give every block of 128 KiB or more a mapping of its own, returned to
    the system when freed (``mallopt(M_MMAP_THRESHOLD)``; nothing elsewhere).

    glibc does so by default, but raises that threshold to the size of each large
    block freed (up to 32 MiB): after the first chapters, the Turtle and the pieces
    a build hands to Oxigraph came from the heaps of its threads, which kept what
    they freed in pieces too small to reuse. A build's main process grew by about
    0.1 MB a chapter that way (87 MB to 110 MB over 300 chapters); with a fixed
    threshold it stays within 62-80 MB. Set once per process, for the rest of it.
    """
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is not None:
        mallopt(_M_MMAP_THRESHOLD, 128 << 10)


_M_MMAP_THRESHOLD = -3


LOAD_BYTES = 8 << 20
"""Bytes of Turtle given to Oxigraph at a time when a graph is larger."""


def turtle_pieces(turtle: bytes, size: int = LOAD_BYTES) -> Iterator[bytes]:
    r"""*turtle* in pieces of about *size* bytes, each with the header, cut between
    statements: a chunk from :mod:`duikou.graph.turtle` starts each subject's statement
    on a line of its own (no literal holds a line break: those are escaped). Other
    Turtle, and any with blank nodes (whose labels hold within one file only), is one
    piece.

    >>> head = HEADER.encode()
    >>> data = head + b"<a> a <C> ;\n    <p> 1 .\n<b> a <C> .\n<c> a <C> .\n"
    >>> [p[len(head):] for p in turtle_pieces(data, 10)]
    [b'<a> a <C> ;\n    <p> 1 .\n', b'<b> a <C> .\n<c> a <C> .\n']
    """
    head = HEADER.encode("utf-8")
    if len(turtle) <= size or not turtle.startswith(head) or b"_:" in turtle:
        yield turtle
        return
    start = len(head)
    while start < len(turtle):
        cut = start + size
        while cut < len(turtle):
            end = turtle.find(b" .\n", cut)
            if end < 0:
                cut = len(turtle)
            else:
                cut = end + 3
                if turtle[cut : cut + 1] != b" ":  # the next line starts a statement
                    break
        yield head + turtle[start:cut]
        start = cut


def open_store(graph_dir: str | Path) -> ox.Store:
    """Open the store of a built folder read-only (so a running build cannot be disturbed)."""
    path = Path(graph_dir) / STORE_DIR
    if not path.is_dir():
        raise GraphError(
            f"{graph_dir}: no built graph here (missing {STORE_DIR}/); "
            f"run `duikou build --out {graph_dir}` first"
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise GraphError(f"{path}: cannot open the Oxigraph store ({exc})") from None
