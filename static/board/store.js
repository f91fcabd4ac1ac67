// The board as this page knows it: items, action items, my votes, the lock, moderation, the
// end of the session, the heat map, and the seq of the newest live event it reflects. Pure (no
// DOM), so node tests it (tests/js/board_store.mjs). ``me``: the participant's id, or null
// (console, big screen); ``heldFirst``: the console lists held items first.
// A board read (page, answer, refetch) carries the seq it reflects and each "board" event its
// own, so an older read never rolls back a newer event and every client converges.
import { orderItems } from "./order.js";

export function createStore(me, heldFirst) {
  var items = {}; // id -> item as the server sent it (visible items only)
  var actions = {}; // action id -> action item
  var myVotes = {}; // item id -> true: this participant said "we see this too"
  var locked = false;
  var boardSeq = 0; // the newest live-event seq the board on screen reflects
  var moderation = "hold_flagged", anonymous = false, ended = false;
  var heat = { departments: [], weights: [] };

  function mergeItems(list) {
    (list || []).forEach(function (item) {
      if (!item || !item.id) return;
      if (item.removed || item.merged_into) delete items[item.id];
      else items[item.id] = item;
    });
  }

  function mergeActions(list) {
    (list || []).forEach(function (a) { if (a && a.id) actions[a.id] = a; });
  }

  // A whole board (page data, an answer, a refetch); ignored when older than what is shown.
  function replaceAll(board) {
    if (!board || !board.items) return false;
    if (typeof board.seq === "number") {
      if (board.seq < boardSeq) return false;
      boardSeq = board.seq;
    } else if (board.seq === null) {
      return false; // a retry's answer: the events carry the board
    }
    items = {};
    mergeItems(board.items);
    actions = {};
    mergeActions(board.actions);
    locked = !!board.locked;
    followModeration(board);
    if (me && board.my_votes) {
      myVotes = {};
      board.my_votes.forEach(function (id) { myVotes[id] = true; });
    }
    if (board.departments) heat = { departments: board.departments, weights: board.heat_weights || [] };
    return true;
  }

  // One "board" event: the items it touched, as they are now.
  function applyEvent(data) {
    if (typeof data.seq === "number") {
      if (data.seq <= boardSeq) return false; // already in the board we show
      boardSeq = data.seq;
    }
    if (me) followMyVotes(data);
    mergeItems(data.items);
    mergeActions(data.actions);
    if (typeof data.locked === "boolean") locked = data.locked;
    followModeration(data);
    return true;
  }

  function followModeration(data) {
    if (typeof data.moderation === "string") moderation = data.moderation;
    if (typeof data.anonymous === "boolean") anonymous = data.anonymous;
    if (data.ended === true) ended = true;
  }

  // My votes change in my other tabs, and a merge moves them (as the server's rules do).
  function followMyVotes(data) {
    var touched = data.items || [];
    if (data.by === me && (data.command === "vote" || data.command === "unvote")) {
      touched.forEach(function (item) {
        if (data.command === "vote") myVotes[item.id] = true; else delete myVotes[item.id];
      });
    }
    if (data.command === "merge") {
      touched.forEach(function (source) {
        if (!source.merged_into) return;
        var target = touched.filter(function (t) { return t.id === source.merged_into; })[0];
        var mine = myVotes[source.id] || (source.author === me && (!target || target.author !== me));
        delete myVotes[source.id];
        if (mine) myVotes[source.merged_into] = true;
      });
    }
  }

  function ordered() {
    return orderItems(Object.keys(items).map(function (id) { return items[id]; }), heldFirst);
  }

  return {
    get items() { return items; },
    get actions() { return actions; },
    get myVotes() { return myVotes; },
    get locked() { return locked; },
    get seq() { return boardSeq; },
    get moderation() { return moderation; },
    get anonymous() { return anonymous; },
    get ended() { return ended; },
    set ended(on) { ended = on; }, // the clock ended the session before the board said so
    get heat() { return heat; },
    replaceAll: replaceAll,
    applyEvent: applyEvent,
    ordered: ordered
  };
}
