// Runs derive() from static/live/clock.js on every case of tests/data/clock_advance_cases.json
// and prints the clocks it derives, one per case, for tests/domain/test_clock_advance_cases.py.
import { readFileSync } from "node:fs";
import { importStatic } from "./static_modules.mjs";

const [casesPath, staticDir] = process.argv.slice(2);
const { derive } = await importStatic(staticDir, "live/clock.js");
const data = JSON.parse(readFileSync(casesPath, "utf8"));
const show = (seconds) => seconds.map((s, i) => ({ index: i, seconds: s }));
const clocks = data.cases.map((c) => derive(c.clock, show(c.show), c.now_ms));
process.stdout.write(JSON.stringify(clocks));
