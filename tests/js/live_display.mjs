// Runs livePaint() and screenPaint() from static/live/display.js on every case of
// tests/data/live_display_cases.json and prints what each shows, for
// tests/web/test_live_display_cases.py.
import { readFileSync } from "node:fs";
import { importStatic } from "./static_modules.mjs";

const [casesPath, staticDir] = process.argv.slice(2);
const { livePaint, screenPaint } = await importStatic(staticDir, "live/display.js");
const data = JSON.parse(readFileSync(casesPath, "utf8"));
const shown = data.cases.map((c) => ({
  live: livePaint(c.clock, data.show, c.now_ms, data.total_rounds, c.view),
  screen: screenPaint(c.clock, data.show, c.now_ms, c.mode, data.total_rounds),
}));
process.stdout.write(JSON.stringify(shown));
