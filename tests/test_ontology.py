"""The ontology declares every term the code uses, each with a label and a comment."""

import re
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, URIRef

from duikou.ontology import ontology_graph, shapes_graph
from duikou.ontology.namespace import DK, DK_IRI

ROOT = Path(__file__).parents[1]
CODE_DIRS = ["src", "loaders", "graph", "queries", "ontology"]


@pytest.fixture(scope="module")
def ontology():
    return ontology_graph()


def _declared(ontology) -> set[str]:
    return {str(s)[len(DK_IRI) :] for s in ontology.subjects() if str(s).startswith(DK_IRI)}


def test_namespace_and_ttl_agree(ontology):
    assert set(DK.__annotations__) == _declared(ontology)


def test_every_term_has_label_and_comment(ontology):
    for name in _declared(ontology):
        term = URIRef(DK_IRI + name)
        assert ontology.value(term, RDFS.label), name
        assert ontology.value(term, RDFS.comment), name


def test_every_term_used_in_code_is_declared(ontology):
    declared = _declared(ontology)
    used = set()
    for folder in CODE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"\bDK\.([A-Za-z_]\w*)", path.read_text()))
        for path in (ROOT / folder).rglob("*.rq"):
            used |= set(re.findall(r"\bdk:([A-Za-z_]\w*)", path.read_text()))
    used -= {"_NS", "__annotations__"}
    assert used, "the scan found no terms at all"
    assert used <= declared, used - declared


def test_misspelt_term_fails_at_once():
    with pytest.raises(AttributeError):
        DK.Pairng  # noqa: B018


def test_reused_vocabularies(ontology):
    text = ontology.serialize(format="turtle")
    for namespace in ("prov#", "ns/org#", "schema.org", "skos/core#", "geosparql#", "ns/oa#"):
        assert namespace in text, namespace


def test_shapes_parse_and_target_dk_classes():
    shapes = shapes_graph()
    targets = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    assert URIRef(DK_IRI + "Pairing") in targets and URIRef(DK_IRI + "Sentence") in targets


def test_ontology_is_valid_turtle_on_its_own():
    assert len(Graph().parse(ROOT / "ontology" / "duikou.ttl", format="turtle")) > 100
