// The run of show's clock as this page derives it, pure (no DOM), so node tests it:
// derive() is the browser's half of the segment-advance rule (app/domain/clock/rules.py
// advance(); both run tests/data/clock_advance_cases.json, see tests/js/clock_advance.mjs).

// The clock as of now: while running, passed deadlines move it on segment by segment.
export function derive(clock, show, now) {
  var c = Object.assign({}, clock);
  if (c.status !== "running" || c.deadline_ms == null || c.segment_index == null) return c;
  while (now >= c.deadline_ms) {
    c.segment_index += 1;
    if (c.segment_index >= show.length) {
      c.status = "ended"; c.ended_at_ms = c.deadline_ms; c.segment_index = null; c.deadline_ms = null;
      break;
    }
    c.deadline_ms += show[c.segment_index].seconds * 1000;
  }
  return c;
}

// What the countdown shows: time to the deadline, what a pause kept, or the first segment.
export function remainingMs(c, now, show) {
  if (c.status === "running" && c.deadline_ms != null) return Math.max(0, c.deadline_ms - now);
  if (c.status === "paused" && c.remaining_ms != null) return Math.max(0, c.remaining_ms);
  if (c.status === "not_started") return show.length ? show[0].seconds * 1000 : null;
  return 0;
}

// The round whose tables matter now: the current topic's, else the next one coming.
export function displayRound(c, show) {
  if (c.status === "ended") return null;
  var from = c.segment_index == null ? 0 : c.segment_index;
  for (var i = from; i < show.length; i++) {
    if (show[i].kind === "topic") return show[i].round;
  }
  return null;
}

export function currentSegment(c, show) {
  if (c.status === "not_started") return null;
  return c.segment_index == null ? null : show[c.segment_index] || null;
}
