/* News explorer: the network page and each actor's local graph, drawn by vis-network.
 *
 * Names are data: vis-network draws labels on a canvas, and everything else this
 * script shows is set with textContent (never innerHTML).
 */
(function () {
  "use strict";

  function dashes(style) {
    return style && style.dashes ? style.dashes : false;
  }

  function tooltip(text) {
    var el = document.createElement("div");
    el.textContent = text;
    return el;
  }

  /* Labels and the focus ring in the page's text colour: dark on light, light on dark
   * (Material's --md-default-fg-color follows the palette switch). */
  function textColor() {
    var value = getComputedStyle(document.body).getPropertyValue("--md-default-fg-color");
    return value.trim() || "#333";
  }

  var drawn = [];
  new MutationObserver(function () {
    var color = textColor();
    drawn.forEach(function (network) {
      network.setOptions({ nodes: { font: { color: color } } });
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  function nodeOf(n, data, focus) {
    var kind = data.kinds[n.kind] || { color: "#777" };
    return {
      id: n.id,
      label: n.label,
      value: n.mentions,
      title: tooltip(n.label + " · " + n.mentions + " mention" + (n.mentions === 1 ? "" : "s")),
      color: { background: kind.color, border: n.id === focus ? textColor() : kind.color },
      borderWidth: n.id === focus ? 4 : 1,
      font: { size: n.id === focus ? 18 : 13 },
      shape: "dot",
    };
  }

  function edgeOf(e, i, data) {
    var style = data.types[e.type] || { color: "#999" };
    return {
      id: "e" + i,
      from: e.from,
      to: e.to,
      width: 1 + Math.log2(1 + e.weight),
      color: { color: style.color, opacity: e.type === "co-occurrence" ? 0.5 : 0.95 },
      dashes: dashes(style),
      arrows: style.directed ? "to" : "",
      title: tooltip((style.label || e.type) + " · weight " + e.weight),
      smooth: e.type === "co-occurrence" ? false : { type: "curvedCW", roundness: 0.15 },
    };
  }

  var OPTIONS = {
    nodes: { scaling: { min: 6, max: 40, label: { enabled: true, min: 13, max: 24 } } },
    edges: { selectionWidth: 2 },
    interaction: { hover: true, tooltipDelay: 150 },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 110 },
      stabilization: { iterations: 250, fit: true },
    },
    layout: { randomSeed: 7, improvedLayout: false },
  };

  /* A local graph has few nodes and long labels: longer springs, stronger repulsion
   * and avoidOverlap keep the labels apart; the seed keeps the layout the same. */
  var LOCAL_OPTIONS = {
    nodes: { scaling: { min: 6, max: 30, label: { enabled: true, min: 14, max: 22 } } },
    edges: OPTIONS.edges,
    interaction: OPTIONS.interaction,
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: {
        gravitationalConstant: -140,
        centralGravity: 0.01,
        springLength: 170,
        avoidOverlap: 1,
      },
      stabilization: { iterations: 400, fit: true },
    },
    layout: { randomSeed: 7, improvedLayout: true },
  };

  function draw(box, data, nodes, edges, state, options) {
    var container = box.querySelector(".nx-net-canvas");
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, options || OPTIONS);
    network.setOptions({ nodes: { font: { color: textColor() } } });
    drawn.push(network);
    var root = box.getAttribute("data-root") || "";
    var urls = {};
    data.nodes.forEach(function (n) {
      urls[n.id] = n.url;
    });
    network.on("click", function (params) {
      if (params.nodes.length === 1 && urls[params.nodes[0]]) {
        window.location.href = root + urls[params.nodes[0]];
      }
    });
    network.on("stabilizationIterationsDone", function () {
      // Still positions after layout: readable, and a click lands where it aims.
      network.setOptions({ physics: false });
      state.ready = true;
    });
    state.network = network;
    return network;
  }

  /* The whole network: filters, "show more", search. */
  function full(box) {
    var form = box.querySelector(".nx-net-controls");
    var status = box.querySelector(".nx-net-status");
    var state = { ready: false, limit: parseInt(box.getAttribute("data-first"), 10) || 100 };
    var TIES = parseInt(box.getAttribute("data-ties"), 10) || 3;
    var CO_OCCURRENCE = box.getAttribute("data-together");
    window.nxNetwork = state;
    fetch(box.getAttribute("data-graph"))
      .then(function (r) {
        return r.json();
      })
      .then(function (data) {
        var byId = {};
        data.nodes.forEach(function (n) {
          byId[n.id] = n;
        });
        var names = document.getElementById("nx-net-names");
        data.nodes.forEach(function (n) {
          var option = document.createElement("option");
          option.value = n.label;
          names.appendChild(option);
        });
        var nodes = new vis.DataSet();
        var edges = new vis.DataSet();
        state.nodes = nodes;
        state.edges = edges;
        state.extra = {};
        var network = draw(box, data, nodes, edges, state);

        function checked(name) {
          var on = {};
          form.querySelectorAll('input[name="' + name + '"]').forEach(function (el) {
            if (el.checked) on[el.value] = true;
          });
          return on;
        }

        /* The filters live in the URL (?kind=person,country&type=met&min=2&show=60), as
         * on the timeline: a view can be bookmarked and shared. */
        function readState() {
          var params = new URLSearchParams(window.location.search);
          ["kind", "type"].forEach(function (name) {
            if (!params.has(name)) return;
            var on = params.get(name).split(",");
            form.querySelectorAll('input[name="' + name + '"]').forEach(function (el) {
              el.checked = on.indexOf(el.value) >= 0;
            });
          });
          if (params.has("min")) form.elements.min.value = params.get("min");
          form.elements.all.checked = params.get("links") === "all";
          var show = parseInt(params.get("show"), 10);
          if (show > 0) state.limit = show;
        }

        function writeState() {
          var params = new URLSearchParams();
          params.set("kind", Object.keys(checked("kind")).join(","));
          params.set("type", Object.keys(checked("type")).join(","));
          params.set("min", form.elements.min.value);
          params.set("links", form.elements.all.checked ? "all" : "strongest");
          params.set("show", String(state.limit));
          window.history.replaceState(null, "", "?" + params.toString());
        }

        /* Each name's TIES strongest "named together" links, and every stated relation:
         * a readable backbone rather than every pair of names that met in a sentence. */
        function strongest(edges) {
          var byNode = {};
          edges.forEach(function (e) {
            if (e.type !== CO_OCCURRENCE) return;
            [e.from, e.to].forEach(function (id) {
              (byNode[id] = byNode[id] || []).push(e);
            });
          });
          var keep = new Set();
          Object.keys(byNode).forEach(function (id) {
            byNode[id]
              .sort(function (a, b) {
                return b.weight - a.weight;
              })
              .slice(0, TIES)
              .forEach(function (e) {
                keep.add(e);
              });
          });
          return edges.filter(function (e) {
            return e.type !== CO_OCCURRENCE || keep.has(e);
          });
        }

        function update() {
          var kinds = checked("kind");
          var types = checked("type");
          var min = parseFloat(form.elements.min.value) || 0;
          var candidates = data.edges.filter(function (e) {
            return (
              types[e.type] &&
              e.weight >= min &&
              byId[e.from] &&
              byId[e.to] &&
              kinds[byId[e.from].kind] &&
              kinds[byId[e.to].kind]
            );
          });
          var linked = {};
          candidates.forEach(function (e) {
            linked[e.from] = true;
            linked[e.to] = true;
          });
          // data.nodes is sorted by mentions: the first ones are the most named.
          var ranked = data.nodes.filter(function (n) {
            return linked[n.id];
          });
          var shown = {};
          ranked.slice(0, state.limit).forEach(function (n) {
            shown[n.id] = true;
          });
          var ranks = Object.keys(shown).length;
          // Names found by search stay drawn, even when no edge of theirs passes the
          // filters; they are counted apart, so the numbers add up.
          var found = 0;
          Object.keys(state.extra).forEach(function (id) {
            if (!shown[id]) found += 1;
            shown[id] = true;
          });
          var visible = data.nodes.filter(function (n) {
            return shown[n.id];
          });
          var between = candidates.filter(function (e) {
            return shown[e.from] && shown[e.to];
          });
          var kept = form.elements.all.checked ? between : strongest(between);
          var visibleEdges = kept.map(function (e) {
            return edgeOf(e, candidates.indexOf(e), data);
          });
          nodes.clear();
          edges.clear();
          nodes.add(
            visible.map(function (n) {
              return nodeOf(n, data, null);
            })
          );
          edges.add(visibleEdges);
          state.ready = false;
          network.setOptions({ physics: OPTIONS.physics });
          network.stabilize(OPTIONS.physics.stabilization.iterations);
          state.total = ranked.length;
          status.textContent =
            "Showing " + ranks + " of " + ranked.length + " names that match the filters (" +
            data.nodes.length + " in all)" +
            (found ? ", plus " + found + " found by search" : "") +
            ", " + visibleEdges.length + " link" + (visibleEdges.length === 1 ? "" : "s") + ".";
          box.querySelector(".nx-net-more").disabled = state.limit >= ranked.length;
          writeState();
        }

        function find() {
          var wanted = form.elements.q.value.trim().toLowerCase();
          if (!wanted) return;
          var hit =
            data.nodes.find(function (n) {
              return n.label.toLowerCase() === wanted;
            }) ||
            data.nodes.find(function (n) {
              return n.label.toLowerCase().indexOf(wanted) >= 0;
            });
          if (!hit) {
            status.textContent = "No name matches “" + form.elements.q.value + "”.";
            return;
          }
          if (!nodes.get(hit.id)) {
            state.extra[hit.id] = true;
            update();
          }
          network.once("stabilizationIterationsDone", function () {
            network.selectNodes([hit.id]);
            network.focus(hit.id, { scale: 1.3 });
          });
          if (state.ready) {
            network.selectNodes([hit.id]);
            network.focus(hit.id, { scale: 1.3 });
          }
          state.focused = hit.id;
        }

        form.addEventListener("change", function (event) {
          if (event.target.name === "q") {
            find();
          } else {
            // New filters: a name searched before no longer overrides them.
            state.extra = {};
            update();
          }
        });
        box.querySelector(".nx-net-reset").addEventListener("click", function () {
          form.reset();
          state.extra = {};
          state.focused = null;
          state.limit = parseInt(box.getAttribute("data-first"), 10) || 100;
          update();
        });
        form.elements.q.addEventListener("keydown", function (event) {
          if (event.key === "Enter") find();
        });
        box.querySelector(".nx-net-more").addEventListener("click", function () {
          state.limit += parseInt(box.getAttribute("data-first"), 10) || 100;
          update();
        });
        readState();
        update();
      })
      .catch(function (error) {
        status.textContent =
          "The graph's data could not be loaded (" + error + "). Pages opened straight " +
          "from disk cannot load it: serve the site folder with a web server.";
      });
  }

  /* An actor's local graph: its direct neighbours, data inline. */
  function local(box) {
    var data = JSON.parse(box.querySelector(".nx-net-data").textContent);
    var nodes = new vis.DataSet(
      data.nodes.map(function (n) {
        return nodeOf(n, data, data.focus);
      })
    );
    var edges = new vis.DataSet(
      data.edges.map(function (e, i) {
        return edgeOf(e, i, data);
      })
    );
    var state = { ready: false, nodes: nodes, edges: edges };
    window.nxLocalNetwork = state;
    draw(box, data, nodes, edges, state, LOCAL_OPTIONS);
  }

  function start() {
    if (typeof vis === "undefined") return;
    document.querySelectorAll(".nx-net-full").forEach(full);
    document.querySelectorAll(".nx-net-local").forEach(local);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
