// Roundtable capture board on the live views: the capture form and votes (participant), the
// board list (all three views), facilitation (console), reframing (the author of a flagged
// item), and the heat map (big screen).
// Loaded as an ES module (type="module", deferred like the classic scripts around it). This
// entry only wires the parts, in the order their listeners were always added:
//   page.js        who is looking, the API, the board's state (store.js), feedback lines
//   store.js       the board's state and how reads and "board" events change it (pure)
//   list.js        the list: rows, badges, the buttons each view offers; renderBoard()
//   forms.js       opening a form on an item, field errors, sending a form's command once
//   item_forms.js  edit, merge, action item
//   commands.js    the buttons on an item, the list's forms, undo
//   moderation.js  lock, moderation queue and settings, the end of the session
//   reframe.js     the author's reframe cards
//   heat.js        the big screen's heat map
//   sync.js        live updates from static/live/, refetch after a reconnect
//   capture.js     the participant's capture form and offline queue (offline_queue.js)
//   similar.js     similar items while typing
// Shared with the other live pages: ../shared/dom.js, ../shared/net.js, ../shared/time.js.
import { setupCapture } from "./capture.js";
import { renderUndo, setupCommands } from "./commands.js";
import { renderBoard } from "./list.js";
import { setupModeration } from "./moderation.js";
import { dataNode, present, store } from "./page.js";
import { setupReframe } from "./reframe.js";
import { setupSync } from "./sync.js";

function initial() {
  var data = JSON.parse(dataNode.textContent);
  if (typeof data.seq !== "number") data.seq = 0;
  return data;
}

if (present) {
  setupCommands();
  setupModeration();
  setupReframe();
  setupSync();
  store.replaceAll(initial());
  renderBoard();
  renderUndo();
  setupCapture();
}
