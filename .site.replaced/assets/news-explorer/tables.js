// Index tables (table.nx-index) sort in the browser: click or press Enter on a column
// header; again to reverse. Numbers sort as numbers, the rest in the reader's locale.
// Material styles th[role=columnheader] and aria-sort with its own sort icons.
// Checked first: tablesort (which Material's docs suggest) would be one more vendored
// library for these few lines.
(() => {
  "use strict";
  const number = (text) => {
    const value = Number(text.replace(/[,\s]/g, ""));
    return text.trim() !== "" && Number.isFinite(value) ? value : null;
  };
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function sort(table, column, descending) {
    const body = table.tBodies[0];
    const rows = [...body.rows];
    const key = (row) => (row.cells[column] ? row.cells[column].textContent.trim() : "");
    const numeric = rows.every((row) => key(row) === "" || number(key(row)) !== null);
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      const order = numeric ? (number(x) ?? -Infinity) - (number(y) ?? -Infinity)
        : collator.compare(x, y);
      return descending ? -order : order;
    });
    body.append(...rows);
  }

  for (const table of document.querySelectorAll("table.nx-index")) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, column) => {
      th.setAttribute("role", "columnheader");
      th.tabIndex = 0;
      const activate = () => {
        const descending = th.getAttribute("aria-sort") === "ascending";
        headers.forEach((other) => other.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        sort(table, column, descending);
      };
      th.addEventListener("click", activate);
      th.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          activate();
        }
      });
    });
  }
})();
