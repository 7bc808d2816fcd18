"""The built graph conforms to the SHACL shapes; deliberately broken graphs do not."""

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from duikou.ontology.namespace import DK, OA
from duikou.ontology.validate import validate_graph


@pytest.fixture(scope="module")
def built_graph(sample_build):
    return Graph().parse(sample_build / "graph.ttl", format="turtle")


def _copy(graph):
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_built_graph_conforms(built_graph):
    result = validate_graph(built_graph)
    assert result.conforms, "\n".join(result.lines()[:20])


@pytest.fixture(scope="module")
def small_graph(synthetic_doc):
    """The synthetic chapter's graph: small, so breaking it and re-validating is quick."""
    from duikou.graph.pipeline import document_graph

    return document_graph(synthetic_doc)


def test_synthetic_chapter_graph_conforms(small_graph):
    result = validate_graph(small_graph)
    assert result.conforms, "\n".join(result.lines()[:20])


def _a(graph, cls):
    return sorted(graph.subjects(RDF.type, cls))[0]


def _remove_exact(graph):
    sentence = _a(graph, DK.Sentence)
    graph.remove((sentence, OA.exact, None))
    return sentence


def _second_donor(graph):
    pairing = _a(graph, DK.Pairing)
    graph.add((pairing, DK.donor, URIRef("https://w3id.org/duikou/id/region/elsewhere")))
    return pairing


def _bad_confidence(graph):
    pairing = _a(graph, DK.Pairing)
    graph.set((pairing, DK.confidence, Literal(Decimal("1.5"))))
    return pairing


def _end_before_start(graph):
    sentence = _a(graph, DK.Sentence)
    graph.set((sentence, OA.end, Literal(0)))
    return sentence


def _no_provenance(graph):
    pairing = _a(graph, DK.Pairing)
    graph.remove((pairing, PROV.wasDerivedFrom, None))
    return pairing


@pytest.mark.parametrize(
    "breakage", [_remove_exact, _second_donor, _bad_confidence, _end_before_start, _no_provenance]
)
def test_broken_graph_does_not_conform(small_graph, breakage):
    graph = _copy(small_graph)
    focus = breakage(graph)
    result = validate_graph(graph)
    assert not result.conforms
    local = str(focus).split("/id/", 1)[1]
    assert any(local in line for line in result.lines()), result.lines()[:5]


def test_cli_validate_reports_violations(tmp_path, small_graph):
    from click.testing import CliRunner

    from duikou.cli import cli

    graph = _copy(small_graph)
    _remove_exact(graph)
    (tmp_path / "graph.ttl").write_text(graph.serialize(format="turtle"))
    result = CliRunner().invoke(cli, ["validate", "--graph", str(tmp_path)])
    assert result.exit_code == 1
    assert "Violation" in result.output and "oa:exact" in result.output
