// What a live view says about the clock, pure (no DOM), so node tests it: the phone's and the
// console's labels (livePaint) and the big screen's scene, "Next:" line and 30-second cue
// (screenPaint). app/web/live_first_paint.py paints the same at render time; both run
// tests/data/live_display_cases.json (tests/web/test_live_display_cases.py).
import { formatClock } from "../shared/time.js";
import { currentSegment, displayRound, remainingMs } from "./clock.js";

export var STATUS_TEXT = { not_started: "Not started", running: "Running", paused: "Paused", ended: "Ended" };

// The segment after the current one (the first before the start); null after the last.
export function nextSegment(c, show) {
  if (c.status === "not_started") return show[0] || null;
  return c.segment_index != null ? show[c.segment_index + 1] || null : null;
}

// The live page's texts for clock `c` (already derived to `now`).
export function livePaint(c, show, now, totalRounds, view) {
  var seg = currentSegment(c, show);
  var label = c.status === "ended" ? "Session ended" :
    c.status === "not_started" ? "Not started yet" : (seg ? segmentLabel(seg, view) : "—");
  var next = nextSegment(c, show);
  var round = displayRound(c, show);
  var roundText = round ? "Round " + round + " of " + totalRounds : "";
  if (seg && seg.kind !== "topic" && round) roundText = "Coming up: round " + round + " of " + totalRounds;
  var topic = seg && seg.kind === "topic" && c.status !== "ended" ? seg.topic : null;
  return {
    status: c.status,
    status_text: STATUS_TEXT[c.status] || c.status,
    // "topic" while a conversation runs; otherwise (changeover, break…) it is time to move.
    phase: c.status === "ended" ? "ended" : seg ? seg.kind : "not_started",
    label: label,
    countdown: formatClock(remainingMs(c, now, show)),
    next_label: next ? next.label : c.status === "ended" ? "Nothing: thank you!" : "End of session",
    round: round,
    round_text: roundText,
    topic: topic,
    speaker: topic != null ? seg.speaker : null
  };
}

// The big screen names each table's speaker, so its label drops the letter.
function segmentLabel(seg, view) {
  return view === "screen" && seg.kind === "topic" ? seg.label.replace(/ · Speaker \w+$/, "") : seg.label;
}

export var SOON_MS = 30000;
var SOON_TEXT = {
  topic: "30 seconds left: time to wrap up",
  changeover: "30 seconds: take your seat",
  "break": "Back in 30 seconds",
  welcome: "Starting in 30 seconds",
  wrapup: "30 seconds left"
};
// Which parts each scene shows; CSS lays them out per scene.
export var PARTS = {
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
var NEXT_KIND = { welcome: "welcome", changeover: "move to your next table", "break": "a break", wrapup: "wrap-up" };

// The segment the big screen shows: only while running or paused.
export function screenSegment(c, show) {
  if (c.status !== "running" && c.status !== "paused") return null;
  return c.segment_index == null ? null : show[c.segment_index] || null;
}

// The big screen for clock `c` at `now` in the facilitator's `mode`.
export function screenPaint(c, show, now, mode, totalRounds) {
  var seg = screenSegment(c, show);
  var auto = c.status === "ended" ? "end" : !seg ? "welcome" :
    ({ topic: "talk", changeover: "move", welcome: "opening" }[seg.kind] || seg.kind); // break, wrapup
  // The room-wide "Move now" cue wins over the board and the goals: people must move.
  var scene = mode === "clock" ? auto : auto === "move" && (mode === "board" || mode === "goals") ? "move" : mode;
  var left = c.status === "running" && c.deadline_ms != null ? c.deadline_ms - now : null;
  var soon = left !== null && left > 0 && left <= SOON_MS && !!seg;
  return {
    scene: scene,
    parts: PARTS[scene] || [],
    next: screenNext(c, show, totalRounds),
    soon: soon ? SOON_TEXT[seg.kind] || "30 seconds left" : ""
  };
}

function screenNext(c, show, totalRounds) {
  if (c.status === "ended") return "";
  var next = nextSegment(c, show);
  if (!next) return "Next: the end of the session";
  if (next.kind === "topic" && next.topic === 1 && next.speaker === 0) return "Next: round " + next.round + " of " + totalRounds;
  if (next.kind === "topic") return "Next: topic " + next.topic + " of 3: " + topicName(next) + (next.speaker ? ", next speaker" : "");
  return "Next: " + (NEXT_KIND[next.kind] || next.label);
}

function topicName(seg) {
  // The label reads "Round 1 · Topic 2: Most pressing issue · Speaker A": keep the topic.
  var m = /Topic \d+: ([^·]+)/.exec(seg.label || "");
  return m ? m[1].trim() : seg.label;
}
