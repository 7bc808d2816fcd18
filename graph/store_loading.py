"""Load a build's store in a thread of its own, so the build goes on while Oxigraph works.

Loading a chapter's graph into the store takes Oxigraph about a fifth of the CPU
time the chapter's extraction takes, and a build runs it in its main process, the
one that also hands the documents to the worker processes and writes what they
return. Loaded there, every load held the next document back from a worker that
had finished its last one. Oxigraph lets go of Python's lock while it loads, so
here one thread loads the graphs, one after the other in the order they were
given (the order a build has always loaded them in), while the main thread goes
on handing out documents and writing files.

At most :data:`DEPTH` graphs wait for the thread, so memory does not follow the
number of documents however slow the disk; an error in the thread is raised in
the main thread by the next :meth:`StoreLoading.add` or by
:meth:`StoreLoading.close`.

>>> import tempfile
>>> from pathlib import Path
>>> from duikou.graph.store import GraphStore, HEADER
>>> folder = tempfile.mkdtemp()
>>> loading = StoreLoading(GraphStore(Path(folder) / "store"))
>>> loading.add("urn:g", HEADER.encode() + b"<a> a <B> .\\n")
>>> loading.close() >= 0
True
"""

from __future__ import annotations

import queue
import threading

from duikou.graph.store import GraphStore

__all__ = ["StoreLoading", "DEPTH"]

DEPTH = 4
"""Graphs that may wait for the loading thread before :meth:`StoreLoading.add` waits."""

_END = None


class StoreLoading:
    """A :class:`~duikou.graph.store.GraphStore` filled by a thread of its own."""

    def __init__(self, store: GraphStore, depth: int = DEPTH):
        self._store = store
        self._waiting: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, name="duikou-store", daemon=True)
        self._thread.start()

    def add(self, graph_iri, turtle: bytes) -> None:
        """Queue one graph written as Turtle (see :meth:`GraphStore.add`)."""
        self._raise()
        self._waiting.put((graph_iri, turtle))

    def close(self) -> float:
        """Wait for every queued graph, then flush and compact the store; the seconds
        spent loading it (see :meth:`GraphStore.close`)."""
        self._finish()
        self._raise()
        return self._store.close()

    def abandon(self) -> None:
        """Stop loading (a failed build): wait for the thread, drop what was queued."""
        self._error = self._error or _Abandoned()
        self._finish()

    def _finish(self) -> None:
        if self._thread.is_alive():
            self._waiting.put(_END)
            self._thread.join()

    def _load(self) -> None:
        while (item := self._waiting.get()) is not _END:
            if self._error is not None:
                continue  # keep taking, so that add() never waits for ever
            try:
                self._store.add(*item)
            except BaseException as exc:  # raised in the main thread
                self._error = exc

    def _raise(self) -> None:
        if self._error is not None and not isinstance(self._error, _Abandoned):
            raise self._error


class _Abandoned(Exception):
    """The loading was stopped by :meth:`StoreLoading.abandon`."""
