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

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
