/* defgraph pages: sortable and filterable tables, the SVG timeline and the SVG network. No libraries. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }
  function label(parent, text) { var t = el("title", {}, parent); t.textContent = text; return t; }
  function chartData(box) { return JSON.parse(box.getAttribute("data-chart")); }

  /* -- tables: click a header to sort, type in a column filter to hide rows -- */
  function cellValue(row, index, numeric) {
    var cell = row.children[index];
    if (!cell) return numeric ? -Infinity : "";
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (!numeric) return raw.toLowerCase();
    var number = parseFloat(raw.replace(/[^0-9.\-]/g, ""));
    return isNaN(number) ? -Infinity : number;
  }
  function makeSortable(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "num" || th.classList.contains("num");
        var ascending = !th.classList.contains("asc");
        Array.prototype.forEach.call(headers, function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(ascending ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  function makeFilterable(table) {
    var inputs = table.querySelectorAll("tr.colfilters input");
    var shown = document.getElementById("shown");
    function apply() {
      var wanted = Array.prototype.map.call(inputs, function (i) { return [+i.getAttribute("data-col"), i.value.trim().toLowerCase()]; })
        .filter(function (w) { return w[1]; });
      var count = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var keep = wanted.every(function (w) { return cellValue(row, w[0], false).indexOf(w[1]) >= 0; });
        row.hidden = !keep;
        if (keep) count += 1;
      });
      if (shown) shown.textContent = count;
    }
    Array.prototype.forEach.call(inputs, function (input) { input.addEventListener("input", apply); });
  }
  document.querySelectorAll("table.sortable").forEach(makeSortable);
  document.querySelectorAll("table.filterable").forEach(makeFilterable);

  /* -- the timeline: one lane per event type, dates on a linear axis -- */
  function dateNumber(iso) {
    if (!iso) return null;
    var parts = iso.split("-").map(Number);
    var month = parts[1] ? parts[1] - 1 : 6, day = parts[2] || 15;
    return parts[0] + (month + (day - 1) / 31) / 12;
  }
  var PALETTE = ["#1f5fae", "#2e7d5b", "#a23b3b", "#8a5a14", "#5a4a9c", "#c0648f", "#3a8ca0", "#6b7a2a", "#b56a1f", "#4d5566", "#7a3b8a"];

  function drawTimeline(box, rows) {
    var dated = rows.filter(function (r) { return r.date; });
    var width = Math.max(box.clientWidth, 600), left = 130, right = 30, lane = 30;
    var types = [];
    dated.forEach(function (r) { var key = r.kind + ":" + r.type; if (types.indexOf(key) < 0) types.push(key); });
    types.sort();
    var height = 50 + Math.max(types.length, 1) * lane;
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, height: height, role: "img", "aria-label": "timeline"}, box);
    if (!dated.length) { var t = el("text", {x: 20, y: 30}, svg); t.textContent = "No dated entry."; return; }
    var xs = dated.map(function (r) { return dateNumber(r.date); });
    var lo = Math.floor(Math.min.apply(null, xs)), hi = Math.ceil(Math.max.apply(null, xs) + 0.001);
    if (hi - lo < 1) hi = lo + 1;
    function x(value) { return left + (value - lo) / (hi - lo) * (width - left - right); }
    var axis = el("g", {"class": "axis"}, svg), base = height - 25;
    el("line", {x1: left, x2: width - right, y1: base, y2: base}, axis);
    var step = Math.max(1, Math.ceil((hi - lo) / 12));
    for (var year = lo; year <= hi; year += step) {
      el("line", {x1: x(year), x2: x(year), y1: 10, y2: base + 4, "stroke-dasharray": "2 4"}, axis);
      var tick = el("text", {x: x(year), y: base + 17, "text-anchor": "middle"}, axis); tick.textContent = year;
    }
    types.forEach(function (key, i) {
      var name = el("text", {x: left - 8, y: 24 + i * lane, "text-anchor": "end"}, svg);
      name.textContent = key.split(":")[1].replace(/_/g, " ") + (key.indexOf("transfer") === 0 ? " (deal)" : "");
    });
    dated.forEach(function (r) {
      var i = types.indexOf(r.kind + ":" + r.type);
      var dot = el("circle", {"class": "ev", cx: x(dateNumber(r.date)), cy: 20 + i * lane, r: 5 + Math.min(r.sources.length, 5),
                              fill: PALETTE[i % PALETTE.length], "fill-opacity": 0.8}, svg);
      label(dot, r.date + " · " + r.label + " (" + r.sources.length + " source" + (r.sources.length > 1 ? "s" : "") + ")");
      dot.addEventListener("click", function () { window.location = "/documents/" + r.sources[0].document + "#c" + r.sources[0].span[0]; });
    });
  }

  /* -- the network: a small force-directed layout, run to rest before drawing -- */
  function fit(nodes, width, height) {  /* scale the layout into the box, room left for labels */
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    nodes.forEach(function (n) {
      n.x = 30 + (x1 > x0 ? (n.x - x0) / (x1 - x0) : 0.5) * (width - 170);
      n.y = 25 + (y1 > y0 ? (n.y - y0) / (y1 - y0) : 0.5) * (height - 50);
    });
  }

  function layout(nodes, edges, width, height) {
    var index = {};
    nodes.forEach(function (n, i) {
      index[n.id] = n;
      var angle = 2 * Math.PI * i / nodes.length;
      n.x = width / 2 + Math.cos(angle) * width / 3; n.y = height / 2 + Math.sin(angle) * height / 3;
    });
    var links = edges.map(function (e) { return [index[e.source], index[e.target]]; }).filter(function (l) { return l[0] && l[1]; });
    var k = Math.sqrt(width * height / Math.max(nodes.length, 1)) * 0.75, steps = 400;
    for (var step = 0; step < steps; step++) {
      var heat = 0.08 * (1 - step / steps) * width + 1;
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (var a = 0; a < nodes.length; a++) {
        for (var b = a + 1; b < nodes.length; b++) {
          var p = nodes[a], q = nodes[b], dx = p.x - q.x, dy = p.y - q.y, d = Math.sqrt(dx * dx + dy * dy) || 0.01;
          var push = k * k / d / d;
          p.dx += dx * push; p.dy += dy * push; q.dx -= dx * push; q.dy -= dy * push;
        }
      }
      links.forEach(function (l) {
        var dx = l[0].x - l[1].x, dy = l[0].y - l[1].y, d = Math.sqrt(dx * dx + dy * dy) || 0.01, pull = d / k;
        l[0].dx -= dx * pull; l[0].dy -= dy * pull; l[1].dx += dx * pull; l[1].dy += dy * pull;
      });
      nodes.forEach(function (n) {
        n.dx += (width / 2 - n.x) * 0.05 * k / 40; n.dy += (height / 2 - n.y) * 0.05 * k / 40;
        var d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1, move = Math.min(d, heat);
        n.x += n.dx / d * move; n.y += n.dy / d * move;
      });
    }
    fit(nodes, width, height);
    return links;
  }

  function drawGraph(box, graph) {
    var width = Math.max(box.clientWidth, 600), height = Math.max(480, Math.min(1100, 90 * Math.sqrt(graph.nodes.length)));
    var degree = {};
    graph.edges.forEach(function (e) { degree[e.source] = (degree[e.source] || 0) + 1; degree[e.target] = (degree[e.target] || 0) + 1; });
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, height: height, role: "img", "aria-label": "network"}, box);
    if (!graph.nodes.length) { var t = el("text", {x: 20, y: 30}, svg); t.textContent = "No link to draw."; return; }
    var links = layout(graph.nodes, graph.edges, width, height);
    var lines = links.map(function (l, i) {
      return el("line", {"class": "edge " + graph.edges[i].kind, "stroke-width": Math.min(1 + graph.edges[i].weight, 5)}, svg);
    });
    var groups = graph.nodes.map(function (n) {
      var g = el("g", {"class": "n", "data-id": n.id}, svg);
      var circle = el("circle", {"class": "node t-" + n.type, r: 5 + Math.min(Math.sqrt(n.documents) * 2.2, 14)}, g);
      label(circle, n.name + " (" + n.documents + " articles)");
      if (n.type === "Country" || n.documents >= 3 || (degree[n.id] || 0) >= 3) {
        var text = el("text", {dx: 9, dy: 4}, g); text.textContent = n.name;
      }
      return g;
    });
    function place() {
      links.forEach(function (l, i) {
        lines[i].setAttribute("x1", l[0].x); lines[i].setAttribute("y1", l[0].y);
        lines[i].setAttribute("x2", l[1].x); lines[i].setAttribute("y2", l[1].y);
      });
      graph.nodes.forEach(function (n, i) { groups[i].setAttribute("transform", "translate(" + n.x + "," + n.y + ")"); });
    }
    place();
    graph.nodes.forEach(function (n, i) {
      var circle = groups[i].firstChild, dragging = null;
      circle.addEventListener("pointerdown", function (event) {
        dragging = {x: event.clientX, y: event.clientY, moved: false};
        circle.setPointerCapture(event.pointerId);
      });
      circle.addEventListener("pointermove", function (event) {
        if (!dragging) return;
        var scale = width / svg.getBoundingClientRect().width;
        var dx = (event.clientX - dragging.x) * scale, dy = (event.clientY - dragging.y) * scale;
        if (Math.abs(dx) + Math.abs(dy) > 3) dragging.moved = true;
        if (dragging.moved) { n.x += dx; n.y += dy; dragging.x = event.clientX; dragging.y = event.clientY; place(); }
      });
      circle.addEventListener("pointerup", function () {
        var moved = dragging && dragging.moved;
        dragging = null;
        if (!moved) window.location = "/entities/" + encodeURIComponent(n.id);
      });
    });
  }

  var timelineBox = document.getElementById("timeline-chart");
  if (timelineBox) drawTimeline(timelineBox, chartData(timelineBox));
  var graphBox = document.getElementById("graph-chart");
  if (graphBox) drawGraph(graphBox, chartData(graphBox));
})();
