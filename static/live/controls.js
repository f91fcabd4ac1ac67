// Console controls: one request at a time, each with its own id and the clock seq we saw; the
// custom extend checks its field before sending.
import { setText, uuid } from "../shared/dom.js";
import { csrfToken } from "../shared/net.js";
import { api, q, qa, root, state } from "./page.js";
import { render } from "./render.js";
import { applyClock, resync } from "./updates.js";

var csrf = csrfToken();
var busy = false;
var ALLOWED = {
  start: ["not_started"],
  pause: ["running"],
  resume: ["paused"],
  extend: ["running", "paused"],
  shorten: ["running", "paused"],
  skip: ["running", "paused"],
  skip_round: ["running", "paused"],
  back: ["running", "paused"],
  end: ["running", "paused"]
};

// aria-disabled, not disabled: a button that goes unavailable under the keyboard keeps focus.
export function updateControls(c) {
  qa("[data-control]").forEach(function (button) {
    var ok = (ALLOWED[button.getAttribute("data-control")] || []).indexOf(c.status) !== -1;
    var value = busy || !ok ? "true" : "false";
    if (button.getAttribute("aria-disabled") !== value) button.setAttribute("aria-disabled", value);
  });
}

var DONE_TEXT = {
  start: "Started.", pause: "Paused.", resume: "Resumed.", extend: "Extended.", shorten: "Shortened.",
  skip: "Skipped to the next segment.", skip_round: "Moved to the next round.", back: "Back one segment.",
  end: "Session ended."
};

function sendControl(button, kind, seconds, confirmed) {
  if (busy || button.getAttribute("aria-disabled") === "true") return;
  var confirmText = button.getAttribute("data-confirm");
  if (confirmText && !confirmed && window.rtConfirm) { // app.js: an accessible <dialog>
    window.rtConfirm(confirmText, button.textContent.trim()).then(function (ok) {
      if (ok) sendControl(button, kind, seconds, true);
    });
    return;
  }
  busy = true;
  button.setAttribute("aria-busy", "true");
  render();
  setText(q("[data-problem]"), "");
  setText(q("[data-outcome]"), "Sending…");
  var body = { id: uuid(), kind: kind, expected_seq: state.clock.seq };
  if (seconds) body.seconds = seconds;
  fetch(api + "/controls", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
    body: JSON.stringify(body)
  }).then(function (r) {
    return r.json().catch(function () { return {}; }).then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
  }).then(function (res) {
    if (res.ok) {
      applyClock(res.data.clock);
      setText(q("[data-outcome]"), DONE_TEXT[kind] || "Done.");
    } else {
      setText(q("[data-outcome]"), "");
      setText(q("[data-problem]"), (res.data && (res.data.detail || res.data.title)) || "That did not work (" + res.status + ").");
      var wrong = ((res.data && res.data.errors) || []).filter(function (e) { return e.field === "seconds"; })[0];
      var secondsInput = document.getElementById("extend-seconds");
      if (wrong && secondsInput && kind === "extend") { extendError(secondsInput, wrong.message); secondsInput.focus(); }
      if (res.status === 409) resync(); // our view was stale: fetch the clock as it is
    }
  }, function () {
    setText(q("[data-outcome]"), "");
    setText(q("[data-problem]"), "No connection to the server: nothing was changed. Try again.");
  }).then(function () {
    busy = false;
    button.removeAttribute("aria-busy");
    render();
  });
}

// The custom extend's own error line, tied to its input (the console's one field).
function extendError(input, words) {
  var line = document.getElementById(input.id + "-error");
  if (!line) return;
  line.textContent = words;
  line.hidden = !words;
  if (words) {
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", line.id + " " + input.id + "-hint");
  } else {
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", input.id + "-hint");
  }
}

export function setupControls() {
  root.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-control]") : null;
    if (!button || button.hasAttribute("data-custom")) return;
    var seconds = parseInt(button.getAttribute("data-seconds") || "0", 10);
    sendControl(button, button.getAttribute("data-control"), seconds);
  });

  var extendForm = q("[data-extend-form]");
  if (extendForm) {
    extendForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = extendForm.querySelector("input");
      var low = parseInt(input.getAttribute("min"), 10), high = parseInt(input.getAttribute("max"), 10);
      var seconds = /^\s*\d+\s*$/.test(input.value) ? parseInt(input.value, 10) : NaN;
      if (!(seconds >= low && seconds <= high)) {
        // The message beside the field (and in the alert), the field focused; an earlier
        // "Shortened." must not sit beside the error.
        var words = input.value.trim() === "" ? "Enter how many seconds to extend by, from " + low + " to " + high + "." :
          "Extend by " + low + " to " + high + " seconds; “" + input.value.trim() + "” is not that.";
        setText(q("[data-outcome]"), "");
        setText(q("[data-problem]"), words);
        extendError(input, words);
        input.focus();
        return;
      }
      extendError(input, "");
      sendControl(extendForm.querySelector("button"), "extend", seconds);
    });
  }
}
