// One viewport, no scrolling: the board spotlight pages through the top items (fewer per page
// when they do not fit), tables come in pages when there are too many, text takes the largest
// size that fits (CSS sizes per data-fit step).
import { setText } from "../shared/dom.js";
import { SPOTLIGHT_MAX, SPOTLIGHT_TOP, q, qa, root, screen } from "./page.js";

var spotPage = 0, perPage = SPOTLIGHT_MAX, spotTimer = null, fitting = false;
var list = q("[data-board-list]");

function spotlight() {
  if (!list) return;
  var items = Array.prototype.slice.call(list.children);
  var top = items.slice(0, SPOTLIGHT_TOP);
  var pages = Math.max(1, Math.ceil(top.length / perPage));
  spotPage = spotPage % pages;
  var from = spotPage * perPage;
  items.forEach(function (li, i) {
    var on = i >= from && i < from + perPage && i < SPOTLIGHT_TOP;
    if (li.hidden === on) li.hidden = !on;
  });
  var where = q("[data-spotlight-where]");
  var text = top.length > perPage ?
    (perPage === 1 ? "Top item " + (from + 1) : "Top items " + (from + 1) + "–" + Math.min(from + perPage, top.length)) + " of " + top.length +
    (screen.settings.spotlight_paused ? " · paused" : "") : "";
  setText(where, text);
  if (where) where.hidden = !text;
}

export function restartSpotlight() {
  clearInterval(spotTimer);
  spotTimer = setInterval(function () {
    tablePage += 1; // pages of tables, when there are too many for one screen
    var board = q('[data-part="board"]');
    if (!screen.settings.spotlight_paused && board && !board.hidden) spotPage += 1;
    fit();
  }, Math.max(3, screen.settings.pace_seconds || 8) * 1000);
}

var tablePage = 0;
function tablesPaged() {
  var box = q(".screen-tables");
  var block = box ? qa(".live-tables", box).filter(function (b) { return !b.hidden; })[0] : null;
  if (!block) return;
  var tiles = qa(".table-tile", block);
  var where = q("[data-tables-where]");
  tiles.forEach(function (t) { t.hidden = false; });
  if (where) where.hidden = true;
  if (fitSteps(box)) return;
  // Too many tables for one screen: show as many as fit, page by page, and say so.
  if (where) { where.hidden = false; setText(where, "Tables 1–" + tiles.length + " of " + tiles.length); }
  var per = tiles.length;
  while (per > 1 && overflows(box)) {
    per -= 1;
    showSlice(tiles, 0, per);
  }
  var pages = Math.ceil(tiles.length / per);
  var from = (tablePage % pages) * per;
  showSlice(tiles, from, per);
  setText(where, "Tables " + (from + 1) + "–" + Math.min(from + per, tiles.length) + " of " + tiles.length + " (more in a moment)");
}

// The largest text that fits a box (CSS sizes it per data-fit step); false if none does.
function fitSteps(box) {
  for (var step = 0; step < 3; step++) {
    box.setAttribute("data-fit", String(step));
    if (!overflows(box)) return true;
  }
  return false;
}

function showSlice(nodes, from, count) {
  nodes.forEach(function (n, i) { n.hidden = !(i >= from && i < from + count); });
}

function overflows(el) {
  return !!el && !el.hidden && el.scrollHeight > el.clientHeight + 1;
}

export function fit() {
  if (fitting) return;
  fitting = true;
  try {
    var heat = q("[data-heat]");
    root.classList.remove("heat-wide");
    if (heat && heat.offsetParent && heat.scrollWidth > heat.parentNode.clientWidth + 1) root.classList.add("heat-wide");
    spotlight();
    var board = q(".screen-board .board-panel");
    while (perPage > 1 && (overflows(board) || overflows(q(".screen-board")))) {
      perPage -= 1;
      spotlight();
    }
    tablesPaged();
    var welcome = q(".screen-welcome");
    if (welcome && !welcome.hidden) fitSteps(welcome);
  } finally { fitting = false; }
}

// A new scene starts at its first page, with as many items as may fit, and that page stays
// the full pace: the timer restarts, so the top items never flash past as the board comes up.
export function resetPages() {
  perPage = SPOTLIGHT_MAX;
  spotPage = 0;
  tablePage = 0;
  if (spotTimer !== null) restartSpotlight();
}

export function setupFit() {
  if (list && window.MutationObserver) {
    new MutationObserver(function () { if (!fitting) fit(); }).observe(list, { childList: true });
  }
  window.addEventListener("resize", function () { perPage = SPOTLIGHT_MAX; fit(); });
}
