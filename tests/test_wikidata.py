"""Linking division codes to Wikidata, against a real local SPARQL server (Oxigraph)."""

import pytest
from oxigraph_server import OxigraphServer

from duikou.graph.wikidata import EndpointError, lookup_codes

# A tiny fixture in Wikidata's shape: items with a P442 (China administrative division code).
FIXTURE = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
wd:Q9999001 wdt:P442 "460200" .
wd:Q9999002 wdt:P442 "540400" .
wd:Q9999003 wdt:P442 "999999" .
"""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wikidata")
    data = folder / "fixture.ttl"
    data.write_text(FIXTURE)
    server = OxigraphServer(folder / "store")
    server.load(data)
    server.start()
    yield f"{server.base}/query"
    server.stop()


def test_lookup_in_batches_with_cache(endpoint, tmp_path, monkeypatch):
    import duikou.graph.wikidata as wikidata

    monkeypatch.setattr(wikidata, "BATCH", 1)  # force several requests
    cache = tmp_path / "cache.json"
    links = lookup_codes(
        ["460200", "540400", "110105", "not-a-code"], endpoint=endpoint, cache=cache
    )
    assert links == {
        "110105": None,
        "460200": "http://www.wikidata.org/entity/Q9999001",
        "540400": "http://www.wikidata.org/entity/Q9999002",
    }
    # the second run asks nothing: an unreachable endpoint does not matter
    again = lookup_codes(["460200"], endpoint="http://127.0.0.1:9/query", cache=cache, retries=0)
    assert again == {"460200": "http://www.wikidata.org/entity/Q9999001"}


def test_quotes_in_codes_never_reach_the_query(endpoint):
    assert lookup_codes(['460200" } ?x ?y ?z . {'], endpoint=endpoint) == {}


def test_unreachable_endpoint_is_a_clear_error():
    with pytest.raises(EndpointError, match="unreachable"):
        lookup_codes(["460200"], endpoint="http://127.0.0.1:9/query", retries=1, timeout=2)
