// The facilitator's hand on the board: the lock, the moderation queue and its settings; and
// the end of the session (the capture form closes, a participant sees their action items).
import { each, el, emitDom, uuid } from "../shared/dom.js";
import { OFFLINE, refusal } from "../shared/net.js";
import { pathField, submitForm } from "./forms.js";
import { STATUS_TEXT, renderBoard } from "./list.js";
import { complain, inPanel, me, post, say, store } from "./page.js";

// --- lock ----------------------------------------------------------------------------------

var lockButton = inPanel("[data-board-lock]");
var lockState = inPanel("[data-board-lock-state]");
var lockNotice = inPanel("[data-board-locked]");

export function renderLock() {
  if (lockButton) lockButton.textContent = store.locked ? "Unlock the board" : "Lock the board";
  if (lockState) {
    lockState.textContent = store.locked ? "Locked: participants can capture and vote, not edit or remove." :
      "Open: participants can edit and remove their own items.";
  }
  if (lockNotice) lockNotice.hidden = !store.locked;
}

function setLock(on) {
  lockButton.setAttribute("aria-busy", "true");
  post("/lock", { id: uuid(), on: on }).then(function (res) {
    if (!res.ok) { complain(refusal(res)); return; }
    if (store.replaceAll(res.data)) renderBoard();
    say(on ? "Board locked: participants can no longer edit or remove their items." :
      "Board unlocked: participants can edit and remove their own items again.");
  }, function () { complain(OFFLINE); }).then(function () { lockButton.removeAttribute("aria-busy"); });
}

// --- moderation: the facilitator's queue and settings; the end of the session -----------------

var heldCount = inPanel("[data-held-count]");
var moderationForm = inPanel("[data-moderation-form]");
var MODE_TEXT = {
  hold_flagged: "complaints are held until reframed or approved",
  approve_all: "every capture waits for your approval",
  open: "nothing is held"
};

export function renderModeration(all) {
  if (heldCount) {
    var n = all.filter(function (i) { return i.held; }).length;
    heldCount.textContent = n === 0 ? "Nothing held for review." :
      (n === 1 ? "1 item held for review" : n + " items held for review") + ": first in the list below.";
  }
  if (moderationForm && !moderationForm.contains(document.activeElement)) {
    each(moderationForm.querySelectorAll('input[name="mode"]'), function (r) { r.checked = r.value === store.moderation; });
    moderationForm.elements.anonymous.checked = store.anonymous;
  }
}

var afterEnd = document.querySelector("[data-after-end]");
var myActions = afterEnd ? afterEnd.querySelector("[data-my-actions]") : null;
var captureBox = document.querySelector(".board-capture");
export function renderEnded() {
  if (!store.ended) return;
  if (captureBox && !captureBox.hidden) emitDom("rt:capture-closed", null);
  if (captureBox) captureBox.hidden = true;
  if (!afterEnd) return;
  afterEnd.hidden = false;
  if (!myActions) return;
  var mine = Object.keys(store.actions).map(function (id) { return store.actions[id]; })
    .filter(function (a) { return a.owner === me; });
  var key = JSON.stringify(mine);
  if (myActions.getAttribute("data-key") === key) return;
  myActions.setAttribute("data-key", key);
  while (myActions.firstChild) myActions.removeChild(myActions.firstChild);
  if (!mine.length) myActions.appendChild(el("li", null, "No action items for you yet."));
  mine.forEach(function (a) {
    myActions.appendChild(el("li", null, a.what + " — due " + a.due + " (" + (STATUS_TEXT[a.status] || a.status) + ")"));
  });
}

export function setupModeration() {
  if (lockButton) {
    lockButton.addEventListener("click", function () {
      if (lockButton.getAttribute("aria-busy") === "true") return;
      if (!store.locked && window.rtConfirm) { // locking is room-wide: app.js asks in a <dialog>
        window.rtConfirm("Lock the board? Participants can still capture and vote, but can no longer edit or remove their items.", "Lock the board")
          .then(function (ok) { if (ok) setLock(true); });
        return;
      }
      setLock(!store.locked);
    });
  }
  if (moderationForm) {
    moderationForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var mode = moderationForm.querySelector('input[name="mode"]:checked');
      var body = { mode: mode ? mode.value : store.moderation, anonymous: moderationForm.elements.anonymous.checked };
      submitForm(moderationForm, "POST", "/moderation", body, pathField(["mode", "anonymous"]), function () {
        say("Moderation saved: " + MODE_TEXT[body.mode] + (body.anonymous ? "; the room sees departments, not names." : "."));
      });
    });
  }
  document.addEventListener("rt:clock", function (event) {
    var clock = event.detail || {};
    if (clock.status === "ended" && !store.ended) { store.ended = true; renderBoard(); }
  });
}
