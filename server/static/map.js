// The neighbourhood map of a resource page: vis-network over data embedded as JSON in the page.
// Labels are drawn on the canvas and titles are plain strings, so nothing from the data becomes markup.
(function () {
  "use strict";
  var holder = document.getElementById("map");
  var source = document.getElementById("map-data");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { centre: "#0b5cad", out: "#7fb3e6", "in": "#f2b872" };
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label.length > 40 ? n.label.slice(0, 39) + "…" : n.label,
             title: n.label, url: n.url, color: colours[n.group] || "#ccc",
             font: { color: n.group === "centre" ? "#ffffff" : "#1d2430" }, shape: "box" };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, label: e.label, arrows: "to", font: { size: 10, align: "middle" } };
  }));
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, {
    physics: { stabilization: { iterations: 150 }, barnesHut: { springLength: 200, gravitationalConstant: -6000, avoidOverlap: 0.3 } },
    interaction: { hover: true }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) {
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) { window.location.href = node.url; }
    }
  });
  holder.dataset.ready = "true";
}());
