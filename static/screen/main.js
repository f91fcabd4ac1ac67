// The room's big screen: one viewport, no scrolling. static/live/ keeps the clock (from the
// server's absolute deadlines); this picks the scene the room needs now, rotates the board
// spotlight, chimes at the end of each talk segment and at the changeover (on the deadline, not
// on the next tick), and follows what the facilitator chose on the console ("screen" events).
// An ES module, run after static/live/main.js and static/chime.js (document order):
//   page.js      the page, the live clock, the chimes, the facilitator's settings
//   scenes.js    which scene, the words for what comes next, whose turn, the 30 s warning
//   chimes.js    chimes on the deadline, the sound button
//   fit.js       one viewport: spotlight pages, table pages, text sizes
//   settings.js  the facilitator's choice from the console
import { renderSound, setupChimes } from "./chimes.js";
import { fit, restartSpotlight, setupFit } from "./fit.js";
import { present, screen } from "./page.js";
import { update } from "./scenes.js";
import { setupSettings } from "./settings.js";

if (present) {
  setupChimes();
  setupFit();
  setupSettings();

  document.body.setAttribute("data-screen-theme", screen.settings.theme || "dark");
  restartSpotlight();
  renderSound();
  update();
  fit();
}
