"""The style sheet and script of the network page (:mod:`duikou.page`), inlined into it.

The script reads ``DK_NODES``, ``DK_EDGES``, ``DK_OPTIONS`` and ``DK_VIEW``
(written before it as JSON) and

* draws the labels itself, at a fixed size on screen (``labelSize`` pixels),
  dark on a white halo: nodes are taken most ``importance`` first, each label
  goes right of, below, above or left of its node, wherever it overlaps no
  label already placed (and, if it can, no node); a label that fits nowhere is
  left out. Only nodes at least ``DK_VIEW.labelThreshold`` important are
  labelled at the first view; zooming in lowers the bar in proportion, and a
  hovered node is always labelled. ``window.dkLabels`` holds the boxes drawn
  last (screen pixels, relative to the canvas), for tests and the curious;
* in the geo layout, draws the faint map of ``DK_VIEW.background`` behind the
  network and frames it;
* sets ``data-settled="true"`` on ``<body>`` once the first frame with labels
  is drawn.

Labels are drawn with ``fillText``: document text never becomes markup.
Tooltips are DOM text nodes.
"""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE"]

STYLE = """
body { font-family: sans-serif; margin: 0; color: #1a202c; }
header { padding: 8px 16px; border-bottom: 1px solid #e2e8f0; }
header h1 { font-size: 18px; margin: 0; }
header p { margin: 4px 0 0; font-size: 13px; color: #4a5568; }
main { display: flex; height: 86vh; min-height: 480px; }
#network { flex: 1 1 auto; min-width: 0; height: 100%; background: #fff; }
#side { flex: 0 0 290px; overflow-y: auto; border-left: 1px solid #e2e8f0;
  padding: 6px 12px; font-size: 12px; line-height: 1.4; }
#side h2 { font-size: 14px; margin: 4px 0; }
#side h3 { font-size: 12px; margin: 8px 0 2px; }
#side ul { list-style: none; margin: 0; padding: 0; }
#side li { margin: 1px 0; }
#side p { margin: 4px 0; }
#side .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 6px; }
#side .line { display: inline-block; width: 36px; height: 0; border-top: 2px solid;
  vertical-align: middle; margin-right: 8px; }
#side .muted { color: #4a5568; }
#unplaced { border-top: 1px solid #e2e8f0; margin-top: 8px; }
#unplaced li { margin: 4px 0; }
details { padding: 8px 16px; font-size: 13px; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: left; }
.dk-tip { white-space: pre-line; max-width: 420px; font-size: 12px; }
"""

