// What the facilitator chose for the screen on the console (mode, theme, message, pace, mute,
// closing figures): from the page, from "screen" events, and read again after a reconnect.
import { setText } from "../shared/dom.js";
import { getJson } from "../shared/net.js";
import { renderSound } from "./chimes.js";
import { restartSpotlight } from "./fit.js";
import { api, q, root, screen } from "./page.js";
import { forgetScene, update } from "./scenes.js";

function applySettings(next) {
  if (!next) return;
  var paceChanged = next.pace_seconds !== screen.settings.pace_seconds;
  screen.settings = next;
  root.setAttribute("data-theme", next.theme || "dark");
  document.body.setAttribute("data-screen-theme", next.theme || "dark");
  setText(q("[data-screen-message]"), next.message || "");
  if (next.closing) {
    Object.keys(next.closing).forEach(function (k) {
      setText(q('[data-figure="' + k + '"]'), String(next.closing[k]));
    });
  }
  if (paceChanged) restartSpotlight();
  forgetScene(); // the mode may have changed: pick again
  renderSound();
  update();
}

export function refreshSettings() {
  getJson(api)
    .then(applySettings)
    .catch(function () { /* the next event or reconnect tries again */ });
}

export function setupSettings() {
  document.addEventListener("rt:screen", function (event) {
    var data = event.detail || {};
    if (data.screen) applySettings(Object.assign({}, data.screen, { closing: screen.settings.closing }));
  });
  document.addEventListener("rt:live-hello", refreshSettings); // after a reconnect
  document.addEventListener("rt:live-render", update);
}
