// Which scene the room needs now (welcome, talk, move, board…; the facilitator's mode can
// override it), what comes next in words, whose turn it is, and the 30-second warning.
import { setText } from "../shared/dom.js";
import { scheduleChime } from "./chimes.js";
import { fit, resetPages } from "./fit.js";
import { live, q, qa, root, screen } from "./page.js";
import { refreshSettings } from "./settings.js";

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
  var mode = screen.settings.mode;
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
  resetPages(); // the board comes up with its top items
  if (name === "end" && was !== null) refreshSettings(); // closing figures as they are now
  fit();
}

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

export function update() {
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

// The facilitator's mode may have changed: the next update picks the scene again.
export function forgetScene() { scene = null; }

