// MedKG map page: draws the network from the JSON block and wires the search, the filters and the
// details panel. Text from data only ever reaches the page through textContent or the canvas,
// never as HTML, so a name with markup in it shows as text.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var fold = function (s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  };

  function tooltip(title, rows) {
    var box = document.createElement("div");
    box.className = "tip";
    var head = document.createElement("strong");
    head.textContent = title;
    box.appendChild(head);
    rows.forEach(function (row) {
      var line = document.createElement("div");
      var key = document.createElement("span");
      key.className = "k";
      key.textContent = row[0] + ": ";
      line.appendChild(key);
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
    return box;
  }

  function style(n, dimmed) {
    return {
      background: dimmed ? "#eeeeee" : n.color,
      border: dimmed ? "#dddddd" : n.border,
      highlight: { background: n.color, border: "#000000" },
      hover: { background: n.color, border: "#000000" }
    };
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, size: n.size,
      color: style(n, false), borderWidth: n.focus ? 6 : (n.country ? 3 : 1),
      title: tooltip(n.label, n.info), font: { size: data.large ? 10 : 14 }
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return {
      id: e.id, from: e.from, to: e.to, label: e.label || undefined,
      color: { color: e.color, highlight: e.color, hover: e.color, inherit: false, opacity: 0.85 },
      dashes: e.dashes, arrows: e.arrows ? "to" : "", width: e.width,
      title: tooltip(e.info[0][1], e.info.slice(1)), font: { size: 10, align: "middle", color: "#444" }
    };
  }));
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: false,
    layout: { improvedLayout: false },
    edges: { smooth: data.large ? false : { type: "continuous" } },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.large, hideEdgesOnZoom: data.large,
                   navigationButtons: false, keyboard: false }
  });
  var state = { network: network, nodes: nodes, edges: edges, data: data, ready: false, drawnAt: null };
  window.medkgMap = state;
  network.once("afterDrawing", function () {
    state.ready = true;
    state.drawnAt = performance.now();
    document.body.setAttribute("data-ready", "true");
  });

  // -- details panel ------------------------------------------------------------------------
  var details = document.getElementById("details");
  function showDetails(id) {
    var n = byId[id];
    if (!n) { return; }
    document.getElementById("details-title").textContent = n.label;
    var list = document.getElementById("details-list");
    list.replaceChildren();
    n.info.forEach(function (row) {
      var dt = document.createElement("dt");
      dt.textContent = row[0];
      var dd = document.createElement("dd");
      dd.textContent = row[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
    details.hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) { showDetails(params.nodes[0]); }
  });

  // -- highlighting ---------------------------------------------------------------------------
  function highlight(ids) {
    var keep = new Set(ids);
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: style(n, keep.size > 0 && !keep.has(n.id)) }; }));
    network.selectNodes(ids, false);
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
  }
  function focusNode(id) {
    highlight([]);
    network.selectNodes([id]);
    network.focus(id, { scale: 1.3, animation: false });
    showDetails(id);
  }

  // -- search -------------------------------------------------------------------------------
  var input = document.getElementById("filter");
  var results = document.getElementById("results");
  var status = document.getElementById("filter-status");
  var countrySelect = document.getElementById("country-filter");
  var sectorSelect = document.getElementById("sector-filter");
  var index = data.nodes.map(function (n) {
    return { n: n, text: fold([n.label, n.key].concat(n.names).join(" | ")) };
  });
  var countries = Array.prototype.slice.call(countrySelect.options, 1).map(function (o) {
    return { code: o.value, name: o.textContent };
  });
  var sectors = Array.prototype.slice.call(sectorSelect.options, 1).map(function (o) { return o.value; });

  function members(test) {
    return data.nodes.filter(test).map(function (n) { return n.id; });
  }
  function inCountry(code) { return members(function (n) { return n.country === code; }); }
  function inSector(sector) { return members(function (n) { return n.sectors.indexOf(sector) >= 0; }); }

  function addResult(text, action) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = text;
    button.addEventListener("click", action);
    item.appendChild(button);
    results.appendChild(item);
  }

  function search(query) {
    results.replaceChildren();
    var q = fold(query);
    if (!q) { status.textContent = ""; highlight([]); return []; }
    // names that start with the query first, then names that contain it, then other matches (ids, other names)
    var rank = function (x) {
      var label = fold(x.n.label);
      return label.indexOf(q) === 0 ? 0 : (label.indexOf(q) > 0 ? 1 : 2);
    };
    var hits = index.filter(function (x) { return x.text.indexOf(q) >= 0; })
      .sort(function (a, b) { return rank(a) - rank(b) || (a.n.label < b.n.label ? -1 : a.n.label > b.n.label ? 1 : 0); })
      .map(function (x) { return x.n; });
    var cs = countries.filter(function (c) { return fold(c.code) === q || fold(c.name).indexOf(q) >= 0; });
    var ss = sectors.filter(function (s) { return fold(s).indexOf(q) >= 0; });
    cs.forEach(function (c) {
      var ids = inCountry(c.code);
      addResult("Country: " + c.name + " (" + ids.length + ")", function () { highlight(ids); });
    });
    ss.forEach(function (s) {
      var ids = inSector(s);
      addResult("Sector: " + s + " (" + ids.length + ")", function () { highlight(ids); });
    });
    hits.slice(0, 100).forEach(function (n) {
      addResult(n.label + " · " + n.kind + (n.country ? " · " + n.country : ""), function () { focusNode(n.id); });
    });
    status.textContent = hits.length + " actors or programmes, " + cs.length + " countries, " + ss.length + " sectors match";
    return hits;
  }
  input.addEventListener("input", function () { search(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = results.querySelector("button");
      if (first) { first.click(); }
    }
  });
  countrySelect.addEventListener("change", function () {
    sectorSelect.value = "";
    highlight(countrySelect.value ? inCountry(countrySelect.value) : []);
  });
  sectorSelect.addEventListener("change", function () {
    countrySelect.value = "";
    highlight(sectorSelect.value ? inSector(sectorSelect.value) : []);
  });
  document.getElementById("reset").addEventListener("click", function () {
    input.value = ""; countrySelect.value = ""; sectorSelect.value = "";
    results.replaceChildren(); status.textContent = ""; details.hidden = true;
    highlight([]); network.fit({ animation: false });
  });
  state.search = search;
  state.focusNode = focusNode;
})();
