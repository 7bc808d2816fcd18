"""An offline, interactive network page of a built graph (``duikou viz``).

Nodes are the donors and recipients of pairings and transfers (regions and
organisations), coloured by macro region and sized by the yuan they gave or
received; there is one edge per donor → recipient, as wide as the yuan it
carries, whose tooltip quotes the first sentence it was read from. The rows
come from the named query ``queries/viz-edges.rq``, read through the query
runner (so with its time limit).

Positions are fixed when the page is written (:mod:`duikou.page_layout`): the
force layout packs the connected groups, the geo layout projects longitude and
latitude over a faint map of China drawn from the gazetteer, and lists the
places without coordinates in a panel beside it, under the legend. The page's
script (:mod:`duikou.page_assets`) draws the labels, sized by each node's
importance (yuan and partners), leaving out the less important of two that
would overlap; hovering or zooming in shows the others.

The yuan add up what :func:`duikou.queries.network.summed` adds up, by default
disbursed aid (fiscal aid and social donations) read in the pairing sections,
never an "of which" part or an item that a section's own total covers; every
link, node and the page's header say how many transfers their yuan add up, and
the header says what they are.

The page is one self-contained HTML file: vis-network's script and style
sheet (shipped inside the pyvis package) are inlined, and a
Content-Security-Policy forbids every request, so opening it makes none.
Text from documents never reaches the page as markup: it is
``html.escape``-d in HTML (the table and the side list) and written as JSON
with ``<``, ``>`` and ``&`` as ``\\u003c``, ``\\u003e``, ``\\u0026`` inside
``<script>``; tooltips are built as DOM text nodes and labels drawn on the
canvas with ``fillText``.

>>> safe_json({"label": "</script><b>&"})
'{"label": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from duikou.atomic import write_text_atomically
from duikou.errors import OutputError
from duikou.page_assets import SCRIPT, STYLE
from duikou.page_layout import china_background, force_positions, geo_point, rank_nodes
from duikou.queries import run
from duikou.queries.named import check_choices
from duikou.queries.network import lon_lat, summed, sums_text
from duikou.render import yuan_words

__all__ = [
    "COLOURS",
    "LAYOUTS",
    "Network",
    "network_data",
    "network_page",
    "render_page",
    "safe_json",
]

LAYOUTS = ("force", "geo")
COLOURS = {"east": "#2b6cb0", "central": "#d69e2e", "west": "#c53030", "unknown": "#a0aec0"}
_VIS = ("lib", "vis-9.1.2")  # vis-network as shipped inside pyvis
_MIN_SIZE, _MAX_SIZE = 8.0, 50.0
_MAX_WIDTH = 10.0
_GEO_SIZE = 0.6  # node sizes on the map, against the force layout's
_QUOTE_CHARS = 400
_LABEL_PX = (12.0, 19.0)  # label font size in screen pixels, least to most important
_LABEL_THRESHOLD = 0.3  # importance labelled at the first view; zooming in lowers it
_LINK_COLOURS = {"yuan": "#4a5568", "none": "#a0aec0"}


@dataclass
class Network:
    """The nodes and edges of the page, as plain vis-network dictionaries."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    sums: str = ""  # what the yuan add up, in words (sums_text)
    yuan: float = 0.0  # all the links' yuan
    transfers: int = 0  # how many transfers that adds up
    top_edge: float = 0.0  # the yuan of the widest link


