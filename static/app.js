// Roundtable page behaviour that htmx does not cover: CSRF header, copy buttons, focus.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrf;
  });

  // htmx swaps whole sections; put keyboard focus back on the section's first error (or its
  // status message) so screen-reader and keyboard users hear what happened.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    // With outerHTML swaps the event's target is the old, detached element: find its successor.
    if (target && target.id && !target.isConnected) target = document.getElementById(target.id);
    // Only whole sections (form posts) move focus; autosave status lines must not steal it.
    if (!target || target.tagName !== "SECTION") return;
    var focusable = target.querySelector('[aria-invalid="true"]') || target.querySelector('[role="status"], [role="alert"]');
    if (focusable) {
      if (!focusable.hasAttribute("tabindex") && !/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(focusable.tagName)) {
        focusable.setAttribute("tabindex", "-1");
      }
      focusable.focus();
    }
  });

  // A 4xx answer to an htmx form still carries the section with its field errors: swap it in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 422 || status === 409 || status === 403) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    var text = button.getAttribute("data-copy");
    var done = function () {
      var label = button.firstChild.nodeValue;
      button.firstChild.nodeValue = "Copied";
      setTimeout(function () { button.firstChild.nodeValue = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { selectBox(button); });
    } else {
      selectBox(button);
    }
  });

  // Agenda drafts: every keystroke is also kept on this device until the server has it, so
  // closing the tab (or losing the network) between autosaves loses nothing.
  function formState(form) {
    var state = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "hidden" || el.type === "submit") return;
      if (el.type === "checkbox") {
        state[el.name] = state[el.name] || [];
        if (el.checked) state[el.name].push(el.value);
      } else {
        state[el.name] = el.value;
      }
    });
    return state;
  }

  function applyState(form, state) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in state) || el.type === "hidden") return;
      if (el.type === "checkbox") el.checked = state[el.name].indexOf(el.value) !== -1;
      else el.value = state[el.name];
    });
  }

  function setupDraft(form) {
    var key = form.getAttribute("data-draft-key");
    var read = function () {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    };
    var write = function (synced) {
      try {
        localStorage.setItem(key, JSON.stringify({ values: formState(form), synced: synced, at: Date.now() }));
      } catch (e) { /* storage full or disabled: the server autosave still runs */ }
    };
    var stored = read();
    var current = JSON.stringify(formState(form));
    if (stored && !stored.synced && JSON.stringify(stored.values) !== current) {
      applyState(form, stored.values);
      var note = document.getElementById("local-restore");
      if (note) {
        note.textContent = "Restored text you typed on this device that had not been saved yet; saving it now.";
        note.hidden = false;
      }
      if (window.htmx) window.htmx.trigger(form, "change");
    } else if (stored && JSON.stringify(stored.values) === current) {
      localStorage.removeItem(key);
    }
    form.addEventListener("input", function () { write(false); });
    form.addEventListener("change", function () { write(false); });
    var sent = null;
    var inFlight = false;
    var submitting = false;
    form.addEventListener("htmx:beforeRequest", function (event) {
      if (submitting) { event.preventDefault(); return; }  // the submit carries everything
      inFlight = true;
      sent = JSON.stringify(formState(form));
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      inFlight = false;
      // Only what the server actually received counts as saved; newer keystrokes stay pending.
      if (event.detail.successful && sent === JSON.stringify(formState(form))) write(true);
      if (submitting) form.requestSubmit();
    });
    // Submitting while an autosave is on its way would race it (and trip the version check):
    // wait for the autosave's answer, which also brings the new version number, then submit.
    form.addEventListener("submit", function (event) {
      submitting = true;
      if (inFlight) event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-key]"), setupDraft);
  });

  function selectBox(button) {
    var box = button.parentNode.querySelector("input");
    if (box) { box.focus(); box.select(); }
  }
})();
