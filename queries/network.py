"""The donor -> recipient network of a built graph, its analyses and its GraphML/GEXF export.

Rows of the named queries ``network-edges`` (one per pairing or transfer) and
``network-nodes`` (one per region or organisation they link) become a
NetworkX ``MultiDiGraph``: nodes are the region/organisation IRIs, and each
donor -> recipient pair has at most two edges, keyed ``"pairing"`` and
``"transfer"``, that aggregate the facts of that kind. :func:`analyze` needs
less: ``network-weights`` gives the same facts already added up per edge and
per what :func:`summed` looks at (``pairing_network(graph, detail=False)``).

Edge attributes: ``kind``, ``level`` (``"prefecture→county"``: the levels the
pairings state, else the places' admin levels, ``?`` when unknown; the most
common over the edge's facts), ``yuan`` (float: the sum of the transfers that
:func:`summed` adds up, by default disbursed aid), ``yuan_transfers`` (how many
transfers that sum adds up), ``yuan_parts`` (the sum of the "of which" parts
of the chosen kind and status, left out of ``yuan``), ``transfers`` (all the
edge's transfers, whatever their kind), ``pairings`` and ``evidence`` (the fact
IRIs, sorted, space-separated). The network's own attributes ``kind``,
``status`` and ``scope`` say what ``yuan`` adds up. A fact whose donor is its
own recipient is skipped and counted in ``network.graph["self_loops"]``.

>>> row = {"fact": "t1", "kind": "transfer", "donor": "A", "recipient": "X", "yuan": "10",
...        "transferKind": "fiscal_aid", "transferStatus": "disbursed"}
>>> deal = {**row, "fact": "t2", "yuan": "900", "transferKind": "trade",
...         "transferStatus": "committed"}
>>> net = network_from_rows([row, deal], [])
>>> net.edges["A", "X", "transfer"]["yuan"], net.edges["A", "X", "transfer"]["transfers"]
(10.0, 2)
>>> network_from_rows([row, deal], [], kind="all", status="all").edges["A", "X", "transfer"]["yuan"]
910.0
"""

from __future__ import annotations

import heapq
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal, InvalidOperation
from itertools import combinations
from pathlib import Path

import networkx as nx

from duikou.errors import OutputError
from duikou.queries.endpoint import is_endpoint
from duikou.queries.named import AID_KINDS, check_choices
from duikou.queries.runner import run

__all__ = [
    "NETWORK_FORMATS",
    "analyze",
    "network_from_rows",
    "network_from_weights",
    "pairing_network",
    "check_network_format",
    "network_text",
    "lon_lat",
    "summed",
    "sums_text",
]

NETWORK_FORMATS = ("graphml", "gexf")
_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)\s*$", re.IGNORECASE)
# node attribute <- node query column, for the columns copied as they are
_NODE_COLUMNS = {
    "label": "label",
    "code": "code",
    "level": "level",
    "macro": "macro",
    "resolution": "resolution",
    "prefecture": "prefecture",
    "prefecture_code": "prefectureCode",
    "prefecture_label": "prefectureLabel",
    "province": "province",
    "province_code": "provinceCode",
    "province_label": "provinceLabel",
}


def pairing_network(
    graph,
    *,
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
    timeout: float | None = None,
    detail: bool = True,
) -> nx.MultiDiGraph:
    """The network of *graph* (a built folder, a store, an rdflib graph or an endpoint).

    Its edges' ``yuan`` adds up the transfers of *kind*, *status* and *scope*
    (see :func:`summed`). Without *detail* the edges have no ``level`` and no
    ``evidence`` (what :func:`analyze` does not use) and the network is read
    from the facts added up per edge (``network-weights``), not from every fact
    (``network-edges``): half the rows at ×100 and no fact IRIs, which is most
    of what reading the network costs. Raises :class:`~duikou.errors.GraphError`
    if a folder holds no built graph, :class:`~duikou.errors.ParameterError` for
    an unknown *kind*, *status* or *scope*.
    """
    selection = {"kind": kind, "status": status, "scope": scope}
    check_choices(None, selection)  # before the graph is read
    if isinstance(graph, (str, Path)) and not is_endpoint(graph):
        from duikou.graph.store import open_store

        graph = open_store(graph)  # a built folder: its store opened once for both queries
    # The two queries run at the same time: Oxigraph lets go of the GIL while it
    # evaluates, so on two cores the nodes come in while the edges are read.
    with ThreadPoolExecutor(max_workers=1) as pool:
        nodes_future = pool.submit(run, "network-nodes", graph, timeout=timeout)
        edges = run("network-edges" if detail else "network-weights", graph, timeout=timeout)
        nodes = nodes_future.result()
    if detail:
        return network_from_rows(edges, nodes, **selection)
    return network_from_weights(edges, nodes, **selection)


