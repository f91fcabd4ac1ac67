// Run Lighthouse (mobile preset: simulated slow 4G, 4x CPU) on one page, a first and a repeat
// visit in the same Chromium, and print one JSON line with the figures tests/e2e/test_lighthouse.py
// asserts on.
//
//   node tests/e2e/lighthouse_run.mjs '{"url": "...", "cookie": "a=b; c=d", "runs": 3}'
//   (optional "viewport": {"width": 1920, "height": 1080} instead of the preset's phone screen)
//
// First visit: Lighthouse's own storage reset (cache and cookies of the origin cleared), repeated
// `runs` times; each run's score, LCP and bytes are printed, the test takes the median.
// Repeat visit: one more navigation with storage reset off, right after a first visit, in the same
// browser profile, so the HTTP cache holds whatever the first visit's Cache-Control allowed; its
// total-byte-weight is what a phone downloads when it comes back (e.g. the agenda page reopened).
// Chromium comes from CHROME_PATH (Debian's /usr/bin/chromium); flags from CHROME_FLAGS.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const args = JSON.parse(process.argv[2]);
const runs = args.runs ?? 3;
const chromeFlags = (process.env.CHROME_FLAGS ||
  '--headless --no-sandbox --disable-gpu --disable-background-networking ' +
  '--disable-component-update --disable-sync --no-first-run').split(/\s+/).filter(Boolean);

function figures(lhr) {
  const audits = lhr.audits;
  const requests = (audits['network-requests'].details?.items ?? []).map((item) => ({
    url: item.url,
    transferSize: item.transferSize,
    resourceSize: item.resourceSize,
    mimeType: item.mimeType,
  }));
  return {
    score: lhr.categories.performance.score === null ? null
      : Math.round(lhr.categories.performance.score * 100),
    lcpMs: audits['largest-contentful-paint'].numericValue,
    fcpMs: audits['first-contentful-paint'].numericValue,
    tbtMs: audits['total-blocking-time'].numericValue,
    cls: audits['cumulative-layout-shift'].numericValue,
    siMs: audits['speed-index'].numericValue,
    lcpElement: audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
    layoutShifts: (audits['layout-shifts']?.details?.items ?? []).map((i) => i.node?.snippet ?? '?'),
    bytes: audits['total-byte-weight'].numericValue,
    renderBlocking: (audits['render-blocking-resources'].details?.items ?? []).map((i) => i.url),
    benchmarkIndex: lhr.environment.benchmarkIndex,
    runtimeError: lhr.runtimeError?.message ?? null,
    warnings: lhr.runWarnings,
    finalUrl: lhr.finalDisplayedUrl,
    requests,
  };
}

async function visit(port, disableStorageReset) {
  const flags = {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    formFactor: 'mobile',
    disableStorageReset,
    extraHeaders: args.cookie ? { Cookie: args.cookie } : undefined,
  };
  // The big screen is a projector's laptop on the same Wi-Fi: the mobile preset's network, CPU
  // and scoring, on a 1920x1080 viewport instead of a phone's.
  if (args.viewport) {
    flags.screenEmulation = {
      mobile: true, width: args.viewport.width, height: args.viewport.height,
      deviceScaleFactor: 1, disabled: false,
    };
  }
  // A run whose trace Lighthouse could not read (NO_NAVSTART, NO_FCP on a starved machine)
  // measured nothing: run it again, twice at most; a third failure is reported.
  let measured;
  for (let attempt = 0; attempt < 3; attempt++) {
    measured = figures((await lighthouse(args.url, flags)).lhr);
    if (measured.runtimeError === null) break;
    process.stderr.write(`retrying after: ${measured.runtimeError}\n`);
  }
  return measured;
}

const chrome = await chromeLauncher.launch({ chromeFlags, chromePath: process.env.CHROME_PATH });
try {
  const first = [];
  for (let i = 0; i < runs; i++) first.push(await visit(chrome.port, false));
  // The last first visit filled the cache: now come back.
  const repeat = await visit(chrome.port, true);
  process.stdout.write(JSON.stringify({ first, repeat }) + '\n');
} finally {
  await chrome.kill();
}
