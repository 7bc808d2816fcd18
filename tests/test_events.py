"""Events with dates, places, names, leaders and parties, on sentences written for the tests.

The graph tests at the end check all five new fact families together (SHACL, provenance).
"""

from decimal import Decimal

import pytest
from rdflib.namespace import SKOS

from duikou.loaders.dates import find_dates
from duikou.loaders.events import EVENT_KINDS, extract_events
from duikou.loaders.segmenter import segment
from duikou.loaders.years import report_year

from support import hainan_tibet_chapter


def chapter(*sentences: str):
    # "In 2015" three times, "In 2014" once: the report year is 2015.
    return segment(
        hainan_tibet_chapter(
            *sentences,
            subheading="Visits",
            overview="In 2015, the east helped the west. In 2014, less was done. In 2015, more was done.",
        )
    )


def events(*sentences: str):
    doc = chapter(*sentences)
    facts = extract_events(doc)
    for fact in facts:
        assert fact.kind in EVENT_KINDS
        if fact.name is not None:
            assert doc.quote(fact.name_span) == fact.name
        if fact.location is not None:
            assert doc.quote(fact.location.span) == fact.location.name
        for party in fact.parties:
            assert doc.quote(party.span) == party.name
    return facts


def test_visit_with_range_leader_and_place():
    (visit,) = events(
        "From March 3 to 6, 2015, Vice Governor of Hainan Provincial Government Zhang Weiguo "
        "headed a delegation to visit Lhasa."
    )
    assert visit.kind == "visit"
    assert (visit.start, visit.end, visit.datatype) == ("2015-03-03", "2015-03-06", "date")
    assert visit.location.name == "Lhasa"
    assert visit.leader[0] == "Zhang Weiguo"


def test_visit_across_months_with_delegation_origin():
    (visit,) = events(
        "From October 29 to November 2, 2015, Haikou Municipal Party Secretary Zhang Qi, "
        "Mayor Ni Qiang headed a party and government delegation of Haikou City to visit Nyingchi."
    )
    assert (visit.start, visit.end) == ("2015-10-29", "2015-11-02")
    assert visit.leader[0] == "Zhang Qi"
    assert [p[0] for p in visit.persons] == ["Ni Qiang"]
    assert [p.name for p in visit.participants] == ["Haikou City"]
    assert visit.location.name == "Nyingchi"


def test_agreement_without_year_takes_the_report_year():
    (signing,) = events(
        "On April 9, Hainan and Tibet Autonomous Region signed the "
        "\u201cFramework Agreement on Hainan - Tibet Tropical Agriculture Cooperation (2015-2020)\u201d."
    )
    assert signing.kind == "agreement"
    assert (signing.start, signing.datatype) == ("2015-04-09", "date")
    assert (
        signing.name
        == "Framework Agreement on Hainan - Tibet Tropical Agriculture Cooperation (2015-2020)"
    )
    assert [(p.name, p.kind) for p in signing.parties] == [
        ("Hainan", "region"),
        ("Tibet Autonomous Region", "region"),
    ]


def test_agreement_parties_after_with():
    (signing,) = events(
        "Sanya Municipal Education Bureau signed a cooperation agreement with "
        "Nyingchi Vocational School and Lhasa Normal College."
    )
    assert [(p.name, p.kind) for p in signing.parties] == [
        ("Sanya Municipal Education Bureau", "organization"),
        ("Nyingchi Vocational School", "organization"),
        ("Lhasa Normal College", "organization"),
    ]


def test_training_in_a_month():
    (training,) = events("In July 2015, Hainan held 12 training courses for 560 cadres in Haikou.")
    assert training.kind == "training"
    assert (training.start, training.datatype) == ("2015-07", "gYearMonth")
    assert training.location.name == "Haikou"


def test_conference_with_quoted_name_and_fair_with_capitalised_name():
    conference, fair = events(
        "On May 20, 2015, Hainan held the \u201cSeminar on Tropical Crops in the Plateau\u201d in Sanya "
        "and invited Nyingchi enterprises to attend the Hainan International Tropical Products Fair."
    )
    assert conference.kind == "conference"
    assert conference.name == "Seminar on Tropical Crops in the Plateau"
    assert conference.location.name == "Sanya"
    assert conference.start == "2015-05-20"
    assert fair.kind == "fair"
    assert fair.name == "Hainan International Tropical Products Fair"


@pytest.mark.parametrize(
    "sentence",
    [
        "Hainan implemented the spirit of the central work conference on poverty alleviation.",
        "The two sides set up the joint meeting system.",
        "Hainan sent 12 cadres to work in Nyingchi.",
        "The delegation was welcomed in Tibetan areas.",
    ],
)
def test_not_events(sentence):
    assert events(sentence) == []


def test_place_must_be_a_place():
    (training,) = events("Hainan held trainings in Tibetan areas for 300 herdsmen.")
    assert training.location is None


def test_report_year_is_the_commonest_in_year():
    assert report_year(chapter("Nothing happened.")) == 2015


