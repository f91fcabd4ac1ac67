// Runs derive() from static/live.js on every case of tests/data/clock_advance_cases.json and
// prints the clocks it derives, one per case, for tests/domain/test_clock_advance_cases.py.
// live.js is a classic script in one wrapper (not a module), so derive() is cut out of its text
// by matching braces from "function derive(": it only uses its arguments.
import { readFileSync } from "node:fs";

const [casesPath, scriptPath] = process.argv.slice(2);
const source = readFileSync(scriptPath, "utf8");
const start = source.indexOf("function derive(");
if (start < 0) throw new Error("static/live.js has no function derive(");
let depth = 0, end = -1;
for (let i = source.indexOf("{", start); i < source.length; i++) {
  if (source[i] === "{") depth++;
  else if (source[i] === "}" && --depth === 0) { end = i + 1; break; }
}
const derive = new Function('"use strict"; return (' + source.slice(start, end) + ");")();
const data = JSON.parse(readFileSync(casesPath, "utf8"));
const show = (seconds) => seconds.map((s, i) => ({ index: i, seconds: s }));
const clocks = data.cases.map((c) => derive(c.clock, show(c.show), c.now_ms));
process.stdout.write(JSON.stringify(clocks));
