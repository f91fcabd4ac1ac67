// The big screen's heat map: impact-weighted issues, from each team onto each other team (the
// server computes the weights; a board event makes the page fetch them again).
import { el } from "../shared/dom.js";
import { store } from "./page.js";

var heatBox = document.querySelector("[data-heat]");
export function renderHeat() {
  if (!heatBox) return;
  var depts = store.heat.departments || [];
  var max = 0;
  (store.heat.weights || []).forEach(function (row) { row.forEach(function (w) { if (w > max) max = w; }); });
  var table = el("table", "heat-table");
  table.appendChild(el("caption", "visually-hidden", "Impact-weighted issues: row team pushes onto column team"));
  var thead = el("thead"), hr = el("tr");
  var corner = el("th", null, "From ↓ / onto →");
  corner.scope = "col";
  hr.appendChild(corner);
  // Compact columns for the big screen: the first letters, the full name for screen readers;
  // the rows, in the same order, carry the full names.
  depts.forEach(function (d) {
    var th = el("th");
    th.scope = "col";
    var shortName = el("span", null, d.length > 4 ? d.slice(0, 3) + "." : d);
    shortName.setAttribute("aria-hidden", "true");
    th.appendChild(shortName);
    th.appendChild(el("span", "visually-hidden", d));
    hr.appendChild(th);
  });
  thead.appendChild(hr);
  table.appendChild(thead);
  var tbody = el("tbody");
  depts.forEach(function (from, i) {
    var tr = el("tr");
    var th = el("th", null, from);
    th.scope = "row";
    tr.appendChild(th);
    depts.forEach(function (to, j) {
      var w = (store.heat.weights[i] || [])[j] || 0;
      var level = w === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((w / max) * 4));
      tr.appendChild(el("td", "heat-" + level, i === j ? "—" : String(w)));
    });
    tbody.appendChild(tr);
  });
  table.appendChild(tbody);
  while (heatBox.firstChild) heatBox.removeChild(heatBox.firstChild);
  heatBox.appendChild(table);
}
