// Hover previews of internal links (builder/render/previews.py puts the data on the
// page): pointing at a link, or tabbing to it, shows the target's kind, name and a line
// about it. No request per hover; touch taps follow the link as usual.
(() => {
  "use strict";
  const data = {};
  for (const element of document.querySelectorAll("script.nx-previews")) {
    Object.assign(data, JSON.parse(element.textContent));
  }
  if (!Object.keys(data).length) return;

  const box = document.createElement("div");
  box.className = "nx-preview md-typeset";
  box.setAttribute("role", "tooltip");
  box.id = "nx-preview";
  box.hidden = true;
  document.body.append(box);
  let timer = 0;
  let current = null;

  const previewOf = (link) => data[(link.getAttribute("href") || "").split(/[#?]/)[0]];

  function show(link) {
    const preview = previewOf(link);
    if (!preview) return;
    current = link;
    const kind = document.createElement("span");
    kind.className = "nx-preview-kind";
    kind.textContent = preview.kind;
    const name = document.createElement("strong");
    name.textContent = preview.name;
    const text = document.createElement("p");
    text.textContent = preview.text;
    box.replaceChildren(kind, name, text);
    box.hidden = false;
    link.setAttribute("aria-describedby", box.id);
    const rect = link.getBoundingClientRect();
    const width = Math.min(320, window.innerWidth - 16);
    box.style.width = `${width}px`;
    box.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - width - 8)) + window.scrollX}px`;
    const below = rect.bottom + 8;
    const fits = below + box.offsetHeight < window.innerHeight;
    box.style.top = `${(fits ? below : rect.top - box.offsetHeight - 8) + window.scrollY}px`;
  }

  function hide() {
    clearTimeout(timer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    box.hidden = true;
  }

  const linkIn = (event) => event.target.closest && event.target.closest(".md-content a[href]");
  document.addEventListener("pointerover", (event) => {
    const link = linkIn(event);
    if (!link || event.pointerType === "touch" || !previewOf(link)) return;
    clearTimeout(timer);
    timer = setTimeout(() => show(link), 350);
  });
  document.addEventListener("pointerout", (event) => {
    if (linkIn(event)) hide();
  });
  document.addEventListener("focusin", (event) => {
    const link = linkIn(event);
    if (link) show(link);
    else hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", hide, { passive: true });
})();
