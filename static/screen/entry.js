// Everything the big screen runs, in the order a page of module scripts runs it: the clock,
// the board, the screen. One module graph is evaluated in one go once fetched, so no live event
// (the socket opens in live/main.js) can arrive before the screen's listeners are in place.
// static/shared/boot.js loads this after the page has painted.
import "../live/main.js";
import "../board/main.js";
import "./main.js";
