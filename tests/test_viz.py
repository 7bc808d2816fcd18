"""`duikou viz`: an offline network page, checked as text and in a real headless Chromium.

The browser tests need Debian's `chromium` and `chromium-driver` (`make
browser` installs them); they are skipped, saying so, only when those cannot
be found. The page is opened from a file:// URL with name resolution and the
proxy pointed nowhere, so any request to another host would fail and show up
in the logs the tests read. Expected node and edge counts are computed from
union (`duikou export rdf`) with rdflib, not with the viz code.

Both layouts are screenshot at a 1400×1000 viewport (set through the DevTools
protocol, so the page is exactly that size) into pytest's tmp path. Label
overlap is measured from the boxes the page says it drew (``window.dkLabels``),
after checking each box sits against its own node at the position vis-network
reports: on the sample, 0 of ~300 pairs of visible labels overlap in either
layout (the page places labels greedily and leaves out those that would
overlap), so the tests allow at most 1 % of pairs.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from duikou.cli import cli
from duikou.page import network_data, network_page, render_page

from support import union_file, union_graph

DK = Namespace("https://w3id.org/duikou/ontology#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
PAYLOAD = "</script><script>alert(1)</script>"
SHANGHAI = "https://w3id.org/duikou/id/region/310000"
INJECTED_LABEL = f"Shanghai {PAYLOAD} Municipality"
EXTERNAL_URL = re.compile(r"""\b(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
DRIVER_PATHS = ("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver")
VIEWPORT = (1400, 1000)
MAX_OVERLAP = 0.01  # share of visible label pairs that may overlap (measured: 0)


# --- expected counts, independently of duikou/page.py ------------------------------------


def _union(build_dir: Path) -> Graph:
    return union_graph(build_dir)


def _expected(graph: Graph) -> tuple[set, set]:
    """Nodes: every donor and recipient of a pairing or transfer; edges: distinct pairs."""
    facts = set(graph.subjects(RDF.type, DK.Pairing)) | set(graph.subjects(RDF.type, DK.Transfer))
    edges = {
        (str(d), str(r))
        for fact in facts
        for d in graph.objects(fact, DK.donor)
        for r in graph.objects(fact, DK.recipient)
    }
    nodes = {node for edge in edges for node in edge}
    return nodes, edges


def _points(graph: Graph, nodes: set) -> dict[str, tuple[float, float]]:
    points = {}
    for node in nodes:
        for geometry in graph.objects(URIRef(node), GEO.hasGeometry):
            for wkt in graph.objects(geometry, GEO.asWKT):
                lon, lat = re.findall(r"-?[0-9.]+", str(wkt))
                points[node] = (float(lon), float(lat))
    return points


# --- a built folder with document text that tries to break out of the page --------------


@pytest.fixture(scope="module")
def injected_build(sample_build, tmp_path_factory) -> Path:
    """The sample's quads with Shanghai's English label and one evidence sentence poisoned."""
    out = tmp_path_factory.mktemp("viz-injected")
    store = ox.Store(str(out / "store"))
    store.bulk_load(path=str(union_file(sample_build, "trig")), format=ox.RdfFormat.TRIG)
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    exact = ox.NamedNode("http://www.w3.org/ns/oa#exact")
    for quad in list(store.quads_for_pattern(ox.NamedNode(SHANGHAI), label, None)):
        if quad.object.language == "en":
            store.remove(quad)
            store.add(
                ox.Quad(
                    quad.subject, label, ox.Literal(INJECTED_LABEL, language="en"), quad.graph_name
                )
            )
    for quad in list(store.quads_for_pattern(None, exact, None)):
        if "Shanghai provided the largest amount" in quad.object.value:
            store.remove(quad)
            poisoned = ox.Literal(f"{PAYLOAD} {quad.object.value} <img src=x onerror=alert(2)>")
            store.add(ox.Quad(quad.subject, exact, poisoned, quad.graph_name))
    store.flush()
    del store
    return out


# --- pure Python: the HTML itself ----------------------------------------------------------


def test_page_has_no_external_urls(sample_build, tmp_path):
    page = network_page(sample_build, tmp_path / "pairings.html").read_text(encoding="utf-8")
    assert not EXTERNAL_URL.search(page)
    assert "<link" not in page
    assert not re.search(r"<script[^>]*\bsrc\b", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_document_text_is_escaped(injected_build, tmp_path):
    page = network_page(injected_build, tmp_path / "p.html").read_text(encoding="utf-8")
    assert PAYLOAD not in page
    assert "<img src=x" not in page
    # JSON inside <script>: < > & as \u escapes; HTML: entities.
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The only script elements are the page's own two (vis-network holds one "<script>" string).
    assert len(re.findall(r"<script>\n", page)) == 2
    assert len(re.findall(r"</script>\n", page)) == 2


def test_side_list_escapes_document_text(injected_build):
    """A place without coordinates goes to the geo page's side list, escaped there too."""
    data = network_data(injected_build)
    shanghai = next(node for node in data.nodes if node["id"] == SHANGHAI)
    del shanghai["lon"], shanghai["lat"]
    page = render_page(data, "geo")
    assert PAYLOAD not in page and "<img src=x" not in page
    side = page[page.index('<section id="unplaced">') :]
    side = side[: side.index("</section>")]
    assert f"<b>{html.escape(INJECTED_LABEL)}</b>" in side
    assert f'data-id="{SHANGHAI}"' in side
    assert len(re.findall(r"<script>\n", page)) == 2


def test_cli_writes_the_page(sample_build, tmp_path):
    output = tmp_path / "map.html"
    result = CliRunner().invoke(
        cli, ["viz", "--graph", str(sample_build), "--output", str(output), "--layout", "geo"]
    )
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_missing_graph_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["viz", "--graph", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "duikou build" in result.output


# --- in a real browser ---------------------------------------------------------------------


def _chromium() -> tuple[str, str]:
    binary = next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
    )
    driver = shutil.which("chromedriver") or next(
        (p for p in DRIVER_PATHS if Path(p).exists()), None
    )
    if not binary or not driver:
        pytest.skip(
            "browser tests skipped: Debian chromium/chromium-driver not installed "
            "(`make browser` installs them: apt-get install chromium chromium-driver)"
        )
    return binary, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One headless Chromium for the module; each test opens its own page in it (``_open``)."""
    binary, driver_path = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
        "--proxy-server=127.0.0.1:9",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # An explicit driver path: selenium-manager never runs, nothing is downloaded.
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    width, height = VIEWPORT
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver, page: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")  # leave the previous test's page: nothing of it logs after this
    driver.get_log("performance")  # drop what the browser did before the page was asked for
    driver.get_log("browser")
    driver.get(page.resolve().as_uri())
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-settled')") == "true"
    )


def _console_errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _requests(driver) -> list[str]:
    """URLs the browser asked for, other than file:, data: and its own chrome:// pages."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("file:", "data:", "chrome:", "devtools:")):
                urls.append(url)
    return urls


def _counts(driver) -> tuple[int, int]:
    return tuple(
        driver.execute_script(
            "return [network.body.data.nodes.length, network.body.data.edges.length]"
        )
    )


def _screenshot(driver, path: Path) -> None:
    """A PNG of the viewport, 1400×1000, that is not blank: the network's canvas has
    thousands of coloured pixels and the file is far larger than an empty page."""
    driver.save_screenshot(str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == VIEWPORT
    assert len(data) > 50_000
    inked = driver.execute_script(
        "var c = document.querySelector('#network canvas');"
        "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data, n = 0;"
        "for (var i = 0; i < d.length; i += 4) {"
        "  if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) n++; }"
        "return n;"
    )
    assert inked > 5_000


def _labels(driver) -> list[dict]:
    """The labels the page drew (not the hovered one), each checked against its node:
    inside the canvas, and touching the node's disc at vis-network's own position."""
    boxes, centres, size = driver.execute_script(
        "var boxes = window.dkLabels.filter(function (b) { return !b.hover; });"
        "var ids = boxes.map(function (b) { return b.id; }), out = {};"
        "var pos = network.getPositions(ids);"
        "ids.forEach(function (id) {"
        "  var p = network.canvasToDOM(pos[id]);"
        "  out[id] = [p.x, p.y, network.body.nodes[id].options.size * network.getScale()]; });"
        "return [boxes, out, [container.clientWidth, container.clientHeight]];"
    )
    for box in boxes:
        x, y, r = centres[box["id"]]
        assert box["left"] >= 0 and box["left"] + box["width"] <= size[0] + 0.5
        assert box["top"] >= 0 and box["top"] + box["height"] <= size[1] + 0.5
        nearest_x = min(max(x, box["left"]), box["left"] + box["width"])
        nearest_y = min(max(y, box["top"]), box["top"] + box["height"])
        assert ((nearest_x - x) ** 2 + (nearest_y - y) ** 2) ** 0.5 <= r + 5, box
        assert box["width"] > 10 and 12 <= box["height"] <= 30
    return boxes


def _overlap(boxes: list[dict]) -> tuple[int, int]:
    """(overlapping pairs, all pairs) of label boxes."""
    pairs = overlapping = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            pairs += 1
            overlapping += (
                a["left"] < b["left"] + b["width"]
                and b["left"] < a["left"] + a["width"]
                and a["top"] < b["top"] + b["height"]
                and b["top"] < a["top"] + a["height"]
            )
    return overlapping, pairs


def _check_labels(driver) -> list[dict]:
    boxes = _labels(driver)
    assert len(boxes) >= 15  # the page is labelled, not emptied to avoid overlap
    overlapping, pairs = _overlap(boxes)
    assert overlapping <= MAX_OVERLAP * pairs, (overlapping, pairs)
    # The most important drawn nodes are among the labelled.
    top = driver.execute_script(
        "return network.body.nodeIndices.map(function (id) { return dkById[id]; })"
        ".sort(function (a, b) { return b.importance - a.importance; })"
        ".slice(0, 5).map(function (n) { return n.id; })"
    )
    assert len(set(top) & {box["id"] for box in boxes}) >= 3
    return boxes


def _hover(driver, x: float, y: float) -> None:
    """Move the mouse to (x, y) of the network's canvas."""
    from selenium.webdriver.common.action_chains import ActionChains

    canvas = driver.find_element("css selector", "#network canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).perform()


def _check_legend(driver) -> str:
    legend = driver.find_element("id", "legend")
    assert legend.is_displayed()
    text = legend.text
    for words in ("east", "west", "Edge width", "Dashed", "Labels", "disbursed aid"):
        assert words in text
    return text


def test_blocked_requests_are_seen(browser, tmp_path):
    """The harness itself: a page asking a CDN and another host is caught twice over."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<html><body data-settled="true"><script src="https://cdn.jsdelivr.net/npm/x.js"></script>'
        '<img src="http://example.org/a.png"></body></html>',
        encoding="utf-8",
    )
    _open(browser, page)
    assert set(_requests(browser)) == {
        "https://cdn.jsdelivr.net/npm/x.js",
        "http://example.org/a.png",
    }
    assert len(_console_errors(browser)) == 2


def test_page_in_chromium(browser, sample_build, tmp_path):
    nodes, edges = _expected(_union(sample_build))
    page = network_page(sample_build, tmp_path / "pairings.html")
    _open(browser, page)
    assert _counts(browser) == (len(nodes), len(edges))
    ids = browser.execute_script("return nodes.getIds()")
    assert set(ids) == nodes
    pairs = browser.execute_script(
        "return edges.get().map(function (e) { return [e.from, e.to]; })"
    )
    assert {tuple(pair) for pair in pairs} == edges
    assert browser.execute_script("return network.physics.options.enabled") is False  # settled
    _check_legend(browser)
    _screenshot(browser, tmp_path / "viz-force.png")
    boxes = _check_labels(browser)
    # Not a disc of pairs: the largest groups are labelled and the layout is wider than tall.
    box = browser.execute_script(
        "var p = network.getPositions(), xs = [], ys = [];"
        "for (var id in p) { xs.push(p[id].x); ys.push(p[id].y); }"
        "return [Math.max.apply(null, xs) - Math.min.apply(null, xs),"
        "        Math.max.apply(null, ys) - Math.min.apply(null, ys)];"
    )
    assert box[0] > box[1]
    # Zooming in labels smaller nodes too.
    small = browser.execute_script(
        "network.moveTo({scale: network.getScale() * 3, animation: false});"
        "network.redraw();"
        "return window.dkLabels.filter(function (b) {"
        "  return dkById[b.id].importance < DK_VIEW.labelThreshold; }).length;"
    )
    assert small > 0 and not [b for b in boxes if b["id"] not in nodes]
    # Hovering an unlabelled node labels it.
    browser.execute_script("network.moveTo({scale: dkBase, animation: false}); network.redraw();")
    labelled = {box["id"] for box in _labels(browser)}
    quiet = browser.execute_script(
        # unlabelled drawn nodes well inside the canvas, on no other node's disc
        "var shown = arguments[0], scale = network.getScale();"
        "var spots = network.body.nodeIndices.map(function (id) {"
        "  var p = network.canvasToDOM(network.getPosition(id));"
        "  return [id, p.x, p.y, network.body.nodes[id].options.size * scale]; });"
        "return spots.filter(function (s) {"
        "  return shown.indexOf(s[0]) < 0 && s[1] > 20 && s[2] > 20 &&"
        "    s[1] < container.clientWidth - 20 && s[2] < container.clientHeight - 20 &&"
        "    spots.every(function (o) { return o[0] === s[0] ||"
        "      Math.hypot(o[1] - s[1], o[2] - s[2]) > o[3] + 4; }); });",
        sorted(labelled),
    )
    assert quiet
    node, x, y, _ = quiet[0]
    _hover(browser, x, y)
    hovered = browser.execute_script(
        "return window.dkLabels.filter(function (b) { return b.hover; })"
    )
    assert [box["id"] for box in hovered] == [node]
    assert _console_errors(browser) == []
    assert _requests(browser) == []


def test_geo_layout_reads_as_a_map(browser, sample_build, tmp_path):
    graph = _union(sample_build)
    nodes, edges = _expected(graph)
    points = _points(graph, nodes)
    assert len(points) > 20
    page = network_page(sample_build, tmp_path / "map.html", layout="geo")
    _open(browser, page)
    assert _counts(browser) == (len(nodes), len(edges))
    positions = browser.execute_script("return network.getPositions()")
    by_lon = sorted(points, key=lambda node: points[node][0])
    west, east = by_lon[0], by_lon[-1]
    assert points[east][0] > points[west][0]
    assert positions[east]["x"] > positions[west]["x"]
    # x grows with longitude, y falls with latitude (vis rounds positions to pixels).
    for a, b in zip(by_lon, by_lon[1:], strict=False):
        assert positions[b]["x"] >= positions[a]["x"]
        if points[b][0] - points[a][0] > 0.1:
            assert positions[b]["x"] > positions[a]["x"]
    by_lat = sorted(points, key=lambda node: points[node][1])
    for a, b in zip(by_lat, by_lat[1:], strict=False):
        assert positions[b]["y"] <= positions[a]["y"]
        if points[b][1] - points[a][1] > 0.1:
            assert positions[b]["y"] < positions[a]["y"]
    # Places without coordinates are not drawn (hidden, so vis draws neither them nor
    # their links, and no label), but named in the list beside the map.
    unplaced = nodes - set(points)
    assert unplaced
    drawn = set(browser.execute_script("return network.body.nodeIndices"))
    assert drawn == set(points)
    assert browser.execute_script(
        "return arguments[0].every(function (id) { return nodes.get(id).hidden === true; })",
        sorted(unplaced),
    )
    listed = browser.execute_script(
        "return Array.from(document.querySelectorAll('#unplaced li'))"
        ".map(function (li) { return [li.getAttribute('data-id'), li.textContent]; })"
    )
    assert {node for node, _ in listed} == unplaced
    labels = {str(o) for n in unplaced for o in graph.objects(URIRef(n), RDFS.label)}
    assert all(any(label in text for label in labels) for _, text in listed if labels)
    side = browser.find_element("id", "side")
    assert (
        side.is_displayed()
        and side.rect["x"] >= browser.find_element("id", "network").rect["width"]
    )
    _check_legend(browser)
    _screenshot(browser, tmp_path / "viz-geo.png")
    boxes = _check_labels(browser)
    assert not {box["id"] for box in boxes} & unplaced
    # The background map: province names from the gazetteer, framed to fit the canvas.
    provinces = browser.execute_script("return DK_VIEW.background.provinces.length")
    assert provinces >= 30
    assert _console_errors(browser) == []
    assert _requests(browser) == []


def test_injected_markup_shows_as_text_and_runs_nothing(browser, injected_build, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains

    page = network_page(injected_build, tmp_path / "p.html")
    _open(browser, page)
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018 - the property raises when no alert is open
    assert browser.execute_script("return document.scripts.length") == 2
    assert browser.execute_script("return document.images.length") == 0
    label, tip_text = browser.execute_script(
        "var n = nodes.get(arguments[0]); return [n.label, n.titleText];", SHANGHAI
    )
    assert label == INJECTED_LABEL
    assert PAYLOAD in tip_text
    tips = browser.execute_script(
        "return edges.get().map(function (e) { return e.titleText; })"
        ".filter(function (t) { return t.indexOf('alert(1)') >= 0; })"
    )
    assert tips and all(PAYLOAD in tip for tip in tips)
    assert PAYLOAD in browser.execute_script("return document.body.textContent")
    # Hover the node: its tooltip shows the markup as text and holds no elements of it.
    x, y = browser.execute_script(
        "var p = network.canvasToDOM(network.getPosition(arguments[0]));"
        "var r = container.getBoundingClientRect();"
        "return [p.x - r.width / 2, p.y - r.height / 2];",
        SHANGHAI,
    )
    canvas = browser.find_element("css selector", "#network canvas")
    ActionChains(browser).move_to_element_with_offset(canvas, int(x), int(y)).perform()
    tip = browser.execute_script(
        "var t = document.querySelector('.vis-tooltip');"
        "return t && t.style.visibility !== 'hidden' ? [t.textContent, t.querySelectorAll('script, img').length] : null;"
    )
    if tip is not None:  # the hover can miss on a very crowded canvas; the data checks above hold
        assert PAYLOAD in tip[0] and tip[1] == 0
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018
    assert _console_errors(browser) == []
    assert _requests(browser) == []
