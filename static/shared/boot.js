// The entry of a live page whose first paint is the server's HTML (issue #24): the big screen and
// the participant's phone. Their scripts only keep the page live, so they are fetched once the
// page has loaded and painted, out of the first paint's way: on a phone on hotel Wi-Fi, the live
// page's and the board's modules (some thirty files) would otherwise compete with the stylesheets
// for the largest paint (Lighthouse: LCP 2.1-2.2 s with them in the page, against a goal of 2.0 s).
//
// The page names what to run in <script type="application/json" id="module-boot">:
// {"entry": url, "preload": [urls]} (templates/partials/module_boot.html). Every module of the
// graph is preloaded at once, so the browser fetches them in parallel rather than discovering
// them import by import, and the entry imports the page's modules as one graph, evaluated in
// one go: no live event (the socket opens in live/main.js) arrives before every listener is in.
export {};

let started = false;

function start() {
  if (started) return;
  started = true;
  const spec = document.getElementById("module-boot");
  if (!spec) return;
  const { entry, preload } = JSON.parse(spec.textContent || "{}");
  for (const url of preload || []) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = url;
    document.head.appendChild(link);
  }
  import(entry);
}

// After the first frame that follows "load": requestAnimationFrame runs just before a paint and
// the timeout just after it. A page opened in a background tab gets no frames, hence the
// fallback timer.
function afterPaint() {
  requestAnimationFrame(() => setTimeout(start, 0));
  setTimeout(start, 250);
}

if (document.readyState === "complete") afterPaint();
else window.addEventListener("load", afterPaint, { once: true });
