// The big screen's entry. Its first paint is the server's HTML (issue #24): the scripts only
// keep it live. So they are fetched once the page has loaded, out of the first paint's way:
// on a projector's laptop on hotel Wi-Fi, the live page's, the board's and the screen's modules
// (some thirty files) would otherwise compete with the stylesheets and fonts for the largest
// paint (Lighthouse: LCP 2.2 s with them in the page, against a goal of 2.0 s).
// entry.js imports them in the order a page of module scripts would run them, as one graph.
export {};

function start() {
  import("./entry.js");
}

if (document.readyState === "complete") start();
else window.addEventListener("load", start, { once: true });
