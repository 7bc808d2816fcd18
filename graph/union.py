"""The union of a built folder's graphs as one file: TriG, Turtle or N-Quads.

A build keeps each named graph once, as a chunk file (:mod:`duikou.graph.chunk_files`),
and loads the store from them; the union files earlier builds wrote beside them
(``graph.trig``, ``graph.ttl``) held the whole graph twice more. They are made
on demand instead, by ``duikou export rdf``, from the chunks alone, in a fixed
order: the ontology's graph, the documents' by id, then the other graphs by
IRI. So the same folder gives the same bytes, and a clean build and an
update of the same documents give the same bytes; TriG and Turtle are the
bytes of the ``graph.trig`` and ``graph.ttl`` those builds wrote:

- ``trig``: the shared header, then one block ``<graph> { … }`` per graph;
- ``ttl``: the shared header, then every graph's statements (their union, as
  one graph);
- ``nq``: one N-Quads line per quad, in the same order of graphs and, within
  each, the chunk's order (blank nodes keep the chunk's labels).

Chunks are read a megabyte at a time, so the union is never whole in memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import URIRef

from duikou.atomic import write_bytes_atomically
from duikou.errors import GraphError, OutputError
from duikou.graph.chunk_files import ONTOLOGY_CHUNK, chunk_body, chunk_name, read_chunk
from duikou.graph.chunks import HEADER
from duikou.graph.iris import doc_iri
from duikou.graph.output import GRAPHS_DIR, MANIFEST, is_duikou_folder, read_manifest
from duikou.graph.store import turtle_pieces
from duikou.graph.turtle import trig_block_start
from duikou.ontology import ONTOLOGY_GRAPH

__all__ = [
    "FORMATS",
    "check_rdf_format",
    "graph_files",
    "open_union",
    "union_pieces",
    "write_union",
]

FORMATS = ("trig", "ttl", "nq")
"""The union's formats: TriG (named graphs), Turtle (one graph), N-Quads (named graphs)."""


def check_rdf_format(fmt: str) -> None:
    """Raise :class:`~duikou.errors.OutputError` unless *fmt* is one of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown RDF format {fmt!r}; choose {', '.join(FORMATS)}")


def graph_files(folder: str | Path) -> list[tuple[str, Path]]:
    """``(graph IRI, chunk file)`` of every named graph of the built *folder*, in the
    union's order; :class:`~duikou.errors.GraphError` names what is missing."""
    folder = Path(folder)
    if not (folder / MANIFEST).is_file():
        raise GraphError(
            f"{folder}: no built graph here (missing {MANIFEST}); "
            f"run `duikou build --out {folder}` first"
        )
    if not is_duikou_folder(folder):
        raise GraphError(f"{folder}: not a folder written by duikou (its {MANIFEST} is not ours)")
    graphs = folder / GRAPHS_DIR
    if not (graphs / ONTOLOGY_CHUNK).is_file():
        raise GraphError(
            f"{folder}: built by an earlier duikou (no {GRAPHS_DIR}/{ONTOLOGY_CHUNK}); "
            "build it again"
        )
    manifest = read_manifest(folder)
    files = [(str(ONTOLOGY_GRAPH), graphs / ONTOLOGY_CHUNK)]
    for doc_id in sorted(entry["id"] for entry in manifest["documents"]):
        files.append((str(doc_iri(doc_id)), graphs / chunk_name(doc_id)))
    for extra in sorted(manifest.get("graphs", []), key=lambda g: g["iri"]):
        files.append((extra["iri"], graphs / extra["file"]))
    for _, path in files:
        if not path.is_file():
            raise GraphError(f"{path}: missing; rebuild the folder")
    return files


def union_pieces(folder: str | Path, fmt: str = "trig") -> Iterator[bytes]:
    """The bytes of the union of *folder*'s graphs in format *fmt*, a piece at a time.

    The folder is checked before the first piece is made.
    """
    check_rdf_format(fmt)
    files = graph_files(folder)
    return _pieces(files, fmt)


def _pieces(files: list[tuple[str, Path]], fmt: str) -> Iterator[bytes]:
    if fmt == "nq":
        for iri, path in files:
            yield from _nquads(iri, path)
        return
    yield HEADER
    for iri, path in files:
        if fmt == "trig":
            yield trig_block_start(URIRef(iri))
        yield from chunk_body(path)
        if fmt == "trig":
            yield b"}\n\n"


def _nquads(iri: str, path: Path) -> Iterator[bytes]:
    graph = ox.NamedNode(iri)
    for piece in turtle_pieces(read_chunk(path)):
        triples = ox.parse(piece, format=ox.RdfFormat.TURTLE, rename_blank_nodes=False)
        quads = (ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        yield ox.serialize(quads, format=ox.RdfFormat.N_QUADS)


def open_union(folder: str | Path, fmt: str = "trig") -> BinaryIO:
    """The union of *folder*'s graphs as a binary file object to read (Oxigraph's and
    rdflib's parsers take one); it is assembled as it is read."""
    return io.BufferedReader(_PiecesReader(union_pieces(folder, fmt)), 1 << 20)


def write_union(folder: str | Path, output: str | Path, fmt: str = "trig") -> Path:
    """Write the union of *folder*'s graphs to the file *output* (atomically); its path."""
    return write_bytes_atomically(output, union_pieces(folder, fmt))


class _PiecesReader(io.RawIOBase):
    """A raw binary stream reading the pieces of an iterator one after the other."""

    def __init__(self, pieces: Iterator[bytes]):
        self._pieces = pieces
        self._piece = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._piece:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._piece = memoryview(piece)
        size = min(len(buffer), len(self._piece))
        buffer[:size] = self._piece[:size]
        self._piece = self._piece[size:]
        return size