def summed(
    row: Mapping[str, object],
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
    *,
    parts: bool = False,
) -> bool:
    """Whether a money sum adds up the amount of *row* (a ``network-edges`` or ``viz-edges`` row).

    The rule of the named queries: the transfer has an amount (``yuan``, or
    ``amount`` in ``viz-edges``), its kind
    (``transferKind``) is *kind* (``"aid"``: fiscal aid or a social donation;
    ``"all"``: any) and its status (``transferStatus``) is *status* (``"all"``:
    any); it is not an "of which" part of another transfer (``partOf``; with
    *parts*, only a part is) nor an item that its pairing section's own total
    covers (``coveredBy``); with *scope* ``"sections"`` it was not read in the
    chapter's overview (``sectionType``), which restates the sections' figures.

    >>> aid = {"yuan": "5", "transferKind": "social_donation", "transferStatus": "disbursed"}
    >>> summed(aid), summed({**aid, "transferStatus": "planned"}), summed({**aid, "coveredBy": "t"})
    (True, False, False)
    >>> overview = {**aid, "sectionType": "overview"}
    >>> summed(overview), summed(overview, scope="all")
    (False, True)
    """
    code = row.get("transferKind") or ""
    amount = row.get("yuan") if "yuan" in row else row.get("amount")
    if amount in (None, "") or row.get("coveredBy") or bool(row.get("partOf")) != parts:
        return False
    if scope == "sections" and row.get("sectionType") == "overview":
        return False
    if not (kind == "all" or code == kind or (kind == "aid" and code in AID_KINDS)):
        return False
    return status == "all" or (row.get("transferStatus") or "") == status


def sums_text(kind: str = "aid", status: str = "disbursed", scope: str = "sections") -> str:
    """What a money sum of :func:`summed` adds up, in words.

    >>> sums_text()
    'disbursed aid (fiscal aid and social donations), read in the pairing sections'
    >>> sums_text("trade", "all", "all")
    'trade of any status, read anywhere'
    """
    what = {"aid": "aid (fiscal aid and social donations)", "all": "transfers of any kind"}
    words = what.get(kind, kind.replace("_", " "))
    if status == "all":
        words += " of any status"
    else:
        words = f"{status} {words}"
    where = "read anywhere" if scope == "all" else "read in the pairing sections"
    return f"{words}, {where}"


def lon_lat(wkt: str | None) -> tuple[float, float] | None:
    """Longitude and latitude of a WKT ``POINT``, or ``None``.

    >>> lon_lat("POINT(121.47366 31.23037)")
    (121.47366, 31.23037)
    >>> lon_lat("LINESTRING(1 2, 3 4)") is None
    True
    """
    match = _POINT.match(wkt or "")
    return (float(match[1]), float(match[2])) if match else None


def network_from_rows(
    edge_rows: Iterable[Mapping[str, object]],
    node_rows: Iterable[Mapping[str, object]],
    *,
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
) -> nx.MultiDiGraph:
    """Build the network from rows shaped like the two queries' (missing keys count as unbound).

    Edge rows need ``fact``, ``kind``, ``donor`` and ``recipient``; optional
    ``donorLevel``, ``recipientLevel``, ``yuan`` (a decimal string),
    ``transferKind``, ``transferStatus``, ``partOf``, ``coveredBy`` and
    ``sectionType``, which decide (:func:`summed`) whether ``yuan`` adds the row
    up for *kind*, *status* and *scope*. Node rows need ``node``; the other
    columns are those of ``queries/network-nodes.rq``. Nodes without a row get
    their IRI's last segment as label. Attributes that are unknown are left
    out (never None).
    """
    selection = {"kind": kind, "status": status, "scope": scope}
    network = _with_nodes(node_rows, selection)
    facts: dict[tuple[str, str, str], list[Mapping[str, object]]] = defaultdict(list)
    for row in edge_rows:
        donor, recipient = row.get("donor"), row.get("recipient")
        if not donor or not recipient:
            network.graph["skipped"] += 1
        elif donor == recipient:
            network.graph["self_loops"] += 1
        else:
            facts[str(donor), str(recipient), str(row["kind"])].append(row)

    for (donor, recipient, kind), rows in sorted(facts.items()):
        for node in (donor, recipient):
            if node not in network:
                network.add_node(node, label=node.rstrip("/").rsplit("/", 1)[-1], type="unknown")
        counted = [r for r in rows if summed(r, **selection)]
        whole = sum((_yuan(r) for r in counted), Decimal(0))
        parts = sum((_yuan(r) for r in rows if summed(r, **selection, parts=True)), Decimal(0))
        levels = Counter(_level(network, r) for r in rows)
        network.add_edge(
            donor,
            recipient,
            key=kind,
            kind=kind,
            level=min(levels, key=lambda lv: (-levels[lv], lv)),
            yuan=float(whole),
            yuan_transfers=len(counted),
            yuan_parts=float(parts),
            transfers=sum(r["kind"] == "transfer" for r in rows),
            pairings=sum(r["kind"] == "pairing" for r in rows),
            evidence=" ".join(sorted(str(r["fact"]) for r in rows)),
        )
    return network


