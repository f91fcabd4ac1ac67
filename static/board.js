// Roundtable capture board on the live views: the capture form (participant), the board list
// (all three views), facilitator buttons (console) and the heat map (big screen).
// Every text here is user input: built with createElement/textContent only, never innerHTML.
// static/live.js forwards the websocket's "board" events as the DOM event "rt:board".
(function () {
  "use strict";
  var root = document.getElementById("live");
  var dataNode = document.getElementById("board-data");
  var panel = document.querySelector("[data-board-view]");
  if (!root || !dataNode || !panel) return;

  var sid = root.getAttribute("data-session");
  var view = panel.getAttribute("data-board-view");
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/board";
  var WEIGHT = { low: 1, medium: 2, high: 3, critical: 5 };
  var IMPACT_TEXT = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

  var initial = JSON.parse(dataNode.textContent);
  var items = {}; // id -> item as the server sent it
  var heat = { departments: initial.departments || [], weights: initial.heat_weights || [] };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // A hung connection counts as a failed send after 15 s (resending is safe: ids are idempotent).
  function post(path, body) {
    var abort = window.AbortController ? new AbortController() : null;
    var timer = abort ? setTimeout(function () { abort.abort(); }, 15000) : null;
    return fetch(api + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
      signal: abort ? abort.signal : undefined
    }).then(function (r) {
      clearTimeout(timer);
      return r.json().catch(function () { return {}; }).then(function (data) {
        return { ok: r.ok, status: r.status, data: data };
      });
    });
  }

  // The board: a map of items, merged from events and answers, sorted like the server does.
  function merge(list) {
    (list || []).forEach(function (item) {
      if (!item || !item.id) return;
      if (item.removed || item.merged_into) delete items[item.id];
      else items[item.id] = item;
    });
  }

  function replaceAll(board) {
    if (!board || !board.items) return;
    items = {};
    merge(board.items);
    if (board.departments) heat = { departments: board.departments, weights: board.heat_weights || [] };
  }

  function ordered() {
    return Object.keys(items).map(function (id) { return items[id]; }).sort(function (a, b) {
      if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
      if ((a.votes || 0) !== (b.votes || 0)) return (b.votes || 0) - (a.votes || 0);
      var wa = WEIGHT[a.impact] || 0, wb = WEIGHT[b.impact] || 0;
      if (wa !== wb) return wb - wa;
      if ((a.seq || 0) !== (b.seq || 0)) return (a.seq || 0) - (b.seq || 0);
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
  }

  var list = panel.querySelector("[data-board-list]");
  var empty = panel.querySelector("[data-board-empty]");

  function votesText(n) { return n === 1 ? "1 vote" : n + " votes"; }

  function renderItem(item) {
    var li = el("li", "board-item impact-" + (WEIGHT[item.impact] ? item.impact : "low"));
    li.setAttribute("data-item", item.id);
    var head = el("p", "board-item-head");
    if (item.pinned) head.appendChild(el("span", "badge pinned", "Pinned"));
    head.appendChild(el("span", "badge impact", IMPACT_TEXT[item.impact] || item.impact));
    head.appendChild(el("span", "board-votes", votesText(item.votes || 0)));
    if (item.origin === "agenda") head.appendChild(el("span", "badge origin", "from agenda"));
    if (item.complaint) head.appendChild(el("span", "badge complaint", "complaint — needs reframing"));
    li.appendChild(head);
    li.appendChild(el("p", "board-what", item.what_happens));
    var teams = item.from_team + " → " + (item.to_teams || []).join(", ");
    if (item.with_person) teams += " · with " + item.with_person;
    li.appendChild(el("p", "board-teams", teams));
    if (view === "console") li.appendChild(consoleButtons(item));
    return li;
  }

  function renderBoard() {
    var all = ordered();
    var fragment = document.createDocumentFragment();
    all.forEach(function (item) { fragment.appendChild(renderItem(item)); });
    // Keep keyboard focus on the same button when the list is rebuilt.
    var focused = document.activeElement;
    var focusKey = focused && list.contains(focused) && focused.getAttribute("data-act") ?
      [focused.closest("[data-item]").getAttribute("data-item"), focused.getAttribute("data-act")] : null;
    while (list.firstChild) list.removeChild(list.firstChild);
    list.appendChild(fragment);
    if (empty) empty.hidden = all.length > 0;
    if (focusKey) {
      var again = list.querySelector('[data-item="' + cssEscape(focusKey[0]) + '"] [data-act="' + focusKey[1] + '"]');
      if (again) again.focus();
    }
    if (view === "screen") renderHeat();
  }

  function cssEscape(text) {
    return window.CSS && CSS.escape ? CSS.escape(text) : String(text).replace(/["\\]/g, "\\$&");
  }

  // Console: facilitator buttons per item.
  function consoleButtons(item) {
    var row = el("div", "actions board-item-actions");
    function button(act, label, extraClass) {
      var b = el("button", "button small " + (extraClass || "secondary"), label);
      b.type = "button";
      b.setAttribute("data-act", act);
      var hidden = el("span", "visually-hidden", ": " + item.what_happens.slice(0, 60));
      b.appendChild(hidden);
      return b;
    }
    row.appendChild(button("pin", item.pinned ? "Unpin" : "Pin"));
    row.appendChild(button("complaint", item.complaint ? "Not a complaint" : "Mark complaint"));
    row.appendChild(button("remove", "Remove", "danger"));
    return row;
  }

  var removedLast = null;
  if (view === "console") {
    list.addEventListener("click", function (event) {
      var b = event.target.closest ? event.target.closest("button[data-act]") : null;
      if (!b || b.getAttribute("aria-busy") === "true") return;
      var id = b.closest("[data-item]").getAttribute("data-item");
      var item = items[id];
      if (!item) return;
      var act = b.getAttribute("data-act");
      var body = { id: uuid() };
      if (act === "pin") body.on = !item.pinned;
      if (act === "complaint") body.on = !item.complaint;
      facilitate(b, id, act, body);
    });
  }

  function facilitate(button, id, act, body) {
    var problem = panel.querySelector("[data-board-problem]");
    if (problem) problem.textContent = "";
    if (button) button.setAttribute("aria-busy", "true");
    post("/items/" + encodeURIComponent(id) + "/" + act, body).then(function (res) {
      if (res.ok) {
        replaceAll(res.data);
        if (act === "remove") removedLast = id;
        if (act === "restore") removedLast = null;
        renderBoard();
        renderUndo();
      } else if (problem) {
        problem.textContent = (res.data && (res.data.detail || res.data.title)) || "That did not work (" + res.status + ").";
      }
    }, function () {
      if (problem) problem.textContent = "No connection to the server: nothing was changed. Try again.";
    }).then(function () { if (button) button.removeAttribute("aria-busy"); });
  }

  // Console: undo the last removal.
  var undo = null;
  function renderUndo() {
    if (view !== "console") return;
    if (!undo) {
      undo = el("button", "button small secondary", "Restore the item just removed");
      undo.type = "button";
      undo.addEventListener("click", function () {
        if (removedLast) facilitate(undo, removedLast, "restore", { id: uuid() });
      });
      panel.appendChild(undo);
    }
    undo.hidden = !removedLast;
  }

  // Big screen: department × department heat map, refetched (debounced) after board events.
  var heatBox = document.querySelector("[data-heat]");
  function renderHeat() {
    if (!heatBox) return;
    var depts = heat.departments || [];
    var max = 0;
    (heat.weights || []).forEach(function (row) { row.forEach(function (w) { if (w > max) max = w; }); });
    var table = el("table", "heat-table");
    table.appendChild(el("caption", "visually-hidden", "Impact-weighted issues: row team pushes onto column team"));
    var thead = el("thead"), hr = el("tr");
    var corner = el("th", null, "From ↓ / onto →");
    corner.scope = "col";
    hr.appendChild(corner);
    depts.forEach(function (d) { var th = el("th", null, d); th.scope = "col"; hr.appendChild(th); });
    thead.appendChild(hr);
    table.appendChild(thead);
    var tbody = el("tbody");
    depts.forEach(function (from, i) {
      var tr = el("tr");
      var th = el("th", null, from);
      th.scope = "row";
      tr.appendChild(th);
      depts.forEach(function (to, j) {
        var w = (heat.weights[i] || [])[j] || 0;
        var level = w === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((w / max) * 4));
        tr.appendChild(el("td", "heat-" + level, i === j ? "—" : String(w)));
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    while (heatBox.firstChild) heatBox.removeChild(heatBox.firstChild);
    heatBox.appendChild(table);
  }

  var refetchTimer = null;
  function refetchSoon(wait) {
    clearTimeout(refetchTimer);
    refetchTimer = setTimeout(function () {
      fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (board) { replaceAll(board); renderBoard(); })
        .catch(function () { /* the next event or reconnect tries again */ });
    }, wait);
  }

  document.addEventListener("rt:board", function (event) {
    var data = event.detail || {};
    merge(data.items);
    renderBoard();
    if (view === "screen") refetchSoon(500);
  });
  document.addEventListener("rt:live-hello", function () {
    refetchSoon(300); // after a reconnect: the board as it is now
    flushQueue();
  });

  replaceAll(initial);
  renderBoard();
  renderUndo();

  // Participant: the capture form, similar items, and the offline queue.
  var form = document.querySelector("[data-capture-form]");
  if (!form) return;
  var capturesList = document.querySelector("[data-captures]");
  var storeKey = "rt-board-captures-" + sid;
  var fromSelect = form.elements.from_team;
  var textArea = form.elements.what_happens;

  function loadCaptures() {
    try {
      var saved = JSON.parse(localStorage.getItem(storeKey) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch (e) { return []; }
  }
  var captures = loadCaptures(); // [{id, body, state: "sending"|"saved"|"failed", detail}]

  function storeCaptures() {
    captures = captures.slice(-20);
    try { localStorage.setItem(storeKey, JSON.stringify(captures)); } catch (e) { /* private mode */ }
  }

  var STATE_TEXT = { sending: "sending…", saved: "saved", failed: "not saved" };
  function renderCaptures() {
    if (!capturesList) return;
    while (capturesList.firstChild) capturesList.removeChild(capturesList.firstChild);
    captures.slice().reverse().forEach(function (c) {
      var li = el("li", "capture capture-" + c.state);
      li.setAttribute("data-capture", c.id);
      var text = c.body.what_happens;
      li.appendChild(el("span", "capture-text", text.length > 70 ? text.slice(0, 69) + "…" : text));
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("strong", "capture-state", STATE_TEXT[c.state] || c.state));
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
    Array.prototype.forEach.call(form.querySelectorAll('input[name="to_teams"]'), function (box) {
      box.checked = b.to_teams.indexOf(box.value) !== -1;
    });
    textArea.value = b.what_happens;
    Array.prototype.forEach.call(form.querySelectorAll('input[name="impact"]'), function (r) { r.checked = r.value === b.impact; });
    form.elements.goal.value = b.no_goal ? "none" : String(b.goal_id == null ? "" : b.goal_id);
    form.elements.with_person.value = b.with_person || "";
    captures = captures.filter(function (x) { return x.id !== c.id; });
    storeCaptures();
    renderCaptures();
    syncTeams();
    textArea.focus();
  }

  function syncTeams() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-team]"), function (label) {
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

  var FIELDS = ["from_team", "to_teams", "what_happens", "impact", "goal_id", "with_person"];
  function fieldOf(path) {
    var parts = String(path || "").split(/[.[\]]/);
    for (var i = 0; i < parts.length; i++) if (FIELDS.indexOf(parts[i]) !== -1) return parts[i];
    if (parts.indexOf("no_goal") !== -1) return "goal_id";
    return null;
  }

  function clearErrors() {
    Array.prototype.forEach.call(form.querySelectorAll("[data-error-for]"), function (p) { p.textContent = ""; });
    Array.prototype.forEach.call(form.querySelectorAll("[data-field]"), function (f) { f.classList.remove("has-error"); });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (f) { f.removeAttribute("aria-invalid"); });
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
      var field = fieldOf(e.field);
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
    Array.prototype.forEach.call(form.querySelectorAll('input[name="to_teams"], input[name="impact"]'), function (b) { b.checked = false; });
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
        entry.state = "saved";
        replaceAll(res.data);
        renderBoard();
        if (fresh) resetForm();
      } else if (res.status >= 500 || res.status === 408 || res.status === 429) {
        entry.state = "sending"; // the server will take it later
        if (fresh) resetForm();
      } else if (fresh && res.status === 422) {
        captures = captures.filter(function (x) { return x.id !== entry.id; });
        showErrors(res.data && res.data.errors, res.data && res.data.detail);
      } else {
        entry.state = "failed";
        entry.detail = (res.data && (res.data.detail || res.data.title)) || "The server refused it (" + res.status + ").";
        if (fresh) resetForm();
      }
    }, function () {
      entry.state = "sending"; // offline: kept in this phone's queue and resent
      if (fresh) resetForm();
    }).then(function () {
      delete inFlight[entry.id];
      storeCaptures();
      renderCaptures();
    });
  }

  var flushing = false;
  function flushQueue() {
    if (flushing || !captures) return; // no capture form on this view
    var pending = captures.filter(function (c) { return c.state === "sending" && !inFlight[c.id]; });
    if (!pending.length) return;
    flushing = true;
    // One after another, oldest first: the board keeps the order they were captured in.
    pending.reduce(function (chain, c) {
      return chain.then(function () { return send(c, false); });
    }, Promise.resolve()).then(function () { flushing = false; });
  }

  window.addEventListener("online", flushQueue);
  setInterval(function () { if (navigator.onLine !== false) flushQueue(); }, 10000);

  // Similar items while typing: vote on one instead of capturing it twice.
  var similarBox = form.querySelector("[data-similar]");
  var similarList = form.querySelector("[data-similar-list]");
  var similarTimer = null, similarAsked = 0;

  function hideSimilar() {
    similarBox.hidden = true;
    while (similarList.firstChild) similarList.removeChild(similarList.firstChild);
  }

  function lookSimilarSoon() {
    clearTimeout(similarTimer);
    similarTimer = setTimeout(lookSimilar, 400);
  }

  function lookSimilar() {
    var text = textArea.value.trim();
    if (text.length < 15) { hideSimilar(); return; }
    var params = new URLSearchParams();
    params.append("text", text);
    params.append("from_team", fromSelect.value);
    Array.prototype.forEach.call(form.querySelectorAll('input[name="to_teams"]:checked'), function (b) {
      params.append("to_teams", b.value);
    });
    var asked = ++similarAsked;
    fetch(api + "/similar?" + params.toString(), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(function (found) { if (asked === similarAsked) showSimilar(found.slice(0, 3)); })
      .catch(function () { /* offline: no suggestions, capturing still works */ });
  }

  function showSimilar(found) {
    hideSimilar();
    if (!found.length) return;
    found.forEach(function (item) {
      var li = el("li", "similar-item");
      li.appendChild(el("p", "board-what", item.what_happens));
      li.appendChild(el("p", "board-teams", item.from_team + " → " + (item.to_teams || []).join(", ") + " · " + votesText(item.votes || 0)));
      var b = el("button", "button small secondary", "We see this too");
      b.type = "button";
      b.appendChild(el("span", "visually-hidden", ": " + item.what_happens.slice(0, 60)));
      var note = el("span", "similar-note");
      note.setAttribute("role", "status");
      b.addEventListener("click", function () {
        b.setAttribute("aria-busy", "true");
        post("/items/" + encodeURIComponent(item.id) + "/vote", { id: uuid() }).then(function (res) {
          if (res.ok) {
            replaceAll(res.data);
            renderBoard();
            note.textContent = "Vote added. Thanks!";
            b.hidden = true;
          } else {
            note.textContent = (res.data && (res.data.detail || res.data.title)) || "That did not work.";
          }
        }, function () {
          note.textContent = "No connection: the vote was not sent. Try again.";
        }).then(function () { b.removeAttribute("aria-busy"); });
      });
      li.appendChild(b);
      li.appendChild(note);
      similarList.appendChild(li);
    });
    similarBox.hidden = false;
  }

  textArea.addEventListener("input", lookSimilarSoon);
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "to_teams") lookSimilarSoon();
  });

  renderCaptures();
  flushQueue();
})();
