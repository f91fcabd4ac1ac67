// Which scene the room needs now (welcome, talk, move, board…; the facilitator's mode can
// override it), what comes next in words, whose turn it is, and the 30-second warning.
import { PARTS, screenPaint, screenSegment } from "../live/display.js";
import { setText } from "../shared/dom.js";
import { scheduleChime } from "./chimes.js";
import { fit, resetPages } from "./fit.js";
import { live, q, qa, root, screen } from "./page.js";
import { refreshSettings } from "./settings.js";

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
  var show = live.show();
  var paint = screenPaint(c, show, live.serverNow(), screen.settings.mode, live.totalRounds);
  var marked = markSpeakers(screenSegment(c, show)); // before fitting: the marks take room
  var before = scene;
  showScene(paint.scene);
  if (marked && scene === before) fit();
  setText(q("[data-screen-next]"), paint.next);
  setText(q("[data-move-countdown]"), (q("[data-countdown]") || {}).textContent || "");
  var soon = paint.soon !== "";
  var soonBox = q("[data-soon]");
  if (soonBox) {
    if (soon) setText(soonBox, paint.soon);
    if (soonBox.hidden === soon) soonBox.hidden = !soon;
  }
  root.classList.toggle("ending-soon", soon);
  scheduleChime(c);
}

// The facilitator's mode may have changed: the next update picks the scene again.
export function forgetScene() { scene = null; }

