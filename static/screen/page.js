// What the big screen's parts share: the page, the clock as static/live/ derives it
// (window.RoundtableLive: the screen never keeps a clock of its own), the chimes (static/chime.js),
// and the facilitator's current settings.
import { within } from "../shared/dom.js";

export var root = document.getElementById("live");
export var live = window.RoundtableLive;
export var chime = window.RoundtableChime;
var dataNode = document.getElementById("screen-data");
export var present = !!(root && live && dataNode);

var sid = present ? root.getAttribute("data-session") : "";
export var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/live/screen";
export var screen = { settings: present ? JSON.parse(dataNode.textContent) : {} };
export var SPOTLIGHT_TOP = 12; // the spotlight cycles through the top items only: never a long list
export var SPOTLIGHT_MAX = 3; // items shown at once, fewer when they do not fit

var find = within(root);
export var q = find.q, qa = find.qa;
