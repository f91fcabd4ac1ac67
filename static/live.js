// Roundtable live views: a local clock from absolute deadlines, a websocket for changes,
// and (on the console) one-click controls. No tick events exist: every client advances the
// run of show itself when a deadline passes, using a server-clock offset measured NTP-style.
(function () {
  "use strict";
  var root = document.getElementById("live");
  var dataNode = document.getElementById("live-data");
  if (!root || !dataNode) return;

  var sid = root.getAttribute("data-session");
  var view = root.getAttribute("data-view");
  var totalRounds = parseInt(root.getAttribute("data-rounds") || "0", 10);
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/live";
  var STATUS_TEXT = { not_started: "Not started", running: "Running", paused: "Paused", ended: "Ended" };

  var snap = JSON.parse(dataNode.textContent);
  var state = { clock: snap.clock, show: snap.show || [], lastSeq: snap.seq || 0 };
  // Until pings answer, the page's render time is a fair first guess of the server's clock.
  var offset = typeof snap.server_ms === "number" ? snap.server_ms - Date.now() : 0;
  var samples = [];
  var shownKey; // status and segment shown last: a change is announced
  var shownSegment; // a change of segment also gives the cue
  var stopped = false;

  function q(sel) { return root.querySelector(sel); }
  function qa(sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function setText(el, text) { if (el && el.textContent !== text) el.textContent = text; }
  function serverNow() { return Date.now() + offset; }

  // The clock as of now: while running, passed deadlines move it on segment by segment.
  function derive(clock, show, now) {
    var c = Object.assign({}, clock);
    if (c.status !== "running" || c.deadline_ms == null || c.segment_index == null) return c;
    while (now >= c.deadline_ms) {
      c.segment_index += 1;
      if (c.segment_index >= show.length) {
        c.status = "ended"; c.ended_at_ms = c.deadline_ms; c.segment_index = null; c.deadline_ms = null;
        break;
      }
      c.deadline_ms += show[c.segment_index].seconds * 1000;
    }
    return c;
  }

  function remainingMs(c, now) {
    if (c.status === "running" && c.deadline_ms != null) return Math.max(0, c.deadline_ms - now);
    if (c.status === "paused" && c.remaining_ms != null) return Math.max(0, c.remaining_ms);
    if (c.status === "not_started") return state.show.length ? state.show[0].seconds * 1000 : null;
    return 0;
  }

  function format(ms) {
    if (ms == null) return "--:--";
    var total = Math.ceil(ms / 1000);
    var m = Math.floor(total / 60), s = total % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  // The round whose tables matter now: the current topic's, else the next one coming.
  function displayRound(c) {
    if (c.status === "ended") return null;
    var from = c.segment_index == null ? 0 : c.segment_index;
    for (var i = from; i < state.show.length; i++) {
      if (state.show[i].kind === "topic") return state.show[i].round;
    }
    return null;
  }

  function currentSegment(c) {
    if (c.status === "not_started") return null;
    return c.segment_index == null ? null : state.show[c.segment_index] || null;
  }

  function render() {
    var now = serverNow();
    var c = derive(state.clock, state.show, now);
    var seg = currentSegment(c);
    var label = c.status === "ended" ? "Session ended" :
      c.status === "not_started" ? "Not started yet" : (seg ? segmentLabel(seg) : "—");
    var next = c.status === "not_started" ? state.show[0] :
      (c.segment_index != null ? state.show[c.segment_index + 1] : null);
    setText(q("[data-segment-label]"), label);
    setText(q("[data-countdown]"), format(remainingMs(c, now)));
    setText(q("[data-status-text]"), STATUS_TEXT[c.status] || c.status);
    root.setAttribute("data-status", c.status);
    // "topic" while a conversation runs; otherwise (changeover, break…) it is time to move.
    root.setAttribute("data-phase", c.status === "ended" ? "ended" : seg ? seg.kind : "not_started");
    setText(q("[data-next-label]"), next ? next.label : c.status === "ended" ? "Nothing: thank you!" : "End of session");
    var round = displayRound(c);
    var roundText = round ? "Round " + round + " of " + totalRounds : "";
    if (seg && seg.kind !== "topic" && round) roundText = "Coming up: round " + round + " of " + totalRounds;
    setText(q("[data-round-text]"), roundText);
    showRound(round);
    showTopic(c, seg, round);
    if (view === "console") updateControls(c);

    // Screen readers hear segment and status changes only, never the seconds ticking.
    var key = c.status + ":" + c.segment_index;
    if (shownKey !== undefined && key !== shownKey) {
      announce(label + " · " + (STATUS_TEXT[c.status] || c.status));
      if (c.segment_index !== shownSegment) cue(seg);
    }
    shownKey = key;
    shownSegment = c.segment_index;
    emit("rt:live-render", null);
  }

  // The big screen names each table's speaker (static/screen.js), so its label drops the letter.
  function segmentLabel(seg) {
    return view === "screen" && seg.kind === "topic" ? seg.label.replace(/ · Speaker \w+$/, "") : seg.label;
  }

  function showRound(round) {
    var any = false;
    qa("[data-round]").forEach(function (el) {
      var on = String(round) === el.getAttribute("data-round");
      if (el.hidden === on) el.hidden = !on;
      any = any || on;
    });
    var none = q("[data-no-round]");
    if (none) none.hidden = any || root.getAttribute("data-status") === "ended"; // no round comes
  }

  function showTopic(c, seg, round) {
    var topic = seg && seg.kind === "topic" && c.status !== "ended" ? seg.topic : null;
    qa("[data-topic]").forEach(function (el) {
      el.classList.toggle("current", String(topic) === el.getAttribute("data-topic"));
    });
    var speakerNote = q("[data-speaker-text]");
    if (!speakerNote) return;
    var block = round ? q('.my-round[data-round="' + round + '"]') : null;
    var who = block && topic ? block.querySelector('[data-speaker="' + seg.speaker + '"]') : null;
    speakerNote.hidden = !who;
    if (who) {
      var name = who.getAttribute("data-name");
      setText(speakerNote, name === "you" ? "Your turn to speak." : name + " speaks now.");
    }
  }

  function announce(text) {
    var el = q("[data-announce]");
    if (el) el.textContent = text;
  }

  // A gentle cue on a segment change: a flash, and on request a vibration or a soft tone.
  function cue(seg) {
    var target = q(".live-clock");
    if (target) {
      target.classList.remove("flash");
      void target.offsetWidth; // restart the animation
      target.classList.add("flash");
      setTimeout(function () { target.classList.remove("flash"); }, 1600);
    }
    if (view !== "participant") return;
    if (pref("vibrate") && navigator.vibrate) navigator.vibrate([120, 80, 120]);
    if (pref("sound")) chimeOrBeep(seg && seg.kind === "changeover" ? "changeover" : "talk");
  }

  // The big screen's chimes (static/chime.js) where the page has them: a distinct one to move.
  function chimeOrBeep(kind, inClick) {
    var chime = window.RoundtableChime;
    if (chime) {
      if (inClick) chime.unlock();
      if (chime.play(kind)) return;
    }
    beep();
  }

  function pref(name) {
    try { return localStorage.getItem("rt-live-cue-" + name) === "1"; } catch (e) { return false; }
  }

  var audio = null;
  function beep() {
    try {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      audio = audio || new Ctx();
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.6);
      osc.connect(gain); gain.connect(audio.destination);
      osc.start(); osc.stop(audio.currentTime + 0.65);
    } catch (e) { /* no sound: the flash still shows */ }
  }

  qa("[data-cue]").forEach(function (box) {
    var name = box.getAttribute("data-cue");
    box.checked = pref(name);
    box.addEventListener("change", function () {
      try { localStorage.setItem("rt-live-cue-" + name, box.checked ? "1" : "0"); } catch (e) { /* ignore */ }
      if (box.checked && name === "sound") chimeOrBeep("talk", true); // the tap unlocks audio
    });
  });
  if (navigator.vibrate) qa("[data-vibrate-option]").forEach(function (el) { el.hidden = false; });

  // Clock updates: from the websocket, a control's answer or a fresh snapshot.
  function applyClock(clock) {
    if (!clock) return;
    if (clock.seq < state.clock.seq) return; // older than what we show
    state.clock = clock;
    render();
  }

  function applySnapshot(s) {
    if (!s) return;
    if (typeof s.server_ms === "number" && !samples.length) offset = s.server_ms - Date.now();
    if (s.show) state.show = s.show;
    state.clock = s.clock;
    state.lastSeq = Math.max(state.lastSeq, s.seq || 0);
    render();
  }

  // Connection: websocket with reconnect (0.5 s doubling to 10 s, with jitter) and pings.
  var ws = null, attempt = 0, pingTimer = null, pingSeq = 0, pongWatch = null, retryTimer = null;

  function setConn(kind, text) {
    var el = q("[data-conn]");
    if (!el) return;
    el.setAttribute("data-conn", kind);
    setText(q("[data-conn-text]"), text);
  }

  function connect() {
    if (stopped) return;
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    try {
      // The big screen is the room: it asks for the room's frames whichever link opened it.
      var room = view === "screen" ? "&view=room" : "";
      ws = new WebSocket(scheme + "//" + location.host + api + "/ws?since=" + state.lastSeq + room);
    } catch (e) { scheduleReconnect(); return; }
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      onMessage(msg);
    };
    ws.onclose = function (event) {
      clearPings();
      ws = null;
      if (event.code === 1008 || event.code === 4403) {
        stopped = true;
        setConn("refused", "Your link no longer works");
        return;
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (stopped) return;
    setConn("reconnecting", "reconnecting…");
    var base = Math.min(10000, 500 * Math.pow(2, attempt));
    attempt += 1;
    var wait = base / 2 + Math.random() * base / 2;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, wait);
  }

  function onMessage(msg) {
    if (msg.type === "hello") {
      attempt = 0;
      setConn("live", "live");
      if (msg.snapshot) applySnapshot(msg.snapshot);
      else if (typeof msg.server_ms === "number" && !samples.length) offset = msg.server_ms - Date.now();
      startPings();
      emit("rt:live-hello", null);
      return;
    }
    if (msg.type === "pong") { onPong(msg); return; }
    if (msg.type === "presence") { showPresence(msg.members || {}); return; }
    if (msg.type === "error") { return; }
    if (typeof msg.seq !== "number" || msg.seq <= state.lastSeq) return;
    if (msg.type === "clock") {
      state.lastSeq = msg.seq;
      applyClock(msg.data && msg.data.clock);
      emit("rt:clock", msg.data && msg.data.clock); // static/board.js closes captures at the end
    } else if (msg.type === "plan") {
      state.lastSeq = msg.seq;
      // New assignments are rendered server-side; stagger reloads so a room does not stampede.
      setTimeout(function () { location.reload(); }, Math.random() * 1500);
    } else if (msg.type === "resync") {
      state.lastSeq = msg.seq;
      resync();
      emit("rt:live-hello", null);
    } else if (msg.type === "screen") {
      state.lastSeq = msg.seq;
      emit("rt:screen", msg.data); // static/screen.js: what the big screen shows
    } else if (msg.type === "board") {
      state.lastSeq = msg.seq;
      emit("rt:board", msg.data); // static/board.js keeps the capture board
    } else {
      state.lastSeq = msg.seq; // a type this page has no use for
    }
  }

  // Who is connected (console only): the server sends the whole view, merged over workers.
  function showPresence(members) {
    var heads = 0;
    qa("[data-presence-of]").forEach(function (el) {
      var n = members[el.getAttribute("data-presence-of")] || 0;
      if (n) heads += 1;
      setText(el, n ? (n > 1 ? "connected (" + n + " devices)" : "connected") : "not connected");
      el.classList.toggle("is-connected", n > 0);
    });
    var summary = q("[data-presence-summary]");
    if (!summary) return;
    var people = summary.getAttribute("data-people");
    var parts = ["Connected now: " + heads + " of " + people + " department heads"];
    var screens = members.facilitator || 0;
    parts.push(screens + " facilitator screen" + (screens === 1 ? "" : "s"));
    if (members.executive) parts.push(members.executive + " executive" + (members.executive === 1 ? "" : "s"));
    setText(summary, parts.join(" · "));
  }

  // Other scripts on the page (static/board.js) follow the socket through DOM events.
  function emit(name, detail) {
    try { document.dispatchEvent(new CustomEvent(name, { detail: detail })); } catch (e) { /* ignore */ }
  }

  function resync() {
    fetch(api, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
      .then(applySnapshot)
      .catch(function () { if (ws) ws.close(); });
  }

  function sendPing() {
    if (!ws || ws.readyState !== 1) return;
    pingSeq += 1;
    ws.send(JSON.stringify({ type: "ping", id: pingSeq, t0: Date.now() }));
  }

  function startPings() {
    clearPings();
    for (var i = 0; i < 5; i++) setTimeout(sendPing, i * 250);
    pingTimer = setInterval(function () {
      sendPing();
      // No answer within 10 s: the connection is dead even if the socket has not noticed.
      clearTimeout(pongWatch);
      pongWatch = setTimeout(function () { if (ws) ws.close(); }, 10000);
    }, 30000);
  }

  function clearPings() {
    clearInterval(pingTimer);
    clearTimeout(pongWatch);
  }

  function onPong(msg) {
    clearTimeout(pongWatch);
    if (typeof msg.t0 !== "number" || typeof msg.server_ms !== "number") return;
    var t1 = Date.now();
    samples.push({ rtt: t1 - msg.t0, offset: msg.server_ms - (msg.t0 + t1) / 2 });
    if (samples.length > 8) samples.shift();
    var best = samples.reduce(function (a, b) { return b.rtt < a.rtt ? b : a; });
    offset = best.offset;
  }

  // Console controls: one request at a time, each with its own id and the clock seq we saw.
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
  function updateControls(c) {
    qa("[data-control]").forEach(function (button) {
      var ok = (ALLOWED[button.getAttribute("data-control")] || []).indexOf(c.status) !== -1;
      var value = busy || !ok ? "true" : "false";
      if (button.getAttribute("aria-disabled") !== value) button.setAttribute("aria-disabled", value);
    });
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
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

  root.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-control]") : null;
    if (!button || button.hasAttribute("data-custom")) return;
    var seconds = parseInt(button.getAttribute("data-seconds") || "0", 10);
    sendControl(button, button.getAttribute("data-control"), seconds);
  });

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

  // A phone waking up or a network coming back should not wait out the backoff.
  function reconnectNow() {
    if (stopped) return;
    if (ws && ws.readyState === 1) { sendPing(); return; }
    if (ws) return; // still connecting
    attempt = 0;
    clearTimeout(retryTimer);
    connect();
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") reconnectNow();
  });
  window.addEventListener("online", reconnectNow);

  // Other scripts (static/screen.js) read the clock as this page derives it, never their own.
  window.RoundtableLive = {
    serverNow: serverNow,
    show: function () { return state.show; },
    clock: function () { return derive(state.clock, state.show, serverNow()); },
    totalRounds: totalRounds
  };
  render();
  setInterval(render, 250);
  if (window.WebSocket) connect(); else setConn("reconnecting", "live updates unavailable");
})();
