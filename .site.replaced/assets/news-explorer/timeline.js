/* news-explorer: the timeline's filter (builder/render/events.py writes the page).
   Items carry data-actors (space-separated entity ids), data-place and data-type;
   the three selects narrow the list, and empty months and years are hidden.
   The choice lives in the query string (?actor=ID&place=ID&type=TYPE), so a narrowed
   timeline can be linked to and shared.
   Vanilla JS, no build step. With Material's navigation.instant, pages are swapped
   without reloading scripts, so setup also runs on each document$ emission. */
(function () {
  "use strict";

  function setup() {
    var form = document.getElementById("nx-tl-filter");
    var list = document.getElementById("nx-timeline");
    if (!form || !list || form.dataset.ready) return;
    form.dataset.ready = "1";
    var selects = form.querySelectorAll("select[data-filter]");
    var count = document.getElementById("nx-tl-count");
    var none = document.getElementById("nx-tl-none");
    var items = list.querySelectorAll(".nx-tl-item");
    var axis = timeAxis(document.getElementById("nx-tl-axis"), items);

    function apply() {
      var want = {};
      selects.forEach(function (s) { want[s.dataset.filter] = s.value; });
      var shown = 0;
      items.forEach(function (li) {
        var actors = (li.dataset.actors || "").split(" ");
        var ok = (!want.actor || actors.indexOf(want.actor) >= 0) &&
          (!want.place || li.dataset.place === want.place) &&
          (!want.type || li.dataset.type === want.type);
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      list.querySelectorAll(".nx-tl-month, .nx-tl-year").forEach(function (group) {
        group.hidden = !group.querySelector(".nx-tl-item:not([hidden])");
      });
      if (count) count.textContent = shown + (shown === 1 ? " event" : " events");
      if (none) none.hidden = shown > 0;
      if (axis) axis.draw();
    }

    function remember() {
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.dataset.filter, s.value); });
      var search = query.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    var given = new URLSearchParams(location.search);
    selects.forEach(function (s) {
      var value = given.get(s.dataset.filter);
      // Only a value the select offers: anything else in the URL is ignored.
      if (value && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) {
        s.value = value;
      }
    });
    selects.forEach(function (s) {
      s.addEventListener("change", function () { apply(); remember(); });
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  /* The axis: one bar per month, months to scale from the first event's year to the
   * last's, bar height the number of events the filters leave in that month (events
   * dated only to the year: a lighter bar at the year's start). Year labels below;
   * click a bar to jump to its month; "+" and "−" widen or narrow the months, and the
   * strip scrolls sideways. SVG drawn by hand: a few hundred rectangles at most, so it
   * stays fast with thousands of events (TimelineJS draws one card per event). */
  function timeAxis(box, items) {
    if (!box || !items.length) return null;
    var SVG = "http://www.w3.org/2000/svg";
    var scroll = box.querySelector(".nx-tl-scroll");
    var years = [];
    items.forEach(function (li) {
      var year = parseInt((li.dataset.date || "").slice(0, 4), 10);
      if (year) years.push(year);
    });
    if (!years.length) return null;
    var first = Math.min.apply(null, years), last = Math.max.apply(null, years);
    var widths = [2, 4, 8, 14, 24, 40];
    var zoom = 3;
    var HEIGHT = 70, BASE = 54;
    box.hidden = false;

    function el(name, attributes) {
      var node = document.createElementNS(SVG, name);
      Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
      return node;
    }

    function draw() {
      var counts = {}, yearOnly = {}, peak = 1;
      items.forEach(function (li) {
        var date = li.dataset.date || "";
        if (li.hidden || date.length < 4) return;
        var year = parseInt(date.slice(0, 4), 10);
        var index = (year - first) * 12 + (date.length >= 7 ? parseInt(date.slice(5, 7), 10) - 1 : 0);
        var table = date.length >= 7 ? counts : yearOnly;
        table[index] = (table[index] || 0) + 1;
        peak = Math.max(peak, (counts[index] || 0) + (yearOnly[index] || 0));
      });
      var unit = widths[zoom];
      var months = (last - first + 1) * 12;
      var svg = el("svg", { width: months * unit, height: HEIGHT, role: "img",
        "aria-label": "Events per month, " + first + " to " + last });
      for (var i = 0; i < months; i += 1) {
        var year = first + Math.floor(i / 12), month = i % 12;
        if (month === 0) {
          svg.appendChild(el("line", { x1: i * unit, x2: i * unit, y1: 0, y2: BASE + 4, class: "nx-tl-tick" }));
          var label = el("text", { x: i * unit + 2, y: HEIGHT - 2, class: "nx-tl-year-label" });
          label.textContent = String(year);
          if (unit * 12 >= 30 || year % 5 === 0) svg.appendChild(label);
        }
        [[counts, ""], [yearOnly, " nx-tl-bar-year"]].forEach(function (pair) {
          var n = pair[0][i];
          if (!n) return;
          var below = pair[1] ? counts[i] || 0 : 0;
          var h = Math.max(3, (n / peak) * (BASE - 6));
          var top = BASE - (below / peak) * (BASE - 6) - h;
          var bar = el("rect", { x: i * unit + 0.5, y: top, width: Math.max(1, unit - 1), height: h,
            class: "nx-tl-bar" + pair[1], tabindex: "0",
            "data-target": pair[1] ? "m" + year : "m" + year + "-" + String(month + 1).padStart(2, "0") });
          var title = el("title", {});
          title.textContent = n + (n === 1 ? " event, " : " events, ") +
            (pair[1] ? year + " (month not given)" : MONTHS[month] + " " + year);
          bar.appendChild(title);
          svg.appendChild(bar);
        });
      }
      svg.appendChild(el("line", { x1: 0, x2: months * unit, y1: BASE, y2: BASE, class: "nx-tl-tick" }));
      scroll.replaceChildren(svg);
    }

    function jump(event) {
      var target = event.target.closest && event.target.closest("[data-target]");
      if (!target) return;
      var section = document.getElementById(target.getAttribute("data-target"));
      if (section) section.scrollIntoView({ behavior: "smooth", block: "start" });
    }
    scroll.addEventListener("click", jump);
    scroll.addEventListener("keydown", function (event) {
      if (event.key === "Enter") jump(event);
    });
    box.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var centre = (scroll.scrollLeft + scroll.clientWidth / 2) / widths[zoom];
        zoom = Math.max(0, Math.min(widths.length - 1, zoom + parseInt(button.dataset.zoom, 10)));
        draw();
        scroll.scrollLeft = centre * widths[zoom] - scroll.clientWidth / 2;
      });
    });
    return { draw: draw };
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
