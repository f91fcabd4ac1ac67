// The live page as of now: the countdown, the segment and what comes next, the round's tables,
// whose turn it is; segment changes are announced to screen readers and cued.
import { emitDom, setText } from "../shared/dom.js";
import { currentSegment, derive } from "./clock.js";
import { updateControls } from "./controls.js";
import { cue } from "./cues.js";
import { livePaint } from "./display.js";
import { q, qa, root, serverNow, state, totalRounds, view } from "./page.js";

var shownKey; // status and segment shown last: a change is announced
var shownSegment; // a change of segment also gives the cue

export function render() {
  var now = serverNow();
  var c = derive(state.clock, state.show, now);
  var seg = currentSegment(c, state.show);
  var paint = livePaint(c, state.show, now, totalRounds, view);
  setText(q("[data-segment-label]"), paint.label);
  setText(q("[data-countdown]"), paint.countdown);
  setText(q("[data-status-text]"), paint.status_text);
  root.setAttribute("data-status", c.status);
  root.setAttribute("data-phase", paint.phase);
  setText(q("[data-next-label]"), paint.next_label);
  setText(q("[data-round-text]"), paint.round_text);
  showRound(paint.round);
  showTopic(paint);
  if (view === "console") updateControls(c);

  // Screen readers hear segment and status changes only, never the seconds ticking.
  var key = c.status + ":" + c.segment_index;
  if (shownKey !== undefined && key !== shownKey) {
    announce(paint.label + " · " + paint.status_text);
    if (c.segment_index !== shownSegment) cue(seg);
  }
  shownKey = key;
  shownSegment = c.segment_index;
  emitDom("rt:live-render", null);
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

function showTopic(paint) {
  var topic = paint.topic, round = paint.round;
  qa("[data-topic]").forEach(function (el) {
    el.classList.toggle("current", String(topic) === el.getAttribute("data-topic"));
  });
  var speakerNote = q("[data-speaker-text]");
  if (!speakerNote) return;
  var block = round ? q('.my-round[data-round="' + round + '"]') : null;
  var who = block && topic ? block.querySelector('[data-speaker="' + paint.speaker + '"]') : null;
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