def safe_json(value: object) -> str:
    """JSON that cannot end a ``<script>`` element or open markup inside one."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def network_data(
    graph,
    *,
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
    timeout: float | None = None,
) -> Network:
    """The nodes and edges of the page of *graph* (a built folder, store or endpoint).

    Their yuan add up the transfers of *kind*, *status* and *scope* (see
    :func:`duikou.queries.network.summed`); every pairing and transfer is a link.
    """
    selection = {"kind": kind, "status": status, "scope": scope}
    check_choices(None, selection)  # before the graph is read
    return _network(run("viz-edges", graph, timeout=timeout), **selection)


def _network(
    rows: list[dict], kind: str = "aid", status: str = "disbursed", scope: str = "sections"
) -> Network:
    places: dict[str, dict] = {}
    links: dict[tuple[str, str], dict] = {}
    for row in rows:
        for role in ("donor", "recipient"):
            iri = row[role]
            place = places.setdefault(
                iri,
                {
                    "id": iri,
                    "label": row[f"{role}Label"] or iri.rsplit("/", 1)[-1],
                    "code": row[f"{role}Code"] or "",
                    "macro": row[f"{role}Macro"] or "unknown",
                    "point": lon_lat(row[f"{role}Wkt"]),
                    "given": 0.0,
                    "received": 0.0,
                    "gifts": 0,  # transfers added up in given
                    "receipts": 0,  # transfers added up in received
                },
            )
            if place["macro"] not in COLOURS:
                place["macro"] = "unknown"
        counted = summed(row, kind, status, scope)
        amount = float(row["amount"]) if counted else 0.0
        if counted:
            places[row["donor"]]["given"] += amount
            places[row["donor"]]["gifts"] += 1
            places[row["recipient"]]["received"] += amount
            places[row["recipient"]]["receipts"] += 1
        link = links.setdefault(
            (row["donor"], row["recipient"]),
            {"yuan": 0.0, "summed": 0, "transfers": 0, "pairings": 0, "quotes": []},
        )
        if str(row["class"]).endswith("#Pairing"):
            link["pairings"] += 1
        else:
            link["transfers"] += 1
            link["yuan"] += amount
            link["summed"] += counted
        if row["evidence"] and row["evidence"] not in link["quotes"]:
            link["quotes"].append(row["evidence"])  # rows come in document order
    top_node = max((p["given"] + p["received"] for p in places.values()), default=0.0)
    top_edge = max((link["yuan"] for link in links.values()), default=0.0)
    network = Network(
        nodes=[_node(place, top_node or 1.0) for place in places.values()],
        edges=[
            _edge(i, key, link, places, top_edge or 1.0)
            for i, (key, link) in enumerate(links.items())
        ],
        sums=sums_text(kind, status, scope),
        yuan=sum(link["yuan"] for link in links.values()),
        transfers=sum(link["summed"] for link in links.values()),
        top_edge=top_edge,
    )
    rank_nodes(network.nodes, network.edges)
    low, high = _LABEL_PX
    for node in network.nodes:
        node["labelSize"] = round(low + (high - low) * node["importance"], 1)
    return network


def _node(place: dict, top: float) -> dict:
    total = place["given"] + place["received"]
    size = _MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * math.sqrt(total / top)
    lines = [place["label"]]
    code = f"code {place['code']}" if place["code"] else ""
    lines.append(" · ".join(filter(None, [code, place["macro"]])))
    if place["given"]:
        lines.append(f"gave {yuan_words(place['given'])} in {place['gifts']} transfer(s)")
    if place["received"]:
        lines.append(f"received {yuan_words(place['received'])} in {place['receipts']} transfer(s)")
    node = {
        "id": place["id"],
        "label": place["label"],
        "title": "\n".join(lines),
        "color": COLOURS[place["macro"]],
        "size": round(min(max(size, _MIN_SIZE), _MAX_SIZE), 2),
        "macro": place["macro"],
        "code": place["code"],
        "yuanGiven": place["given"],
        "yuanReceived": place["received"],
        "transfersGiven": place["gifts"],
        "transfersReceived": place["receipts"],
    }
    if place["point"]:
        node["lon"], node["lat"] = place["point"]
    return node


def _edge(index: int, key: tuple[str, str], link: dict, places: dict, top: float) -> dict:
    counts = [f"{link['transfers']} transfer(s)"] if link["transfers"] else []
    counts += [f"{link['pairings']} pairing(s)"] if link["pairings"] else []
    lines = [f"{places[key[0]]['label']} → {places[key[1]]['label']}"]
    if link["summed"]:
        lines.append(f"{yuan_words(link['yuan'])} in {link['summed']} transfer(s) added up")
    lines.append(", ".join(counts))
    if link["quotes"]:
        quote = link["quotes"][0]
        if len(quote) > _QUOTE_CHARS:
            quote = quote[: _QUOTE_CHARS - 1].rstrip() + "…"
        lines.append(f"“{quote}”")
        lines.append(f"(first of {len(link['quotes'])} evidence sentence(s))")
    return {
        "id": f"e{index}",
        "from": key[0],
        "to": key[1],
        "title": "\n".join(lines),
        "width": _width(link["yuan"], top),
        "dashes": not link["yuan"],
        "color": {"color": _LINK_COLOURS["yuan" if link["yuan"] else "none"]},
        "yuan": link["yuan"],
        "transfersSummed": link["summed"],
        "evidenceCount": len(link["quotes"]),
    }


def _width(yuan: float, top: float) -> float:
    """An edge's width in pixels (at 100 % zoom): 1, plus up to 9 by √(yuan / top)."""
    return round(1 + (_MAX_WIDTH - 1) * math.sqrt(yuan / top), 2) if top else 1.0


