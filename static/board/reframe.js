// Reframing: the author of an item flagged as a complaint rewrites it (observation, impact,
// ask) in a card of its own; the console says whose reframe it is waiting for.
import { el, short, uuid } from "../shared/dom.js";
import { fromTemplate, pathField, submitForm } from "./forms.js";
import { authorName } from "./list.js";
import { inPanel, me, outcome, say, store } from "./page.js";

var reframeBox = document.querySelector("[data-reframe-box]");
var reframeList = reframeBox ? reframeBox.querySelector("[data-reframe-list]") : null;
var waiting = inPanel("[data-reframe-waiting]");
var reframeCards = {}; // item id -> its card, kept while flagged so typed text survives updates
export var REFRAME_FIELDS = ["observation", "impact", "ask"];

export function renderReframe() {
  var flagged = store.ordered().filter(function (item) { return item.complaint; });
  if (waiting) {
    var names = flagged.filter(function (i) { return i.held && i.author !== "facilitator"; }).map(authorName);
    waiting.hidden = !names.length;
    waiting.textContent = names.length ? "Waiting to reframe: " + names.join(", ") + "." : "";
  }
  if (!reframeList || !me) return;
  var mine = flagged.filter(function (item) { return item.author === me; });
  var keep = {};
  var fresh = false;
  mine.forEach(function (item) {
    keep[item.id] = true;
    var card = reframeCards[item.id];
    if (!card) {
      card = reframeCards[item.id] = fromTemplate("board-reframe-form");
      card.setAttribute("data-reframe-item", item.id);
      card.querySelector("form").setAttribute("data-key", uuid());
      reframeList.appendChild(card);
      fresh = true;
    }
    fillReframeCard(card, item);
  });
  Object.keys(reframeCards).forEach(function (id) {
    if (keep[id]) return;
    var card = reframeCards[id];
    var hadFocus = card.contains(document.activeElement);
    card.parentNode.removeChild(card);
    delete reframeCards[id];
    if (hadFocus && outcome) outcome.focus();
  });
  reframeBox.hidden = !mine.length;
  var count = document.querySelector("[data-reframe-count]");
  if (count) count.textContent = mine.length ? " · " + mine.length + " to reframe" : "";
  if (fresh) say("An item of yours reads as a complaint: only you and the facilitator see it. The reframe form is at the top of the Board tab.");
}

function fillReframeCard(card, item) {
  card.querySelector("[data-reframe-title]").textContent = "“" + short(item.what_happens, 120) + "”";
  var reasons = card.querySelector("[data-reframe-reasons]");
  var texts = (item.complaint.reasons || []);
  if (reasons.getAttribute("data-key") !== JSON.stringify(texts)) {
    reasons.setAttribute("data-key", JSON.stringify(texts));
    while (reasons.firstChild) reasons.removeChild(reasons.firstChild);
    (texts.length ? texts : ["The facilitator heard blame rather than an observation."]).forEach(function (t) {
      reasons.appendChild(el("li", null, t));
    });
  }
  card.querySelector("[data-reframe-suggestion]").textContent = item.complaint.suggestion || "";
  var note = card.querySelector("[data-reframe-note]");
  if (note) {
    note.hidden = !item.note;
    note.textContent = item.note ? "The facilitator's note: " + item.note : "";
  }
}

export function setupReframe() {
  if (reframeList) {
    reframeList.addEventListener("submit", function (event) {
      var form = event.target;
      var card = form.closest ? form.closest("[data-reframe-item]") : null;
      if (!card) return;
      event.preventDefault();
      var id = card.getAttribute("data-reframe-item");
      var fieldOf = pathField(REFRAME_FIELDS);
      var body = {
        observation: form.elements.observation.value,
        impact: form.elements.impact.value,
        ask: form.elements.ask.value
      };
      submitForm(form, "POST", "/items/" + encodeURIComponent(id) + "/reframe", body, fieldOf, function (res) {
        var now = (res.data.items || []).filter(function (i) { return i.id === id; })[0];
        say("Thank you: your item now reads “" + short(now ? now.what_happens : "", 120) + "” and is no longer flagged.");
        if (outcome) outcome.focus();
      });
    });
  }
}
