// The board follows the room: static/live/ forwards the websocket's "board" events as the DOM
// event "rt:board"; after a (re)connect ("rt:live-hello") the board is read again, and the
// phone's queued captures are resent.
import { getJson } from "../shared/net.js";
import { flushQueue } from "./capture.js";
import { renderBoard } from "./list.js";
import { api, store, view } from "./page.js";

var refetchTimer = null;
export function refetchSoon(wait) {
  clearTimeout(refetchTimer);
  refetchTimer = setTimeout(function () {
    getJson(api + (view === "screen" ? "?view=room" : ""))
      .then(function (board) { if (store.replaceAll(board)) renderBoard(); })
      .catch(function () { /* the next event or reconnect tries again */ });
  }, wait);
}

export function setupSync() {
  document.addEventListener("rt:board", function (event) {
    var data = event.detail || {};
    if (!store.applyEvent(data)) return;
    renderBoard();
    if (view === "screen") refetchSoon(500); // the heat map is computed by the server
  });
  document.addEventListener("rt:live-hello", function () {
    refetchSoon(300); // after a (re)connect: the board as it is now
    flushQueue();
  });
}
