// Times as the live pages show them. Pure (no DOM): tests/js/shared_time.mjs runs it under node.

// A countdown: "m:ss", seconds rounded up (a clock never shows 0:00 while time is left);
// "--:--" when there is no time to show.
export function formatClock(ms) {
  if (ms == null) return "--:--";
  var total = Math.ceil(ms / 1000);
  var m = Math.floor(total / 60), s = total % 60;
  return m + ":" + (s < 10 ? "0" : "") + s;
}

// The local calendar day `offsetDays` from `nowMs` (default: now) as "YYYY-MM-DD", the value a
// date <input> takes.
export function localDate(offsetDays, nowMs) {
  var d = new Date((nowMs == null ? Date.now() : nowMs) + offsetDays * 86400000);
  var m = d.getMonth() + 1, day = d.getDate();
  return d.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
}
