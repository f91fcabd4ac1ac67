// Bookkeeping of a live connection, pure (no DOM, no timers), so node tests it
// (tests/js/live_sync.mjs): the server-clock offset, the reconnect backoff, and the seq a
// reconnect resumes from.

// The server's clock minus this device's, measured NTP-style: each ping's answer gives a
// sample; the one with the shortest round trip of the last 8 wins. Until a ping has answered,
// a server time stamp (the page's render, a hello, a snapshot) is a fair first guess.
export function clockOffset(initial) {
  var offset = initial;
  var samples = [];
  return {
    get value() { return offset; },
    get measured() { return samples.length > 0; },
    guess: function (serverMs, localMs) {
      if (!samples.length) offset = serverMs - localMs;
    },
    sample: function (t0, t1, serverMs) {
      samples.push({ rtt: t1 - t0, offset: serverMs - (t0 + t1) / 2 });
      if (samples.length > 8) samples.shift();
      var best = samples.reduce(function (a, b) { return b.rtt < a.rtt ? b : a; });
      offset = best.offset;
      return offset;
    }
  };
}

// How long to wait before reconnect attempt `attempt` (0, 1, …): 0.5 s doubling to 10 s, and
// a random half of that on top of the other half (`random` in [0, 1)), so a room that lost
// the same Wi-Fi does not come back in one stampede.
export function backoffMs(attempt, random) {
  var base = Math.min(10000, 500 * Math.pow(2, attempt));
  return base / 2 + random * base / 2;
}

// The newest event seq this page has applied: a reconnect asks for what came after it
// (?since=), and an event at or below it is a repeat (a replay overlapping what we have).
export function seqTracker(start) {
  var last = start;
  return {
    get last() { return last; },
    // A frame's seq: true (and remembered) when it is new, false for a repeat or no seq.
    accept: function (seq) {
      if (typeof seq !== "number" || seq <= last) return false;
      last = seq;
      return true;
    },
    // A snapshot reflects everything up to its seq.
    atLeast: function (seq) { last = Math.max(last, seq); }
  };
}