def _place(network: Network, layout: str) -> None:
    """Fix every node's x/y: by longitude/latitude (geo), where nodes without a
    point are hidden (the side panel lists them), or by :func:`force_positions`."""
    for node in network.nodes:  # smaller discs on the map, where places crowd
        node.setdefault("fullSize", node["size"])
        node["size"] = round(node["fullSize"] * (_GEO_SIZE if layout == "geo" else 1.0), 2)
    if layout == "geo":
        for node in network.nodes:
            if "lon" in node:
                node["x"], node["y"] = geo_point(node["lon"], node["lat"])
            else:
                node["hidden"] = True
        return
    positions = force_positions(network.nodes, network.edges)
    for node in network.nodes:
        node.pop("hidden", None)
        node["x"], node["y"] = positions[node["id"]]


def _options(layout: str) -> dict:
    """vis-network options: positions are fixed by :func:`_place`, so physics is off;
    vis draws no labels (the page's own script places them, see ``_SCRIPT``)."""
    return {
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 12, "face": "sans-serif"},
            "scaling": {"label": {"drawThreshold": 10_000}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"highlight": "#1a202c", "hover": "#1a202c", "opacity": 0.8},
            "smooth": False if layout == "geo" else {"type": "continuous"},
        },
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    }


def _asset(name: str) -> str:
    text = files("pyvis").joinpath(*_VIS, name).read_text(encoding="utf-8")
    if re.search(r"</(script|style)", text, re.IGNORECASE):  # would end the element early
        raise OutputError(f"pyvis {name} cannot be inlined (it contains a closing tag)")
    return text


def _sums(network: Network) -> str:
    """What the page's yuan add up, and how much in how many transfers."""
    total = yuan_words(network.yuan) if network.yuan else "no yuan"
    return (
        f"Yuan: {network.sums or sums_text()}; never an “of which” part or an item that a "
        f"section's own total covers: {total} in {network.transfers} transfer(s)."
    )


def _legend(network: Network, layout: str) -> str:
    counts = {macro: 0 for macro in COLOURS}
    for node in network.nodes:
        counts[node["macro"]] += 1
    items = "".join(
        f'<li><span class="dot" style="background:{colour}"></span>{macro} ({counts[macro]})</li>'
        for macro, colour in COLOURS.items()
    )
    top = network.top_edge
    widths = "".join(
        f'<li><span class="line" style="border-top-width:{_width(yuan, top)}px;'
        f'border-color:{_LINK_COLOURS["yuan"]}"></span>{html.escape(yuan_words(yuan))}</li>'
        for yuan in (top, top / 4, top / 25)
        if top
    )
    widths += (
        f'<li><span class="line" style="border-top-style:dashed;border-color:'
        f'{_LINK_COLOURS["none"]}"></span>no yuan added up</li>'
    )
    where = (
        "Placed by longitude and latitude. Grey dots: every current division of the "
        "gazetteer with coordinates; grey names: provinces, at the mean of their divisions' "
        "coordinates."
        if layout == "geo"
        else "Force-directed layout, each connected group on its own, largest first; a "
        "province's places are pulled together. Drag to rearrange."
    )
    return (
        '<section id="legend"><h2>Legend</h2>'
        "<h3>Node colour: macro region</h3><ul>"
        + items
        + "</ul><p>unknown: an organisation, or a place outside the three regions. Node area: "
        "yuan given plus received (square-root scale).</p>"
        "<h3>Edge width: yuan from donor to recipient (arrow), at 100% zoom</h3>"
        f'<ul class="widths">{widths}</ul>'
        "<p>Dashed, light: no yuan added up (a pairing, or transfers of other kinds or "
        "statuses).</p>"
        "<h3>Labels</h3><p>Larger for places with more yuan and more partners. Where two "
        "would overlap, the less important is left out: hover a node or zoom in to see "
        "more. Hover for amounts and the sentence each link was read from.</p>"
        f"<p>{html.escape(_sums(network))}</p>"
        f"<p>{html.escape(where)}</p></section>"
    )


