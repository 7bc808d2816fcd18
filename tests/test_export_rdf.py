"""`duikou export rdf`: the union of a built folder's graphs, made from its chunks on demand.

A build no longer writes ``graph.trig`` and ``graph.ttl``; the export gives
their bytes (checked here against the old assembly, redone by hand from the
chunks), the same bytes to stdout and to a file, a file written atomically,
and one line on a folder that is not a build. A folder an earlier build left
with union files loses them at the next build, and keeps the user's files.
"""

from __future__ import annotations

import gzip
import json
import shutil

import pyoxigraph as ox
import pytest

from duikou.api import build, export_rdf, open_rdf
from duikou.graph.chunk_files import HEADER

from support import assert_refused, chunk_ids, hainan_tibet_chapter, invoke

FORMATS = {"trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE, "nq": ox.RdfFormat.N_QUADS}


def _chapter(folder, name: str, year: int):
    path = folder / name
    text = f"In {year}, Hainan Province allocated 3 million yuan to Lhasa City."
    path.write_text(hainan_tibet_chapter(text), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export-rdf")
    out = folder / "out"
    build([_chapter(folder, "a.txt", 2015), _chapter(folder, "b.txt", 2016)], out, progress=False)
    return out


def _old_assembly(out) -> tuple[bytes, bytes]:
    """graph.trig and graph.ttl as builds wrote them: the header, then the ontology's body,
    the documents' bodies by id and the other graphs' by IRI (each chunk without its
    header), in TriG each in a block named by its graph."""
    manifest = json.loads((out / "manifest.json").read_text())
    bodies = [("<https://w3id.org/duikou/ontology>", "ontology.ttl.gz")]
    for doc_id in sorted(d["id"] for d in manifest["documents"]):
        bodies.append((f"<doc/{doc_id[:16]}>", f"{doc_id}.ttl.gz"))
    for graph in sorted(manifest.get("graphs", []), key=lambda g: g["iri"]):
        bodies.append((f"<{graph['iri']}>", graph["file"]))
    trig, ttl = [HEADER], [HEADER]
    for name, file in bodies:
        data = gzip.decompress((out / "graphs" / file).read_bytes())
        assert data.startswith(HEADER)
        trig += [name.encode() + b" {\n", data[len(HEADER) :], b"}\n\n"]
        ttl.append(data[len(HEADER) :])
    return b"".join(trig), b"".join(ttl)


def test_trig_and_ttl_are_the_bytes_builds_used_to_write(sample_build, two_documents):
    for out in (sample_build, two_documents):
        trig, ttl = _old_assembly(out)
        with open_rdf(out, fmt="trig") as union:
            assert union.read() == trig
        with open_rdf(out, fmt="ttl") as union:
            assert union.read() == ttl


def _named_quads(store) -> set[str]:
    return {str(q) for q in store if not any(isinstance(t, ox.BlankNode) for t in q)}


def _named_triples(store) -> set[str]:
    return {str(q.triple) for q in store if not any(isinstance(t, ox.BlankNode) for t in q)}


def test_every_format_holds_the_graph_of_the_store(two_documents, tmp_path):
    """Each export loaded into a store gives the quads of the build's store (blank nodes
    by number only: a store labels them anew), or in Turtle the triples of their union."""
    built = ox.Store.read_only(str(two_documents / "store"))
    manifest = json.loads((two_documents / "manifest.json").read_text())
    for fmt, rdf_format in FORMATS.items():
        path = tmp_path / f"graph.{fmt}"
        assert export_rdf(path, two_documents, fmt=fmt) == path.stat().st_size
        loaded = ox.Store()
        loaded.bulk_load(path=str(path), format=rdf_format)
        if fmt == "ttl":  # one graph: the union of the ontology's and the documents'
            assert _named_triples(loaded) == _named_triples(built)
            continue
        assert len(loaded) == len(built) == manifest["quads"]
        assert _named_quads(loaded) == _named_quads(built)


def test_stdout_and_file_get_the_same_bytes(two_documents, tmp_path):
    for fmt in FORMATS:
        shown = invoke("export", "rdf", "--graph", two_documents, "--format", fmt)
        assert shown.exit_code == 0, shown.output
        path = tmp_path / f"union.{fmt}"
        written = invoke(
            "export", "rdf", "--graph", two_documents, "--format", fmt, "--output", path
        )
        assert written.exit_code == 0, written.output
        assert shown.stdout_bytes == path.read_bytes()
        assert f"wrote {path.stat().st_size} bytes of {fmt}" in written.stderr
    default = invoke("export", "rdf", "--graph", two_documents)
    assert default.stdout_bytes == (tmp_path / "union.trig").read_bytes()


def test_one_line_on_what_is_not_a_build(tmp_path, two_documents):
    assert_refused(invoke("export", "rdf", "--graph", tmp_path / "missing"), "no built graph here")
    (tmp_path / "empty").mkdir()
    assert_refused(invoke("export", "rdf", "--graph", tmp_path / "empty"), "no built graph here")
    app = tmp_path / "app"
    app.mkdir()
    (app / "manifest.json").write_text('{"name": "a web app", "documents": []}')
    assert_refused(invoke("export", "rdf", "--graph", app), "not a folder written by duikou")
    assert_refused(
        invoke("export", "rdf", "--graph", two_documents, "--format", "xml"),
        "unknown RDF format 'xml'",
    )
    old = tmp_path / "old"  # a build from before the chunks were compressed
    (old / "graphs").mkdir(parents=True)
    (old / "graphs" / ("0" * 64 + ".ttl")).write_bytes(HEADER)
    (old / "manifest.json").write_text(
        json.dumps({"format": "duikou-build", "documents": [{"id": "0" * 64}]})
    )
    assert_refused(invoke("export", "rdf", "--graph", old), "earlier duikou", "build it again")


def test_a_file_is_replaced_whole_or_not_at_all(two_documents, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(two_documents, broken)
    last = sorted(chunk_ids(broken))[-1]
    chunk = broken / "graphs" / f"{last}.ttl.gz"
    chunk.write_bytes(chunk.read_bytes()[:40])  # cut short: fails after the first graphs
    output = tmp_path / "graph.trig"
    output.write_text("the previous export\n")
    result = invoke("export", "rdf", "--graph", broken, "--output", output)
    assert_refused(result, f"{last}.ttl.gz", "rebuild the folder")
    assert output.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_chunks_are_gzip_without_a_time_or_name(two_documents):
    files = sorted((two_documents / "graphs").iterdir())
    assert files and all(p.name.endswith(".ttl.gz") for p in files)
    for path in files:
        head = path.read_bytes()[:10]
        assert head[:3] == b"\x1f\x8b\x08" and head[3] & 0x08 == 0  # no file name
        assert head[4:8] == b"\0\0\0\0"  # mtime 0


@pytest.mark.parametrize("update", [False, True])
def test_a_build_drops_the_union_files_of_an_older_build_and_keeps_the_users(tmp_path, update):
    a, b = _chapter(tmp_path, "a.txt", 2015), _chapter(tmp_path, "b.txt", 2016)
    out = tmp_path / "out"
    build([a], out, progress=False)
    (doc_id,) = chunk_ids(out)
    for name in ("graph.trig", "graph.ttl", f"graphs/{doc_id}.ttl"):  # what older builds wrote
        (out / name).write_bytes(HEADER)
    (out / "notes.md").write_text("mine\n")
    (out / "graphs" / "README.txt").write_text("also mine\n")
    build([b] if update else [a, b], out, update=update, progress=False)
    assert not (out / "graph.trig").exists() and not (out / "graph.ttl").exists()
    assert not (out / "graphs" / f"{doc_id}.ttl").exists()
    assert (out / "notes.md").read_text() == "mine\n"
    assert (out / "graphs" / "README.txt").read_text() == "also mine\n"
    assert len(chunk_ids(out)) == 2
    assert {p.name for p in out.iterdir()} == {"graphs", "sources", "store", "manifest.json",
                                               "notes.md"}  # fmt: skip
