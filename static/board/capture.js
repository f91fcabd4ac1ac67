// The participant's capture form and the phone's offline queue: a capture is kept on the phone
// (static/board/offline_queue.js) until the server has it, resent when the connection returns,
// oldest first; field errors go back to the form while it still holds the text.
import { each, el, emitDom, short, uuid } from "../shared/dom.js";
import { refusal } from "../shared/net.js";
import { clearFieldErrors, pathField } from "./forms.js";
import { EDIT_FIELDS } from "./item_forms.js";
import { renderBoard } from "./list.js";
import { loadQueue, queueKey, storeQueue } from "./offline_queue.js";
import { post, sid, store } from "./page.js";
import { hideSimilar, lookSimilarSoon, setupSimilar } from "./similar.js";

var form = document.querySelector("[data-capture-form]");
var captures = null;
var flush = null;
export function flushQueue() { if (captures) flush(); }

export function setupCapture() {
  if (!form) return;
  var capturesList = document.querySelector("[data-captures]");
  var storeKey = queueKey(sid);
  var fromSelect = form.elements.from_team;
  var textArea = form.elements.what_happens;

  captures = loadQueue(storeKey); // [{id, body, state: "sending"|"saved"|"failed", detail}]
  flush = flushCaptures;

  function storeCaptures() { captures = storeQueue(storeKey, captures); }

  var CAPTURE_STATE = {
    sending: "sending…", saved: "saved", failed: "not saved",
    held: "held for you to reframe"
  };
  function renderCaptures() {
    if (!capturesList) return;
    while (capturesList.firstChild) capturesList.removeChild(capturesList.firstChild);
    captures.slice().reverse().forEach(function (c) {
      var li = el("li", "capture capture-" + c.state);
      li.setAttribute("data-capture", c.id);
      li.appendChild(el("span", "capture-text", short(c.body.what_happens, 70)));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("strong", "capture-state", CAPTURE_STATE[c.state] || c.state));
      if (c.state === "held") {
        li.appendChild(el("span", "capture-detail-held", " Only you and the facilitator see it until you reframe it (form at the top of the Board tab)."));
      }
      if (c.state === "failed") {
        if (c.detail) li.appendChild(el("span", "capture-detail", " " + c.detail));
        var back = el("button", "button small secondary", "Put back in the form");
        back.type = "button";
        back.addEventListener("click", function () { refill(c); });
        li.appendChild(back);
      }
      capturesList.appendChild(li);
    });
  }

  function refill(c) {
    var b = c.body;
    fromSelect.value = b.from_team;
    each(form.querySelectorAll('input[name="to_teams"]'), function (box) {
      box.checked = b.to_teams.indexOf(box.value) !== -1;
    });
    textArea.value = b.what_happens;
    each(form.querySelectorAll('input[name="impact"]'), function (r) { r.checked = r.value === b.impact; });
    form.elements.goal.value = b.no_goal ? "none" : String(b.goal_id == null ? "" : b.goal_id);
    form.elements.with_person.value = b.with_person || "";
    captures = captures.filter(function (x) { return x.id !== c.id; });
    storeCaptures();
    renderCaptures();
    syncTeams();
    textArea.focus();
  }

  function syncTeams() {
    each(form.querySelectorAll("[data-team]"), function (label) {
      var same = label.getAttribute("data-team") === fromSelect.value;
      label.hidden = same;
      if (same) label.querySelector("input").checked = false;
    });
  }
  fromSelect.addEventListener("change", function () { syncTeams(); lookSimilarSoon(); });
  syncTeams();

  function readForm() {
    var goal = form.elements.goal.value;
    var impact = form.querySelector('input[name="impact"]:checked');
    var withPerson = form.elements.with_person.value;
    return {
      id: uuid(),
      from_team: fromSelect.value,
      to_teams: Array.prototype.filter.call(form.querySelectorAll('input[name="to_teams"]'), function (b) {
        return b.checked;
      }).map(function (b) { return b.value; }),
      what_happens: textArea.value.trim(),
      impact: impact ? impact.value : "",
      goal_id: goal && goal !== "none" ? parseInt(goal, 10) : null,
      no_goal: goal === "none",
      with_person: withPerson || null
    };
  }

  var captureFieldOf = pathField(EDIT_FIELDS);

  function clearErrors() {
    clearFieldErrors(form);
    setProblem("");
  }

  function setProblem(text) {
    var p = form.querySelector("[data-capture-problem]");
    if (p) p.textContent = text;
  }

  function showErrors(errors, detail) {
    clearErrors();
    var first = null, loose = [];
    (errors || []).forEach(function (e) {
      var field = captureFieldOf(e.field);
      var slot = field ? form.querySelector('[data-error-for="' + field + '"]') : null;
      if (!slot) { loose.push(e.message); return; }
      slot.textContent = slot.textContent ? slot.textContent + " " + e.message : e.message;
      var box = form.querySelector('[data-field="' + field + '"]');
      box.classList.add("has-error");
      var control = box.querySelector("select, textarea, input");
      if (control && box.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
      first = first || control;
    });
    setProblem(loose.length ? loose.join(" ") : (errors && errors.length ? "" : detail || ""));
    if (first) first.focus();
  }

  // Checks the phone can make itself, so an offline capture is very likely to be accepted later.
  function localErrors(body) {
    var errors = [];
    if (!body.to_teams.length) errors.push({ field: "to_teams", message: "Tick at least one team this lands on." });
    if (body.what_happens.length < 10) errors.push({ field: "what_happens", message: "Say what happens in at least 10 characters." });
    if (!body.impact) errors.push({ field: "impact", message: "Choose the impact: low, medium, high or critical." });
    if (body.goal_id == null && !body.no_goal) errors.push({ field: "goal_id", message: "Choose the company goal this touches, or 'No goal fits'." });
    return errors;
  }

  function resetForm() {
    textArea.value = "";
    each(form.querySelectorAll('input[name="to_teams"], input[name="impact"]'), function (b) { b.checked = false; });
    form.elements.goal.value = "";
    form.elements.with_person.value = "";
    hideSimilar();
  }

  var submitting = false; // a double tap captures once
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (submitting) return;
    var body = readForm();
    var errors = localErrors(body);
    if (errors.length) { showErrors(errors); return; }
    clearErrors();
    var entry = { id: body.id, body: body, state: "sending" };
    captures.push(entry);
    storeCaptures();
    renderCaptures();
    submitting = true;
    send(entry, true).then(function () { submitting = false; });
  });

  var inFlight = {};
  // Sends one capture. ``fresh``: it is still in the form, so field errors go back to the form.
  function send(entry, fresh) {
    if (inFlight[entry.id]) return Promise.resolve();
    inFlight[entry.id] = true;
    return post("/items", entry.body).then(function (res) {
      if (res.ok) {
        var saved = (res.data.items || []).filter(function (i) { return i.id === entry.id; })[0];
        entry.state = saved && saved.held ? "held" : "saved";
        if (store.replaceAll(res.data)) renderBoard();
        if (fresh) resetForm();
      } else if (res.status >= 500 || res.status === 408 || res.status === 429) {
        entry.state = "sending"; // the server will take it later
        if (fresh) resetForm();
      } else if (fresh && res.status === 422) {
        captures = captures.filter(function (x) { return x.id !== entry.id; });
        showErrors(res.data && res.data.errors, res.data && res.data.detail);
      } else {
        entry.state = "failed";
        entry.detail = refusal(res);
        if (fresh) resetForm();
      }
    }, function () {
      entry.state = "sending"; // offline: kept in this phone's queue and resent
      if (fresh) resetForm();
    }).then(function () {
      delete inFlight[entry.id];
      storeCaptures();
      renderCaptures();
      // The capture sheet (static/live_participant.js) closes once the form has been taken.
      var taken = captures.indexOf(entry) !== -1;
      if (fresh && taken) emitDom("rt:capture-taken", { state: entry.state, text: short(entry.body.what_happens, 40) });
    });
  }

  var flushing = false;
  function flushCaptures() {
    if (flushing) return;
    var pending = captures.filter(function (c) { return c.state === "sending" && !inFlight[c.id]; });
    if (!pending.length) return;
    flushing = true;
    // One after another, oldest first: the board keeps the order they were captured in.
    pending.reduce(function (chain, c) {
      return chain.then(function () { return send(c, false); });
    }, Promise.resolve()).then(function () { flushing = false; });
  }

  window.addEventListener("online", flushCaptures);
  setInterval(function () { if (navigator.onLine !== false) flushCaptures(); }, 10000);


  setupSimilar();
  renderCaptures();
  flushCaptures();
}
