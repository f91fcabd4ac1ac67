// The live participant page (issue #18): the "Meeting" and "Board" tabs, and the capture sheet.
// Tabs follow the WAI-ARIA tabs pattern (arrow keys, Home/End, automatic activation); the sheet
// is a modal <dialog>: focus moves into it, Escape or "Close" closes it, focus returns to the
// button that opened it. static/board/capture.js owns the form inside; it tells us when a capture was
// taken ("rt:capture-taken"), and the sheet then closes with a note of what happened.
(function () {
  "use strict";

  function setup() {
    var root = document.getElementById("live");
    if (!root) return;
    var tabs = Array.prototype.slice.call(root.querySelectorAll('[role="tab"]'));

    function panelOf(tab) { return document.getElementById(tab.getAttribute("aria-controls")); }

    function select(tab, focus) {
      tabs.forEach(function (t) {
        var on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        var panel = panelOf(t);
        if (panel) panel.hidden = !on;
      });
      root.setAttribute("data-tab", tab.id.replace(/^tab-/, ""));
      if (focus) tab.focus();
    }

    tabs.forEach(function (tab, i) {
      tab.addEventListener("click", function () { select(tab, false); });
      tab.addEventListener("keydown", function (event) {
        var to = null;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") to = tabs[(i + 1) % tabs.length];
        else if (event.key === "ArrowLeft" || event.key === "ArrowUp") to = tabs[(i - 1 + tabs.length) % tabs.length];
        else if (event.key === "Home") to = tabs[0];
        else if (event.key === "End") to = tabs[tabs.length - 1];
        if (!to) return;
        event.preventDefault();
        select(to, true);
      });
    });
    var boardTab = document.getElementById("tab-board");
    if (boardTab && /^#(board|board-h)$/.test(location.hash)) select(boardTab, false);
    // Once the session ends there is no meeting left: the board (thanks, action items) comes first.
    var endedShown = false;
    function onEnded() {
      if (endedShown || !boardTab) return;
      endedShown = true;
      select(boardTab, false);
    }
    if (root.getAttribute("data-status") === "ended") onEnded();
    document.addEventListener("rt:live-render", function () {
      if (root.getAttribute("data-status") === "ended") onEnded();
    });
    // Other scripts (static/board/: "the reframe form is on the Board tab") may ask for a tab.
    document.addEventListener("rt:show-tab", function (event) {
      var tab = document.getElementById("tab-" + event.detail);
      if (tab) select(tab, false);
    });

    var sheet = document.querySelector("[data-capture-sheet]");
    var openers = Array.prototype.slice.call(document.querySelectorAll("[data-capture-open]"));
    var outcome = document.querySelector("[data-capture-outcome]");
    if (!sheet || typeof sheet.showModal !== "function") {
      openers.forEach(function (b) { b.hidden = true; });
      return;
    }
    var opener = null;

    function open(event) {
      if (sheet.open) return;
      opener = event && event.currentTarget ? event.currentTarget : null;
      if (outcome) outcome.textContent = "";
      sheet.showModal();
      var first = sheet.querySelector("form select, form textarea, form input");
      if (first) first.focus();
    }

    function close() { if (sheet.open) sheet.close(); }

    openers.forEach(function (b) { b.addEventListener("click", open); });
    Array.prototype.forEach.call(sheet.querySelectorAll("[data-sheet-close]"), function (b) {
      b.addEventListener("click", close);
    });
    // A tap on the dimmed page around the sheet closes it too; the draft stays (capture_draft.js).
    sheet.addEventListener("click", function (event) { if (event.target === sheet) close(); });
    sheet.addEventListener("close", function () {
      var back = opener && !opener.hidden ? opener : openers[0];
      if (back && !back.hidden) back.focus();
    });

    var SAID = {
      saved: "Added to the board: ",
      held: "Held for you to reframe on the Board tab: ",
      sending: "Saved on this phone, sent once back online: "
    };
    document.addEventListener("rt:capture-taken", function (event) {
      var d = event.detail || {};
      if (!SAID[d.state]) return; // refused: the sheet stays open with the reason in its list
      if (outcome) outcome.textContent = SAID[d.state] + "“" + d.text + "”.";
      close();
    });
    document.addEventListener("rt:capture-closed", function () {
      close();
      openers.forEach(function (b) { b.hidden = true; });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
