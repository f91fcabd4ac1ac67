// Unit tests of the pure front-end modules (no DOM): shared/time.js, shared/live_sync.js and the
// board's state (board/store.js). Run by tests/test_front_end_modules.py: node --test this file,
// with RT_STATIC_DIR naming static/.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importStatic } from "./static_modules.mjs";

const staticDir = process.env.RT_STATIC_DIR;
const time = await importStatic(staticDir, "shared/time.js");
const sync = await importStatic(staticDir, "shared/live_sync.js");
const { createStore } = await importStatic(staticDir, "board/store.js");

test("a countdown rounds up to the second and pads the seconds", () => {
  assert.equal(time.formatClock(null), "--:--");
  assert.equal(time.formatClock(0), "0:00");
  assert.equal(time.formatClock(1), "0:01"); // a millisecond left still shows a second
  assert.equal(time.formatClock(59001), "1:00");
  assert.equal(time.formatClock(600000), "10:00");
  assert.equal(time.formatClock(3725000), "62:05");
});

test("a local date is the calendar day a date input takes", () => {
  const noon = new Date(2026, 0, 31, 12, 0, 0).getTime();
  assert.equal(time.localDate(0, noon), "2026-01-31");
  assert.equal(time.localDate(1, noon), "2026-02-01");
  assert.equal(time.localDate(14, noon), "2026-02-14");
});

test("the clock offset is a guess until pings answer, then the lowest round trip's", () => {
  const offset = sync.clockOffset(0);
  offset.guess(10500, 10000);
  assert.equal(offset.value, 500);
  offset.sample(1000, 1200, 1600); // rtt 200: server at 1600 when we were at 1100
  assert.equal(offset.value, 500);
  offset.sample(2000, 2040, 2520); // rtt 40: a better sample wins
  assert.equal(offset.value, 500);
  offset.sample(3000, 3500, 9999); // rtt 500: worse, ignored
  assert.equal(offset.value, 500);
  offset.guess(0, 100000); // a snapshot's stamp no longer overrides measured samples
  assert.equal(offset.value, 500);
});

test("the clock offset forgets samples older than the last 8", () => {
  const offset = sync.clockOffset(0);
  offset.sample(0, 10, 1005); // rtt 10, offset 1000: the best, for now
  for (let i = 1; i <= 8; i++) offset.sample(i * 100, i * 100 + 50, i * 100 + 25 + 7); // rtt 50, offset 7
  assert.equal(offset.value, 7);
});

test("reconnects back off from 0.5 s, doubling, to at most 10 s, with half of it random", () => {
  assert.equal(sync.backoffMs(0, 0), 250);
  assert.equal(sync.backoffMs(0, 0.999999).toFixed(0), "500");
  assert.equal(sync.backoffMs(1, 0), 500);
  assert.equal(sync.backoffMs(4, 1), 8000);
  assert.equal(sync.backoffMs(5, 0), 5000);
  assert.equal(sync.backoffMs(30, 1), 10000);
});

test("the resume seq takes only new frames and never goes back", () => {
  const seq = sync.seqTracker(5);
  assert.equal(seq.accept(5), false); // a replayed frame we have
  assert.equal(seq.accept(undefined), false); // presence, errors: no seq
  assert.equal(seq.accept(7), true);
  assert.equal(seq.last, 7);
  assert.equal(seq.accept(6), false);
  seq.atLeast(3); // an older snapshot
  assert.equal(seq.last, 7);
  seq.atLeast(12);
  assert.equal(seq.last, 12);
});

const item = (id, extra) => ({ id, what_happens: id, impact: "low", votes: 0, seq: 1, ...extra });

test("an older board read never rolls back a newer event", () => {
  const store = createStore(null, false);
  assert.equal(store.replaceAll({ seq: 4, items: [item("a")] }), true);
  assert.equal(store.applyEvent({ seq: 6, items: [item("b", { votes: 2 })] }), true);
  assert.equal(store.applyEvent({ seq: 6, items: [item("c")] }), false); // a repeat
  assert.equal(store.replaceAll({ seq: 5, items: [item("a")] }), false); // read before event 6
  assert.equal(store.replaceAll({ seq: null, items: [] }), false); // a retry's answer
  assert.deepEqual(store.ordered().map((i) => i.id), ["b", "a"]);
  assert.equal(store.applyEvent({ seq: 7, items: [item("a", { removed: true })], locked: true, ended: true }), true);
  assert.deepEqual(Object.keys(store.items), ["b"]);
  assert.equal(store.locked, true);
  assert.equal(store.ended, true);
});

test("my votes follow my other tabs and move with a merge", () => {
  const store = createStore("p1", false);
  store.replaceAll({ seq: 1, items: [item("x", { author: "p2" }), item("y", { author: "p1" })], my_votes: [] });
  store.applyEvent({ seq: 2, by: "p1", command: "vote", items: [item("x", { author: "p2", votes: 1 })] });
  assert.deepEqual(Object.keys(store.myVotes), ["x"]);
  store.applyEvent({ seq: 3, by: "p2", command: "vote", items: [item("y", { author: "p1", votes: 1 })] });
  assert.deepEqual(Object.keys(store.myVotes), ["x"]); // someone else's vote is not mine
  // My own item merged into someone else's: I now count as seeing the kept one.
  store.applyEvent({
    seq: 4, command: "merge",
    items: [item("y", { author: "p1", merged_into: "z" }), item("z", { author: "p3", votes: 2 })],
  });
  assert.deepEqual(Object.keys(store.myVotes).sort(), ["x", "z"]);
  assert.equal(store.items.y, undefined);
});

test("the console lists held items first", () => {
  const items = [item("open", { votes: 3 }), item("held", { held: true })];
  const console_ = createStore(null, true), room = createStore(null, false);
  console_.replaceAll({ seq: 1, items });
  room.replaceAll({ seq: 1, items });
  assert.deepEqual(console_.ordered().map((i) => i.id), ["held", "open"]);
  assert.deepEqual(room.ordered().map((i) => i.id), ["open", "held"]);
});
