// The buttons on an item (approve, pin, flag as a complaint, remove, vote) and the forms sent
// from the list (send back, reframe on the author's behalf); undo of this page's removals.
import { el, short, uuid } from "../shared/dom.js";
import { OFFLINE, refusal } from "../shared/net.js";
import { closePanel, openPanel, pathField, submitForm } from "./forms.js";
import { submitAction, submitEdit, submitMerge } from "./item_forms.js";
import { authorName, list, renderBoard, rows } from "./list.js";
import { complain, inPanel, outcome, post, say, store } from "./page.js";
import { REFRAME_FIELDS } from "./reframe.js";
import { refetchSoon } from "./sync.js";

var undoButton = inPanel("[data-board-undo]");
var removedStack = []; // ids this page removed, newest last: "undo" restores them one by one

export function simple(button, id, act, body, done) {
  if (button && button.getAttribute("aria-busy") === "true") return;
  if (button) button.setAttribute("aria-busy", "true");
  body.id = uuid();
  post("/items/" + encodeURIComponent(id) + "/" + act, body).then(function (res) {
    if (res.ok) {
      if (store.replaceAll(res.data)) renderBoard();
      done(res);
    } else {
      complain(refusal(res));
      if (res.status === 409) refetchSoon(0); // our view was stale
    }
  }, function () { complain(OFFLINE); }).then(function () {
    if (button) button.removeAttribute("aria-busy");
  });
}

// Clicks, submits and Escape in the list (one listener each for every row).
export function setupCommands() {
  list.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-act]") : null;
    if (!button || !list.contains(button)) return;
    var id = button.closest("[data-item]").getAttribute("data-item");
    var item = store.items[id];
    if (!item) return;
    var act = button.getAttribute("data-act");
    var what = "“" + short(item.what_happens, 60) + "”";
    if (act === "edit" || act === "merge" || act === "action" || act === "sendback" || act === "reframe") {
      openPanel(id, act);
      return;
    }
    if (act === "approve") {
      simple(button, id, "approve", {}, function () {
        say("Approved " + what + ": the room sees it now.");
        if (outcome) outcome.focus();
      });
      return;
    }
    if (act === "pin") {
      simple(button, id, "pin", { on: !item.pinned }, function () {
        say((item.pinned ? "Unpinned " : "Pinned ") + what + (item.pinned ? "." : ": it leads the board."));
      });
    } else if (act === "complaint") {
      simple(button, id, "complaint", { on: !item.complaint }, function () {
        say(item.complaint ? "Cleared the complaint flag on " + what + "." :
          "Held " + what + " back from the room: " + authorName(item) + " is asked, privately, to reframe it.");
      });
    } else if (act === "remove") {
      simple(button, id, "remove", {}, function () {
        removedStack.push({ id: id, text: item.what_happens });
        say("Removed " + what + ". It is kept in the audit trail.");
        renderUndo();
        if (undoButton) undoButton.focus();
      });
    } else if (act === "vote") {
      var voted = !!store.myVotes[id];
      simple(button, id, voted ? "unvote" : "vote", {}, function () {
        say(voted ? "Took your vote back from " + what + "." : "Vote added: you see " + what + " too.");
      });
    }
  });

  list.addEventListener("submit", function (event) {
    var form = event.target;
    var row = form.closest ? form.closest("[data-item]") : null;
    if (!row) return;
    event.preventDefault();
    var id = row.getAttribute("data-item");
    var kind = form.getAttribute("data-form");
    if (kind === "edit") submitEdit(form, id);
    else if (kind === "merge") submitMerge(form, id);
    else if (kind === "action") submitAction(form, id);
    else if (kind === "sendback") {
      submitForm(form, "POST", "/items/" + encodeURIComponent(id) + "/send-back", { note: form.elements.note.value },
        pathField(["note"]), function () {
          closePanel(id, false);
          say("Sent back to " + authorName(store.items[id] || {}) + " with your note; the room does not see it.");
          if (outcome) outcome.focus();
        });
    } else if (kind === "reframe") {
      var parts = { observation: form.elements.observation.value, impact: form.elements.impact.value, ask: form.elements.ask.value };
      submitForm(form, "POST", "/items/" + encodeURIComponent(id) + "/reframe", parts, pathField(REFRAME_FIELDS), function () {
        closePanel(id, false);
        say("Reframed on the author's behalf: the room sees it now.");
        if (outcome) outcome.focus();
      });
    }
  });

  list.addEventListener("click", function (event) {
    var cancel = event.target.closest ? event.target.closest("[data-cancel]") : null;
    if (!cancel) return;
    closePanel(cancel.closest("[data-item]").getAttribute("data-item"), true);
  });

  list.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var form = event.target.closest ? event.target.closest("form[data-form]") : null;
    var row = form ? form.closest("[data-item]") : null;
    if (row) closePanel(row.getAttribute("data-item"), true);
  });

  if (undoButton) {
    undoButton.addEventListener("click", function () {
      var last = removedStack[removedStack.length - 1];
      if (!last) return;
      simple(undoButton, last.id, "restore", {}, function () {
        removedStack.pop();
        say("Restored “" + short(last.text, 60) + "”.");
        renderUndo();
        var back = rows[last.id] && rows[last.id].querySelector("[data-act]");
        if (back) back.focus(); else if (outcome) outcome.focus();
      });
    });
  }
}

// Undo the last removal (then the one before, and so on).
export function renderUndo() {
  if (!undoButton) return;
  var last = removedStack[removedStack.length - 1];
  undoButton.hidden = !last;
  if (last) {
    undoButton.textContent = "Undo the removal";
    undoButton.appendChild(el("span", "visually-hidden", ": " + short(last.text, 60)));
  }
}
