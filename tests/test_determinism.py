"""Same input, same folder: two builds hold the same chunks, store quads and exports."""

from rdflib.compare import isomorphic, to_canonical_graph

from duikou import build, sample_path

from support import build_snapshot, union_dataset, union_graph


def _ntriples(graph) -> list[str]:
    """Sorted N-Triples; blank nodes (only in the ontology's OWL lists) get canonical labels."""
    canonical = to_canonical_graph(graph)
    return sorted(line for line in canonical.serialize(format="nt").splitlines() if line.strip())


def test_two_builds_are_identical(tmp_path, sample_build):
    # The second build reads a copy of the sample from another folder: only content matters.
    copy = tmp_path / "in" / sample_path().name
    copy.parent.mkdir()
    copy.write_bytes(sample_path().read_bytes())
    second = tmp_path / "second"
    build([copy], out=second, progress=False)

    first_graph, second_graph = union_graph(sample_build), union_graph(second)
    assert len(first_graph) > 1000
    assert isomorphic(first_graph, second_graph)
    assert _ntriples(first_graph) == _ntriples(second_graph)
    first, again = build_snapshot(sample_build), build_snapshot(second)
    assert first["files"].keys() == again["files"].keys()
    for name in first["files"]:  # chunks, sources, manifest
        assert first["files"][name] == again["files"][name], name
    assert first["quads"] == again["quads"]
    for fmt in first["exports"]:
        assert first["exports"][fmt] == again["exports"][fmt], fmt


def test_trig_has_one_named_graph_per_document_plus_ontology(sample_build):
    dataset = union_dataset(sample_build)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/duikou/ontology" in names
    documents = [n for n in names if "/id/doc/" in n]
    assert len(documents) == 1


def test_store_holds_the_quads_of_the_chunks(sample_build):
    """The store, loaded from the chunks, holds the quads of the N-Quads export loaded into
    another store (blank nodes by number: a store gives them new labels)."""
    import pyoxigraph as ox

    from duikou.api import open_rdf

    def split(store):
        plain = {str(q) for q in store if not any(isinstance(t, ox.BlankNode) for t in q)}
        return plain, len(store) - len(plain)

    built = ox.Store.read_only(str(sample_build / "store"))
    loaded = ox.Store()
    with open_rdf(sample_build, fmt="nq") as union:
        loaded.bulk_load(union, format=ox.RdfFormat.N_QUADS)
    assert len(built) > 1000
    assert split(built) == split(loaded)
