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
    if (!target || !target.querySelector) return;
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
    if (status === 422 || status === 409) {
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

  function selectBox(button) {
    var box = button.parentNode.querySelector("input");
    if (box) { box.focus(); box.select(); }
  }
})();