def network_from_weights(
    weight_rows: Iterable[Mapping[str, object]],
    node_rows: Iterable[Mapping[str, object]],
    *,
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
) -> nx.MultiDiGraph:
    """The network of :func:`network_from_rows`, from rows shaped like ``network-weights``'.

    Each row stands for ``facts`` facts of one donor, recipient and ``kind``
    alike in all that :func:`summed` looks at (``transferKind``,
    ``transferStatus``, ``overview``, ``part``, ``covered``); ``amounts`` of
    them have an amount and ``yuan`` is the sum of those amounts. So each
    edge's ``yuan``, ``yuan_transfers``, ``yuan_parts``, ``transfers`` and
    ``pairings`` are those that :func:`network_from_rows` adds up from the
    facts one by one (exact sums, the same floats), and the graph's
    ``self_loops`` and ``skipped`` count the same facts; the edges have no
    ``level`` and no ``evidence``.

    >>> group = {"donor": "A", "recipient": "X", "kind": "transfer", "facts": 3, "amounts": 2,
    ...          "yuan": "10", "transferKind": "fiscal_aid", "transferStatus": "disbursed"}
    >>> net = network_from_weights([group], [])
    >>> edge = net.edges["A", "X", "transfer"]
    >>> edge["yuan"], edge["yuan_transfers"], edge["transfers"]
    (10.0, 2, 3)
    """
    selection = {"kind": kind, "status": status, "scope": scope}
    network = _with_nodes(node_rows, selection)
    groups: dict[tuple[str, str, str], list[Mapping[str, object]]] = defaultdict(list)
    for row in weight_rows:
        donor, recipient = row.get("donor"), row.get("recipient")
        if not donor or not recipient:
            network.graph["skipped"] += int(row["facts"])
        elif donor == recipient:
            network.graph["self_loops"] += int(row["facts"])
        else:
            groups[str(donor), str(recipient), str(row["kind"])].append(row)

    for (donor, recipient, kind), rows in sorted(groups.items()):
        for node in (donor, recipient):
            if node not in network:
                network.add_node(node, label=node.rstrip("/").rsplit("/", 1)[-1], type="unknown")
        whole, counted, parts = Decimal(0), 0, Decimal(0)
        for row in rows:
            if not int(row.get("amounts") or 0):
                continue
            fact = {
                "yuan": row["yuan"],
                "transferKind": row.get("transferKind"),
                "transferStatus": row.get("transferStatus"),
                "partOf": _true(row.get("part")),
                "coveredBy": _true(row.get("covered")),
                "sectionType": "overview" if _true(row.get("overview")) else None,
            }
            if summed(fact, **selection):
                whole += _yuan(row)
                counted += int(row["amounts"])
            elif summed(fact, **selection, parts=True):
                parts += _yuan(row)
        network.add_edge(
            donor,
            recipient,
            key=kind,
            kind=kind,
            yuan=float(whole),
            yuan_transfers=counted,
            yuan_parts=float(parts),
            transfers=sum(int(r["facts"]) for r in rows if r["kind"] == "transfer"),
            pairings=sum(int(r["facts"]) for r in rows if r["kind"] == "pairing"),
        )
    return network


