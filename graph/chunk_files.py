"""The chunk files of a built folder: each named graph's Turtle, gzipped, in ``graphs/``.

A chunk (:mod:`duikou.graph.chunks`) is kept as ``graphs/{document id}.ttl.gz``,
a graph that is not a document's (the Wikidata links) as
``graphs/graph-{hash}.ttl.gz``, and the ontology's graph as
``graphs/ontology.ttl.gz``: the folder holds every graph its store was loaded
from, so :mod:`duikou.graph.union` rebuilds the union files from the folder
alone, whatever code reads it later. gzip makes them about an eighth of their
Turtle; it is written with mtime 0 and no file name, so the same Turtle gives
the same bytes and a clean build and an update of the same documents can be
compared file by file. A file of a build from before the compression
(``.ttl``) is still read.

>>> unpack(pack(HEADER + b"<a> a <B> .\\n")) == HEADER + b"<a> a <B> .\\n"
True
>>> pack(HEADER) == pack(HEADER)
True
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from pathlib import Path

from duikou.errors import GraphError
from duikou.graph.turtle import header

__all__ = [
    "SUFFIX",
    "ONTOLOGY_CHUNK",
    "chunk_name",
    "extra_name",
    "pack",
    "unpack",
    "read_chunk",
    "chunk_body",
]

SUFFIX = ".ttl.gz"
ONTOLOGY_CHUNK = "ontology" + SUFFIX
"""The ontology's graph, as the build loaded it into the store."""
LEVEL = 6
"""gzip's default: 8.3 times smaller on a chapter for 18 ms (level 1: 6.6 times, 7 ms)."""
_PIECE = 1 << 20
HEADER = header().encode("utf-8")
"""The bytes every chunk starts with (the same as :data:`duikou.graph.chunks.HEADER`)."""


def chunk_name(doc_id: str) -> str:
    """The file name of a document's chunk."""
    return doc_id + SUFFIX


def extra_name(iri: str) -> str:
    """The file name of a graph that is not a document's, named by its IRI."""
    return "graph-" + hashlib.sha256(iri.encode()).hexdigest()[:16] + SUFFIX


def pack(turtle: bytes) -> bytes:
    """*turtle* as the bytes of its chunk file (the same bytes for the same Turtle)."""
    return gzip.compress(turtle, compresslevel=LEVEL, mtime=0)


def unpack(data: bytes) -> bytes:
    """The Turtle of a chunk file's bytes."""
    return gzip.decompress(data)


def read_chunk(path: Path) -> bytes:
    """The whole Turtle of the chunk file *path*, checked to be duikou's."""
    try:
        data = path.read_bytes()
        turtle = unpack(data) if path.name.endswith(".gz") else data
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise GraphError(f"{path}: cannot be read ({exc}); rebuild the folder") from None
    if not turtle.startswith(HEADER):
        raise GraphError(f"{path}: not a duikou chunk; rebuild the folder")
    return turtle


def chunk_body(path: Path) -> Iterator[bytes]:
    """The Turtle of the chunk file *path* after the shared header, a megabyte at a time."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as chunk:
            if chunk.read(len(HEADER)) != HEADER:
                raise GraphError(f"{path}: not a duikou chunk; rebuild the folder")
            while piece := chunk.read(_PIECE):
                yield piece
    except (OSError, EOFError, zlib.error) as exc:
        raise GraphError(f"{path}: cannot be read ({exc}); rebuild the folder") from None
