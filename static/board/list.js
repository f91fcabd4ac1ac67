// The board's list on every view: one row per item (kept across renders, so an open form keeps
// its input and focus), its badges and text, and the buttons this view offers on it.
// Every text here is user input: built with createElement/textContent only, never innerHTML.
import { el, short } from "../shared/dom.js";
import { refreshMergeTargets } from "./item_forms.js";
import { renderHeat } from "./heat.js";
import { renderEnded, renderLock, renderModeration } from "./moderation.js";
import { WEIGHT } from "./order.js";
import { inPanel, isConsole, isParticipant, me, outcome, people, store, view } from "./page.js";
import { renderReframe } from "./reframe.js";

var IMPACT_TEXT = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
export var STATUS_TEXT = { open: "open", in_progress: "in progress", done: "done", blocked: "blocked" };

export var list = inPanel("[data-board-list]");
var empty = inPanel("[data-board-empty]");
export var rows = {}; // item id -> its <li>, kept across renders so open forms keep their input
export var panels = {}; // item id -> { kind, node, opener } of the form open on that item

export function votesText(n) { return n === 1 ? "1 vote" : n + " votes"; }

export function authorName(item) {
  if (item.author === "facilitator") return "the facilitator";
  if (item.author === me) return "you";
  return people[item.author] || "a removed participant"; // ids are never reused
}

function itemActions(item) {
  return Object.keys(store.actions).map(function (id) { return store.actions[id]; })
    .filter(function (a) { return a.item_id === item.id; });
}

function fillBody(body, item) {
  while (body.firstChild) body.removeChild(body.firstChild);
  var head = el("p", "board-item-head");
  if (item.pinned) head.appendChild(el("span", "badge pinned", "Pinned"));
  head.appendChild(el("span", "badge impact", IMPACT_TEXT[item.impact] || item.impact));
  head.appendChild(el("span", "board-votes", votesText(item.votes || 0)));
  if (item.origin === "agenda") head.appendChild(el("span", "badge origin", "from agenda"));
  if (item.held) {
    head.appendChild(el("span", "badge held", isConsole ? "Held: the room does not see it" :
      "Only you and the facilitator see this"));
  } else if (item.complaint) {
    head.appendChild(el("span", "badge complaint", "reads as a complaint"));
  }
  body.appendChild(head);
  body.appendChild(el("p", "board-what", item.what_happens));
  if (isConsole && item.held) {
    var why = (item.complaint && item.complaint.reasons) || [];
    var reasons = el("ul", "board-reasons");
    (why.length ? why : ["Waits for your approval (approve every capture)."]).forEach(function (t) {
      reasons.appendChild(el("li", null, t));
    });
    body.appendChild(reasons);
    if (item.note) body.appendChild(el("p", "hint", "Your note: " + item.note));
  }
  var teams = item.from_team + " → " + (item.to_teams || []).join(", ");
  if (item.with_person) teams += " · with " + item.with_person;
  body.appendChild(el("p", "board-teams", teams));
  if (item.complaint && item.held && isConsole && item.author !== "facilitator") {
    body.appendChild(el("p", "board-waiting", "Waiting for " + authorName(item) + " to reframe it."));
  }
  if (item.complaint && isParticipant && item.author === me) {
    var ask = el("p", "board-waiting", "Please reframe this item: ");
    var jump = el("a", null, "go to the reframe form");
    jump.href = "#reframe-h";
    ask.appendChild(jump);
    body.appendChild(ask);
  }
  var mine = itemActions(item);
  if (mine.length) {
    var ul = el("ul", "board-actions-list");
    mine.forEach(function (a) {
      var owner = people[a.owner] || (a.owner === me ? "you" : "owner " + a.owner);
      var text = "Action: " + a.what + " — " + owner + ", due " + a.due;
      if (a.status && a.status !== "open") text += " (" + (STATUS_TEXT[a.status] || a.status) + ")";
      ul.appendChild(el("li", null, text));
    });
    body.appendChild(ul);
  }
}