def _true(value: object) -> bool:
    """A flag column's value: ``"yes"`` (what ``network-weights`` writes), or a boolean as
    a store or an endpoint may give it (``True``, ``"true"``, ``1``)."""
    return value is True or str(value).lower() in ("yes", "true", "1")


def _with_nodes(node_rows: Iterable[Mapping[str, object]], selection: dict) -> nx.MultiDiGraph:
    """An empty network with the nodes of ``network-nodes`` rows (no edges yet)."""
    network = nx.MultiDiGraph(self_loops=0, skipped=0, **selection)
    for row in node_rows:
        attrs = {key: row[col] for key, col in _NODE_COLUMNS.items() if row.get(col)}
        attrs["type"] = "region" if row.get("region") or attrs.get("code") else "organisation"
        point = lon_lat(str(row.get("wkt") or ""))
        if point:
            attrs["lon"], attrs["lat"] = point
        network.add_node(str(row["node"]), **attrs)
    return network


def _yuan(row: Mapping[str, object]) -> Decimal:
    try:
        return Decimal(str(row.get("yuan") or 0))
    except InvalidOperation:
        return Decimal(0)


def _level(network: nx.MultiDiGraph, row: Mapping[str, object]) -> str:
    donor = row.get("donorLevel") or network.nodes[row["donor"]].get("level") or "?"
    recipient = row.get("recipientLevel") or network.nodes[row["recipient"]].get("level") or "?"
    return f"{donor}→{recipient}"


def _ref(network: nx.MultiDiGraph, node: str) -> dict[str, object]:
    data = network.nodes[node]
    return {
        "id": node,
        "label": data.get("label", node),
        "code": data.get("code", ""),
        "level": data.get("level", ""),
    }


def _ranked(items: list[dict], key: str, top: int | None) -> list[dict]:
    items.sort(key=lambda item: (-item[key], item["label"], item["id"]))
    return items if top is None else items[:top]


def analyze(network: nx.MultiDiGraph, top: int | None = None) -> dict[str, object]:
    """Plain-data analyses of *network*; ranked lists are cut to *top* items when given.

    Keys: ``summary`` (with ``yuan``, the total of every edge's ``yuan``,
    ``yuan_transfers``, how many transfers it adds up, and ``sums``, what they
    are: the network's ``kind``, ``status`` and ``scope`` and their
    :func:`sums_text`), ``multi_donor_recipients`` (recipients with two or more
    donors), ``donors_by_yuan``, ``donors_by_recipients``, ``in_strength``
    (yuan received); every yuan figure comes with ``transfers``, how many
    transfers it adds up; ``pagerank`` (unweighted, on the directed links: recipients of
    much-linked recipients' donors rank high),
    ``betweenness`` (normalised, on the undirected links: who bridges
    otherwise separate parts), ``components`` (weakly connected, largest
    first), ``donor_projection`` (pairs of donors sharing recipients) and
    ``rollup`` (yuan received per ``county``, ``prefecture`` and ``province``
    by the ``geo:sfWithin`` chain, plus ``unplaced``).
    """
    selection = {
        key: network.graph.get(key, default)
        for key, default in (("kind", "aid"), ("status", "disbursed"), ("scope", "sections"))
    }
    edges = [data for _, _, data in network.edges(data=True)]
    links = nx.DiGraph()
    links.add_nodes_from(network.nodes)
    for donor, recipient, data in network.edges(data=True):
        if links.has_edge(donor, recipient):
            links[donor][recipient]["yuan"] += data["yuan"]
            links[donor][recipient]["transfers"] += data.get("yuan_transfers", 0)
        else:
            links.add_edge(
                donor, recipient, yuan=data["yuan"], transfers=data.get("yuan_transfers", 0)
            )
    donors = sorted(n for n in links if links.out_degree(n))
    recipients = sorted(n for n in links if links.in_degree(n))

    multi = [
        {**_ref(network, r), "donors": sorted(_ref(network, d)["label"] for d in links.pred[r])}
        for r in recipients
        if links.in_degree(r) >= 2
    ]
    for item in multi:
        item["count"] = len(item["donors"])
    by_yuan = [
        {
            **_ref(network, d),
            "yuan": links.out_degree(d, weight="yuan"),
            "transfers": links.out_degree(d, weight="transfers"),
        }
        for d in donors
    ]
    by_recipients = [{**_ref(network, d), "recipients": links.out_degree(d)} for d in donors]
    strength = [
        {
            **_ref(network, r),
            "yuan": links.in_degree(r, weight="yuan"),
            "transfers": links.in_degree(r, weight="transfers"),
            "donors": links.in_degree(r),
        }
        for r in recipients
    ]
    pagerank = _pagerank(links)
    between = _betweenness(links)
    components = [
        {
            "size": len(part),
            "donors": sum(1 for n in part if links.out_degree(n)),
            "nodes": sorted(part),
            "labels": sorted(network.nodes[n].get("label", n) for n in part),
        }
        for part in nx.weakly_connected_components(links)
    ]
    components.sort(key=lambda c: (-c["size"], c["nodes"]))
    return {
        "summary": {
            "nodes": network.number_of_nodes(),
            "edges": network.number_of_edges(),
            "donor_recipient_pairs": links.number_of_edges(),
            "donors": len(donors),
            "recipients": len(recipients),
            "components": len(components),
            "yuan": sum(d["yuan"] for d in edges),
            "yuan_transfers": sum(d.get("yuan_transfers", 0) for d in edges),
            "sums": {**selection, "text": sums_text(**selection)},
            "self_loops_skipped": network.graph.get("self_loops", 0),
        },
        "multi_donor_recipients": _ranked(multi, "count", top),
        "donors_by_yuan": _ranked(by_yuan, "yuan", top),
        "donors_by_recipients": _ranked(by_recipients, "recipients", top),
        "in_strength": _ranked(strength, "yuan", top),
        "pagerank": _ranked(
            [{**_ref(network, n), "score": s} for n, s in pagerank.items()], "score", top
        ),
        "betweenness": _ranked(
            [{**_ref(network, n), "score": s} for n, s in between.items()], "score", top
        ),
        "components": components if top is None else components[:top],
        "donor_projection": _projection(network, links, top),
        "rollup": _rollup(network, links, top),
    }