def _unplaced(network: Network) -> str:
    """The side list of the nodes without coordinates (geo layout), most important first."""
    names = {node["id"]: node["label"] for node in network.nodes}
    partners: dict[str, list[str]] = {node["id"]: [] for node in network.nodes}
    for edge in network.edges:
        partners[edge["from"]].append("→ " + names[edge["to"]])
        partners[edge["to"]].append("← " + names[edge["from"]])
    hidden = sorted(
        (node for node in network.nodes if node.get("hidden")),
        key=lambda n: (-n["importance"], n["label"].casefold()),
    )
    items = []
    for node in hidden:
        links = partners[node["id"]]
        shown = ", ".join(links[:3]) + (f" (+{len(links) - 3})" if len(links) > 3 else "")
        amounts = "; ".join(
            filter(
                None,
                [
                    "gave " + _amount(node["yuanGiven"], node["transfersGiven"])
                    if node["transfersGiven"]
                    else "",
                    "received " + _amount(node["yuanReceived"], node["transfersReceived"])
                    if node["transfersReceived"]
                    else "",
                ],
            )
        )
        items.append(
            f'<li data-id="{html.escape(node["id"])}"><span class="dot" '
            f'style="background:{COLOURS[node["macro"]]}"></span>'
            f"<b>{html.escape(node['label'])}</b>"
            + (f' <span class="muted">{html.escape(amounts)}</span>' if amounts else "")
            + f'<br><span class="muted">{html.escape(shown)}</span></li>'
        )
    return (
        f'<section id="unplaced"><h2>Not on the map ({len(hidden)})</h2>'
        "<p>Places and organisations without coordinates, and their links:</p>"
        f"<ul>{''.join(items)}</ul></section>"
    )


def _amount(yuan: float, transfers: int) -> str:
    return f"{yuan_words(yuan)} ({transfers} transfer(s))" if transfers else ""


def _table(network: Network) -> str:
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>".format(
            html.escape(node["label"]),
            html.escape(node["code"]),
            html.escape(node["macro"]),
            html.escape(_amount(node["yuanGiven"], node["transfersGiven"])),
            html.escape(_amount(node["yuanReceived"], node["transfersReceived"])),
        )
        for node in sorted(network.nodes, key=lambda n: n["label"].casefold())
    )
    return (
        f"<details><summary>All {len(network.nodes)} places and organisations</summary>"
        "<table><thead><tr><th>name</th><th>code</th><th>macro region</th><th>gave</th>"
        f"<th>received</th></tr></thead><tbody>{rows}</tbody></table></details>"
    )


def render_page(network: Network, layout: str = "force", title: str = "") -> str:
    """The whole HTML page of *network* (``layout`` is ``force`` or ``geo``)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    _place(network, layout)
    title = title or "East-West pairing assistance: donors and recipients"
    summary = (
        f"{len(network.nodes)} places and organisations, {len(network.edges)} donor → "
        f"recipient links ({'map' if layout == 'geo' else 'force'} layout). {_sums(network)}"
    )
    view = {
        "layout": layout,
        "labelThreshold": _LABEL_THRESHOLD,
        "background": china_background() if layout == "geo" else None,
    }
    data = (
        f"var DK_NODES = {safe_json(network.nodes)};\n"
        f"var DK_EDGES = {safe_json(network.edges)};\n"
        f"var DK_OPTIONS = {safe_json(_options(layout))};\n"
        f"var DK_VIEW = {safe_json(view)};\n"
    )
    side = _legend(network, layout) + (_unplaced(network) if layout == "geo" else "")
    policy = (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{_asset('vis-network.css')}\n</style>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<header><h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p></header>\n"
        f'<main><div id="network"></div><aside id="side">{side}</aside></main>\n'
        f"{_table(network)}\n"
        f"<script>\n{_asset('vis-network.min.js')}\n</script>\n"
        f"<script>\n{data}{SCRIPT}</script>\n</body>\n</html>\n"
    )


def network_page(
    graph,
    output: str | Path,
    layout: str = "force",
    *,
    kind: str = "aid",
    status: str = "disbursed",
    scope: str = "sections",
    timeout: float | None = None,
) -> Path:
    """Write the page of the graph *graph* to *output* (replaced atomically).

    Its yuan add up the transfers of *kind*, *status* and *scope* (by default
    disbursed aid read in the pairing sections; see :func:`network_data`).
    Raises :class:`duikou.errors.GraphError` when there is no built graph,
    :class:`duikou.errors.ParameterError` for an unknown *kind*, *status* or
    *scope* and :class:`duikou.errors.OutputError` when *output* cannot be written.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}, not {layout!r}")
    data = network_data(graph, kind=kind, status=status, scope=scope, timeout=timeout)
    text = render_page(data, layout)
    output = Path(output)
    write_text_atomically(output, text)
    return output
