// Small DOM helpers shared by the board's modules. Every text is user input: built with
// createElement/textContent only, never innerHTML.

export function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) { node.textContent = text; node.dir = "auto"; } // user text: RTL names read right
  return node;
}

export function uuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  var b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
  var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
}

export function cssEscape(text) {
  return window.CSS && CSS.escape ? CSS.escape(text) : String(text).replace(/["\\]/g, "\\$&");
}

export function short(text, n) {
  text = String(text || "");
  return text.length > n ? text.slice(0, n - 1) + "…" : text;
}

export function each(nodes, fn) { Array.prototype.forEach.call(nodes, fn); }

export function emitDom(name, detail) {
  try { document.dispatchEvent(new CustomEvent(name, { detail: detail })); } catch (e) { /* ignore */ }
}

// Sets a node's text only when it differs (a 4 Hz render does not touch an unchanged DOM).
export function setText(node, text) { if (node && node.textContent !== text) node.textContent = text; }

// `q(selector)` and `qa(selector, base)` inside `root`; qa returns an array.
export function within(root) {
  return {
    q: function (sel) { return root ? root.querySelector(sel) : null; },
    qa: function (sel, base) { return Array.prototype.slice.call((base || root).querySelectorAll(sel)); }
  };
}
