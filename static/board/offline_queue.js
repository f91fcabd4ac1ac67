// The phone's offline capture queue, kept in localStorage per session so a capture typed
// without a connection survives a reload and is resent (static/board/main.js sends it).
// An entry: {id, body, state: "sending"|"saved"|"failed"|"held", detail}.

export var KEEP = 20; // the newest entries kept: the list on the phone stays short

export function queueKey(sid) { return "rt-board-captures-" + sid; }

export function loadQueue(key) {
  try {
    var saved = JSON.parse(localStorage.getItem(key) || "[]");
    return Array.isArray(saved) ? saved : [];
  } catch (e) { return []; }
}

// Keeps the newest KEEP entries, stores them, and returns what was kept.
export function storeQueue(key, entries) {
  var kept = entries.slice(-KEEP);
  try { localStorage.setItem(key, JSON.stringify(kept)); } catch (e) { /* private mode */ }
  return kept;
}
