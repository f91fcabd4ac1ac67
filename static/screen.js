// The room's big screen: one viewport, no scrolling. static/live/ keeps the clock (from the
// server's absolute deadlines); this file picks the scene the room needs now, rotates the board
// spotlight, chimes at the end of each talk segment and at the changeover (on the deadline, not
// on the next tick), and follows what the facilitator chose on the console ("screen" events).
// Loaded as an ES module for the helpers it shares with the other live pages (static/shared/).
import { setText, within } from "./shared/dom.js";
import { getJson } from "./shared/net.js";

(function () {
  var root = document.getElementById("live");
  var live = window.RoundtableLive;
  var chime = window.RoundtableChime;
  var dataNode = document.getElementById("screen-data");
  if (!root || !live || !dataNode) return;

  var sid = root.getAttribute("data-session");
  var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/live/screen";
  var settings = JSON.parse(dataNode.textContent);
  var SPOTLIGHT_TOP = 12; // the spotlight cycles through the top items only: never a long list
  var SPOTLIGHT_MAX = 3; // items shown at once, fewer when they do not fit
  var SOON_MS = 30000;
  var SOON_TEXT = {
    topic: "30 seconds left: time to wrap up",
    changeover: "30 seconds: take your seat",
    "break": "Back in 30 seconds",
    welcome: "Starting in 30 seconds",
    wrapup: "30 seconds left"
  };
  // Which parts each scene shows; CSS lays them out per scene.
  var PARTS = {
    welcome: ["welcome"],
    opening: ["clock", "welcome"],
    talk: ["clock", "tables"],
    move: ["move", "tables"],
    "break": ["clock", "board"],
    wrapup: ["clock", "board"],
    end: ["end"],
    board: ["board"],
    goals: ["welcome"],
    message: ["message"],
    blank: []
  };

  var find = within(root);
  var q = find.q, qa = find.qa;

  // --- which scene ------------------------------------------------------------------------------

  function segmentOf(c) {
    if (c.status !== "running" && c.status !== "paused") return null;
    return c.segment_index == null ? null : live.show()[c.segment_index] || null;
  }

  function phaseScene(c, seg) {
    if (c.status === "ended") return "end";
    if (!seg) return "welcome";
    if (seg.kind === "topic") return "talk";
    if (seg.kind === "changeover") return "move";
    if (seg.kind === "welcome") return "opening";
    return seg.kind; // break, wrapup
  }

  function sceneFor(c, seg) {
    var auto = phaseScene(c, seg);
    var mode = settings.mode;
    if (mode === "clock") return auto;
    // The room-wide "Move now" cue wins over the board and the goals: people must move.
    if (auto === "move" && (mode === "board" || mode === "goals")) return "move";
    return mode;
  }

  var scene = null;
  function showScene(name) {
    if (name === scene) return;
    var was = scene;
    scene = name;
    root.setAttribute("data-scene", name);
    var on = PARTS[name] || [];
    qa("[data-part]").forEach(function (el) {
      var show = on.indexOf(el.getAttribute("data-part")) !== -1;
      if (el.hidden === show) el.hidden = !show;
    });
    q(".screen-head").hidden = name === "blank";
    perPage = SPOTLIGHT_MAX;
    spotPage = 0; // the board comes up with its top items
    tablePage = 0;
    if (name === "end" && was !== null) refreshSettings(); // closing figures as they are now
    fit();
  }

  // --- the clock's words for the room -----------------------------------------------------------

  function nextText(c) {
    if (c.status === "ended") return "";
    var show = live.show();
    var next = c.status === "not_started" ? show[0] : c.segment_index != null ? show[c.segment_index + 1] : null;
    if (!next) return "Next: the end of the session";
    if (next.kind === "topic" && next.topic === 1 && next.speaker === 0) return "Next: round " + next.round + " of " + live.totalRounds;
    if (next.kind === "topic") return "Next: topic " + next.topic + " of 3: " + topicName(next) + (next.speaker ? ", next speaker" : "");
    return "Next: " + ({ welcome: "welcome", changeover: "move to your next table", "break": "a break", wrapup: "wrap-up" }[next.kind] || next.label);
  }

  function topicName(seg) {
    // The label reads "Round 1 · Topic 2: Most pressing issue · Speaker A": keep the topic.
    var m = /Topic \d+: ([^·]+)/.exec(seg.label || "");
    return m ? m[1].trim() : seg.label;
  }

  function markSpeakers(seg) {
    var slot = seg && seg.kind === "topic" ? String(seg.speaker) : null;
    var changed = false;
    qa(".screen-tables .person").forEach(function (el) {
      var speaking = slot !== null && el.getAttribute("data-slot") === slot;
      el.classList.toggle("speaking", speaking);
      var note = el.querySelector(".speaks");
      if (note && note.hidden === speaking) { note.hidden = !speaking; changed = true; }
    });
    return changed;
  }

  function update() {
    var c = live.clock();
    var seg = segmentOf(c);
    var marked = markSpeakers(seg); // before fitting: the marks take room
    var before = scene;
    showScene(sceneFor(c, seg));
    if (marked && scene === before) fit();
    setText(q("[data-screen-next]"), nextText(c));
    setText(q("[data-move-countdown]"), (q("[data-countdown]") || {}).textContent || "");
    var left = c.status === "running" && c.deadline_ms != null ? c.deadline_ms - live.serverNow() : null;
    var soon = left !== null && left > 0 && left <= SOON_MS && !!seg;
    var soonBox = q("[data-soon]");
    if (soonBox) {
      if (soon) setText(soonBox, SOON_TEXT[seg.kind] || "30 seconds left");
      if (soonBox.hidden === soon) soonBox.hidden = !soon;
    }
    root.classList.toggle("ending-soon", soon);
    scheduleChime(c);
  }

  // --- chimes, on the deadline itself -----------------------------------------------------------

  var chimeTimer = null, chimeFor = null;
  function scheduleChime(c) {
    var key = c.status === "running" && c.deadline_ms != null ? c.segment_index + "@" + c.deadline_ms : null;
    if (key === chimeFor) return;
    clearTimeout(chimeTimer);
    chimeFor = key;
    if (key === null) return;
    var ending = live.show()[c.segment_index];
    var next = live.show()[c.segment_index + 1];
    var kind = next && next.kind === "changeover" ? "changeover" : ending && ending.kind === "topic" ? "talk" : null;
    if (!kind) return;
    var wait = c.deadline_ms - live.serverNow();
    if (wait < -250) return; // long past (a page opened late): not a cue any more
    chimeTimer = setTimeout(function () { ring(kind); update(); }, Math.max(0, wait));
  }

  function localMute() {
    try { return localStorage.getItem("rt-screen-muted") === "1"; } catch (e) { return false; }
  }

  function ring(kind) {
    if (settings.muted || localMute() || !chime) return;
    if (chime.play(kind)) root.setAttribute("data-last-chime", kind);
  }

  var soundButton = q("[data-sound-toggle]");
  function renderSound() {
    if (!soundButton) return;
    var on = chime && chime.unlocked() && !localMute() && !settings.muted;
    var text = settings.muted ? "Chimes muted by the facilitator" :
      !(chime && chime.unlocked()) ? "Chimes: click to turn on" : localMute() ? "Chimes muted" : "Chimes on";
    setText(soundButton, text);
    soundButton.setAttribute("aria-pressed", on ? "true" : "false");
  }

  // Any click on the screen (the facilitator's first) lets the page make sound.
  document.addEventListener("click", function (event) {
    var first = chime && !chime.unlocked();
    if (chime) chime.unlock();
    if (event.target === soundButton && !first) {
      try { localStorage.setItem("rt-screen-muted", localMute() ? "0" : "1"); } catch (e) { /* ignore */ }
    } else if (event.target === soundButton && first) {
      try { localStorage.setItem("rt-screen-muted", "0"); } catch (e) { /* ignore */ }
    }
    renderSound();
  });

  // --- the board spotlight ----------------------------------------------------------------------

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
      (settings.spotlight_paused ? " · paused" : "") : "";
    setText(where, text);
    if (where) where.hidden = !text;
  }

  function restartSpotlight() {
    clearInterval(spotTimer);
    spotTimer = setInterval(function () {
      tablePage += 1; // pages of tables, when there are too many for one screen
      var board = q('[data-part="board"]');
      if (!settings.spotlight_paused && board && !board.hidden) spotPage += 1;
      fit();
    }, Math.max(3, settings.pace_seconds || 8) * 1000);
  }

  // --- fitting one viewport: fewer items per page, pages of tables -------------------------------

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

  function fit() {
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

  if (list && window.MutationObserver) {
    new MutationObserver(function () { if (!fitting) fit(); }).observe(list, { childList: true });
  }
  window.addEventListener("resize", function () { perPage = SPOTLIGHT_MAX; fit(); });

  // --- the facilitator's choice -----------------------------------------------------------------

  function applySettings(next) {
    if (!next) return;
    var paceChanged = next.pace_seconds !== settings.pace_seconds;
    settings = next;
    root.setAttribute("data-theme", next.theme || "dark");
    document.body.setAttribute("data-screen-theme", next.theme || "dark");
    setText(q("[data-screen-message]"), next.message || "");
    if (next.closing) {
      Object.keys(next.closing).forEach(function (k) {
        setText(q('[data-figure="' + k + '"]'), String(next.closing[k]));
      });
    }
    if (paceChanged) restartSpotlight();
    scene = null; // the mode may have changed: pick again
    renderSound();
    update();
  }

  function refreshSettings() {
    getJson(api)
      .then(applySettings)
      .catch(function () { /* the next event or reconnect tries again */ });
  }

  document.addEventListener("rt:screen", function (event) {
    var data = event.detail || {};
    if (data.screen) applySettings(Object.assign({}, data.screen, { closing: settings.closing }));
  });
  document.addEventListener("rt:live-hello", refreshSettings); // after a reconnect
  document.addEventListener("rt:live-render", update);

  document.body.setAttribute("data-screen-theme", settings.theme || "dark");
  restartSpotlight();
  renderSound();
  update();
  fit();
})();
