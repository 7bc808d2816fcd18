"""A long document is built a few sections at a time, into the same kind of chunk.

:func:`duikou.graph.pipeline.document_parts` gives a document of more than
``PART_CHARS`` characters in parts of whole sections, and the chunk is merged
from each part's sorted statements. Here the parts are made small, so that the
bundled chapter (one part at the default size, and built as before) is cut
into several. How the time and memory of a build grow with one file's size is
measured by ``benchmarks/large_file.py``.
"""

import heapq

import pytest
from rdflib import Graph

from duikou import api
from duikou.graph import chunks, pipeline
from duikou.graph.triples import Triples
from duikou.graph.turtle import body, body_of_statements, statements
from duikou.loaders.segmenter import segment


@pytest.fixture(scope="module")
def doc():
    return api.load_document(api.sample_path())


@pytest.fixture(scope="module")
def whole(doc):
    return pipeline.document_graph(doc, Triples())


def test_the_bundled_chapter_is_one_part(doc):
    assert not pipeline.in_parts(doc)
    assert len(list(pipeline.document_parts(doc))) == 1


def test_merged_statements_write_the_same_turtle_as_the_whole(whole):
    lines = statements(whole)
    assert "".join(body_of_statements(lines)) == body(whole)
    third = len(lines) // 3  # overlapping runs: a line in two parts is written once
    runs = [lines[: 2 * third], lines[third:], lines[third : third + 5]]
    assert "".join(body_of_statements(heapq.merge(*runs))) == body(whole)


def test_a_document_in_parts_keeps_its_structure_and_facts(doc, whole, monkeypatch):
    monkeypatch.setattr(pipeline, "PART_CHARS", 10_000)
    part_doc = segment(doc.text, doc_id=doc.id, source=doc.source)
    assert pipeline.in_parts(part_doc)
    assert len(list(pipeline._parts(part_doc, 10_000))) > 2  # at 4 × 10,000 (one chapter)
    turtle, triples = chunks._turtle(part_doc)
    graph = Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    assert len(graph) == triples
    ours = {tuple(map(str, t)) for t in graph}
    before = {tuple(map(str, t)) for t in Graph().parse(data=chunks.HEADER + body(whole).encode())}
    spans = {t for t in before if "/sentence/" in t[0] or "/paragraph/" in t[0]}
    assert spans <= ours  # every unit of the text, with its position and words
    # facts read across a part's end (a restatement, a section's total) may differ
    assert len(ours ^ before) < 0.01 * len(before)


def test_parts_are_whole_sections_ending_before_a_chapter_where_they_can(doc):
    parts = list(pipeline._parts(doc, 40_000))
    assert parts[0][0] == 0 and parts[-1][1] == len(doc.sections)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:], strict=False))
    big = pipeline._parts(doc, 1)  # every section is big enough: each is a part at most
    assert all(stop > start for start, stop in big)


def test_a_long_document_builds_in_parts_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "PART_CHARS", 60_000)
    text = api.sample_path().read_text(encoding="utf-8")
    path = tmp_path / "two.txt"
    path.write_text(text.replace("2012", "2013") + "\n\n" + text, encoding="utf-8")
    result = api.build([path], tmp_path / "out", jobs=1, progress=False)
    assert result.quads > 40_000
    assert api.validate(tmp_path / "out").conforms


def test_a_large_chunk_is_loaded_into_the_store_in_pieces(whole, tmp_path, monkeypatch):
    import pyoxigraph as ox

    from duikou.graph import store

    turtle = chunks.HEADER + body(whole).encode("utf-8")
    monkeypatch.setattr(store, "LOAD_BYTES", 50_000)
    assert len(list(store.turtle_pieces(turtle, store.LOAD_BYTES))) > 10
    pieces = store.GraphStore(tmp_path / "pieces")
    pieces.add("urn:x-test:doc", turtle)
    whole_store = ox.Store()
    whole_store.bulk_load(turtle, format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("urn:x-g"))
    assert len(pieces._store) == len(whole_store) == len(whole)