// The buttons an item offers here: [act, label, class, pressed (null: not a toggle), expanded].
function buttonsFor(item) {
  var b = [];
  var open = panels[item.id] ? panels[item.id].kind : null;
  if (isConsole && item.held) {
    b.push(["approve", "Approve", "", null, null]);
    b.push(["sendback", "Send back…", "secondary", null, open === "sendback"]);
    if (item.complaint && item.author !== "facilitator") b.push(["reframe", "Reframe…", "secondary", null, open === "reframe"]);
    b.push(["edit", "Edit", "secondary", null, open === "edit"]);
    b.push(["remove", "Remove", "danger", null, null]);
  } else if (isConsole) {
    b.push(["edit", "Edit", "secondary", null, open === "edit"]);
    b.push(["merge", "Merge…", "secondary", null, open === "merge"]);
    b.push(["pin", "Pin", "secondary", !!item.pinned, null]);
    b.push(["complaint", "Needs reframing", "secondary", !!item.complaint, null]);
    b.push(["action", "Action item…", "secondary", null, open === "action"]);
    b.push(["remove", "Remove", "danger", null, null]);
  } else if (isParticipant) {
    if (store.ended) return b;
    if (item.author !== me) b.push(["vote", "We see this too", "secondary", !!store.myVotes[item.id], null]);
    if (item.author === me && !store.locked) {
      b.push(["edit", "Edit", "secondary", null, open === "edit"]);
      b.push(["remove", "Remove", "danger", null, null]);
    }
  }
  return b;
}

export function fillActions(bar, item) {
  var wanted = buttonsFor(item);
  var key = JSON.stringify(wanted) + "|" + item.what_happens;
  if (bar.getAttribute("data-key") === key) return; // unchanged: keep the nodes (and focus)
  bar.setAttribute("data-key", key);
  var focused = bar.contains(document.activeElement) ? document.activeElement.getAttribute("data-act") : null;
  while (bar.firstChild) bar.removeChild(bar.firstChild);
  wanted.forEach(function (w) {
    var button = el("button", "button small " + w[2], w[1]);
    button.type = "button";
    button.setAttribute("data-act", w[0]);
    if (w[3] !== null) button.setAttribute("aria-pressed", w[3] ? "true" : "false");
    if (w[4] !== null) button.setAttribute("aria-expanded", w[4] ? "true" : "false");
    button.appendChild(el("span", "visually-hidden", ": " + short(item.what_happens, 60)));
    bar.appendChild(button);
  });
  if (focused) {
    var again = bar.querySelector('[data-act="' + focused + '"]');
    if (again) again.focus();
  }
}

function makeRow(id) {
  var li = el("li", "board-item");
  li.setAttribute("data-item", id);
  li.appendChild(el("div", "board-item-body"));
  li.appendChild(el("div", "actions board-item-actions"));
  li.appendChild(el("div", "board-item-panel"));
  rows[id] = li;
  return li;
}

export function renderBoard() {
  var all = store.ordered();
  var seen = {};
  all.forEach(function (item) {
    var li = rows[item.id] || makeRow(item.id);
    li.className = "board-item impact-" + (WEIGHT[item.impact] ? item.impact : "low");
    fillBody(li.children[0], item);
    fillActions(li.children[1], item);
    seen[item.id] = true;
  });
  Object.keys(rows).forEach(function (id) {
    if (seen[id]) return;
    var gone = rows[id];
    var hadFocus = gone.contains(document.activeElement);
    if (gone.parentNode) gone.parentNode.removeChild(gone);
    delete rows[id];
    delete panels[id];
    if (hadFocus && outcome) outcome.focus(); // its item left the board: keep focus nearby
  });
  var inOrder = list.children.length === all.length && all.every(function (item, i) {
    return list.children[i] === rows[item.id];
  });
  if (!inOrder) {
    // Moving a node drops keyboard focus (and the caret) inside it: put them back.
    var active = list.contains(document.activeElement) ? document.activeElement : null;
    var caret = active && typeof active.selectionStart === "number" ? [active.selectionStart, active.selectionEnd] : null;
    all.forEach(function (item) { list.appendChild(rows[item.id]); });
    if (active && document.activeElement !== active && active.isConnected) {
      active.focus();
      if (caret) { try { active.setSelectionRange(caret[0], caret[1]); } catch (e) { /* not text */ } }
    }
  }
  if (empty) empty.hidden = all.length > 0;
  renderModeration(all);
  renderEnded();
  refreshMergeTargets();
  renderLock();
  renderReframe();
  if (view === "screen") renderHeat();
}
