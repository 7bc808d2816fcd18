"""Same input, same graph: two builds are isomorphic and byte-identical as sorted N-Triples."""

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic, to_canonical_graph

from duikou import build, sample_path


def _ntriples(path) -> list[str]:
    """Sorted N-Triples; blank nodes (only in the ontology's OWL lists) get canonical labels."""
    graph = to_canonical_graph(Graph().parse(path, format="turtle"))
    return sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())


def test_two_builds_are_identical(tmp_path, sample_build):
    # The second build reads a copy of the sample from another folder: only content matters.
    copy = tmp_path / "in" / sample_path().name
    copy.parent.mkdir()
    copy.write_bytes(sample_path().read_bytes())
    second = tmp_path / "second"
    build([copy], out=second, progress=False)

    first_graph = Graph().parse(sample_build / "graph.ttl", format="turtle")
    second_graph = Graph().parse(second / "graph.ttl", format="turtle")
    assert len(first_graph) > 1000
    assert isomorphic(first_graph, second_graph)
    assert _ntriples(sample_build / "graph.ttl") == _ntriples(second / "graph.ttl")
    for name in ("graph.trig", "graph.ttl", "manifest.json"):
        assert (sample_build / name).read_bytes() == (second / name).read_bytes(), name


def test_trig_has_one_named_graph_per_document_plus_ontology(sample_build):
    dataset = Dataset()
    dataset.parse(sample_build / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/duikou/ontology" in names
    documents = [n for n in names if "/id/doc/" in n]
    assert len(documents) == 1


def test_store_holds_the_same_quads_as_the_trig(sample_build):
    import pyoxigraph as ox

    store = ox.Store.read_only(str(sample_build / "store"))
    dataset = Dataset()
    dataset.parse(sample_build / "graph.trig", format="trig")
    assert len(store) == sum(len(g) for g in dataset.graphs())
