// Chimes on the deadline itself (the end of a talk segment, the changeover), not on the next
// render tick; the sound button, and the facilitator's mute.
import { setText } from "../shared/dom.js";
import { chime, live, q, root, screen } from "./page.js";
import { update } from "./scenes.js";

var chimeTimer = null, chimeFor = null;
export function scheduleChime(c) {
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
  if (screen.settings.muted || localMute() || !chime) return;
  if (chime.play(kind)) root.setAttribute("data-last-chime", kind);
}

var soundButton = q("[data-sound-toggle]");
export function renderSound() {
  if (!soundButton) return;
  var on = chime && chime.unlocked() && !localMute() && !screen.settings.muted;
  var text = screen.settings.muted ? "Chimes muted by the facilitator" :
    !(chime && chime.unlocked()) ? "Chimes: click to turn on" : localMute() ? "Chimes muted" : "Chimes on";
  setText(soundButton, text);
  soundButton.setAttribute("aria-pressed", on ? "true" : "false");
  soundButton.disabled = false; // the page's HTML disables it until this script can hear it
}

export function setupChimes() {
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
}
