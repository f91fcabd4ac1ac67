// Roundtable live views: a local clock from absolute deadlines, a websocket for changes,
// and (on the console) one-click controls. No tick events exist: every client advances the
// run of show itself when a deadline passes, using a server-clock offset measured NTP-style.
// Loaded as an ES module (deferred, in document order with the classic scripts after it):
//   page.js      the page, the clock and show as received, the resume seq, the clock offset
//   clock.js     derive(): the clock as of now (pure; the browser's half of the advance rule)
//   render.js    the countdown, segment, round, speaker; announcements
//   cues.js      flash, vibration, tone on a segment change
//   updates.js   websocket frames (../shared/live_socket.js), snapshots, presence
//   controls.js  the console's controls
import { derive } from "./clock.js";
import { setupControls } from "./controls.js";
import { setupCues } from "./cues.js";
import { present, serverNow, state, totalRounds } from "./page.js";
import { render } from "./render.js";
import { setConn, socket } from "./updates.js";

if (present) {
  setupCues();
  setupControls();
  socket.start();

  // Other scripts (static/screen/) read the clock as this page derives it, never their own.
  window.RoundtableLive = {
    serverNow: serverNow,
    show: function () { return state.show; },
    clock: function () { return derive(state.clock, state.show, serverNow()); },
    totalRounds: totalRounds
  };
  render();
  setInterval(render, 250);
  if (window.WebSocket) socket.connect(); else setConn("reconnecting", "live updates unavailable");
}
