"""The same named queries, exports, analyses and page, local or through a real SPARQL endpoint.

A real Oxigraph server on a free loopback port, empty at start, receives the
sample with `duikou.push` and serves the union of its named graphs as
the default graph (as `duikou serve` does); every result must equal the local
one.
"""

import pytest
from click.testing import CliRunner

from duikou.cli import cli
from duikou.errors import EndpointError
from duikou.push import push
from duikou.queries import query_names, run
from duikou.queries.endpoint import substitute
from duikou.queries.export import export_rows
from duikou.queries.network import analyze, pairing_network

from support import OxigraphServer


@pytest.fixture(scope="module")
def endpoint(sample_build, tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("remote") / "store", "--union-default-graph")
    server.start()
    try:
        url = f"{server.base}/query"
        result = push(sample_build, url)  # Graph Store PUT, one named graph per document
        assert len(result.graphs) >= 2 and all(how == "gsp" for _, _, how in result.graphs)
        yield url
    finally:
        server.stop()


def _params(name, sample_build):
    if name == "evidence-of":
        return {"fact": run("pairings", sample_build)[3]["pairing"]}
    return {}


@pytest.mark.parametrize("name", query_names())
def test_every_named_query_gives_the_same_rows(name, endpoint, sample_build):
    params = _params(name, sample_build)
    local = run(name, sample_build, **params)
    assert run(name, endpoint, **params) == local


def test_bound_parameter_with_quotes_and_braces(endpoint, sample_build):
    hostile = 'x" } ?s ?p ?o . { "'
    assert run("pairings", endpoint, donor=hostile) == []
    dalian_local = run("pairings", sample_build, donor="Dalian")
    assert dalian_local and run("pairings", endpoint, donor="Dalian") == dalian_local


def test_exports_and_analyses_are_the_same(endpoint, sample_build):
    for kind in ("transfers", "pairings"):
        assert export_rows(kind, endpoint) == export_rows(kind, sample_build)
    assert analyze(pairing_network(endpoint)) == analyze(pairing_network(sample_build))


def test_cli_endpoint_option(endpoint, sample_build, tmp_path):
    runner = CliRunner()
    for args in (["query", "top-recipients", "--format", "csv"], ["export", "pairings"]):
        local = runner.invoke(cli, [*args, "--graph", str(sample_build)])
        remote = runner.invoke(cli, [*args, "--endpoint", endpoint])
        assert local.exit_code == remote.exit_code == 0, remote.output
        assert remote.output == local.output
    page = tmp_path / "remote.html"
    result = runner.invoke(cli, ["viz", "--endpoint", endpoint, "--output", str(page)])
    assert result.exit_code == 0, result.output
    assert page.stat().st_size > 10_000


def test_unreachable_endpoint_is_one_line_and_exit_2():
    result = CliRunner().invoke(
        cli, ["query", "pairings", "--endpoint", "http://127.0.0.1:9/query"]
    )
    assert result.exit_code == 2
    assert "cannot reach" in result.output
    with pytest.raises(EndpointError):
        run("pairings", "http://127.0.0.1:9/query")


def test_substitution_leaves_strings_iris_and_comments_alone():
    query = 'SELECT ?a WHERE { ?a <http://x/?a> "?a" . FILTER(?a < ?b) } GROUP BY ?a # ?a'
    assert substitute(query, {"a": '"v"'}) == (
        'SELECT ("v" AS ?a) WHERE { "v" <http://x/?a> "?a" . FILTER("v" < ?b) } GROUP BY ("v") # ?a'
    )


def test_substitution_drops_a_parameter_projected_by_a_sub_select():
    """A sub-select projects a parameter so that Oxigraph binds it inside; in the text it
    is a constant, and (term AS ?v) there would clash with the projection around it."""
    query = (
        "SELECT ?a ?n WHERE { { SELECT ?a (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o = ?a) } "
        "GROUP BY ?a } }"
    )
    assert substitute(query, {"a": '"v"'}) == (
        'SELECT ("v" AS ?a) ?n WHERE { { SELECT  (COUNT(*) AS ?n) WHERE { ?s ?p ?o '
        'FILTER(?o = "v") } GROUP BY ("v") } }'
    )
    import pyoxigraph as ox

    ox.Store().query(substitute(query, {"a": '"v"'}))  # parses: no clash


def test_a_refused_query_names_the_servers_reason():
    """A 400 or 500 from the store says what the server said (Virtuoso names the construct)."""
    from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, QueryBadFormed

    from duikou.queries.endpoint import _server_says

    body = b"Virtuoso 37000 Error SQ156: Internal Optimized compiler error\n\nSPARQL query:\nSELECT"
    assert _server_says(EndPointInternalError(body)).startswith("Virtuoso 37000 Error SQ156")
    assert _server_says(QueryBadFormed(body)).startswith("Virtuoso 37000 Error SQ156")
    assert _server_says(QueryBadFormed()).startswith("QueryBadFormed: A bad request")
