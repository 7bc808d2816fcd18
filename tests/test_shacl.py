"""The built graph conforms to the SHACL shapes; deliberately broken graphs do not."""

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

from duikou.graph.chunk_files import HEADER
from duikou.ontology.namespace import DK, OA
from duikou.ontology.validate import validate_graph

from support import append_to_chunk, folder_of_graph, union_graph


@pytest.fixture(scope="module")
def built_graph(sample_build):
    return union_graph(sample_build)


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
    folder = folder_of_graph(graph, tmp_path / "out")
    result = CliRunner().invoke(cli, ["validate", "--graph", str(folder)])
    assert result.exit_code == 1
    assert "Violation" in result.output and "oa:exact" in result.output


def _reference(graph):
    """pySHACL run plainly (fresh shapes and ontology, rdflib parsing every query): the
    violations as validate_graph reports them."""
    import pyshacl
    from rdflib.namespace import SH

    from duikou.ontology import ontology_graph, shapes_graph
    from duikou.ontology.namespace import compact

    def short(term):
        return "" if term is None else compact(str(term))

    _, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), advanced=True,
        allow_warnings=True,
    )  # fmt: skip
    return sorted(
        (
            short(report.value(r, SH.focusNode)),
            short(report.value(r, SH.resultPath)),
            str(report.value(r, SH.resultMessage) or ""),
        )
        for r in report.subjects(SH.resultSeverity, None)
    )


@pytest.mark.parametrize(
    "breakage", [_remove_exact, _second_donor, _bad_confidence, _end_before_start, _no_provenance]
)
def test_built_folder_finds_the_same_violations_as_plain_pyshacl(tmp_path, small_graph, breakage):
    """The fast path (Oxigraph's parser, each SPARQL text prepared once) changes no result."""
    from duikou import api

    graph = _copy(small_graph)
    breakage(graph)
    result = api.validate(folder_of_graph(graph, tmp_path / "out"))
    found = sorted((v["focus"], v["path"], v["message"]) for v in result.violations)
    assert not result.conforms and found == _reference(graph)


def test_validate_graph_leaves_its_argument_alone(small_graph):
    before = len(small_graph)
    validate_graph(small_graph)
    assert len(small_graph) == before


def test_violation_planted_in_a_built_folder_is_reported(sample_build, tmp_path):
    """A span that ends before it starts, added to the sample's chunk, fails `validate`."""
    import shutil

    from support import invoke

    out = shutil.copytree(sample_build, tmp_path / "out")
    sentence = "https://w3id.org/duikou/id/doc/planted/sentence/9-3"
    append_to_chunk(
        out,
        f"\n<{sentence}> a <https://w3id.org/duikou/ontology#Sentence> ;\n"
        "    <http://www.w3.org/ns/oa#start> 9 ; <http://www.w3.org/ns/oa#end> 3 .\n",
    )
    result = invoke("validate", "--graph", out)
    assert result.exit_code == 1
    planted = [line for line in result.stdout.splitlines() if "planted" in line]
    assert any("ends before it starts" in line for line in planted), planted
    assert any("oa:exact" in line for line in planted), planted
    assert "violation(s)" in result.stderr


def test_validate_names_its_stages_and_refuses_broken_turtle(tmp_path, small_graph):
    from duikou import api
    from duikou.errors import GraphError

    folder = folder_of_graph(small_graph, tmp_path / "good")
    stages = []
    assert api.validate(folder, progress=stages.append).conforms
    assert stages[0].startswith("reading") and "SHACL shapes" in stages[1]
    broken = folder_of_graph(small_graph, tmp_path / "broken", turtle=HEADER + b"<a> <b> .\n")
    with pytest.raises(GraphError, match="not readable Turtle"):
        api.validate(broken)
    with pytest.raises(GraphError, match="no built graph here"):
        api.validate(tmp_path / "nothing")


def test_the_parameter_lookup_shim_keeps_pyshacls_constraints():
    """The faster ``in`` (duikou.ontology.validate._ParameterList) holds the same
    parameters in the same order as pySHACL's own list, and is the one it uses."""
    import pyshacl.shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS
    from rdflib import Graph

    from duikou.ontology.validate import _ParameterList, validate_graph

    validate_graph(Graph())
    fast, _ = pyshacl.shape.CONSTRAINT_PARAMS
    assert isinstance(fast, _ParameterList)
    assert list(fast) == list(ALL_CONSTRAINT_PARAMETERS)
    assert all(p in fast for p in ALL_CONSTRAINT_PARAMETERS)