SCRIPT = """
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
var dkById = {};
DK_NODES.forEach(function (node) { dkById[node.id] = node; });
var dkFace = "Helvetica, Arial, sans-serif";
var dkHover = null, dkBase = null, dkReady = false;
window.dkLabels = [];

function dkHits(a, b, pad) {
  return a.left < b.left + b.width + pad && b.left < a.left + a.width + pad &&
    a.top < b.top + b.height + pad && b.top < a.top + a.height + pad;
}
function dkShort(label) {
  return label.length > 30 ? label.slice(0, 28).trim() + "…" : label;
}
function dkPlaceLabels(ctx) {
  var width = container.clientWidth, height = container.clientHeight;
  var scale = network.getScale();
  var bar = DK_VIEW.labelThreshold * (dkBase ? Math.min(1, dkBase / scale) : 1);
  var discs = [], wanted = [];
  network.body.nodeIndices.forEach(function (id) {
    var body = network.body.nodes[id], node = dkById[id];
    if (!node) { return; }
    var p = network.canvasToDOM({x: body.x, y: body.y});
    var r = body.options.size * scale;
    discs.push({id: id, left: p.x - r, top: p.y - r, width: 2 * r, height: 2 * r});
    if (id === dkHover || node.importance >= bar) {
      wanted.push({id: id, node: node, x: p.x, y: p.y, r: r});
    }
  });
  wanted.sort(function (a, b) {
    return (b.id === dkHover) - (a.id === dkHover) || b.node.importance - a.node.importance;
  });
  var placed = [];
  wanted.forEach(function (item) {
    var hover = item.id === dkHover;
    var size = item.node.labelSize, text = hover ? item.node.label : dkShort(item.node.label);
    ctx.font = "600 " + size + "px " + dkFace;
    var w = ctx.measureText(text).width, h = Math.round(size * 1.2), gap = 3;
    var x = item.x, y = item.y, r = item.r;
    var spots = [
      [x + r + gap, y - h / 2], [x - w / 2, y + r + gap],
      [x - w / 2, y - r - gap - h], [x - r - gap - w, y - h / 2]
    ];
    var free = null, fallback = null;
    for (var i = 0; i < spots.length && !free; i++) {
      var box = {left: spots[i][0], top: spots[i][1], width: w, height: h};
      if (box.left < 0 || box.top < 0 || box.left + w > width || box.top + h > height) {
        continue;
      }
      if (placed.some(function (other) { return dkHits(box, other, 1); })) { continue; }
      if (!discs.some(function (d) { return d.id !== item.id && dkHits(box, d, 0); })) {
        free = box;
      } else if (!fallback) {
        fallback = box;
      }
    }
    var box = free || fallback || (hover ? {left: spots[0][0], top: spots[0][1], width: w,
      height: h} : null);
    if (box) {
      box.id = item.id; box.text = text; box.size = size; box.hover = hover;
      box.x = x; box.y = y; box.r = r;
      placed.push(box);
    }
  });
  return placed;
}
function dkScreen(ctx) {
  var ratio = ctx.canvas.width / container.clientWidth;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
}
network.on("afterDrawing", function (ctx) {
  ctx.save();
  dkScreen(ctx);
  var placed = dkPlaceLabels(ctx);
  ctx.textBaseline = "top";
  ctx.lineJoin = "round";
  placed.forEach(function (box) {
    ctx.font = "600 " + box.size + "px " + dkFace;
    ctx.lineWidth = 3.5;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.92)";
    ctx.strokeText(box.text, box.left, box.top + 1);
    ctx.fillStyle = box.hover ? "#000000" : "#1a202c";
    ctx.fillText(box.text, box.left, box.top + 1);
  });
  ctx.restore();
  window.dkLabels = placed.map(function (box) {
    return {id: box.id, left: box.left, top: box.top, width: box.width, height: box.height,
      x: box.x, y: box.y, r: box.r, hover: box.hover};
  });
  if (dkReady && !document.body.hasAttribute("data-settled")) {
    document.body.setAttribute("data-settled", "true");
  }
});
network.on("beforeDrawing", function (ctx) {
  var map = DK_VIEW.background;
  if (!map) { return; }
  var scale = network.getScale(), r = 1.1 / scale;
  ctx.save();
  ctx.fillStyle = "#d5dce6";
  map.dots.forEach(function (d) { ctx.fillRect(d[0] - r, d[1] - r, 2 * r, 2 * r); });
  dkScreen(ctx);
  ctx.font = "600 15px " + dkFace;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillStyle = "rgba(113, 128, 150, 0.6)";
  map.provinces.forEach(function (p) {
    var at = network.canvasToDOM({x: p.x, y: p.y});
    ctx.fillText(p.name, at.x, at.y);
  });
  ctx.restore();
});
network.on("hoverNode", function (event) { dkHover = event.node; network.redraw(); });
network.on("blurNode", function () { dkHover = null; network.redraw(); });
function dkFrame() {
  var box = DK_VIEW.background && DK_VIEW.background.box;
  if (box) {
    var w = container.clientWidth, h = container.clientHeight;
    var scale = 0.96 * Math.min(w / (box[2] - box[0]), h / (box[3] - box[1]));
    network.moveTo({position: {x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2},
      scale: scale, animation: false});
  } else {
    network.fit({animation: false});
  }
  dkBase = network.getScale();
}
function dkSettled() {
  network.setOptions({physics: false});
  dkFrame();
  dkReady = true;
  network.redraw();
}
if (DK_OPTIONS.physics.enabled === false) {
  dkSettled();
} else {
  network.once("stabilizationIterationsDone", dkSettled);
}
"""
