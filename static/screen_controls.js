// The console's big-screen controls: a change of mode, pace, pause, mute or colours applies at
// once; a message applies with the button (or Enter). One request at a time, answers shown.
(function () {
  "use strict";
  var form = document.querySelector("[data-screen-form]");
  var root = document.getElementById("live");
  if (!form || !root) return;
  var sid = root.getAttribute("data-session");
  var api = "/api/v1/sessions/" + encodeURIComponent(sid) + "/live/screen";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var outcome = form.querySelector("[data-screen-outcome]");
  var problem = form.querySelector("[data-screen-problem]");
  var messageError = form.querySelector('[data-error-for="message"]');
  var messageInput = form.querySelector('[name="message"]');
  var MODE_TEXT = { clock: "the session", board: "the board", goals: "the goals", message: "your message", blank: "nothing" };

  function values() {
    var mode = form.querySelector('[name="mode"]:checked');
    return {
      mode: mode ? mode.value : "clock",
      message: messageInput.value.trim(),
      pace_seconds: parseInt(form.querySelector('[name="pace_seconds"]').value, 10),
      spotlight_paused: form.querySelector('[name="spotlight_paused"]').checked,
      muted: form.querySelector('[name="muted"]').checked,
      theme: form.querySelector('[name="theme"]').value
    };
  }

  function showError(text) {
    messageError.textContent = text;
    form.querySelector('[data-field="message"]').classList.toggle("has-error", !!text);
    if (text) messageInput.setAttribute("aria-invalid", "true"); else messageInput.removeAttribute("aria-invalid");
  }

  function send() {
    var body = values();
    outcome.textContent = "";
    problem.textContent = "";
    showError("");
    if (body.mode === "message" && !body.message) {
      showError("Type a message, e.g. Back in 5 minutes.");
      messageInput.focus();
      return;
    }
    outcome.textContent = "Sending…";
    fetch(api, {
      method: "PUT",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    }).then(function (res) {
      if (res.ok) {
        outcome.textContent = "The big screen shows " + (MODE_TEXT[res.data.mode] || res.data.mode) + ".";
        return;
      }
      outcome.textContent = "";
      var fieldErrors = (res.data && res.data.errors) || [];
      var forMessage = fieldErrors.filter(function (e) { return /message/.test(e.field || (e.loc || []).join(".")); })[0];
      if (forMessage) showError(forMessage.message || forMessage.msg || "Check the message.");
      problem.textContent = (res.data && (res.data.detail || res.data.title)) || "That did not work (" + res.status + ").";
    }, function () {
      outcome.textContent = "";
      problem.textContent = "No connection to the server: the big screen did not change. Try again.";
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target === messageInput) return;
    if (event.target.name === "mode" && event.target.value === "message" && !messageInput.value.trim()) {
      showError("Type the message, then press Show on the big screen.");
      messageInput.focus();
      return;
    }
    send();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); send(); });
})();
