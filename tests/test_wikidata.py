"""Linking division codes to Wikidata, against a real local SPARQL server (Oxigraph)."""

import shutil

import pytest
from click.testing import CliRunner
from rdflib.namespace import OWL

from duikou.cli import cli
from duikou.errors import EndpointError, EndpointTimeout
from duikou.gazetteer.wikidata import lookup_codes
from duikou.graph.links import WIKIDATA_GRAPH
from duikou.ontology.namespace import DATA
from duikou.queries.endpoint import Endpoint

from support import OxigraphServer, folder_digest, union_dataset


def _select(url: str, timeout: float = 10):
    return Endpoint(url, timeout=timeout).select_strings


# A tiny fixture in Wikidata's shape: items with a P442 (China administrative division code).
FIXTURE = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
wd:Q9999001 wdt:P442 "460200" .
wd:Q9999002 wdt:P442 "540400" .
wd:Q9999003 wdt:P442 "999999" .
"""


def _server_with(data, folder):
    """An Oxigraph server on *folder*, loaded with the file *data* before it starts."""
    server = OxigraphServer(folder)
    server.load(data)
    return server.start()


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wikidata")
    data = folder / "fixture.ttl"
    data.write_text(FIXTURE)
    server = _server_with(data, folder / "store")
    try:
        yield f"{server.base}/query"
    finally:
        server.stop()


def test_lookup_in_batches_with_cache(endpoint, tmp_path, monkeypatch):
    import duikou.gazetteer.wikidata as wikidata

    monkeypatch.setattr(wikidata, "BATCH", 1)  # force several requests
    cache = tmp_path / "cache.json"
    links = lookup_codes(
        ["460200", "540400", "110105", "not-a-code"], select=_select(endpoint), cache=cache
    )
    assert links == {
        "110105": None,
        "460200": "http://www.wikidata.org/entity/Q9999001",
        "540400": "http://www.wikidata.org/entity/Q9999002",
    }
    # the second run asks nothing: an unreachable endpoint does not matter
    again = lookup_codes(
        ["460200"], select=_select("http://127.0.0.1:9/query"), cache=cache, retries=0
    )
    assert again == {"460200": "http://www.wikidata.org/entity/Q9999001"}


def test_quotes_in_codes_never_reach_the_query(endpoint):
    assert lookup_codes(['460200" } ?x ?y ?z . {'], select=_select(endpoint)) == {}


def test_unreachable_endpoint_is_a_clear_error_at_once(monkeypatch):
    """A refused connection is a 'no': not asked again, no back-off wait."""
    import duikou.gazetteer.wikidata as wikidata

    asked, waits = [], []

    def refused(query):
        asked.append(query)
        return _select("http://127.0.0.1:9/query")(query)

    monkeypatch.setattr(wikidata.time, "sleep", waits.append)  # a regression waits 60 s no more
    with pytest.raises(EndpointError, match="cannot reach"):
        lookup_codes(["460200"], select=refused, retries=3, backoff=60)
    assert len(asked) == 1
    assert waits == []


def test_a_time_out_is_asked_again_after_a_back_off(monkeypatch):
    import duikou.gazetteer.wikidata as wikidata

    waits, answers = [], iter([EndpointTimeout("slow"), [{"code": "460200", "item": "urn:x"}]])

    def flaky(query):
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(wikidata.time, "sleep", waits.append)  # no real wait
    assert lookup_codes(["460200"], select=flaky, retries=2, backoff=0.5) == {"460200": "urn:x"}
    assert waits == [0.5]


def test_link_command_writes_links_once_and_survives_an_unreachable_endpoint(
    endpoint, sample_build, tmp_path
):
    """`duikou link --wikidata` against the server: Balin Left Banner's code is in the fixture."""
    out = shutil.copytree(sample_build, tmp_path / "out")  # the sample's build, ours to change
    runner = CliRunner()
    args = [
        "link",
        "--wikidata",
        "--graph",
        str(out),
        "--endpoint",
        endpoint,
        "--cache",
        str(tmp_path / "c.json"),
    ]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output

    dataset = union_dataset(out)
    links = dataset.graph(WIKIDATA_GRAPH)
    # 460200 (Sanya) and 540400 (Nyingchi) are not in the chapter; no region matches them
    assert set(links.triples((None, OWL.sameAs, None))) == set()

    # a fixture item with the code of a division the chapter names gets linked
    extra = tmp_path / "extra.ttl"
    extra.write_text(FIXTURE.replace('"999999"', '"150422"'))
    (tmp_path / "c.json").unlink()  # forget the first server's answers
    server_two = _server_with(extra, tmp_path / "store2")
    try:
        args[5] = f"{server_two.base}/query"
        for _ in range(2):  # twice: the links are replaced, not duplicated
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, result.output
        dataset = union_dataset(out)
        links = list(dataset.graph(WIKIDATA_GRAPH).triples((None, OWL.sameAs, None)))
        assert [(str(s), str(o)) for s, _, o in links] == [
            (str(DATA["region/150422"]), "http://www.wikidata.org/entity/Q9999003")
        ]
    finally:
        server_two.stop()

    before = folder_digest(out)
    result = runner.invoke(
        cli, ["link", "--wikidata", "--graph", str(out), "--endpoint", "http://127.0.0.1:9/q",
              "--cache", str(tmp_path / "fresh.json")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "cannot reach" in result.output
    assert folder_digest(out) == before
