// What the live page's parts share: the page (session, view, rounds), the clock and run of show
// as last received, the seq a reconnect resumes from, and the server-clock offset.
import { within } from "../shared/dom.js";
import { clockOffset, seqTracker } from "../shared/live_sync.js";

export var root = document.getElementById("live");
var dataNode = document.getElementById("live-data");
export var present = !!(root && dataNode);

export var sid = present ? root.getAttribute("data-session") : "";
export var view = present ? root.getAttribute("data-view") : null;
export var totalRounds = present ? parseInt(root.getAttribute("data-rounds") || "0", 10) : 0;
export var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/live";

var snap = present ? JSON.parse(dataNode.textContent) : {};
export var state = { clock: snap.clock, show: snap.show || [] };
export var seq = seqTracker(snap.seq || 0);
// Until pings answer, the page's render time is a fair first guess of the server's clock.
export var offset = clockOffset(typeof snap.server_ms === "number" ? snap.server_ms - Date.now() : 0);

var find = within(root);
export var q = find.q, qa = find.qa;

export function serverNow() { return Date.now() + offset.value; }
