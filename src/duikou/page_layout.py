"""Where the network page's nodes go, how much each one counts, and the map behind them.

* :func:`rank_nodes` gives every node its ``degree`` (distinct partners) and an
  ``importance`` between 0 and 1 (its yuan and its degree, each against the
  largest), from which the page sizes labels and decides which to show first.
* :func:`force_positions` lays out the network with a force-directed layout
  (NetworkX's Fruchterman–Reingold) component by component, then packs the
  components in rows, largest first, instead of letting them float in one
  disc. Places of one province (the first two digits of their GB/T 2260 code)
  are pulled together by weak extra springs, so that a province's cities and
  the counties they pair with form one group.
* :func:`geo_point` projects longitude/latitude (equirectangular, x scaled by
  the cosine of 35°N so that the country keeps its shape).
* :func:`china_background` is the faint map behind the geo layout, derived from
  the packaged gazetteer only: a dot for every current division with
  coordinates and each province's name at the mean of its divisions'
  coordinates (its own coordinates when it has no division with any).

>>> geo_point(105.0, 30.0)
(0.0, 150.0)
>>> x, y = geo_point(106.0, 36.0)
>>> x > 0 > y
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import cache

__all__ = ["GEO_SCALE", "china_background", "force_positions", "geo_point", "rank_nodes"]

GEO_SCALE = 30.0  # pixels per degree of latitude in the geo layout
_ASPECT = math.cos(math.radians(35.0))  # pixels per degree of longitude, relative
_GROUP_WEIGHT = 0.25  # the pull of a province's places towards its hub, against a link's 1
_GAP = 60.0  # pixels between packed components


def rank_nodes(nodes: list[dict], edges: list[dict]) -> None:
    """Set each node's ``degree`` and ``importance`` (0..1) in place.

    Importance is 0.6 × √(yuan / largest yuan) + 0.4 × √(degree / largest degree).

    >>> nodes = [{"id": "a", "yuanGiven": 4.0, "yuanReceived": 0.0},
    ...          {"id": "b", "yuanGiven": 0.0, "yuanReceived": 1.0},
    ...          {"id": "c", "yuanGiven": 0.0, "yuanReceived": 0.0}]
    >>> rank_nodes(nodes, [{"from": "a", "to": "b"}, {"from": "a", "to": "c"}])
    >>> [(n["degree"], n["importance"]) for n in nodes]
    [(2, 1.0), (1, 0.583), (1, 0.283)]
    """
    partners: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        partners[edge["from"]].add(edge["to"])
        partners[edge["to"]].add(edge["from"])
    top_yuan = max((n["yuanGiven"] + n["yuanReceived"] for n in nodes), default=0.0) or 1.0
    top_degree = max((len(p) for p in partners.values()), default=0) or 1
    for node in nodes:
        degree = len(partners[node["id"]])
        yuan = node["yuanGiven"] + node["yuanReceived"]
        score = 0.6 * math.sqrt(yuan / top_yuan) + 0.4 * math.sqrt(degree / top_degree)
        node["degree"] = degree
        node["importance"] = round(score, 3)


def _province(node: dict) -> str:
    code = node.get("code") or ""
    return code[:2] if len(code) == 6 and code.isdigit() else ""


def _layout_graph(nodes: list[dict], edges: list[dict]):
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(node["id"] for node in nodes)
    for edge in edges:
        if edge["from"] != edge["to"]:
            graph.add_edge(edge["from"], edge["to"], weight=1.0)
    groups: dict[str, list[dict]] = defaultdict(list)
    for node in nodes:
        if _province(node):
            groups[_province(node)].append(node)
    for members in groups.values():
        # the hub: the province itself if it is a node, else the most important member
        hub = max(members, key=lambda n: (n["code"].endswith("0000"), n["importance"], n["id"]))
        for node in members:
            if node is not hub and not graph.has_edge(node["id"], hub["id"]):
                graph.add_edge(node["id"], hub["id"], weight=_GROUP_WEIGHT)
    return graph


def _component_positions(
    graph, members: list[str], sizes: dict[str, float], seed: int
) -> dict[str, tuple[float, float]]:
    """Positions of one component, centred on 0, spread by its size (in pixels)."""
    import networkx as nx

    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    sub = nx.Graph()  # in *members* order: a subgraph view may iterate in set (hash) order
    sub.add_nodes_from(members)
    rank = {node: i for i, node in enumerate(members)}
    sub.add_edges_from(
        sorted(graph.subgraph(members).edges(data=True), key=lambda e: (rank[e[0]], rank[e[1]]))
    )
    spread = 4.0 / math.sqrt(len(members))  # NetworkX's default k is 1 / sqrt(n): looser
    raw = nx.spring_layout(sub, k=spread, weight="weight", seed=seed, iterations=200)
    radius = 60.0 * math.sqrt(len(members))
    spots = {node: [float(x) * radius, float(y) * radius] for node, (x, y) in raw.items()}
    _separate(spots, sizes)
    return {node: (x, y) for node, (x, y) in spots.items()}


def _separate(spots: dict[str, list[float]], sizes: dict[str, float], rounds: int = 60) -> None:
    """Push apart nodes whose discs (radius *sizes*, plus a margin) overlap."""
    names = list(spots)
    for _ in range(rounds):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                (ax, ay), (bx, by) = spots[a], spots[b]
                dx, dy = bx - ax, by - ay
                need = sizes.get(a, 10.0) + sizes.get(b, 10.0) + 6.0
                dist = math.hypot(dx, dy)
                if dist >= need:
                    continue
                if dist < 1e-6:
                    dx, dy, dist = 1.0, 0.0, 1.0
                push = (need - dist) / 2 / dist
                spots[a][0] -= dx * push
                spots[a][1] -= dy * push
                spots[b][0] += dx * push
                spots[b][1] += dy * push
                moved = True
        if not moved:
            break


def force_positions(
    nodes: list[dict], edges: list[dict], *, seed: int = 7, width_to_height: float = 1.4
) -> dict[str, tuple[float, float]]:
    """x, y (pixels) of every node: each component laid out, then packed in rows.

    Needs ``importance`` (:func:`rank_nodes`). The rows are about
    *width_to_height* times as wide as they are tall; the same input gives the
    same positions.

    >>> nodes = [{"id": i, "code": "", "importance": 0.5} for i in "abcd"]
    >>> edges = [{"from": "a", "to": "b"}, {"from": "c", "to": "d"}]
    >>> spots = force_positions(nodes, edges)
    >>> sorted(spots) == list("abcd") and spots == force_positions(nodes, edges)
    True
    """
    import networkx as nx

    graph = _layout_graph(nodes, edges)
    sizes = {node["id"]: float(node.get("size", 10.0)) for node in nodes}
    order = {node["id"]: i for i, node in enumerate(nodes)}
    components = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    laid = []
    for members in components:
        spots = _component_positions(graph, members, sizes, seed)
        xs = [x for x, _ in spots.values()]
        ys = [y for _, y in spots.values()]
        laid.append((spots, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    widest = max((w for *_, w, _ in laid), default=0.0)
    total = sum(w + _GAP for *_, w, _ in laid)
    best = None
    for step in range(25):  # the row width whose packing fills a page of that shape best
        row_width = widest + (total - widest) * step / 24
        positions, width, height = _pack(laid, row_width)
        need = max(width / width_to_height, height)  # the height of the page it needs
        if best is None or need < best[0] - 1e-9:
            best = (need, positions)
    return best[1] if best else {}


def _pack(laid: list, row_width: float) -> tuple[dict[str, tuple[float, float]], float, float]:
    """Components in rows at most *row_width* wide: positions, width and height."""
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = width = 0.0
    for spots, left, top, w, h in laid:
        if x and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for node, (px, py) in spots.items():
            positions[node] = (round(x + px - left, 1), round(y + py - top, 1))
        width = max(width, x + w)
        x += w + _GAP
        row_height = max(row_height, h)
    return positions, width, y + row_height


def geo_point(lon: float, lat: float) -> tuple[float, float]:
    """Page pixels of a longitude/latitude (y grows southwards)."""
    return (
        round((lon - 105.0) * GEO_SCALE * _ASPECT, 1),
        round(-(lat - 35.0) * GEO_SCALE, 1),
    )


@cache
def china_background() -> dict:
    """The faint map of the geo layout, from the packaged gazetteer.

    ``dots``: ``[x, y]`` of every current division below province level with
    coordinates; ``provinces``: ``{"name", "x", "y"}`` at the mean of each
    province's dots; ``box``: ``[left, top, right, bottom]`` around them all.
    """
    from duikou.gazetteer import load

    dots: set[tuple[int, int]] = set()
    by_province: dict[str, list[tuple[float, float]]] = defaultdict(list)
    provinces = {}
    for division in load():
        if not division.current:
            continue
        if division.level == "province":
            provinces[division.code[:2]] = division
        elif division.lon is not None and division.lat is not None:
            x, y = geo_point(division.lon, division.lat)
            dots.add((round(x), round(y)))
            by_province[division.code[:2]].append((division.lon, division.lat))
    names = []
    for prefix, province in sorted(provinces.items()):
        points = by_province.get(prefix)
        if points:
            lon = sum(p[0] for p in points) / len(points)
            lat = sum(p[1] for p in points) / len(points)
        elif province.lon is not None and province.lat is not None:
            lon, lat = province.lon, province.lat
        else:
            continue
        x, y = geo_point(lon, lat)
        name = province.alt_names[0] if province.alt_names else province.name_en
        names.append({"name": name, "x": x, "y": y})
    xs = [x for x, _ in dots] or [0.0]
    ys = [y for _, y in dots] or [0.0]
    return {
        "dots": [list(dot) for dot in sorted(dots)],
        "provinces": names,
        "box": [min(xs), min(ys), max(xs), max(ys)],
    }
