// Changes from the server: the websocket's frames (shared/live_socket.js), a control's answer,
// or a fresh snapshot. Other scripts on the page (static/board/, static/screen/) follow the
// socket through DOM events: rt:live-hello, rt:clock, rt:board, rt:screen.
import { emitDom, setText } from "../shared/dom.js";
import { liveSocket } from "../shared/live_socket.js";
import { getJson } from "../shared/net.js";
import { api, offset, q, qa, seq, state, view } from "./page.js";
import { render } from "./render.js";

export function applyClock(clock) {
  if (!clock) return;
  if (clock.seq < state.clock.seq) return; // older than what we show
  state.clock = clock;
  render();
}

function applySnapshot(s) {
  if (!s) return;
  if (typeof s.server_ms === "number") offset.guess(s.server_ms, Date.now());
  if (s.show) state.show = s.show;
  state.clock = s.clock;
  seq.atLeast(s.seq || 0);
  render();
}

export function setConn(kind, text) {
  var el = q("[data-conn]");
  if (!el) return;
  el.setAttribute("data-conn", kind);
  setText(q("[data-conn-text]"), text);
}

export var socket = liveSocket({
  path: api + "/ws",
  // The big screen is the room: it asks for the room's frames whichever link opened it.
  query: view === "screen" ? "&view=room" : "",
  seq: seq,
  offset: offset,
  setConn: setConn,
  onHello: function (msg) {
    if (msg.snapshot) applySnapshot(msg.snapshot);
    else if (typeof msg.server_ms === "number") offset.guess(msg.server_ms, Date.now());
    emitDom("rt:live-hello", null);
  },
  onMessage: onMessage
});

function onMessage(msg) {
  if (msg.type === "presence") { showPresence(msg.members || {}); return; }
  if (msg.type === "error") { return; }
  if (!seq.accept(msg.seq)) return;
  if (msg.type === "clock") {
    applyClock(msg.data && msg.data.clock);
    emitDom("rt:clock", msg.data && msg.data.clock); // static/board/ closes captures at the end
  } else if (msg.type === "plan") {
    // New assignments are rendered server-side; stagger reloads so a room does not stampede.
    setTimeout(function () { location.reload(); }, Math.random() * 1500);
  } else if (msg.type === "resync") {
    resync();
    emitDom("rt:live-hello", null);
  } else if (msg.type === "screen") {
    emitDom("rt:screen", msg.data); // static/screen/: what the big screen shows
  } else if (msg.type === "board") {
    emitDom("rt:board", msg.data); // static/board/ keeps the capture board
  } // else: a type this page has no use for (its seq is taken all the same)
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

export function resync() {
  getJson(api)
    .then(applySnapshot)
    .catch(function () { socket.close(); });
}
