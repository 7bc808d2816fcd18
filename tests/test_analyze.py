"""Network analyses (`duikou analyze`) and `duikou export network`.

The hand-made network below is small enough that every expected value is
worked out by hand in the comments; the sample build is checked for what the
chapter's headings say (Guizhou has several donor cities).
"""

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from duikou.atomic import write_text_atomically
from duikou.cli import cli
from duikou.queries.network import analyze, network_from_rows, network_text

# A gives X 10 (of which 4 is a part, not counted again) and Y 3 and is paired
# with X; B gives X 5; C gives Z 1; X "gives" itself (skipped). By default only
# disbursed aid is added up, so these are not: A's deal worth 900 with X (trade,
# committed), B's 2 to X that B's 5 already includes (covered), C's 50 to Z read
# in the overview and C's plan of 8 for Z.
AID = {
    "kind": "transfer",
    "transferKind": "fiscal_aid",
    "transferStatus": "disbursed",
    "sectionType": "pairing",
}
EDGES = [
    {"fact": "p1", "kind": "pairing", "donor": "A", "recipient": "X",
     "donorLevel": "province", "recipientLevel": "county"},
    {**AID, "fact": "t1", "donor": "A", "recipient": "X", "yuan": "10"},
    {**AID, "fact": "t5", "donor": "A", "recipient": "X", "yuan": "4", "partOf": "t1"},
    {**AID, "fact": "t2", "donor": "B", "recipient": "X", "yuan": "5",
     "transferKind": "social_donation"},
    {**AID, "fact": "t3", "donor": "A", "recipient": "Y", "yuan": "3.0"},
    {**AID, "fact": "t4", "donor": "C", "recipient": "Z", "yuan": "1"},
    {**AID, "fact": "t6", "donor": "X", "recipient": "X", "yuan": "7"},
    {**AID, "fact": "t7", "donor": "A", "recipient": "X", "yuan": "900",
     "transferKind": "trade", "transferStatus": "committed"},
    {**AID, "fact": "t8", "donor": "B", "recipient": "X", "yuan": "2", "coveredBy": "t2"},
    {**AID, "fact": "t9", "donor": "C", "recipient": "Z", "yuan": "50",
     "sectionType": "overview"},
    {**AID, "fact": "t10", "donor": "C", "recipient": "Z", "yuan": "8",
     "transferStatus": "planned"},
]  # fmt: skip
# X is a county in prefecture P of province Q; Y is a prefecture of Q; Z an organisation.
NODES = [
    {"node": "A", "label": "Alpha", "code": "310000", "level": "province", "region": "yes",
     "wkt": "POINT(121.5 31.2)", "province": "A", "provinceCode": "310000"},
    {"node": "B", "label": "Beta", "code": "330200", "level": "prefecture", "region": "yes"},
    {"node": "C", "label": "Gamma", "region": "yes"},
    {"node": "X", "label": "Xcounty", "code": "111111", "level": "county", "region": "yes",
     "prefecture": "P", "prefectureCode": "111100", "prefectureLabel": "Pref P",
     "province": "Q", "provinceCode": "110000", "provinceLabel": "Prov Q"},
    {"node": "Y", "label": "Ycity", "code": "112100", "level": "prefecture", "region": "yes",
     "prefecture": "Y", "prefectureCode": "112100", "prefectureLabel": "Ycity",
     "province": "Q", "provinceCode": "110000", "provinceLabel": "Prov Q"},
    {"node": "Z", "label": "Zorg"},
]  # fmt: skip


@pytest.fixture
def network():
    return network_from_rows(EDGES, NODES)


@pytest.fixture
def report(network):
    return analyze(network)


def ids(items):
    return [item["id"] for item in items]


