// scrgraph network pages: draws the inlined view with vis-network (positions computed in
// Python, physics off) and filters, searches and highlights over the same data, no reload.
// Every number shown comes from the data; with a review filter on, an item shows the sum of
// its selected reviews' evidence (see scrgraph.viz.model).
(function () {
  "use strict";
  const DATA = JSON.parse(document.getElementById("scrgraph-data").textContent);
  const COLORS = DATA.style.colors;
  const SHAPES = DATA.style.shapes;
  const FADED = "rgba(200,200,200,0.35)";
  const OVERDUE = "#C00000";
  const reviewsById = new Map(DATA.reviews.map((r) => [r.id, r]));
  const $ = (id) => document.getElementById(id);

  // -- drawing --------------------------------------------------------------------------------

  function nodeSize(node, value) {
    if (node.kind === "action") return 9;
    return Math.min(60, 8 + 4.5 * Math.sqrt(Math.max(value, 0)));
  }

  function edgeWidth(edge, value) {
    if (edge.kind === "co-occurs") return Math.min(10, 0.5 + 1.5 * value);
    return Math.min(8, 0.6 + 0.7 * Math.sqrt(Math.max(value, 0)) * (edge.kind === "raised-by" ? 2 : 1));
  }

  function baseColor(node) {
    return COLORS[node.group] || "#777777";
  }

  const FONT_SIZES = { quadrant: 20, theme: 17, review: 16, "review-group": 16, agency: 20,
                       standard: 15, recommendation: 11, action: 10,
                       "action-group": 14 };
  const EDGE_COLORS = DATA.style.edges;

  // Many recommendations: their labels (review and number) only on hover, or they overlap.
  const quietRecommendations = DATA.nodes.filter((n) => n.kind === "recommendation").length > 30;

  function visNode(node, value, faded) {
    const color = faded ? FADED : baseColor(node);
    const border = node.marked ? OVERDUE : (faded ? FADED : "#333333");
    const shape = SHAPES[node.kind] || "dot";
    const out = {
      id: node.id, title: node.title,
      label: node.kind === "action" || (quietRecommendations && node.kind === "recommendation")
        ? undefined : node.label,
      x: node.x, y: node.y, shape: shape,
      color: { background: color, border: border, highlight: { background: color, border: "#000" },
               hover: { background: color, border: "#000" } },
      borderWidth: node.marked ? (node.kind === "action" ? 4 : 2.5) : 1,
      font: { color: faded ? "#bbbbbb" : "#222222", size: FONT_SIZES[node.kind] || 14,
              strokeWidth: 4, strokeColor: "#ffffff" },
      widthConstraint: node.kind === "theme" ? { maximum: 170 } : undefined,
    };
    if (shape === "box") {
      out.font = { color: faded ? "#999" : "#111", size: FONT_SIZES.quadrant };
      out.margin = 10;
      out.widthConstraint = { maximum: 260 };
    } else {
      out.size = nodeSize(node, value);
    }
    return out;
  }

  function visEdge(edge, index, value, faded) {
    return {
      id: "e" + index, from: edge.source, to: edge.target, title: edge.title,
      width: edgeWidth(edge, value), dashes: edge.dashed,
      color: { color: faded ? "rgba(220,220,220,0.2)" : (EDGE_COLORS[edge.kind] || "rgba(120,120,120,0.35)"),
               highlight: "#000", hover: "#333" },
    };
  }

  const nodes = new vis.DataSet(DATA.nodes.map((n) => visNode(n, n.value, false)));
  const edges = new vis.DataSet(DATA.edges.map((e, i) => visEdge(e, i, e.value, false)));
  const big = DATA.nodes.length + DATA.edges.length > 1500;
  const curved = DATA.edges.length <= 250; // curves cost time to draw: only for small networks
  const network = new vis.Network($("network"), { nodes: nodes, edges: edges }, {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   multiselect: false },
    edges: { smooth: curved ? { type: "continuous", roundness: 0.2 } : false, selectionWidth: 1.5 },
    nodes: { shapeProperties: { interpolation: false } },
  });

  // -- filters --------------------------------------------------------------------------------

  function fillSelect(id, options) {
    const select = $(id);
    for (const [value, label] of options) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = label;
      select.appendChild(option);
    }
  }

  const kinds = [...new Set(DATA.reviews.map((r) => r.kind))].sort();
  const partnerships = new Map();
  for (const r of DATA.reviews) {
    if (r.partnership) partnerships.set(r.partnership, r.partnership_name || r.partnership);
  }
  const years = [...new Set(DATA.reviews.map((r) => r.year).filter((y) => y !== null))].sort();
  fillSelect("filter-kind", kinds.map((k) => [k, k]));
  fillSelect("filter-partnership", [...partnerships].sort());
  fillSelect("filter-year-from", years.map((y) => [String(y), String(y)]));
  fillSelect("filter-year-to", years.map((y) => [String(y), String(y)]));
  fillSelect("filter-quadrant", DATA.quadrants.map((o) => [o.value, o.label]));
  fillSelect("filter-theme", DATA.themes.map((o) => [o.value, o.label]));

  const preset = DATA.filters;
  const setValue = (id, value) => { if (value !== null && value !== undefined) $(id).value = String(value); };
  setValue("filter-kind", preset.kind);
  setValue("filter-partnership", preset.partnership);
  setValue("filter-year-from", preset.year_from);
  setValue("filter-year-to", preset.year_to);
  setValue("filter-quadrant", preset.quadrant);
  setValue("filter-theme", preset.theme);

  function current() {
    const value = (id) => $(id).value || null;
    return { kind: value("filter-kind"), partnership: value("filter-partnership"),
             yearFrom: value("filter-year-from") ? Number(value("filter-year-from")) : null,
             yearTo: value("filter-year-to") ? Number(value("filter-year-to")) : null,
             quadrant: value("filter-quadrant"), theme: value("filter-theme") };
  }

  function selectedReviews(f) {
    if (!f.kind && !f.partnership && f.yearFrom === null && f.yearTo === null) return null;
    const chosen = new Set();
    for (const r of DATA.reviews) {
      if (f.kind && r.kind !== f.kind) continue;
      if (f.partnership && r.partnership !== f.partnership) continue;
      if (f.yearFrom !== null && (r.year === null || r.year < f.yearFrom)) continue;
      if (f.yearTo !== null && (r.year === null || r.year > f.yearTo)) continue;
      chosen.add(r.id);
    }
    return chosen;
  }

  // How much of an item the selected reviews account for: null if none of them does.
  function weigh(item, chosen) {
    if (chosen === null) return item.value;
    let total = null;
    for (const [review, weight] of Object.entries(item.evidence)) {
      if (chosen.has(review)) total = (total || 0) + weight;
    }
    return total;
  }

  let visibleNodes = new Set(DATA.nodes.map((n) => n.id));
  let visibleEdges = new Set(DATA.edges.map((e, i) => "e" + i));
  let values = new Map(DATA.nodes.map((n) => [n.id, n.value]));
  let focus = null; // a Set of node ids to keep bright (search or click), or null

  function apply() {
    const f = current();
    const chosen = selectedReviews(f);
    const shownNodes = new Set();
    values = new Map();
    for (const n of DATA.nodes) {
      const value = weigh(n, chosen);
      values.set(n.id, value === null ? 0 : value);
      let show = n.always || value !== null;
      if (show && f.quadrant && !n.quadrants.includes(f.quadrant)) show = false;
      if (show && f.theme && !n.themes.includes(f.theme) && !n.always) show = false;
      if (show) shownNodes.add(n.id);
    }
    const shownEdges = new Set();
    DATA.edges.forEach((e, i) => {
      if (!shownNodes.has(e.source) || !shownNodes.has(e.target)) return;
      if (!e.always && weigh(e, chosen) === null) return;
      shownEdges.add("e" + i);
    });
    visibleNodes = shownNodes;
    visibleEdges = shownEdges;
    paint();
    status(f, chosen);
  }

  // What each item was last drawn as, so that a change redraws only the items it touches
  // (updating every item of a large network on each keystroke is what makes pages slow).
  const drawnAs = new Map();
  DATA.nodes.forEach((n) => drawnAs.set(n.id, "false|false|" + n.value));
  DATA.edges.forEach((e, i) => drawnAs.set("e" + i, "false|false|" + e.value));

  function changed(id, state) {
    if (drawnAs.get(id) === state) return false;
    drawnAs.set(id, state);
    return true;
  }

  function paint() {
    const nodeUpdates = [];
    for (const n of DATA.nodes) {
      const faded = focus !== null && !focus.has(n.id);
      const hidden = !visibleNodes.has(n.id);
      const value = values.get(n.id);
      if (!changed(n.id, hidden + "|" + faded + "|" + value)) continue;
      const out = hidden ? { id: n.id } : visNode(n, value, faded);
      out.hidden = hidden;
      nodeUpdates.push(out);
    }
    const chosen = selectedReviews(current());
    const edgeUpdates = [];
    DATA.edges.forEach((e, i) => {
      const faded = focus !== null && !(focus.has(e.source) && focus.has(e.target));
      const hidden = !visibleEdges.has("e" + i);
      // Lift is the catalog's, for all reviews: a filter keeps a pair's width, other links
      // are as wide as their selected recommendations.
      const value = chosen === null || e.kind === "co-occurs" ? e.value : (weigh(e, chosen) || 0);
      if (!changed("e" + i, hidden + "|" + faded + "|" + value)) return;
      const out = hidden ? { id: "e" + i } : visEdge(e, i, value, faded);
      out.hidden = hidden;
      edgeUpdates.push(out);
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  function status(f, chosen) {
    const parts = [];
    if (f.kind) parts.push(f.kind + " reviews");
    if (f.partnership) parts.push(partnerships.get(f.partnership));
    if (f.yearFrom !== null || f.yearTo !== null) parts.push("published " + (f.yearFrom ?? "…") + "–" + (f.yearTo ?? "…"));
    if (f.quadrant) parts.push("quadrant " + f.quadrant);
    if (f.theme) parts.push("theme " + (DATA.themes.find((t) => t.value === f.theme) || {}).label);
    const byKind = {};
    for (const n of DATA.nodes) {
      if (!visibleNodes.has(n.id)) continue;
      const kind = n.group === "theme-local" ? "local-theme" : n.kind;
      byKind[kind] = (byKind[kind] || 0) + 1;
    }
    const names = { theme: ["key theme", "key themes"], "local-theme": ["local theme", "local themes"],
                    standard: ["practice standard", "practice standards"],
                    quadrant: ["quadrant", "quadrants"], review: ["review", "reviews"],
                    "review-group": ["group of reviews", "groups of reviews"],
                    recommendation: ["recommendation", "recommendations"], agency: ["agency", "agencies"],
                    action: ["action", "actions"],
                    "action-group": ["group of actions", "groups of actions"] };
    const counted = Object.entries(byKind).map(([k, c]) => c + " " + (names[k] ? names[k][c === 1 ? 0 : 1] : k));
    let text = "Showing " + counted.join(", ") + " and " + visibleEdges.size + " links";
    text += " (" + visibleNodes.size + " of " + DATA.nodes.length + " items)";
    if (parts.length) text += "; filtered to " + parts.join(", ");
    if (chosen !== null) text += " (" + chosen.size + " of " + DATA.reviews.length + " reviews)";
    $("status").textContent = text + ".";
    document.title = DATA.title + " · " + visibleNodes.size + " items · scrgraph";
  }

  for (const id of ["filter-kind", "filter-partnership", "filter-year-from", "filter-year-to",
                    "filter-quadrant", "filter-theme"]) {
    $(id).addEventListener("change", () => { focus = null; apply(); });
  }
  $("reset").addEventListener("click", () => {
    for (const id of ["filter-kind", "filter-partnership", "filter-year-from", "filter-year-to",
                      "filter-quadrant", "filter-theme"]) $(id).value = "";
    $("search").value = "";
    $("search-result").textContent = "";
    focus = null;
    apply();
    network.fit({ animation: false });
  });

  // -- search and highlight -------------------------------------------------------------------

  function search() {
    const q = $("search").value.trim().toLowerCase();
    if (!q) { focus = null; $("search-result").textContent = ""; paint(); return; }
    const hits = DATA.nodes.filter((n) => visibleNodes.has(n.id) &&
      (n.label.toLowerCase().includes(q) || n.title.toLowerCase().includes(q) || n.id.toLowerCase().includes(q)));
    focus = new Set(hits.map((n) => n.id));
    $("search-result").textContent = hits.length === 1 ? "1 item matches." : hits.length + " items match.";
    paint();
    if (hits.length) network.fit({ nodes: hits.map((n) => n.id), animation: false });
  }
  $("search").addEventListener("input", search);
  $("search").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && focus && focus.size) show([...focus][0]);
  });

  function show(id) {
    const node = DATA.nodes.find((n) => n.id === id);
    let text = node ? node.title : "Nothing selected.";
    if (node && selectedReviews(current()) !== null && Object.keys(node.evidence).length) {
      text += "\nWith the review filters: " + values.get(id) + " of " + node.value + ".";
    }
    $("details").textContent = text;
  }

  network.on("click", (params) => {
    if (params.nodes.length) {
      const id = params.nodes[0];
      focus = new Set([id, ...network.getConnectedNodes(id)]);
      show(id);
    } else {
      focus = null;
      $("details").textContent = "Nothing selected.";
    }
    paint();
  });

  // -- legend ---------------------------------------------------------------------------------

  for (const item of DATA.legend) {
    const li = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch " + item.shape;
    swatch.style.setProperty("--c", item.color);
    swatch.style.background = item.color;
    const text = document.createElement("span");
    text.textContent = item.label;
    li.append(swatch, text);
    $("legend").appendChild(li);
  }

  // For tests and benchmarks: the page's own data and what is drawn now.
  window.scrgraph = {
    data: DATA, network: network, nodes: nodes, edges: edges,
    visible: () => ({ nodes: [...visibleNodes].sort(), edges: visibleEdges.size }),
    drawn: () => ({ nodes: nodes.get({ filter: (n) => !n.hidden }).length,
                    edges: edges.get({ filter: (e) => !e.hidden }).length }),
    ready: false,
  };
  network.once("afterDrawing", () => {
    window.scrgraph.ready = true;
    window.scrgraph.readyAt = performance.now(); // ms since navigation: time to interactive
    document.body.dataset.ready = "true";
  });
  apply();
})();
