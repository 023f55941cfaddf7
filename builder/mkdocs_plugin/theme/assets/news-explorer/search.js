// Material's header search box, answered by Pagefind (pagefind.js, written next to the
// site by the news-explorer plugin). Pagefind loads only the index chunks a query needs,
// so the first result does not wait for a whole-site index as lunr's does.
//
// Checked before writing this: Pagefind's own UIs (pagefind-ui.js, the modular and
// component UIs) bring their own markup and look; Material's look, its toggle and its
// keyboard shortcuts are kept here instead, in the few lines Material's markup needs.
(() => {
  "use strict";

  const box = document.querySelector("[data-nx-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector(".md-search__input");
  const form = box.querySelector(".md-search__form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const filterBar = box.querySelector(".nx-search-filters");
  const text = JSON.parse(document.getElementById("nx-search-text").textContent);
  const bundle = new URL(box.dataset.nxBundle, document.baseURI);
  // The facets Pagefind filters on, in the order the filter bar shows them.
  const FACETS = [["kind", "Kind"], ["country", "Country"], ["year", "Year"], ["outlet", "Outlet"]];
  const PAGE = 10;
  // Results read before ordering: a page named exactly as the query goes first among them.
  const HEAD = 12;
  // A search Pagefind has begun runs to its end: the one- and two-letter prefixes of a
  // word being typed match most of a large site's words (seconds at 100,000 pages) and
  // would hold up the query the reader meant. So: three letters, and a pause first.
  const MIN_QUERY = 3;
  const DEBOUNCE = 120;

  let pagefind = null;
  let shown = [];
  let results = []; // each with data(), best first
  const chosen = {};

  // Opening the box and every keystroke ask for Pagefind while it is still loading: one
  // load for all of them, so that no caller searches before the options are set and no
  // second set of options starts Pagefind again under a search in flight.
  let loading = null;
  function load() {
    loading ??= (async () => {
      const api = await import(new URL("pagefind.js", bundle).href);
      // Result URLs are written from the site's root: prefix the folder it is served from.
      await api.options({ baseUrl: new URL("..", bundle).pathname, excerptLength: 24 });
      await api.init();
      pagefind = api;
      offerFilters();
      return api;
    })();
    return loading;
  }

  // The filters' index is the largest part of the bundle (335 KB at 5,000 articles, more
  // than a query's own chunks): it loads when the reader asks for filters, not before.
  function offerFilters() {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "nx-search-filter-open";
    button.textContent = "Filter by kind, country, year, outlet";
    button.addEventListener("click", async () => {
      button.disabled = true;
      showFilters(await pagefind.filters());
      filterBar.querySelector("select")?.focus();
    });
    filterBar.replaceChildren(button);
    filterBar.hidden = false;
  }

  function showFilters(available) {
    filterBar.replaceChildren();
    for (const [facet, label] of FACETS) {
      const values = Object.keys(available[facet] || {});
      if (values.length < 2) continue;
      const select = document.createElement("select");
      select.className = "nx-search-filter";
      select.name = facet;
      select.setAttribute("aria-label", label);
      const any = new Option(`${label}: all`, "");
      select.append(any);
      const order = facet === "year" ? values.sort().reverse() : values.sort();
      for (const value of order) select.append(new Option(value, value));
      select.addEventListener("change", () => {
        if (select.value) chosen[facet] = select.value;
        else delete chosen[facet];
        run();
      });
      filterBar.append(select);
    }
    filterBar.hidden = !filterBar.children.length;
  }

  // An excerpt is HTML with <mark> around the matched words: keep the text and the
  // marks only, parsed inert (a <template> runs no script and loads no image).
  function excerptNodes(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const out = [];
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.push(mark);
      } else {
        out.push(document.createTextNode(node.textContent));
      }
    }
    return out;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = resultLink(data.url, "h1", data.meta.title || data.url, data.excerpt);
    const kind = data.meta.kind;
    if (kind) {
      const tag = document.createElement("span");
      tag.className = "nx-search-kind";
      tag.textContent = kind;
      link.querySelector("h1").prepend(tag);
    }
    li.append(link);
    for (const s of sections(data)) li.append(resultLink(s.url, "h2", s.title, s.excerpt));
    return li;
  }

  // One result in Material's markup: a page (its title an <h1>) or one of its sections
  // (an <h2>), with the excerpt's text and marks.
  function resultLink(url, heading, text, excerptHtml) {
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement(heading);
    title.textContent = text;
    const excerpt = document.createElement("p");
    excerpt.append(...excerptNodes(excerptHtml || ""));
    article.append(title, excerpt);
    link.append(article);
    return link;
  }

  // The sections of a page where the query matched most (Pagefind's sub-results: the
  // text under each heading with an id), as Material lists a document's sections under
  // it: an event's title matches in its article's "Events reported here", and the link
  // goes there.
  const SECTIONS = 2;
  function sections(data) {
    return (data.sub_results || [])
      .filter((s) => s.url !== data.url && s.url.includes("#") && (s.locations || []).length)
      .sort((a, b) => b.locations.length - a.locations.length)
      .slice(0, SECTIONS);
  }

  // Folded as Pagefind folds: no accents, no case, words apart.
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // Pagefind ranks by words in the text: a short page that names "Northland" in its title
  // outranks the page about Northland. Among the first results, pages that have the query
  // as their name or an alias go first, as an encyclopedia's search does.
  async function ordered(found, query) {
    const head = await Promise.all(found.slice(0, HEAD).map((r) => r.data()));
    const wanted = fold(query || "");
    const named = (d) => (d.meta.names || d.meta.title || "").split("|").map(fold)
      .includes(wanted);
    const first = wanted ? head.filter(named) : [];
    const rest = head.filter((d) => !first.includes(d));
    const read = [...first, ...rest].map((d) => ({ data: async () => d }));
    return read.concat(found.slice(HEAD));
  }

  function count(n) {
    if (n === 0) return text.none;
    return (n === 1 ? text.one : text.other).replace("#", n);
  }

  async function more() {
    const next = results.slice(shown.length, shown.length + PAGE);
    const data = await Promise.all(next.map((r) => r.data()));
    shown = shown.concat(data);
    for (const d of data) list.append(item(d));
    list.querySelector(".nx-search-more")?.remove();
    if (shown.length < results.length) {
      const li = document.createElement("li");
      li.className = "md-search-result__item nx-search-more";
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-search-result__more";
      button.textContent = `${results.length - shown.length} more`;
      button.addEventListener("click", more);
      li.append(button);
      list.append(li);
    }
  }

  let generation = 0;
  async function run() {
    const query = input.value.trim();
    const filtered = Object.keys(chosen).length > 0;
    const mine = ++generation;
    if (query.length < MIN_QUERY && !filtered) {
      list.replaceChildren();
      meta.textContent = text.placeholder;
      return;
    }
    const api = await load();
    const filters = Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, [v]]));
    const search = await api.debouncedSearch(query || null, { filters }, DEBOUNCE);
    if (search === null || mine !== generation) return; // a newer keystroke won
    results = await ordered(search.results, query);
    if (mine !== generation) return;
    shown = [];
    list.replaceChildren();
    meta.textContent = count(results.length);
    await more();
  }

  function open() {
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    input.focus();
    input.select();
    load();
  }

  function close() {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    input.blur();
  }

  function links() {
    return [...list.querySelectorAll(".md-search-result__link, .md-search-result__more")];
  }

  // Material's keys: "/", "s" or "f" open search; Escape closes; arrows walk the results.
  document.addEventListener("keydown", (event) => {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (!toggle.checked) {
      if (!typing && ["/", "s", "f"].includes(event.key)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (!box.contains(target)) return;
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!all.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = at + step;
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (event.key === "Enter" && target === input) {
      event.preventDefault();
      if (all.length) all[0].click();
    }
  });

  input.addEventListener("focus", () => {
    if (!toggle.checked) open();
  });
  input.addEventListener("input", run);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => {
    setTimeout(run, 0); // after the form has emptied the box
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      setTimeout(() => input.focus(), 250); // after Material's opening transition
      load();
    }
  });
})();
