"""An offline, interactive network page of a built graph (``duikou viz``).

Nodes are the donors and recipients of pairings and transfers (regions and
organisations), coloured by macro region and sized by the yuan they gave or
received; there is one edge per donor → recipient, as wide as the yuan it
carries, whose tooltip quotes the first sentence it was read from. The rows
come from the named query ``queries/viz-edges.rq``, read through the query
runner (so with its time limit).

The yuan add up what :func:`duikou.queries.network.summed` adds up, by default
disbursed aid (fiscal aid and social donations) read in the pairing sections,
never an "of which" part or an item that a section's own total covers; every
link, node and the page's header say how many transfers their yuan add up, and
the header says what they are.

The page is one self-contained HTML file: vis-network's script and style
sheet (shipped inside the pyvis package) are inlined, and a
Content-Security-Policy forbids every request, so opening it makes none.
Text from documents never reaches the page as markup: it is
``html.escape``-d in HTML and written as JSON with ``<``, ``>`` and ``&`` as
``\\u003c``, ``\\u003e``, ``\\u0026`` inside ``<script>``; tooltips are built
as DOM text nodes.

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
GEO_SCALE = 30.0  # pixels per degree in the geo layout
_VIS = ("lib", "vis-9.1.2")  # vis-network as shipped inside pyvis
_MIN_SIZE, _MAX_SIZE = 8.0, 50.0
_MAX_WIDTH = 10.0
_QUOTE_CHARS = 400


@dataclass
class Network:
    """The nodes and edges of the page, as plain vis-network dictionaries."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    sums: str = ""  # what the yuan add up, in words (sums_text)
    yuan: float = 0.0  # all the links' yuan
    transfers: int = 0  # how many transfers that adds up


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
    return Network(
        nodes=[_node(place, top_node or 1.0) for place in places.values()],
        edges=[
            _edge(i, key, link, places, top_edge or 1.0)
            for i, (key, link) in enumerate(links.items())
        ],
        sums=sums_text(kind, status, scope),
        yuan=sum(link["yuan"] for link in links.values()),
        transfers=sum(link["summed"] for link in links.values()),
    )


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
        "width": round(1 + (_MAX_WIDTH - 1) * math.sqrt(link["yuan"] / top), 2),
        "dashes": not link["yuan"],
        "yuan": link["yuan"],
        "transfersSummed": link["summed"],
        "evidenceCount": len(link["quotes"]),
    }


def _place(network: Network, layout: str) -> None:
    """Fix x/y from longitude/latitude; nodes without a point go in rows below."""
    if layout != "geo":
        return
    bottom = 0.0
    for node in network.nodes:
        if "lon" in node:
            node["x"] = round((node["lon"] - 105) * GEO_SCALE, 1)
            node["y"] = round(-(node["lat"] - 35) * GEO_SCALE, 1)
            bottom = max(bottom, node["y"])
    unplaced = [node for node in network.nodes if "lon" not in node]
    per_row, step = 25, 80.0
    for i, node in enumerate(unplaced):
        row, col = divmod(i, per_row)
        in_row = min(per_row, len(unplaced) - row * per_row)
        node["x"] = round((col - (in_row - 1) / 2) * step, 1)
        node["y"] = round(bottom + 2 * step + row * step, 1)


def _options(layout: str) -> dict:
    options = {
        "nodes": {
            "shape": "dot",
            "font": {"size": 12, "face": "sans-serif"},
            "widthConstraint": {"maximum": 160},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {"color": "#8894a8", "highlight": "#1a202c", "opacity": 0.7},
            "smooth": {"type": "continuous"},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    }
    if layout == "geo":
        options["physics"] = {"enabled": False}
        options["edges"]["smooth"] = False
    else:
        options["physics"] = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50},
        }
    return options


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
    where = (
        "Placed by longitude and latitude; places without coordinates are in rows below."
        if layout == "geo"
        else "Force layout; physics stops once it has settled. Drag to rearrange."
    )
    return (
        '<aside id="legend"><h2>Legend</h2><ul>'
        + items
        + "</ul><p>Node area: yuan given plus received (square-root scale). Edge width: "
        "yuan from donor to recipient (arrow); dashed: no yuan added up (a pairing, or "
        "transfers of other kinds or statuses). "
        "Hover for names, amounts and the sentence each link was read from.</p>"
        f"<p>{html.escape(_sums(network))}</p>"
        f"<p>{html.escape(where)}</p></aside>"
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


_STYLE = """
body { font-family: sans-serif; margin: 0; color: #1a202c; }
header { padding: 8px 16px; border-bottom: 1px solid #e2e8f0; }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 4px 0 0; font-size: 13px; color: #4a5568; }
main { position: relative; }
#network { width: 100%; height: 78vh; background: #fff; }
#legend { position: absolute; top: 8px; left: 8px; max-width: 260px; font-size: 12px;
  background: rgba(255,255,255,0.92); border: 1px solid #cbd5e0; border-radius: 4px;
  padding: 6px 10px; }
#legend h2 { font-size: 13px; margin: 0 0 4px; }
#legend ul { list-style: none; margin: 0; padding: 0; }
#legend .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 6px; }
#legend p { margin: 6px 0 0; }
details { padding: 8px 16px; font-size: 13px; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: left; }
.dk-tip { white-space: pre-line; max-width: 420px; font-size: 12px; }
"""

_SCRIPT = """
function dkText(text) {
  var div = document.createElement("div");
  div.className = "dk-tip";
  div.textContent = text;
  return div;
}
function dkTooltips(items) {
  return items.map(function (item) {
    var copy = Object.assign({}, item);
    copy.titleText = item.title;
    copy.title = dkText(item.title);
    return copy;
  });
}
var nodes = new vis.DataSet(dkTooltips(DK_NODES));
var edges = new vis.DataSet(dkTooltips(DK_EDGES));
var container = document.getElementById("network");
var network = new vis.Network(container, {nodes: nodes, edges: edges}, DK_OPTIONS);
function dkSettled() {
  network.setOptions({physics: false});
  document.body.setAttribute("data-settled", "true");
}
if (DK_OPTIONS.physics.enabled === false) {
  dkSettled();
} else {
  network.once("stabilizationIterationsDone", dkSettled);
}
"""


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
    data = (
        f"var DK_NODES = {safe_json(network.nodes)};\n"
        f"var DK_EDGES = {safe_json(network.edges)};\n"
        f"var DK_OPTIONS = {safe_json(_options(layout))};\n"
    )
    policy = (
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{_asset('vis-network.css')}\n</style>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<header><h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p></header>\n"
        f'<main><div id="network"></div>{_legend(network, layout)}</main>\n'
        f"{_table(network)}\n"
        f"<script>\n{_asset('vis-network.min.js')}\n</script>\n"
        f"<script>\n{data}{_SCRIPT}</script>\n</body>\n</html>\n"
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
