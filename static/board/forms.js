// Forms on an item (edit, merge, action item, send back, reframe) and on the board: opening one
// from its <template>, field errors beside their fields, and sending a form's command once.
import { each, uuid } from "../shared/dom.js";
import { OFFLINE, refusal } from "../shared/net.js";
import { fillActionForm, fillEditForm, fillMergeTargets } from "./item_forms.js";
import { fillActions, panels, renderBoard, rows } from "./list.js";
import { request, store } from "./page.js";

var formCount = 0;
export function fromTemplate(id) {
  var template = document.getElementById(id);
  if (!template) return null;
  var node = template.content.firstElementChild.cloneNode(true);
  var key = "bf" + (++formCount);
  each([node].concat(Array.prototype.slice.call(node.querySelectorAll("[id],[for],[aria-describedby],[aria-labelledby]"))), function (n) {
    ["id", "for", "aria-describedby", "aria-labelledby"].forEach(function (attr) {
      var v = n.getAttribute(attr);
      if (v && v.indexOf("__K__") !== -1) n.setAttribute(attr, v.split("__K__").join(key));
    });
  });
  return node;
}

export function closePanel(id, refocus) {
  var open = panels[id];
  if (!open) return;
  delete panels[id];
  if (open.node.parentNode) open.node.parentNode.removeChild(open.node);
  var item = store.items[id];
  if (item && rows[id]) fillActions(rows[id].children[1], item);
  if (refocus && rows[id]) {
    var opener = rows[id].querySelector('[data-act="' + open.kind + '"]');
    if (opener) opener.focus();
  }
}

export function openPanel(id, kind) {
  var item = store.items[id];
  if (!item) return;
  var already = panels[id];
  closePanel(id, false);
  if (already && already.kind === kind) { fillActions(rows[id].children[1], item); return; } // a toggle
  var form = fromTemplate("board-" + kind + "-form");
  if (!form) return;
  form.setAttribute("data-key", uuid()); // one id per attempt: a resend after a timeout acts once
  panels[id] = { kind: kind, node: form };
  rows[id].children[2].appendChild(form);
  if (kind === "edit") fillEditForm(form, item);
  if (kind === "merge") fillMergeTargets(form, id);
  if (kind === "action") fillActionForm(form);
  fillActions(rows[id].children[1], item);
  var first = form.querySelector("input:not([type=hidden]), select, textarea");
  if (first) first.focus();
}

export function clearFieldErrors(form) {
  each(form.querySelectorAll("[data-error-for]"), function (p) { p.textContent = ""; });
  each(form.querySelectorAll(".has-error"), function (f) { f.classList.remove("has-error"); });
  each(form.querySelectorAll("[aria-invalid]"), function (f) { f.removeAttribute("aria-invalid"); });
  var general = form.querySelector("[data-form-problem]");
  if (general) general.textContent = "";
}

// Field errors next to their fields (paths like "to_teams.1" or "body.what"); the rest on top.
export function showFieldErrors(form, errors, detail, fieldOf) {
  clearFieldErrors(form);
  var first = null, loose = [];
  (errors || []).forEach(function (e) {
    var name = fieldOf(e.field);
    var slot = name ? form.querySelector('[data-error-for="' + name + '"]') : null;
    if (!slot) { loose.push(e.message); return; }
    slot.textContent = slot.textContent ? slot.textContent + " " + e.message : e.message;
    var box = form.querySelector('[data-field="' + name + '"]');
    if (!box) return;
    box.classList.add("has-error");
    var control = box.querySelector("select, textarea, input");
    if (control && box.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
    first = first || control;
  });
  var general = form.querySelector("[data-form-problem]");
  if (general) general.textContent = loose.length ? loose.join(" ") : (errors && errors.length ? "" : detail || "");
  if (first) first.focus();
  else if (general && general.textContent) { general.setAttribute("tabindex", "-1"); general.focus(); }
}

export function pathField(names) {
  return function (path) {
    var parts = String(path || "").split(/[.[\]]/);
    for (var i = 0; i < parts.length; i++) if (names.indexOf(parts[i]) !== -1) return parts[i];
    if (parts.indexOf("no_goal") !== -1) return "goal_id";
    return null;
  };
}

// Sends a form's command once at a time; 422 keeps the input and shows the field errors.
export function submitForm(form, method, path, body, fieldOf, done, refused) {
  if (form.getAttribute("aria-busy") === "true") return;
  form.setAttribute("aria-busy", "true");
  clearFieldErrors(form);
  body.id = form.getAttribute("data-key");
  request(method, path, body).then(function (res) {
    if (res.ok) {
      form.setAttribute("data-key", uuid());
      if (store.replaceAll(res.data)) renderBoard();
      done(res);
    } else if (res.status === 422) {
      showFieldErrors(form, res.data && res.data.errors, refusal(res), fieldOf);
    } else {
      showFieldErrors(form, [], refusal(res), fieldOf);
      if (res.status === 409) form.setAttribute("data-key", uuid());
      if (refused) refused(res);
    }
  }, function () {
    showFieldErrors(form, [], OFFLINE, fieldOf);
  }).then(function () { form.removeAttribute("aria-busy"); });
}