def _betweenness(links: nx.DiGraph) -> dict[str, float]:
    """Normalised betweenness on the undirected links: NetworkX's figures, computed by rustworkx.

    NetworkX's pure-Python Brandes took about 40 s on the 4,000 nodes of a
    ×100 corpus; rustworkx's takes about 2.5 s. It runs on one thread
    (``parallel_threshold`` above any graph), since threads would add the
    same figures in an order that changes from run to run, and the output
    must not change between runs.
    """
    import rustworkx as rx

    # The links without their attributes (to_undirected would deep-copy them),
    # added in the same order, so the figures are summed in the same order.
    undirected = nx.Graph()
    undirected.add_nodes_from(links)
    undirected.add_edges_from(links.edges())
    nodes = list(undirected.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    graph = rx.PyGraph(multigraph=False)
    graph.add_nodes_from(nodes)
    graph.add_edges_from_no_data([(index[u], index[v]) for u, v in undirected.edges()])
    scores = rx.graph_betweenness_centrality(graph, normalized=True, parallel_threshold=2**62)
    return {node: scores[i] for i, node in enumerate(nodes)}


def _pagerank(links: nx.DiGraph, alpha: float = 0.85, tol: float = 1e-10) -> dict[str, float]:
    """Unweighted PageRank by power iteration (what ``nx.pagerank`` computes, without scipy).

    Dangling nodes (donors nobody gives to and recipients that give nothing)
    spread their score evenly, as in NetworkX. The nodes are numbered and their
    links listed once, so each round is plain list arithmetic; the sums are
    taken in the nodes' order, so the figures are the same on every run.
    """
    count = len(links)
    if not count:
        return {}
    nodes = list(links)
    index = {node: i for i, node in enumerate(nodes)}
    out = [len(links.succ[node]) for node in nodes]
    targets = [[index[target] for target in links.succ[node]] for node in nodes]
    dangling_nodes = [i for i in range(count) if not out[i]]
    rank = [1.0 / count] * count
    for _ in range(1000):
        dangling = sum(rank[i] for i in dangling_nodes)
        base = (1.0 - alpha + alpha * dangling) / count
        new = [base] * count
        for i in range(count):
            if out[i]:
                share = alpha * rank[i] / out[i]
                for j in targets[i]:
                    new[j] += share
        if sum(abs(new[i] - rank[i]) for i in range(count)) < tol * count:
            return dict(zip(nodes, new, strict=True))
        rank = new
    return dict(zip(nodes, rank, strict=True))


def _projection(network: nx.MultiDiGraph, links: nx.DiGraph, top: int | None) -> list[dict]:
    """Pairs of donors that give to the same recipients (a bipartite projection onto donors).

    At ×100 there are over 100,000 pairs, so each node's reference and label is
    worked out once, not once per pair, and with *top* only the pairs that rank
    that high are written out (ranked by the same key as :func:`_ranked`; the
    ids are unique, so the order is total): writing out every pair took about
    0.6 s at ×100.
    """
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for recipient in links:
        for a, b in combinations(sorted(links.pred[recipient]), 2):
            shared[a, b].append(recipient)
    labels = {node: network.nodes[node].get("label", node) for node in links}
    chosen = shared.items()
    if top is not None:
        chosen = heapq.nsmallest(
            top,
            chosen,
            key=lambda item: (
                -len(item[1]),
                f"{labels[item[0][0]]} – {labels[item[0][1]]}",
                f"{item[0][0]} {item[0][1]}",
            ),
        )
    refs: dict[str, dict] = {}
    for (a, b), _ in chosen:
        for node in (a, b):
            if node not in refs:
                refs[node] = _ref(network, node)
    pairs = [
        {
            "id": f"{a} {b}",
            "label": f"{labels[a]} – {labels[b]}",
            "donors": [dict(refs[a]), dict(refs[b])],
            "shared": len(shared_recipients),
            "recipients": sorted(labels[r] for r in shared_recipients),
        }
        for (a, b), shared_recipients in chosen
    ]
    return _ranked(pairs, "shared", top)


def _rollup(network: nx.MultiDiGraph, links: nx.DiGraph, top: int | None) -> dict[str, object]:
    """Yuan received (and in how many transfers) per county, and per prefecture and
    province of every recipient."""
    levels = {"county": {}, "prefecture": {}, "province": {}}
    unplaced = {"yuan": 0.0, "transfers": 0, "recipients": 0}
    for recipient in links:
        yuan = links.in_degree(recipient, weight="yuan")
        transfers = links.in_degree(recipient, weight="transfers")
        if not links.in_degree(recipient) or not yuan:
            continue
        data = network.nodes[recipient]
        placed = False
        targets = {
            "county": recipient if data.get("level") == "county" else None,
            "prefecture": data.get("prefecture"),
            "province": data.get("province"),
        }
        for level, target in targets.items():
            if not target:
                continue
            placed = True
            entry = levels[level].setdefault(target, _area(network, target, data, level))
            entry["yuan"] += yuan
            entry["transfers"] += transfers
            entry["recipients"] += 1
        if not placed:
            unplaced["yuan"] += yuan
            unplaced["transfers"] += transfers
            unplaced["recipients"] += 1
    result: dict[str, object] = {
        level: _ranked(list(entries.values()), "yuan", top) for level, entries in levels.items()
    }
    result["unplaced"] = unplaced
    return result


def _area(network: nx.MultiDiGraph, target: str, data: Mapping, level: str) -> dict[str, object]:
    if target in network:
        ref = _ref(network, target)
    else:
        ref = {
            "id": target,
            "label": data.get(f"{level}_label", target),
            "code": data.get(f"{level}_code", ""),
            "level": level,
        }
    return {**ref, "yuan": 0.0, "transfers": 0, "recipients": 0}


def check_network_format(fmt: str) -> None:
    """Raise :class:`~duikou.errors.OutputError` unless *fmt* is one of :data:`NETWORK_FORMATS`."""
    if fmt not in NETWORK_FORMATS:
        raise OutputError(f"unknown network format {fmt!r}; choose {' or '.join(NETWORK_FORMATS)}")


def network_text(network: nx.MultiDiGraph, fmt: str = "graphml") -> str:
    """*network* as GraphML or GEXF text (unknown attributes left out, never written as None).

    Raises :class:`~duikou.errors.OutputError` for an unknown *fmt*.
    """
    check_network_format(fmt)
    plain = nx.MultiDiGraph()
    plain.add_nodes_from(
        (n, {k: v for k, v in d.items() if v is not None}) for n, d in network.nodes(data=True)
    )
    plain.add_edges_from(
        (u, v, k, {a: b for a, b in d.items() if b is not None})
        for u, v, k, d in network.edges(keys=True, data=True)
    )
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(plain, buffer, encoding="utf-8")
    else:
        nx.write_gexf(plain, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
