// Capture form on phones: a half-typed capture survives a reload or a crashed tab, and "What
// happens" shows its limit while typing. Kept apart from board/capture.js, which owns sending: this
// module only mirrors the form to this device and clears the mirror once board/capture.js has taken the
// capture (it empties the form when the capture is saved or queued).
(function () {
  "use strict";

  function setup() {
    var form = document.querySelector("[data-capture-form]");
    if (!form) return;
    var panel = document.querySelector("[data-board-view][data-me]");
    var key = "rt-capture-draft-" + location.pathname + "-" + (panel ? panel.getAttribute("data-me") : "");
    var text = form.querySelector('textarea[name="what_happens"]');

    function state() {
      var s = { to_teams: [] };
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name) return;
        if (el.type === "checkbox") { if (el.checked) s[el.name].push(el.value); }
        else if (el.type === "radio") { if (el.checked) s[el.name] = el.value; }
        else if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") s[el.name] = el.value;
      });
      return s;
    }

    function apply(s) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || !(el.name in s)) return;
        if (el.type === "checkbox") el.checked = s[el.name].indexOf(el.value) !== -1;
        else if (el.type === "radio") el.checked = s[el.name] === el.value;
        else if (el.tagName === "TEXTAREA" || el.tagName === "SELECT") el.value = s[el.name];
      });
    }

    // Only the words and choices a person made count; the preselected "from" team does not.
    function typed(s) { return !!(s.what_happens || s.to_teams.length || s.impact || s.goal || s.with_person); }

    function save() {
      var s = state();
      try {
        if (typed(s)) localStorage.setItem(key, JSON.stringify(s));
        else localStorage.removeItem(key);
      } catch (e) { /* private mode: nothing to keep */ }
    }

    var counter = null;
    var high = text ? parseInt(text.getAttribute("maxlength") || "0", 10) : 0;
    if (text && high) {
      counter = document.createElement("p");
      counter.className = "char-count";
      counter.id = text.id + "-count";
      text.parentNode.insertBefore(counter, text.nextSibling);
      text.setAttribute("aria-describedby", ((text.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
    }
    function count() {
      if (!counter) return;
      var n = text.value.length;
      counter.textContent = n + " of " + high + " characters" + (n >= high ? ": the limit is reached." : ".");
      counter.classList.toggle("over", n >= high);
    }

    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    if (stored && typed(stored) && !typed(state())) {
      apply(stored);
      var note = document.createElement("p");
      note.className = "hint";
      note.setAttribute("data-capture-restored", "");
      note.textContent = "Restored a capture you had started on this device; it is not on the board yet.";
      form.insertBefore(note, form.firstChild);
    }
    count();
    form.addEventListener("input", function () { save(); count(); });
    form.addEventListener("change", save);
    // board/capture.js empties the form (without input events) once it has saved or queued a capture,
    // and then redraws "Your captures": that is when the mirror has done its job.
    var list = document.querySelector("[data-captures]");
    if (list && window.MutationObserver) {
      new MutationObserver(function () { save(); count(); }).observe(list, { childList: true });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
