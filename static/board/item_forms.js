// The forms on one item: edit (the facilitator, or its author until the lock), merge into
// another item, and an action item (owner, what, due date).
import { each, el, short } from "../shared/dom.js";
import { localDate } from "../shared/time.js";
import { closePanel, pathField, showFieldErrors, submitForm } from "./forms.js";
import { panels, rows, votesText } from "./list.js";
import { outcome, people, peopleTemplate, say, store } from "./page.js";

// Edit: the item's content, for the facilitator or (until the lock) its author.
export var EDIT_FIELDS = ["from_team", "to_teams", "what_happens", "impact", "goal_id", "with_person"];

export function fillEditForm(form, item) {
  form.setAttribute("data-version", String(item.version));
  form.elements.from_team.value = item.from_team;
  var checks = form.querySelector("[data-team-checks]");
  var known = {};
  each(form.querySelectorAll('input[name="to_teams"]'), function (box) {
    known[box.value] = true;
    box.checked = (item.to_teams || []).indexOf(box.value) !== -1;
  });
  (item.to_teams || []).forEach(function (team) { // a team outside the room stays ticked
    if (known[team]) return;
    var label = el("label", "check");
    var box = el("input");
    box.type = "checkbox"; box.name = "to_teams"; box.value = team; box.checked = true;
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + team));
    checks.appendChild(label);
  });
  form.elements.what_happens.value = item.what_happens;
  each(form.querySelectorAll('input[name="impact"]'), function (r) { r.checked = r.value === item.impact; });
  form.elements.goal.value = item.goal_id == null ? "none" : String(item.goal_id);
  form.elements.with_person.value = item.with_person || "";
  form.setAttribute("data-round-no", item.round_no == null ? "" : String(item.round_no));
}

function readEditForm(form) {
  var goal = form.elements.goal.value;
  var impact = form.querySelector('input[name="impact"]:checked');
  var round = form.getAttribute("data-round-no");
  return {
    from_team: form.elements.from_team.value,
    to_teams: Array.prototype.filter.call(form.querySelectorAll('input[name="to_teams"]'), function (b) {
      return b.checked;
    }).map(function (b) { return b.value; }),
    what_happens: form.elements.what_happens.value,
    impact: impact ? impact.value : "",
    goal_id: goal && goal !== "none" ? parseInt(goal, 10) : null,
    no_goal: goal === "none",
    round_no: round ? parseInt(round, 10) : null,
    with_person: form.elements.with_person.value.trim() || null,
    expected_version: parseInt(form.getAttribute("data-version"), 10)
  };
}

export function submitEdit(form, id) {
  var body = readEditForm(form);
  if (!body.impact) { // the API would answer with a type error; say it like a person
    showFieldErrors(form, [{ field: "impact", message: "Choose the impact: low, medium, high or critical." }], "", pathField(EDIT_FIELDS));
    return;
  }
  submitForm(form, "PATCH", "/items/" + encodeURIComponent(id), body, pathField(EDIT_FIELDS), function () {
    closePanel(id, true);
    say("Saved your changes to “" + short(body.what_happens.trim(), 60) + "”.");
  }, function (res) {
    // Someone changed the item meanwhile: the input stays, and saving again replaces theirs.
    var current = store.items[id];
    if (res.status !== 409 || !current || current.version === body.expected_version) return;
    form.setAttribute("data-version", String(current.version));
    var general = form.querySelector("[data-form-problem]");
    if (general) general.textContent += " Your text is kept: save again to replace their change.";
  });
}

// Merge: this item (the duplicate) goes into the chosen one.
export function fillMergeTargets(form, id) {
  var select = form.elements.target;
  if (document.activeElement === select && select.options.length) return; // do not shift it under the user
  var chosen = select.value;
  var options = store.ordered().filter(function (item) { return item.id !== id; });
  var signature = options.map(function (o) { return o.id + ":" + o.votes + ":" + o.what_happens; }).join("|");
  if (select.getAttribute("data-signature") === signature) return;
  select.setAttribute("data-signature", signature);
  while (select.firstChild) select.removeChild(select.firstChild);
  select.appendChild(el("option", null, options.length ? "Choose the item to keep…" : "No other item on the board"));
  select.firstChild.value = "";
  options.forEach(function (item) {
    var o = el("option", null, short(item.what_happens, 70) + " (" + item.from_team + " → " +
      (item.to_teams || []).join(", ") + ", " + votesText(item.votes || 0) + ")");
    o.value = item.id;
    select.appendChild(o);
  });
  select.value = chosen && store.items[chosen] ? chosen : "";
}

export function refreshMergeTargets() {
  Object.keys(panels).forEach(function (id) {
    if (panels[id].kind === "merge") fillMergeTargets(panels[id].node, id);
  });
}

export function submitMerge(form, id) {
  var target = form.elements.target.value;
  var fieldOf = pathField(["target"]);
  if (!target) {
    showFieldErrors(form, [{ field: "target", message: "Choose the item this one duplicates." }], "", fieldOf);
    return;
  }
  var keep = store.items[target];
  var source = store.items[id];
  submitForm(form, "POST", "/items/" + encodeURIComponent(target) + "/merge", { source_id: id }, fieldOf, function () {
    closePanel(id, false);
    say("Merged “" + short(source ? source.what_happens : "", 50) + "” into “" +
      short(keep ? keep.what_happens : "", 50) + "”: its votes and history moved over.");
    var kept = rows[target] && rows[target].querySelector("[data-act]");
    if (kept) kept.focus(); else if (outcome) outcome.focus();
  });
}

// Action item: owner (a participant), what exactly, due date.

export function fillActionForm(form) {
  var select = form.elements.owner;
  if (peopleTemplate) select.appendChild(document.importNode(peopleTemplate.content, true));
  form.elements.due.min = localDate(0);
  form.elements.due.value = localDate(14);
}

export function submitAction(form, id) {
  var fieldOf = pathField(["owner", "what", "due"]);
  var owner = form.elements.owner.value;
  var due = form.elements.due.value;
  var errors = [];
  if (!owner) errors.push({ field: "owner", message: "Choose the participant who owns this action." });
  if (!due) errors.push({ field: "due", message: "Give a due date." });
  if (errors.length) { showFieldErrors(form, errors, "", fieldOf); return; }
  var body = { owner: parseInt(owner, 10), what: form.elements.what.value, due: due };
  submitForm(form, "POST", "/items/" + encodeURIComponent(id) + "/action", body, fieldOf, function () {
    closePanel(id, true);
    say("Action item created: " + body.what.trim() + " — " + (people[owner] || "owner") + ", due " + due + ".");
  });
}
