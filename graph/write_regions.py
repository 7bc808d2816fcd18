"""Write places into the graph: resolved ones as official divisions, the rest as they were named.

A mention that resolved (see :mod:`duikou.gazetteer.resolve`, the stage before) becomes the node of
its division, ``id/region/{GB/T 2260 code}``, so "Qiandongnan" and
"Qiandongnan Prefecture" are one node. The node carries the code, level,
macro-region, names in English, Chinese and pinyin, a point, the GeoNames
link, its parents up to the province (``geo:sfWithin`` and ``skos:broader``)
and, for a division that no longer exists, its successor
(``dcterms:isReplacedBy``). The words of each mention stay as
``skos:altLabel`` — or ``skos:hiddenLabel`` for a misspelling that resolved at
a lower confidence ("Dunhua County" for Xunhua). A mention that does not
resolve keeps a node of its own name, marked with ``dk:resolution``.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from duikou.gazetteer import Division, load
from duikou.gazetteer.resolve import ResolvedPlaces
from duikou.graph.iris import region_iri
from duikou.graph.terms import DCTERMS, GEO, RDF, RDFS, SKOS
from duikou.loaders.facts import PlaceMention
from duikou.ontology.namespace import DATA, DK

__all__ = ["add_place", "division_iri", "place_level"]

_LEVELS = {"province": DK.LevelProvince, "prefecture": DK.LevelPrefecture, "county": DK.LevelCounty}
_MACRO = {"east": DK.MacroEast, "central": DK.MacroCentral, "west": DK.MacroWest}
_SUBLEVELS = {"township": DK.LevelTownship, "village": DK.LevelVillage}


def division_iri(code: str) -> URIRef:
    return DATA[f"region/{code}"]


def add_place(graph: Graph, place: PlaceMention, places: ResolvedPlaces) -> URIRef:
    """The region node for *place*, as it resolved (in *places*), written into *graph*."""
    resolution = places[place]
    if resolution.division is not None:
        node = _add_division(graph, resolution.division, places.year)
        # a misspelling resolved at lower confidence is a SKOS hidden label, not an alternative
        wording = SKOS.hiddenLabel if resolution.rule.startswith("spelling") else SKOS.altLabel
        graph.add((node, wording, Literal(place.name)))
        return node
    node = region_iri(place.name)
    graph.add((node, RDF.type, DK.Region))
    graph.set((node, RDFS.label, Literal(place.name)))
    level = place.level
    if level in _LEVELS:
        graph.set((node, DK.adminLevel, _LEVELS[level]))
    elif level in _SUBLEVELS:
        graph.set((node, DK.adminLevel, _SUBLEVELS[level]))
    if graph.value(node, DK.resolution) is None:
        graph.add((node, DK.resolution, Literal(resolution.status)))
    return node


def place_level(places: ResolvedPlaces, place: PlaceMention) -> str | None:
    """The level of *place*: from its division when resolved, else from its admin word."""
    division = places[place].division
    return division.level if division is not None else place.level


def _add_division(graph: Graph, division: Division, year: int | None) -> URIRef:
    node = division_iri(division.code)
    if graph.value(node, DK.divisionCode) is not None:
        return node
    graph.add((node, RDF.type, DK.Region))
    graph.add((node, DK.divisionCode, Literal(division.code)))
    graph.add((node, DK.resolution, Literal("resolved")))
    graph.add((node, DK.adminLevel, _LEVELS[division.level]))
    if division.macro_region in _MACRO:
        graph.add((node, DK.macroRegion, _MACRO[division.macro_region]))
    graph.add((node, RDFS.label, Literal(division.name_en, lang="en")))
    graph.add((node, RDFS.label, Literal(division.name_zh, lang="zh")))
    if division.pinyin:
        graph.add((node, RDFS.label, Literal(division.pinyin, lang="zh-Latn-pinyin")))
    if division.lon is not None and division.lat is not None:
        geometry = URIRef(f"{node}/geometry")
        graph.add((node, GEO.hasGeometry, geometry))
        graph.add((geometry, RDF.type, GEO.Geometry))
        wkt = f"POINT({division.lon:.5f} {division.lat:.5f})"
        graph.add((geometry, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral)))
    if division.geonames_iri:
        graph.add((node, SKOS.exactMatch, URIRef(division.geonames_iri)))
    gazetteer = load()
    if division.parent_code:
        parent = _add_division(graph, gazetteer.get(division.parent_code, year=year), year)
        graph.add((node, GEO.sfWithin, parent))
        graph.add((node, SKOS.broader, parent))
    if division.successor_code and division.successor_code != division.code:
        successor = _add_division(graph, gazetteer.get(division.successor_code), None)
        graph.add((node, DCTERMS.isReplacedBy, successor))
    return node
