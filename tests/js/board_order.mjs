// Sorts every case of tests/data/board_order_cases.json with static/board/order.js and prints the
// ids in order, one JSON list per case, for tests/domain/test_board_order_cases.py to compare.
// order.js is loaded from a data: URL because static/ has no package.json saying "module".
import { readFileSync } from "node:fs";

const [casesPath, modulePath] = process.argv.slice(2);
const source = readFileSync(modulePath, "utf8");
const order = await import("data:text/javascript;base64," + Buffer.from(source).toString("base64"));
const data = JSON.parse(readFileSync(casesPath, "utf8"));
const result = {
  weights: order.WEIGHT,
  orders: data.cases.map((c) => order.orderItems(c.items, !!c.held_first).map((i) => i.id)),
};
process.stdout.write(JSON.stringify(result));
