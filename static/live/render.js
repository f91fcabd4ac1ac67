// The live page as of now: the countdown, the segment and what comes next, the round's tables,
// whose turn it is; segment changes are announced to screen readers and cued.
import { emitDom, setText } from "../shared/dom.js";
import { formatClock } from "../shared/time.js";
import { currentSegment, derive, displayRound, remainingMs } from "./clock.js";
import { updateControls } from "./controls.js";
import { cue } from "./cues.js";
import { STATUS_TEXT, q, qa, root, serverNow, state, totalRounds, view } from "./page.js";

var shownKey; // status and segment shown last: a change is announced
var shownSegment; // a change of segment also gives the cue

export function render() {
  var now = serverNow();
  var c = derive(state.clock, state.show, now);
  var seg = currentSegment(c, state.show);
  var label = c.status === "ended" ? "Session ended" :
    c.status === "not_started" ? "Not started yet" : (seg ? segmentLabel(seg) : "—");
  var next = c.status === "not_started" ? state.show[0] :
    (c.segment_index != null ? state.show[c.segment_index + 1] : null);
  setText(q("[data-segment-label]"), label);
  setText(q("[data-countdown]"), formatClock(remainingMs(c, now, state.show)));
  setText(q("[data-status-text]"), STATUS_TEXT[c.status] || c.status);
  root.setAttribute("data-status", c.status);
  // "topic" while a conversation runs; otherwise (changeover, break…) it is time to move.
  root.setAttribute("data-phase", c.status === "ended" ? "ended" : seg ? seg.kind : "not_started");
  setText(q("[data-next-label]"), next ? next.label : c.status === "ended" ? "Nothing: thank you!" : "End of session");
  var round = displayRound(c, state.show);
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
  emitDom("rt:live-render", null);
}

// The big screen names each table's speaker (static/screen/), so its label drops the letter.
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