def test_date_shapes():
    text = (
        "In June 2015 and on Dec. 3, 2015, on 9 April 2015, "
        "and from November 2015 to March 2016, and in 2014."
    )
    assert [(d.start, d.end, d.datatype) for d in find_dates(text, 0, 2015)] == [
        ("2015-06", None, "gYearMonth"),
        ("2015-12-03", None, "date"),
        ("2015-04-09", None, "date"),
        ("2015-11", "2016-03", "gYearMonth"),
        ("2014", None, "gYear"),
    ]
    assert find_dates("On May 9 they met.", 0, None) == []  # no year to give it


def test_sample_events(sample_doc, sample_text):
    # grep -oE "headed (a|the) [a-z ]*delegation" src/duikou/corpus/yearbook-2013-east-west-pairing.txt
    #   | wc -l  -> 23 delegations; every one is a visit.
    facts = extract_events(sample_doc)
    visits = [f for f in facts if f.evidence.rule == "event-delegation"]
    assert len(visits) >= 23
    assert {f.kind for f in facts} == set(EVENT_KINDS)
    assert sum(1 for f in visits if f.leader) >= 15
    assert sum(1 for f in facts if f.datatype == "date") >= 10
    assert all(f.start is None or f.start[:2] in ("19", "20") for f in facts)


# --- the graph -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_graph(sample_doc):
    from duikou.graph.pipeline import document_graph

    return document_graph(sample_doc)


def test_sample_graph_with_all_new_facts_conforms(sample_graph):
    from duikou.ontology.validate import validate_graph

    result = validate_graph(sample_graph)
    assert result.conforms, "\n".join(result.lines()[:20])


def test_sample_graph_has_every_kind_of_new_fact(sample_graph):
    from rdflib import RDF

    from duikou.ontology.namespace import DK, ORG

    def count(cls):
        return len(set(sample_graph.subjects(RDF.type, cls)))

    assert count(DK.Visit) >= 23 and count(DK.AgreementSigning) >= 10
    assert count(DK.Training) >= 10 and count(DK.Conference) >= 5 and count(DK.Fair) >= 5
    assert count(DK.Indicator) >= 300 and count(DK.Program) >= 30
    assert count(DK.GovernmentBody) >= 10 and count(DK.Enterprise) >= 10
    assert count(ORG.Post) >= 40 and count(DK.Person) >= 30


def test_every_new_fact_cites_a_sentence_of_the_sample(sample_doc):
    from duikou.loaders.actors import extract_actors
    from duikou.loaders.indicators import extract_indicators
    from duikou.loaders.persons import extract_persons
    from duikou.loaders.programs import extract_programs

    sentences = {s.span for s in sample_doc.sentences()}
    facts = [
        *extract_actors(sample_doc),
        *extract_persons(sample_doc),
        *extract_programs(sample_doc),
        *extract_events(sample_doc),
        *extract_indicators(sample_doc),
    ]
    for fact in facts:
        assert fact.evidence.unit == "sentence" and fact.evidence.span in sentences
        assert Decimal(0) <= fact.evidence.confidence <= Decimal(1)
        inner = getattr(fact, "span", None) or getattr(fact, "trigger", None) or fact.value_span
        assert fact.evidence.span.start <= inner.start <= inner.end <= fact.evidence.span.end


def test_synthetic_graph_links_people_posts_and_events():
    from rdflib import RDF, RDFS, Literal

    from duikou.graph.iris import organization_iri, person_iri
    from duikou.graph.pipeline import document_graph
    from duikou.ontology.namespace import DK, ORG, SCHEMA
    from duikou.ontology.validate import validate_graph

    doc = chapter(
        "From March 3 to 6, 2015, Vice Governor of Hainan Provincial Government Zhang Weiguo "
        "headed a delegation to visit Lhasa.",
        "Hainan trained 3150 poor farmers from Tibet Autonomous Region, up 12.5% over 2014.",
        "Ten schools joined the Sunshine Plan.",
    )
    graph = document_graph(doc)
    result = validate_graph(graph)
    assert result.conforms, "\n".join(result.lines()[:20])
    person = person_iri("Zhang Weiguo")
    (post,) = graph.objects(person, ORG.holds)
    assert graph.value(post, RDFS.label) == Literal("Vice Governor")
    assert graph.value(post, ORG.postIn) == organization_iri("Hainan Provincial Government")
    assert (organization_iri("Hainan Provincial Government"), RDF.type, DK.GovernmentBody) in graph
    (visit,) = graph.subjects(RDF.type, DK.Visit)
    assert graph.value(visit, DK.ledBy) == person
    assert str(graph.value(visit, SCHEMA.startDate)) == "2015-03-03"
    location = graph.value(visit, SCHEMA.location)
    # resolved to its division (拉萨市, 540100); the wording of the text stays as altLabel
    assert str(location).endswith("/region/540100")
    assert "Lhasa" in {str(name) for name in graph.objects(location, SKOS.altLabel)}
    values = {str(graph.value(i, SCHEMA.value)) for i in graph.subjects(RDF.type, DK.Indicator)}
    assert values == {"3150", "12.5", "10"}  # "Ten schools" is a count too
