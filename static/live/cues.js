// A gentle cue on a segment change: a flash, and on request (a participant's phone) a vibration
// or a soft tone; the choices are kept on the device.
import { q, qa, view } from "./page.js";

export function cue(seg) {
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

// The participant's cue checkboxes.
export function setupCues() {
  qa("[data-cue]").forEach(function (box) {
    var name = box.getAttribute("data-cue");
    box.checked = pref(name);
    box.addEventListener("change", function () {
      try { localStorage.setItem("rt-live-cue-" + name, box.checked ? "1" : "0"); } catch (e) { /* ignore */ }
      if (box.checked && name === "sound") chimeOrBeep("talk", true); // the tap unlocks audio
    });
  });
  if (navigator.vibrate) qa("[data-vibrate-option]").forEach(function (el) { el.hidden = false; });
}
