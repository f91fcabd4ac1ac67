// The board's order and impact weights, the same rule as app.domain.board.views.board_order and
// app.domain.board.model.IMPACT_WEIGHTS. Both are tested against tests/data/board_order_cases.json
// (tests/domain/test_board_order_cases.py runs this file under node), so change all three together.
// Pure: no DOM, so node can import it.

export const WEIGHT = Object.freeze({ low: 1, medium: 2, high: 3, critical: 5 });

// Pinned first, then most votes, highest impact, earliest created (seq); ties by id. On the
// facilitator's console (`heldFirst`) the held items, the moderation queue, lead.
export function compareItems(a, b, heldFirst) {
  if (heldFirst && !!a.held !== !!b.held) return a.held ? -1 : 1;
  if (!!a.pinned !== !!b.pinned) return a.pinned ? -1 : 1;
  if ((a.votes || 0) !== (b.votes || 0)) return (b.votes || 0) - (a.votes || 0);
  var wa = WEIGHT[a.impact] || 0, wb = WEIGHT[b.impact] || 0;
  if (wa !== wb) return wb - wa;
  if ((a.seq || 0) !== (b.seq || 0)) return (a.seq || 0) - (b.seq || 0);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// A sorted copy of `list`.
export function orderItems(list, heldFirst) {
  return list.slice().sort(function (a, b) { return compareItems(a, b, heldFirst); });
}
