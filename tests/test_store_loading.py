"""The store of a build is loaded in a thread of its own (duikou.graph.store_loading),
and the process loading it keeps its large buffers off glibc's heaps (duikou.graph.store)."""

from __future__ import annotations

import platform
import subprocess
import sys
import threading

import pyoxigraph as ox
import pytest

from duikou.graph.store import HEADER, GraphStore
from duikou.graph.store_loading import StoreLoading


def _turtle(n: int) -> bytes:
    return HEADER.encode() + b"".join(f"<s{i}> a <C> .\n".encode() for i in range(n))


def test_graphs_are_loaded_by_another_thread_in_the_order_given(tmp_path, monkeypatch):
    seen = []
    add = GraphStore.add

    def recording(self, graph_iri, turtle):
        seen.append((str(graph_iri), threading.current_thread() is threading.main_thread()))
        add(self, graph_iri, turtle)

    monkeypatch.setattr(GraphStore, "add", recording)
    loading = StoreLoading(GraphStore(tmp_path / "store"), depth=1)
    for number in range(6):
        loading.add(f"urn:g{number}", _turtle(number + 1))
    loading.close()
    assert seen == [(f"urn:g{number}", False) for number in range(6)]
    store = ox.Store.read_only(str(tmp_path / "store"))
    assert len(store) == sum(range(1, 7))
    assert len(list(store.quads_for_pattern(None, None, None, ox.NamedNode("urn:g5")))) == 6


def test_an_error_in_the_thread_is_raised_in_the_caller(tmp_path):
    loading = StoreLoading(GraphStore(tmp_path / "store"), depth=1)
    loading.add("urn:bad", HEADER.encode() + b"<s> <p> .\n")
    with pytest.raises(SyntaxError):
        for number in range(5):  # raised by a later add, or by close
            loading.add(f"urn:g{number}", _turtle(2))
        loading.close()


def test_abandon_stops_the_thread_without_raising(tmp_path):
    loading = StoreLoading(GraphStore(tmp_path / "store"), depth=2)
    loading.add("urn:bad", HEADER.encode() + b"<s> <p> .\n")
    loading.add("urn:g", _turtle(3))
    loading.abandon()
    assert not loading._thread.is_alive()


def test_the_store_is_reopened_every_few_loads_and_keeps_every_graph(tmp_path, monkeypatch):
    reopened = []
    reopen = GraphStore._reopen

    def counting(self):
        reopened.append(self._loads)
        reopen(self)

    monkeypatch.setattr(GraphStore, "_reopen", counting)
    store = GraphStore(tmp_path / "store", reopen_every=2)
    for number in range(5):
        store.add(f"urn:g{number}", _turtle(number + 1))
    store.close()
    assert reopened == [2, 4]
    assert len(ox.Store.read_only(str(tmp_path / "store"))) == sum(range(1, 6))


_LARGE_BLOCK = """
import ctypes, sys
from pathlib import Path
if sys.argv[1] == "store":
    from duikou.graph.store import GraphStore
    GraphStore(Path(sys.argv[2]) / "store")
freed = bytearray(8 << 20)  # mapped, then freed: glibc raises its threshold to 8 MiB
del freed
block = bytearray(1 << 20)
address = ctypes.addressof((ctypes.c_char * 1).from_buffer(block))
for line in open("/proc/self/maps"):
    if line.rstrip().endswith("[heap]"):
        start, end = (int(x, 16) for x in line.split()[0].split("-"))
        print("heap" if start <= address < end else "mapped")
        break
else:
    print("mapped")
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc's allocator",
)
def test_a_store_being_built_keeps_large_blocks_off_the_heap(tmp_path):
    """A build's large buffers get mappings of their own, so that freeing them gives the
    memory back (graph.store._map_large_blocks); without it glibc puts a 1 MiB block in
    its heap once an 8 MiB one has been freed."""

    def where(mode: str) -> str:
        run = [sys.executable, "-c", _LARGE_BLOCK, mode, str(tmp_path)]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout.strip()

    assert where("plain") == "heap"
    assert where("store") == "mapped"
