// Roundtable page behaviour that htmx does not cover: CSRF header, copy buttons, focus.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRF-Token"] = csrf;
  });
  // The token is bound to this browser's link cookie: a response that hands out a new cookie
  // (the facilitator replacing their own link) sends the token that goes with it.
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var fresh = xhr && xhr.getResponseHeader("X-CSRF-Token");
    if (!fresh) return;
    csrf = fresh;
    if (meta) meta.setAttribute("content", fresh);
    document.querySelectorAll('input[name="csrf_token"]').forEach(function (input) { input.value = fresh; });
  });

  // htmx swaps whole sections; put keyboard focus back on the section's first error (or its
  // status message) so screen-reader and keyboard users hear what happened.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    // With outerHTML swaps the event's target is the old, detached element: find its successor.
    if (target && target.id && !target.isConnected) target = document.getElementById(target.id);
    // Only whole sections (form posts) move focus; autosave status lines must not steal it.
    if (!target || target.tagName !== "SECTION") return;
    var summary = target.querySelector("[data-error-summary]");
    var focusable = summary || target.querySelector('[aria-invalid="true"]') || target.querySelector('[role="status"], [role="alert"]');
    if (summary) {
      // A success message elsewhere on the page is stale once something went wrong.
      // (Server-rendered notices only: a script's own outcome line, [data-outcome], stays.)
      document.querySelectorAll(".notice:not([data-outcome])").forEach(function (note) {
        if (!target.contains(note)) note.remove();
      });
    }
    // The summary is heard when it takes focus (and as an alert); a success message is not
    // focused, so the live region reads it.
    announce(summary ? null : target.querySelector(".notice, .report"));
    if (focusable) {
      if (!focusable.hasAttribute("tabindex") && !/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(focusable.tagName)) {
        focusable.setAttribute("tabindex", "-1");
      }
      focusable.focus();
    }
  });

  // The page's one polite live region (base.html) reads a swapped-in success message (or an
  // import report). Cleared first, so the same words said twice are heard twice. Each swap
  // overrides a message still waiting for its moment: on a slow phone (or with two forms sent at
  // once) the next answer can come within it, and an error must not be followed by the earlier
  // "Goal added." (the clean-up above removed it from the page; the region must not bring it back).
  var pendingAnnounce = null;
  function announce(source) {
    var region = document.getElementById("rt-announce");
    if (!region) return;
    clearTimeout(pendingAnnounce);
    pendingAnnounce = null;
    region.textContent = "";
    if (!source) return;
    var text = source.textContent.replace(/\s+/g, " ").trim();
    pendingAnnounce = setTimeout(function () {
      pendingAnnounce = null;
      if (source.isConnected) region.textContent = text;  // not a message already gone
    }, 50);
  }

  // A 4xx answer to an htmx form still carries the section with its field errors: swap it in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 422 || status === 409 || status === 403) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Confirmations for destructive or room-wide actions: a modal <dialog> (focus moves into it,
  // stays there, and returns to the button afterwards), never window.confirm. Other scripts use
  // window.rtConfirm(message, action) -> Promise<boolean>.
  var dialog = null;
  function confirmDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-text");
    var title = document.createElement("h2");
    title.id = "confirm-dialog-title";
    title.textContent = "Please confirm";
    var text = document.createElement("p");
    text.id = "confirm-dialog-text";
    var row = document.createElement("div");
    row.className = "actions";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button danger";
    yes.setAttribute("data-confirm-yes", "");
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button secondary";
    no.textContent = "Cancel";
    no.setAttribute("data-confirm-no", "");
    row.appendChild(yes);
    row.appendChild(no);
    dialog.appendChild(title);
    dialog.appendChild(text);
    dialog.appendChild(row);
    document.body.appendChild(dialog);
    yes.addEventListener("click", function () { dialog.close("yes"); });
    no.addEventListener("click", function () { dialog.close("no"); });
    return dialog;
  }

  function rtConfirm(message, action) {
    var box = confirmDialog();
    var opener = document.activeElement;
    box.querySelector("#confirm-dialog-text").textContent = message;
    box.querySelector("[data-confirm-yes]").textContent = action || "Yes, go ahead";
    box.returnValue = "";
    return new Promise(function (resolve) {
      box.addEventListener("close", function done() {
        box.removeEventListener("close", done);
        if (opener && opener.isConnected && opener.focus) opener.focus();
        resolve(box.returnValue === "yes");
      });
      box.showModal();
      box.querySelector("[data-confirm-no]").focus(); // the safe choice has focus
    });
  }
  window.rtConfirm = rtConfirm;

  // Forms with data-confirm: htmx asks through htmx:confirm; plain submits are held back here.
  // What a form asks before it is sent, and the confirm button's words: [message, action].
  function confirmText(form) {
    if (!form) return ["", ""];
    var pastField = form.querySelector("[data-past-after]");
    if (pastField && pastField.value && pastField.value !== pastField.defaultValue &&
        pastField.value < pastField.getAttribute("data-past-after")) {
      return [pastField.getAttribute("data-past-confirm"), "Close agendas now"];
    }
    var guarded = form.querySelector("[data-confirm-when]");
    if (guarded && guarded.value === guarded.getAttribute("data-confirm-when") &&
        guarded.value !== guarded.getAttribute("data-initial")) {
      return [guarded.getAttribute("data-confirm-text"), guarded.getAttribute("data-confirm-action")];
    }
    return [form.getAttribute("data-confirm") || "", form.getAttribute("data-confirm-action")];
  }

  function markConfirmed(form) {
    var flag = form.querySelector('input[name="confirmed"]');
    if (!flag) {
      flag = document.createElement("input");
      flag.type = "hidden";
      flag.name = "confirmed";
      form.appendChild(flag);
    }
    flag.value = "1";
  }

  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail.elt;
    var form = elt && elt.closest ? elt.closest("form") : null;
    var ask = confirmText(form);
    var message = ask[0] || event.detail.question;
    if (!message) return;
    event.preventDefault();
    rtConfirm(message, ask[1]).then(function (ok) {
      if (!ok) return;
      if (form) markConfirmed(form);
      event.detail.issueRequest(true);
    });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.hasAttribute("hx-post") || form.getAttribute("data-confirmed") === "true") return;
    var ask = confirmText(form);
    if (!ask[0]) return;
    event.preventDefault();
    rtConfirm(ask[0], ask[1]).then(function (ok) {
      if (!ok) return;
      markConfirmed(form);
      form.setAttribute("data-confirmed", "true");
      form.requestSubmit(event.submitter || undefined);
    });
  }, true);

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

  // Soft length limits: typing past the limit is allowed (no word is cut off) but the counter
  // says so at once and the field is flagged; the words stay in this device's mirror.
  function formatCount(n) { return n.toLocaleString("en-US"); }

  function updateCounter(field) {
    var counter = document.getElementById(field.id + "-count");
    if (!counter) return;
    var high = parseInt(field.getAttribute("data-soft-max"), 10);
    var low = parseInt(field.getAttribute("data-min") || "0", 10);
    var length = field.value.length;
    var over = length > high;
    var text = formatCount(length) + " of " + formatCount(high) + " characters";
    if (over) {
      text += ": " + formatCount(length - high) + " over the limit. Shorten it to save it; until then it is kept on this device only.";
    } else {
      text += length < low ? " (at least " + low + " to submit)." : ".";
    }
    if (counter.textContent !== text) counter.textContent = text;
    counter.classList.toggle("over", over);
    var wasOver = field.getAttribute("data-over") === "true";
    if (over !== wasOver) {
      field.setAttribute("data-over", over ? "true" : "false");
      var hasServerError = !!document.getElementById(field.id + "-error");
      if (over) field.setAttribute("aria-invalid", "true");
      else if (!hasServerError) field.removeAttribute("aria-invalid");
      // Crossing the limit is announced once (not every keystroke) through the form's alert.
      var alert = document.getElementById("limit-alert");
      if (alert) {
        var label = document.querySelector('label[for="' + field.id + '"]');
        var name = label ? label.textContent.trim() : field.name;
        alert.textContent = over ? name + " is over its limit of " + formatCount(high) + " characters; it is kept on this device only until you shorten it." : "";
      }
    }
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field && field.hasAttribute && field.hasAttribute("data-soft-max")) updateCounter(field);
  });

  // Agenda drafts: every keystroke is also kept on this device until the server has it, so
  // closing the tab (or losing the network) between autosaves loses nothing. A field the
  // server refused (over its limit) keeps the mirror unsynced, so a reload restores it.
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

  // What the server's answer says it did not store: a refusal of all (`problem`), or the names
  // of the fields it refused (`unsaved`, null when the answer does not say).
  function serverAnswer(xhr) {
    var body = (xhr && xhr.responseText) || "";
    var unsaved = /data-unsaved="([^"]*)"/.exec(body);
    return {
      problem: /data-problem="true"/.test(body),
      unsaved: unsaved ? unsaved[1].split(" ").filter(Boolean) : null
    };
  }

  function serverKeptAll(answer) {
    return !answer.problem && answer.unsaved !== null && answer.unsaved.length === 0;
  }

  function markPending() {
    var status = document.getElementById("autosave");
    if (!status || status.getAttribute("data-pending") === "true") return;
    status.setAttribute("data-pending", "true");
    status.classList.remove("problem");
    status.textContent = "Saving your changes…";
  }

  function setupDraft(form) {
    var key = form.getAttribute("data-draft-key");
    var read = function () {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    };
    // The mirror also keeps `base`: each field as the server last held it to this tab's
    // knowledge. A later page load restores only the fields typed here (value differs from
    // base), so a field another device changed in the meantime is not put back to old text.
    var base = formState(form);
    var write = function (synced) {
      try {
        localStorage.setItem(key, JSON.stringify({ values: formState(form), base: base, synced: synced, at: Date.now() }));
      } catch (e) { /* storage full or disabled: the server autosave still runs */ }
    };
    var softFields = form.querySelectorAll("[data-soft-max]");
    var edited = function () { write(false); markPending(); };
    form.addEventListener("input", edited);
    form.addEventListener("change", edited);
    var sent = null;
    var inFlight = false;
    var submitting = false;
    form.addEventListener("htmx:beforeRequest", function (event) {
      if (submitting) { event.preventDefault(); return; }  // the submit carries everything
      inFlight = true;
      sent = formState(form);
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      inFlight = false;
      var unchanged = JSON.stringify(sent) === JSON.stringify(formState(form));
      var answer = serverAnswer(event.detail.xhr);
      if (event.detail.successful && sent && !answer.problem) {
        // What the server stored is the new base; a field it refused keeps the old one.
        var refused = answer.unsaved || [];
        if (refused.indexOf("butterfly_targets") !== -1) refused.push("butterfly_other");
        Object.keys(sent).forEach(function (name) {
          if (refused.indexOf(name) === -1) base[name] = sent[name];
        });
      }
      // Only what the server actually stored counts as saved; newer keystrokes stay pending.
      if (event.detail.successful && unchanged && serverKeptAll(answer)) write(true);
      else if (event.detail.successful) write(false);
      if (!unchanged) markPending();
      if (!event.detail.successful && !event.detail.xhr.status) {
        var status = document.getElementById("autosave");
        if (status) {
          status.removeAttribute("data-pending");
          status.classList.add("problem");
          status.textContent = "Not saved: the server cannot be reached. Your text is kept on this device and saves when the connection is back.";
        }
      }
      if (restoreNote) {
        // The restore's own save has answered: the note says what became of the restored text.
        var restored = restoreNote;
        restoreNote = null;
        if (event.detail.successful && !answer.problem && serverKeptAll(answer)) {
          restored.textContent = "Restored text you typed on this device that had not been saved yet. It is saved now.";
        } else if (event.detail.successful) {
          restored.textContent = "Restored text you typed on this device that had not been saved yet. Not all of it could be saved: the status line says what is kept on this device only.";
        } else {
          restored.textContent = "Restored text you typed on this device that had not been saved yet. It is kept on this device and saves when the connection is back.";
        }
      }
      if (submitting) form.requestSubmit();
    });
    // Submitting while an autosave is on its way would race it (and trip the version check):
    // wait for the autosave's answer, which also brings the new version number, then submit.
    form.addEventListener("submit", function (event) {
      submitting = true;
      if (inFlight) event.preventDefault();
    });
    // The restore's save carries no version: the fields it puts back were typed on this device
    // and the rest are what the server holds. The page may be one save behind the server (a
    // save on its way when the page reloaded can land after the server rendered the page), and
    // that save was this tab's own. Every later autosave carries the version again, so a
    // change made in another tab or device meanwhile is refused, not overwritten.
    var restoring = false;
    var restoreNote = null;  // the restore note, until the restore's save answers
    form.addEventListener("htmx:configRequest", function (event) {
      if (!restoring) return;
      restoring = false;
      delete event.detail.parameters.version;
    });
    // Listeners first: the restore below may start an autosave at once.
    var stored = read();
    var typedHere = {};
    if (stored && !stored.synced && stored.values) {
      Object.keys(stored.values).forEach(function (name) {
        var mine = JSON.stringify(stored.values[name]);
        // A mirror from before `base` existed restores every field, as it always did.
        var was = stored.base ? JSON.stringify(stored.base[name]) : undefined;
        if (mine !== was && mine !== JSON.stringify(base[name])) typedHere[name] = stored.values[name];
      });
    }
    if (Object.keys(typedHere).length) {
      applyState(form, typedHere);
      var note = document.getElementById("local-restore");
      if (note) {
        note.textContent = "Restored text you typed on this device that had not been saved yet; saving it now.";
        note.hidden = false;
        restoreNote = note;
      }
      write(false);
      markPending();
      restoring = true;
      if (window.htmx) window.htmx.trigger(form, "change");
    } else if (stored) {
      localStorage.removeItem(key);
    }
    Array.prototype.forEach.call(softFields, updateCounter);
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A page answered with errors: focus its summary so the first thing heard is what is wrong.
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft-key]"), setupDraft);
  });

  function selectBox(button) {
    var box = button.parentNode.querySelector("input");
    if (box) { box.focus(); box.select(); }
  }
})();