def test_edges_aggregate_facts_per_pair_and_kind(network):
    # A→X twice (pairing, transfer), B→X, A→Y, C→Z; the self-loop is skipped
    assert sorted(network.edges(keys=True)) == [
        ("A", "X", "pairing"), ("A", "X", "transfer"), ("A", "Y", "transfer"),
        ("B", "X", "transfer"), ("C", "Z", "transfer"),
    ]  # fmt: skip
    transfer = network.edges["A", "X", "transfer"]
    assert transfer["yuan"] == 10.0  # t1 only: t5 is part of t1, t7 a trade deal
    assert transfer["yuan_transfers"] == 1
    assert transfer["yuan_parts"] == 4.0
    assert transfer["transfers"] == 3 and transfer["pairings"] == 0
    assert transfer["evidence"] == "t1 t5 t7"
    assert network.edges["B", "X", "transfer"]["yuan"] == 5.0  # not t8, which t2 covers
    assert network.edges["C", "Z", "transfer"]["yuan"] == 1.0  # not the overview's, not a plan
    assert (network.graph["kind"], network.graph["status"], network.graph["scope"]) == (
        "aid",
        "disbursed",
        "sections",
    )
    assert transfer["level"] == "province→county"  # from the places' levels
    pairing = network.edges["A", "X", "pairing"]
    assert (pairing["pairings"], pairing["yuan"], pairing["level"]) == (1, 0.0, "province→county")
    assert network.edges["C", "Z", "transfer"]["level"] == "?→?"
    assert network.graph["self_loops"] == 1
    assert network.nodes["A"]["lon"] == 121.5 and network.nodes["A"]["lat"] == 31.2
    assert network.nodes["Z"]["type"] == "organisation"
    assert None not in [v for _, d in network.nodes(data=True) for v in d.values()]


def test_rankings(report):
    assert report["summary"]["donor_recipient_pairs"] == 4
    assert report["summary"]["yuan"] == 19.0  # 10 + 5 + 3 + 1
    assert report["summary"]["yuan_transfers"] == 4
    assert report["summary"]["sums"]["text"].startswith("disbursed aid")
    multi = report["multi_donor_recipients"]
    assert ids(multi) == ["X"] and multi[0]["donors"] == ["Alpha", "Beta"]
    assert [(d["id"], d["yuan"], d["transfers"]) for d in report["donors_by_yuan"]] == [
        ("A", 13.0, 2), ("B", 5.0, 1), ("C", 1.0, 1),
    ]  # fmt: skip
    # A has two recipients; B and C one each, in label order
    assert [(d["id"], d["recipients"]) for d in report["donors_by_recipients"]] == [
        ("A", 2), ("B", 1), ("C", 1),
    ]  # fmt: skip
    assert [(r["id"], r["yuan"], r["transfers"], r["donors"]) for r in report["in_strength"]] == [
        ("X", 15.0, 2, 2), ("Y", 3.0, 1, 1), ("Z", 1.0, 1, 1),
    ]  # fmt: skip


def test_options_bring_in_other_kinds_statuses_and_the_overview():
    every = network_from_rows(EDGES, NODES, kind="all", status="all", scope="all")
    # parts and covered items stay out whatever is chosen
    assert every.edges["A", "X", "transfer"]["yuan"] == 910.0  # t1 + the deal t7
    assert every.edges["B", "X", "transfer"]["yuan"] == 5.0
    assert every.edges["C", "Z", "transfer"]["yuan"] == 59.0  # t4 + overview t9 + plan t10
    report = analyze(every)
    assert (report["summary"]["yuan"], report["summary"]["yuan_transfers"]) == (977.0, 7)
    trade = network_from_rows(EDGES, NODES, kind="trade", status="committed")
    assert trade.edges["A", "X", "transfer"]["yuan"] == 900.0
    assert trade.edges["C", "Z", "transfer"]["yuan"] == 0.0
    planned = network_from_rows(EDGES, NODES, status="planned")
    assert planned.edges["C", "Z", "transfer"]["yuan_transfers"] == 1


def test_top_cuts_rankings(network):
    assert ids(analyze(network, top=1)["donors_by_yuan"]) == ["A"]


