// What every part of the board shares on this page: who is looking (the view, the participant),
// the session's API, the people, the board's state, and the feedback lines under the board.
import { each } from "../shared/dom.js";
import { csrfToken, jsonApi } from "../shared/net.js";
import { createStore } from "./store.js";

export var root = document.getElementById("live");
export var dataNode = document.getElementById("board-data");
export var panel = document.querySelector("[data-board-view]");
// The board runs only where the page has the live view, its data and the board panel.
export var present = !!(root && dataNode && panel);

export var sid = present ? root.getAttribute("data-session") : "";
export var view = present ? panel.getAttribute("data-board-view") : null;
export var isConsole = view === "console";
export var isParticipant = view === "participant";
export var me = (present && panel.getAttribute("data-me")) || null; // the participant's id, as the board names them
export var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/board";

export var store = createStore(me, isConsole);

// People of the session (id -> "Name (Department)"), for owners and authors.
export var people = {};
export var peopleTemplate = document.getElementById("board-people");
if (peopleTemplate) {
  each(peopleTemplate.content.querySelectorAll("option"), function (o) { people[o.value] = o.textContent; });
}

// --- network -------------------------------------------------------------------------------
var net = jsonApi(api, csrfToken());
export var request = net.request, post = net.post;

// --- feedback ------------------------------------------------------------------------------

export var outcome = present ? panel.querySelector("[data-board-outcome]") : null;
var problem = present ? panel.querySelector("[data-board-problem]") : null;

export function say(text) {
  if (problem) problem.textContent = "";
  if (outcome) outcome.textContent = text;
}

export function complain(text) {
  if (outcome) outcome.textContent = "";
  if (problem) problem.textContent = text;
}

// One element of the board panel (null on a page without the board).
export function inPanel(selector) {
  return present ? panel.querySelector(selector) : null;
}
