// Roundtable capture board on the live views: the capture form and votes (participant), the
// board list (all three views), facilitation (console), reframing (the author of a flagged
// item), and the heat map (big screen).
// Every text here is user input: built with createElement/textContent only, never innerHTML.
// static/live.js forwards the websocket's "board" events as the DOM event "rt:board"; each
// event's data carries its seq, and a board read (page, answer, refetch) carries the seq it
// reflects, so an older read never rolls back a newer event and every client converges.
// Loaded as an ES module (type="module", deferred like the classic scripts around it); the
// helpers it shares live beside it: dom.js, net.js, offline_queue.js, order.js.
import { cssEscape, each, el, emitDom, short, uuid } from "./dom.js";
import { OFFLINE, boardApi, refusal } from "./net.js";
import { loadQueue, queueKey, storeQueue } from "./offline_queue.js";
import { WEIGHT, orderItems } from "./order.js";

(function board() {
  var root = document.getElementById("live");
  var dataNode = document.getElementById("board-data");
  var panel = document.querySelector("[data-board-view]");
  if (!root || !dataNode || !panel) return;

  var sid = root.getAttribute("data-session");
  var view = panel.getAttribute("data-board-view");
  var isConsole = view === "console";
  var isParticipant = view === "participant";
  var me = panel.getAttribute("data-me") || null; // the participant's id, as the board names them
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/board";
  var IMPACT_TEXT = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };
  var STATUS_TEXT = { open: "open", in_progress: "in progress", done: "done", blocked: "blocked" };

  var items = {}; // id -> item as the server sent it (visible items only)
  var actions = {}; // action id -> action item
  var myVotes = {}; // item id -> true: this participant said "we see this too"
  var locked = false;
  var boardSeq = 0; // the newest live-event seq the board on screen reflects
  var moderation = "hold_flagged", anonymous = false, ended = false;
  var heat = { departments: [], weights: [] };

  // People of the session (id -> "Name (Department)"), for owners and authors.
  var people = {};
  var peopleTemplate = document.getElementById("board-people");
  if (peopleTemplate) {
    each(peopleTemplate.content.querySelectorAll("option"), function (o) { people[o.value] = o.textContent; });
  }

  // --- network -------------------------------------------------------------------------------
  var net = boardApi(api, csrf);
  var request = net.request, post = net.post;

  // --- the board's state ---------------------------------------------------------------------

  function mergeItems(list) {
    (list || []).forEach(function (item) {
      if (!item || !item.id) return;
      if (item.removed || item.merged_into) delete items[item.id];
      else items[item.id] = item;
    });
  }

  function mergeActions(list) {
    (list || []).forEach(function (a) { if (a && a.id) actions[a.id] = a; });
  }

  // A whole board (page data, an answer, a refetch); ignored when older than what is shown.
  function replaceAll(board) {
    if (!board || !board.items) return false;
    if (typeof board.seq === "number") {
      if (board.seq < boardSeq) return false;
      boardSeq = board.seq;
    } else if (board.seq === null) {
      return false; // a retry's answer: the events carry the board
    }
    items = {};
    mergeItems(board.items);
    actions = {};
    mergeActions(board.actions);
    locked = !!board.locked;
    followModeration(board);
    if (me && board.my_votes) {
      myVotes = {};
      board.my_votes.forEach(function (id) { myVotes[id] = true; });
    }
    if (board.departments) heat = { departments: board.departments, weights: board.heat_weights || [] };
    return true;
  }

  // One "board" event: the items it touched, as they are now.
  function applyEvent(data) {
    if (typeof data.seq === "number") {
      if (data.seq <= boardSeq) return false; // already in the board we show
      boardSeq = data.seq;
    }
    if (me) followMyVotes(data);
    mergeItems(data.items);
    mergeActions(data.actions);
    if (typeof data.locked === "boolean") locked = data.locked;
    followModeration(data);
    return true;
  }

  function followModeration(data) {
    if (typeof data.moderation === "string") moderation = data.moderation;
    if (typeof data.anonymous === "boolean") anonymous = data.anonymous;
    if (data.ended === true) ended = true;
  }

  // My votes change in my other tabs, and a merge moves them (as the server's rules do).
  function followMyVotes(data) {
    var touched = data.items || [];
    if (data.by === me && (data.command === "vote" || data.command === "unvote")) {
      touched.forEach(function (item) {
        if (data.command === "vote") myVotes[item.id] = true; else delete myVotes[item.id];
      });
    }
    if (data.command === "merge") {
      touched.forEach(function (source) {
        if (!source.merged_into) return;
        var target = touched.filter(function (t) { return t.id === source.merged_into; })[0];
        var mine = myVotes[source.id] || (source.author === me && (!target || target.author !== me));
        delete myVotes[source.id];
        if (mine) myVotes[source.merged_into] = true;
      });
    }
  }

  function ordered() {
    return orderItems(Object.keys(items).map(function (id) { return items[id]; }), isConsole);
  }
  // --- feedback ------------------------------------------------------------------------------

  var outcome = panel.querySelector("[data-board-outcome]");
  var problem = panel.querySelector("[data-board-problem]");
  var undoButton = panel.querySelector("[data-board-undo]");
  var removedStack = []; // ids this page removed, newest last: "undo" restores them one by one

  function say(text) {
    if (problem) problem.textContent = "";
    if (outcome) outcome.textContent = text;
  }

  function complain(text) {
    if (outcome) outcome.textContent = "";
    if (problem) problem.textContent = text;
  }

  // --- the list ------------------------------------------------------------------------------

  var list = panel.querySelector("[data-board-list]");
  var empty = panel.querySelector("[data-board-empty]");
  var rows = {}; // item id -> its <li>, kept across renders so open forms keep their input
  var panels = {}; // item id -> { kind, node, opener } of the form open on that item

  function votesText(n) { return n === 1 ? "1 vote" : n + " votes"; }

  function authorName(item) {
    if (item.author === "facilitator") return "the facilitator";
    if (item.author === me) return "you";
    return people[item.author] || "a removed participant"; // ids are never reused
  }

  function itemActions(item) {
    return Object.keys(actions).map(function (id) { return actions[id]; })
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
      if (ended) return b;
      if (item.author !== me) b.push(["vote", "We see this too", "secondary", !!myVotes[item.id], null]);
      if (item.author === me && !locked) {
        b.push(["edit", "Edit", "secondary", null, open === "edit"]);
        b.push(["remove", "Remove", "danger", null, null]);
      }
    }
    return b;
  }

  function fillActions(bar, item) {
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

  function renderBoard() {
    var all = ordered();
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

  // --- forms on an item (edit, merge, action item) --------------------------------------------

  var formCount = 0;
  function fromTemplate(id) {
    var template = document.getElementById(id);
    if (!template) return null;
    var node = template.content.firstElementChild.cloneNode(true);
    var key = "bf" + (++formCount);
    each([node].concat(Array.prototype.slice.call(node.querySelectorAll("[id],[for],[aria-describedby],[aria-labelledby]"))), function (n) {
      ["id", "for", "aria-describedby", "aria-labelledby"].forEach(function (attr) {
        var v = n.getAttribute(attr);
        if (v && v.indexOf("__K__") !== -1) n.setAttribute(attr, v.split("__K__").join(key));
      });
    });
    return node;
  }

  function closePanel(id, refocus) {
    var open = panels[id];
    if (!open) return;
    delete panels[id];
    if (open.node.parentNode) open.node.parentNode.removeChild(open.node);
    var item = items[id];
    if (item && rows[id]) fillActions(rows[id].children[1], item);
    if (refocus && rows[id]) {
      var opener = rows[id].querySelector('[data-act="' + open.kind + '"]');
      if (opener) opener.focus();
    }
  }

  function openPanel(id, kind) {
    var item = items[id];
    if (!item) return;
    var already = panels[id];
    closePanel(id, false);
    if (already && already.kind === kind) { fillActions(rows[id].children[1], item); return; } // a toggle
    var form = fromTemplate("board-" + kind + "-form");
    if (!form) return;
    form.setAttribute("data-key", uuid()); // one id per attempt: a resend after a timeout acts once
    panels[id] = { kind: kind, node: form };
    rows[id].children[2].appendChild(form);
    if (kind === "edit") fillEditForm(form, item);
    if (kind === "merge") fillMergeTargets(form, id);
    if (kind === "action") fillActionForm(form);
    fillActions(rows[id].children[1], item);
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }

  function clearFieldErrors(form) {
    each(form.querySelectorAll("[data-error-for]"), function (p) { p.textContent = ""; });
    each(form.querySelectorAll(".has-error"), function (f) { f.classList.remove("has-error"); });
    each(form.querySelectorAll("[aria-invalid]"), function (f) { f.removeAttribute("aria-invalid"); });
    var general = form.querySelector("[data-form-problem]");
    if (general) general.textContent = "";
  }

  // Field errors next to their fields (paths like "to_teams.1" or "body.what"); the rest on top.
  function showFieldErrors(form, errors, detail, fieldOf) {
    clearFieldErrors(form);
    var first = null, loose = [];
    (errors || []).forEach(function (e) {
      var name = fieldOf(e.field);
      var slot = name ? form.querySelector('[data-error-for="' + name + '"]') : null;
      if (!slot) { loose.push(e.message); return; }
      slot.textContent = slot.textContent ? slot.textContent + " " + e.message : e.message;
      var box = form.querySelector('[data-field="' + name + '"]');
      if (!box) return;
      box.classList.add("has-error");
      var control = box.querySelector("select, textarea, input");
      if (control && box.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
      first = first || control;
    });
    var general = form.querySelector("[data-form-problem]");
    if (general) general.textContent = loose.length ? loose.join(" ") : (errors && errors.length ? "" : detail || "");
    if (first) first.focus();
    else if (general && general.textContent) { general.setAttribute("tabindex", "-1"); general.focus(); }
  }

  function pathField(names) {
    return function (path) {
      var parts = String(path || "").split(/[.[\]]/);
      for (var i = 0; i < parts.length; i++) if (names.indexOf(parts[i]) !== -1) return parts[i];
      if (parts.indexOf("no_goal") !== -1) return "goal_id";
      return null;
    };
  }

  // Sends a form's command once at a time; 422 keeps the input and shows the field errors.
  function submitForm(form, method, path, body, fieldOf, done, refused) {
    if (form.getAttribute("aria-busy") === "true") return;
    form.setAttribute("aria-busy", "true");
    clearFieldErrors(form);
    body.id = form.getAttribute("data-key");
    request(method, path, body).then(function (res) {
      if (res.ok) {
        form.setAttribute("data-key", uuid());
        if (replaceAll(res.data)) renderBoard();
        done(res);
      } else if (res.status === 422) {
        showFieldErrors(form, res.data && res.data.errors, refusal(res), fieldOf);
      } else {
        showFieldErrors(form, [], refusal(res), fieldOf);
        if (res.status === 409) form.setAttribute("data-key", uuid());
        if (refused) refused(res);
      }
    }, function () {
      showFieldErrors(form, [], OFFLINE, fieldOf);
    }).then(function () { form.removeAttribute("aria-busy"); });
  }

  // Edit: the item's content, for the facilitator or (until the lock) its author.
  var EDIT_FIELDS = ["from_team", "to_teams", "what_happens", "impact", "goal_id", "with_person"];

  function fillEditForm(form, item) {
    form.setAttribute("data-version", String(item.version));
    form.elements.from_team.value = item.from_team;
    var checks = form.querySelector("[data-team-checks]");
    var known = {};
    each(form.querySelectorAll('input[name="to_teams"]'), function (box) {
      known[box.value] = true;
      box.checked = (item.to_teams || []).indexOf(box.value) !== -1;
    });
    (item.to_teams || []).forEach(function (team) { // a team outside the room stays ticked
      if (known[team]) return;
      var label = el("label", "check");
      var box = el("input");
      box.type = "checkbox"; box.name = "to_teams"; box.value = team; box.checked = true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + team));
      checks.appendChild(label);
    });
    form.elements.what_happens.value = item.what_happens;
    each(form.querySelectorAll('input[name="impact"]'), function (r) { r.checked = r.value === item.impact; });
    form.elements.goal.value = item.goal_id == null ? "none" : String(item.goal_id);
    form.elements.with_person.value = item.with_person || "";
    form.setAttribute("data-round-no", item.round_no == null ? "" : String(item.round_no));
  }

  function readEditForm(form) {
    var goal = form.elements.goal.value;
    var impact = form.querySelector('input[name="impact"]:checked');
    var round = form.getAttribute("data-round-no");
    return {
      from_team: form.elements.from_team.value,
      to_teams: Array.prototype.filter.call(form.querySelectorAll('input[name="to_teams"]'), function (b) {
        return b.checked;
      }).map(function (b) { return b.value; }),
      what_happens: form.elements.what_happens.value,
      impact: impact ? impact.value : "",
      goal_id: goal && goal !== "none" ? parseInt(goal, 10) : null,
      no_goal: goal === "none",
      round_no: round ? parseInt(round, 10) : null,
      with_person: form.elements.with_person.value.trim() || null,
      expected_version: parseInt(form.getAttribute("data-version"), 10)
    };
  }

  function submitEdit(form, id) {
    var body = readEditForm(form);
    if (!body.impact) { // the API would answer with a type error; say it like a person
      showFieldErrors(form, [{ field: "impact", message: "Choose the impact: low, medium, high or critical." }], "", pathField(EDIT_FIELDS));
      return;
    }
    submitForm(form, "PATCH", "/items/" + encodeURIComponent(id), body, pathField(EDIT_FIELDS), function () {
      closePanel(id, true);
      say("Saved your changes to “" + short(body.what_happens.trim(), 60) + "”.");
    }, function (res) {
      // Someone changed the item meanwhile: the input stays, and saving again replaces theirs.
      var current = items[id];
      if (res.status !== 409 || !current || current.version === body.expected_version) return;
      form.setAttribute("data-version", String(current.version));
      var general = form.querySelector("[data-form-problem]");
      if (general) general.textContent += " Your text is kept: save again to replace their change.";
    });
  }

  // Merge: this item (the duplicate) goes into the chosen one.
  function fillMergeTargets(form, id) {
    var select = form.elements.target;
    if (document.activeElement === select && select.options.length) return; // do not shift it under the user
    var chosen = select.value;
    var options = ordered().filter(function (item) { return item.id !== id; });
    var signature = options.map(function (o) { return o.id + ":" + o.votes + ":" + o.what_happens; }).join("|");
    if (select.getAttribute("data-signature") === signature) return;
    select.setAttribute("data-signature", signature);
    while (select.firstChild) select.removeChild(select.firstChild);
    select.appendChild(el("option", null, options.length ? "Choose the item to keep…" : "No other item on the board"));
    select.firstChild.value = "";
    options.forEach(function (item) {
      var o = el("option", null, short(item.what_happens, 70) + " (" + item.from_team + " → " +
        (item.to_teams || []).join(", ") + ", " + votesText(item.votes || 0) + ")");
      o.value = item.id;
      select.appendChild(o);
    });
    select.value = chosen && items[chosen] ? chosen : "";
  }

  function refreshMergeTargets() {
    Object.keys(panels).forEach(function (id) {
      if (panels[id].kind === "merge") fillMergeTargets(panels[id].node, id);
    });
  }

  function submitMerge(form, id) {
    var target = form.elements.target.value;
    var fieldOf = pathField(["target"]);
    if (!target) {
      showFieldErrors(form, [{ field: "target", message: "Choose the item this one duplicates." }], "", fieldOf);
      return;
    }
    var keep = items[target];
    var source = items[id];
    submitForm(form, "POST", "/items/" + encodeURIComponent(target) + "/merge", { source_id: id }, fieldOf, function () {
      closePanel(id, false);
      say("Merged “" + short(source ? source.what_happens : "", 50) + "” into “" +
        short(keep ? keep.what_happens : "", 50) + "”: its votes and history moved over.");
      var kept = rows[target] && rows[target].querySelector("[data-act]");
      if (kept) kept.focus(); else if (outcome) outcome.focus();
    });
  }

  // Action item: owner (a participant), what exactly, due date.
  function localDate(offsetDays) {
    var d = new Date(Date.now() + offsetDays * 86400000);
    var m = d.getMonth() + 1, day = d.getDate();
    return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
  }

  function fillActionForm(form) {
    var select = form.elements.owner;
    if (peopleTemplate) select.appendChild(document.importNode(peopleTemplate.content, true));
    form.elements.due.min = localDate(0);
    form.elements.due.value = localDate(14);
  }

  function submitAction(form, id) {
    var fieldOf = pathField(["owner", "what", "due"]);
    var owner = form.elements.owner.value;
    var due = form.elements.due.value;
    var errors = [];
    if (!owner) errors.push({ field: "owner", message: "Choose the participant who owns this action." });
    if (!due) errors.push({ field: "due", message: "Give a due date." });
    if (errors.length) { showFieldErrors(form, errors, "", fieldOf); return; }
    var body = { owner: parseInt(owner, 10), what: form.elements.what.value, due: due };
    submitForm(form, "POST", "/items/" + encodeURIComponent(id) + "/action", body, fieldOf, function () {
      closePanel(id, true);
      say("Action item created: " + body.what.trim() + " — " + (people[owner] || "owner") + ", due " + due + ".");
    });
  }

  // --- buttons on an item ----------------------------------------------------------------------

  function simple(button, id, act, body, done) {
    if (button && button.getAttribute("aria-busy") === "true") return;
    if (button) button.setAttribute("aria-busy", "true");
    body.id = uuid();
    post("/items/" + encodeURIComponent(id) + "/" + act, body).then(function (res) {
      if (res.ok) {
        if (replaceAll(res.data)) renderBoard();
        done(res);
      } else {
        complain(refusal(res));
        if (res.status === 409) refetchSoon(0); // our view was stale
      }
    }, function () { complain(OFFLINE); }).then(function () {
      if (button) button.removeAttribute("aria-busy");
    });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-act]") : null;
    if (!button || !list.contains(button)) return;
    var id = button.closest("[data-item]").getAttribute("data-item");
    var item = items[id];
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
      var voted = !!myVotes[id];
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
          say("Sent back to " + authorName(items[id] || {}) + " with your note; the room does not see it.");
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

  // Undo the last removal (then the one before, and so on).
  function renderUndo() {
    if (!undoButton) return;
    var last = removedStack[removedStack.length - 1];
    undoButton.hidden = !last;
    if (last) {
      undoButton.textContent = "Undo the removal";
      undoButton.appendChild(el("span", "visually-hidden", ": " + short(last.text, 60)));
    }
  }
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

  // --- lock ----------------------------------------------------------------------------------

  var lockButton = panel.querySelector("[data-board-lock]");
  var lockState = panel.querySelector("[data-board-lock-state]");
  var lockNotice = panel.querySelector("[data-board-locked]");
  function renderLock() {
    if (lockButton) lockButton.textContent = locked ? "Unlock the board" : "Lock the board";
    if (lockState) {
      lockState.textContent = locked ? "Locked: participants can capture and vote, not edit or remove." :
        "Open: participants can edit and remove their own items.";
    }
    if (lockNotice) lockNotice.hidden = !locked;
  }
  if (lockButton) {
    lockButton.addEventListener("click", function () {
      if (lockButton.getAttribute("aria-busy") === "true") return;
      if (!locked && window.rtConfirm) { // locking is room-wide: app.js asks in a <dialog>
        window.rtConfirm("Lock the board? Participants can still capture and vote, but can no longer edit or remove their items.", "Lock the board")
          .then(function (ok) { if (ok) setLock(true); });
        return;
      }
      setLock(!locked);
    });
  }
  function setLock(on) {
    lockButton.setAttribute("aria-busy", "true");
    post("/lock", { id: uuid(), on: on }).then(function (res) {
      if (!res.ok) { complain(refusal(res)); return; }
      if (replaceAll(res.data)) renderBoard();
      say(on ? "Board locked: participants can no longer edit or remove their items." :
        "Board unlocked: participants can edit and remove their own items again.");
    }, function () { complain(OFFLINE); }).then(function () { lockButton.removeAttribute("aria-busy"); });
  }

  // --- moderation: the facilitator's queue and settings; the end of the session -----------------

  var heldCount = panel.querySelector("[data-held-count]");
  var moderationForm = panel.querySelector("[data-moderation-form]");
  var MODE_TEXT = {
    hold_flagged: "complaints are held until reframed or approved",
    approve_all: "every capture waits for your approval",
    open: "nothing is held"
  };
  function renderModeration(all) {
    if (heldCount) {
      var n = all.filter(function (i) { return i.held; }).length;
      heldCount.textContent = n === 0 ? "Nothing held for review." :
        (n === 1 ? "1 item held for review" : n + " items held for review") + ": first in the list below.";
    }
    if (moderationForm && !moderationForm.contains(document.activeElement)) {
      each(moderationForm.querySelectorAll('input[name="mode"]'), function (r) { r.checked = r.value === moderation; });
      moderationForm.elements.anonymous.checked = anonymous;
    }
  }
  if (moderationForm) {
    moderationForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var mode = moderationForm.querySelector('input[name="mode"]:checked');
      var body = { mode: mode ? mode.value : moderation, anonymous: moderationForm.elements.anonymous.checked };
      submitForm(moderationForm, "POST", "/moderation", body, pathField(["mode", "anonymous"]), function () {
        say("Moderation saved: " + MODE_TEXT[body.mode] + (body.anonymous ? "; the room sees departments, not names." : "."));
      });
    });
  }

  var afterEnd = document.querySelector("[data-after-end]");
  var myActions = afterEnd ? afterEnd.querySelector("[data-my-actions]") : null;
  var captureBox = document.querySelector(".board-capture");
  function renderEnded() {
    if (!ended) return;
    if (captureBox && !captureBox.hidden) emitDom("rt:capture-closed", null);
    if (captureBox) captureBox.hidden = true;
    if (!afterEnd) return;
    afterEnd.hidden = false;
    if (!myActions) return;
    var mine = Object.keys(actions).map(function (id) { return actions[id]; })
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
  document.addEventListener("rt:clock", function (event) {
    var clock = event.detail || {};
    if (clock.status === "ended" && !ended) { ended = true; renderBoard(); }
  });

  // --- reframing -------------------------------------------------------------------------------

  var reframeBox = document.querySelector("[data-reframe-box]");
  var reframeList = reframeBox ? reframeBox.querySelector("[data-reframe-list]") : null;
  var waiting = panel.querySelector("[data-reframe-waiting]");
  var reframeCards = {}; // item id -> its card, kept while flagged so typed text survives updates
  var REFRAME_FIELDS = ["observation", "impact", "ask"];

  function renderReframe() {
    var flagged = ordered().filter(function (item) { return item.complaint; });
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

  // --- big screen: the heat map ----------------------------------------------------------------

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

  // --- live updates ----------------------------------------------------------------------------

  var refetchTimer = null;
  function refetchSoon(wait) {
    clearTimeout(refetchTimer);
    refetchTimer = setTimeout(function () {
      fetch(api + (view === "screen" ? "?view=room" : ""), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (board) { if (replaceAll(board)) renderBoard(); })
        .catch(function () { /* the next event or reconnect tries again */ });
    }, wait);
  }

  document.addEventListener("rt:board", function (event) {
    var data = event.detail || {};
    if (!applyEvent(data)) return;
    renderBoard();
    if (view === "screen") refetchSoon(500); // the heat map is computed by the server
  });
  document.addEventListener("rt:live-hello", function () {
    refetchSoon(300); // after a (re)connect: the board as it is now
    flushQueue();
  });

  replaceAll(initial());
  renderBoard();
  renderUndo();

  function initial() {
    var data = JSON.parse(dataNode.textContent);
    if (typeof data.seq !== "number") data.seq = 0;
    return data;
  }

  // --- participant: the capture form, similar items, and the offline queue ----------------------

  var form = document.querySelector("[data-capture-form]");
  var captures = null;
  function flushQueue() { if (captures) flushCaptures(); }
  if (!form) return;
  var capturesList = document.querySelector("[data-captures]");
  var storeKey = queueKey(sid);
  var fromSelect = form.elements.from_team;
  var textArea = form.elements.what_happens;

  captures = loadQueue(storeKey); // [{id, body, state: "sending"|"saved"|"failed", detail}]

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
        if (replaceAll(res.data)) renderBoard();
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
    each(form.querySelectorAll('input[name="to_teams"]:checked'), function (b) {
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
      var note = el("span", "similar-note");
      note.setAttribute("role", "status");
      if (item.author === me || myVotes[item.id]) {
        note.textContent = item.author === me ? "This is your own item." : "You already see this too.";
        li.appendChild(note);
        similarList.appendChild(li);
        return;
      }
      var b = el("button", "button small secondary", "Vote instead");
      b.type = "button";
      b.appendChild(el("span", "visually-hidden", ": we see “" + short(item.what_happens, 60) + "” too"));
      b.addEventListener("click", function () {
        if (b.getAttribute("aria-busy") === "true") return;
        b.setAttribute("aria-busy", "true");
        post("/items/" + encodeURIComponent(item.id) + "/vote", { id: uuid() }).then(function (res) {
          if (res.ok) {
            if (replaceAll(res.data)) renderBoard();
            note.textContent = "Vote added: no need to capture it again.";
            b.hidden = true;
            note.setAttribute("tabindex", "-1");
            note.focus();
          } else {
            note.textContent = refusal(res);
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
  flushCaptures();
})();