def test_pagerank_and_betweenness(report):
    scores = {item["id"]: item["score"] for item in report["pagerank"]}
    # X is fed by two donors, Z by one whole donor, Y by half of A's
    assert ids(report["pagerank"])[0] == "X"
    assert scores["X"] > scores["Z"] > scores["Y"] > scores["A"]
    assert scores["A"] == pytest.approx(scores["B"]) == pytest.approx(scores["C"])
    assert sum(scores.values()) == pytest.approx(1.0)
    # undirected, {A, B, X, Y} is the path B–X–A–Y: X and A each lie on 2 of the
    # 15 pairs' shortest paths; normalised by (n-1)(n-2)/2 = 10 for n = 6
    between = {item["id"]: item["score"] for item in report["betweenness"]}
    assert between == pytest.approx({"A": 0.2, "X": 0.2, "B": 0, "C": 0, "Y": 0, "Z": 0})


def test_components_and_projection(report):
    assert [(c["size"], c["nodes"]) for c in report["components"]] == [
        (4, ["A", "B", "X", "Y"]), (2, ["C", "Z"]),
    ]  # fmt: skip
    projection = report["donor_projection"]
    assert len(projection) == 1
    assert ids(projection[0]["donors"]) == ["A", "B"]
    assert (projection[0]["shared"], projection[0]["recipients"]) == (1, ["Xcounty"])


def test_rollup_follows_the_parent_chain(report):
    rollup = report["rollup"]
    assert [(a["id"], a["yuan"], a["transfers"]) for a in rollup["county"]] == [("X", 15.0, 2)]
    assert [(a["id"], a["code"], a["label"], a["yuan"]) for a in rollup["prefecture"]] == [
        ("P", "111100", "Pref P", 15.0), ("Y", "112100", "Ycity", 3.0),
    ]  # fmt: skip
    assert [(a["id"], a["yuan"], a["recipients"]) for a in rollup["province"]] == [("Q", 18.0, 2)]
    assert rollup["unplaced"] == {"yuan": 1.0, "transfers": 1, "recipients": 1}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_write_network_round_trips(network, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    write_text_atomically(path, network_text(network, fmt))
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == network.number_of_nodes() == 6
    assert back.number_of_edges() == network.number_of_edges() == 5
    yuan = sorted(float(d["yuan"]) for _, _, d in back.edges(data=True))
    assert yuan == [0.0, 1.0, 3.0, 5.0, 10.0]
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left


def test_analyze_sample_json(sample_build):
    result = CliRunner().invoke(cli, ["analyze", "--graph", str(sample_build), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    guizhou = [r for r in report["multi_donor_recipients"] if r["code"] == "520000"]
    assert len(guizhou) == 1 and guizhou[0]["level"] == "province"
    assert {"Dalian City", "Ningbo City", "Qingdao City", "Shenzhen City"} <= set(
        guizhou[0]["donors"]
    )
    assert "520000" in [a["code"] for a in report["rollup"]["province"]]


def test_analyze_sample_tables(sample_build):
    result = CliRunner().invoke(cli, ["analyze", "--graph", str(sample_build), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Recipients with several donors" in result.output
    assert "Guizhou Province" in result.output
    assert "yuan figures add up disbursed aid" in " ".join(result.output.split())


def test_analyze_options_bring_in_more(sample_build):
    def summary(*options):
        args = ["analyze", "--graph", str(sample_build), "--json", *options]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        return json.loads(result.output)["summary"]

    aid = summary()
    every = summary("--kind", "all", "--status", "all", "--scope", "all")
    trade = summary("--kind", "trade", "--status", "committed")
    assert 0 < aid["yuan_transfers"] < every["yuan_transfers"]
    assert aid["yuan"] < every["yuan"]
    assert trade["yuan_transfers"] > 0 and trade["sums"]["kind"] == "trade"
    assert every["yuan_transfers"] >= aid["yuan_transfers"] + trade["yuan_transfers"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_network_sample(sample_build, tmp_path, fmt):
    out = tmp_path / f"network.{fmt}"
    args = ["export", "network", "--graph", str(sample_build), "--format", fmt, "--output", out]
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    from duikou.queries.network import pairing_network

    network = pairing_network(sample_build)
    back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        network.number_of_nodes(),
        network.number_of_edges(),
    )
    assert back.number_of_edges() > 100


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "--graph", "{missing}"],
        ["analyze", "--graph", "{built}", "--kind", "gifts"],
        ["analyze", "--graph", "{built}", "--status", "paid"],
        ["export", "network", "--graph", "{missing}", "--output", "{out}"],
        ["export", "network", "--graph", "{built}", "--format", "xml", "--output", "{out}"],
    ],
)
def test_errors_are_one_line_exit_2(sample_build, tmp_path, args):
    values = {"missing": tmp_path / "nope", "out": tmp_path / "x", "built": sample_build}
    result = CliRunner().invoke(cli, [a.format(**values) for a in args])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()


def _random_links(seed: int, nodes: int, donors: int, recipients: int, edges: int):
    """A random directed network of *nodes* nodes, no self-loops: edges go from the first
    *donors* nodes to the first *recipients* (the rest are isolated)."""
    import random

    import networkx as nx

    rng = random.Random(seed)
    links = nx.DiGraph()
    links.add_nodes_from(f"n{i}" for i in range(nodes))
    links.add_edges_from(
        (f"n{rng.randrange(donors)}", f"n{rng.randrange(recipients)}") for _ in range(edges)
    )
    links.remove_edges_from(list(nx.selfloop_edges(links)))
    return links


def test_betweenness_is_networkx_figures():
    """rustworkx's betweenness equals NetworkX's on a random directed network with isolated nodes."""
    import networkx as nx

    from duikou.queries.network import _betweenness

    links = _random_links(7, nodes=60, donors=45, recipients=45, edges=90)
    expected = nx.betweenness_centrality(links.to_undirected(), normalized=True)
    assert _betweenness(links) == pytest.approx(expected, abs=1e-12)
    assert any(score > 0 for score in expected.values())


def test_betweenness_with_leaves_and_components_is_networkx_figures():
    """The same figures on a network shaped like a yearbook's: hubs with many one-link
    leaves, chains, a cycle and several small components (including two-node ones)."""
    import random

    import networkx as nx

    from duikou.queries.network import _betweenness

    rng = random.Random(11)
    links = nx.DiGraph()
    hubs = [f"hub{i}" for i in range(6)]
    for i, hub in enumerate(hubs):
        links.add_edges_from((hub, f"leaf{i}-{j}") for j in range(rng.randrange(3, 9)))
        links.add_edge(hub, hubs[(i + 1) % len(hubs)])
    links.add_edges_from([("hub0", "c1"), ("c1", "c2"), ("c2", "c3"), ("c3", "hub3")])
    links.add_edges_from([("a", "b"), ("x", "y"), ("y", "z"), ("p", "q"), ("q", "r"), ("r", "p")])
    links.add_node("alone")
    expected = nx.betweenness_centrality(links.to_undirected(), normalized=True)
    assert _betweenness(links) == pytest.approx(expected, abs=1e-12)
    assert nx.number_weakly_connected_components(links) == 5
    assert expected["y"] > 0 and expected["leaf0-0"] == 0


def test_pagerank_is_networkx_figures():
    """The list-based power iteration gives NetworkX's PageRank (dangling nodes included)."""
    from duikou.queries.network import _pagerank

    links = _random_links(3, nodes=40, donors=30, recipients=40, edges=70)
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    expected = _pagerank_python(links, alpha=0.85, tol=1e-12)
    assert _pagerank(links) == pytest.approx(expected, abs=1e-9)


def _weights(edge_rows):
    """Rows shaped like ``network-weights``' from rows shaped like ``network-edges``' (what
    the query adds up in SPARQL, added up here by hand)."""
    from decimal import Decimal

    groups = {}
    for row in edge_rows:
        key = (
            row.get("donor"),
            row.get("recipient"),
            row["kind"],
            row.get("transferKind"),
            row.get("transferStatus"),
            row.get("sectionType") == "overview",
            bool(row.get("partOf")),
            bool(row.get("coveredBy")),
        )
        group = groups.setdefault(key, {"facts": 0, "amounts": 0, "yuan": Decimal(0)})
        group["facts"] += 1
        if row.get("yuan"):
            group["amounts"] += 1
            group["yuan"] += Decimal(row["yuan"])
    columns = ("donor", "recipient", "kind", "transferKind", "transferStatus")
    return [
        {**dict(zip(columns, key[:5], strict=True)), "overview": key[5], "part": key[6],
         "covered": key[7], **group}
        for key, group in groups.items()
    ]  # fmt: skip


def _plain(network):
    """Nodes, edges (without level and evidence) and graph attributes, in their order."""
    edges = [
        (u, v, k, {a: b for a, b in d.items() if a not in ("level", "evidence")})
        for u, v, k, d in network.edges(keys=True, data=True)
    ]
    return list(network.nodes(data=True)), edges, network.graph


SELECTIONS = [
    {},
    {"kind": "all", "status": "all", "scope": "all"},
    {"kind": "trade", "status": "committed"},
    {"status": "planned", "scope": "all"},
]


@pytest.mark.parametrize("selection", SELECTIONS)
def test_weights_give_the_network_of_the_facts(selection):
    """Facts added up per edge and per what the sums look at give the same edges, sums,
    counts, self-loops and skipped facts as the facts one by one (parts, covered items,
    the overview, a self-loop, a fact without a recipient)."""
    from duikou.queries.network import network_from_weights

    rows = [*EDGES, {**AID, "fact": "t11", "donor": "A", "yuan": "6"}]
    expected = network_from_rows(rows, NODES, **selection)
    got = network_from_weights(_weights(rows), NODES, **selection)
    assert _plain(got) == _plain(expected)
    assert got.graph["self_loops"] == 1 and got.graph["skipped"] == 1


@pytest.mark.parametrize("selection", SELECTIONS)
def test_analyze_reads_the_weights_query_for_the_same_figures(sample_build, selection):
    """`network-weights` on a build gives the network of `network-edges` (less level and
    evidence), and `duikou analyze` (which reads it) the same analyses."""
    from duikou import api
    from duikou.queries.network import pairing_network

    full = pairing_network(sample_build, **selection)
    light = pairing_network(sample_build, detail=False, **selection)
    assert _plain(light) == _plain(full)
    assert api.analyze(sample_build, top=None, **selection) == analyze(full)


def test_projection_cut_to_top_is_the_first_of_the_whole_ranking(sample_build):
    from duikou.queries.network import pairing_network

    network = pairing_network(sample_build, detail=False)
    whole = analyze(network)["donor_projection"]
    assert len(whole) > 20 and len({p["shared"] for p in whole[:20]}) < 20  # ties to break
    for top in (1, 5, 20):
        assert analyze(network, top=top)["donor_projection"] == whole[:top]


@pytest.mark.parametrize("true, false", [("yes", "no"), ("true", "false"), (1, 0), ("1", "0")])
def test_weights_read_booleans_as_endpoints_write_them(true, false):
    """An endpoint may give the flags as text or as 1 and 0 (Virtuoso): the same network."""
    from duikou.queries.network import network_from_weights

    rows = _weights(EDGES)
    flags = ("overview", "part", "covered")
    as_text = [{**r, **{f: true if r[f] else false for f in flags}} for r in rows]
    assert _plain(network_from_weights(as_text, NODES)) == _plain(network_from_rows(EDGES, NODES))
