// Similar items while typing: vote on one instead of capturing it twice (participant).
import { each, el, short, uuid } from "../shared/dom.js";
import { getJson, refusal } from "../shared/net.js";
import { renderBoard, votesText } from "./list.js";
import { api, me, post, store } from "./page.js";

var form = document.querySelector("[data-capture-form]");
var textArea = form ? form.elements.what_happens : null;
var fromSelect = form ? form.elements.from_team : null;
var similarBox = form ? form.querySelector("[data-similar]") : null;
var similarList = form ? form.querySelector("[data-similar-list]") : null;
var similarTimer = null, similarAsked = 0;

export function hideSimilar() {
  similarBox.hidden = true;
  while (similarList.firstChild) similarList.removeChild(similarList.firstChild);
}

export function lookSimilarSoon() {
  clearTimeout(similarTimer);
  similarTimer = setTimeout(lookSimilar, 400);
}

function lookSimilar() {
  var text = textArea.value.trim();
  if (text.length < 15) { hideSimilar(); return; }
  var params = new URLSearchParams();
  params.append("text", text);
  params.append("from_team", fromSelect.value);
  each(form.querySelectorAll('input[name="to_teams"]:checked'), function (b) {
    params.append("to_teams", b.value);
  });
  var asked = ++similarAsked;
  getJson(api + "/similar?" + params.toString())
    .then(function (found) { if (asked === similarAsked) showSimilar(found.slice(0, 3)); })
    .catch(function () { /* offline: no suggestions, capturing still works */ });
}

function showSimilar(found) {
  hideSimilar();
  if (!found.length) return;
  found.forEach(function (item) {
    var li = el("li", "similar-item");
    li.appendChild(el("p", "board-what", item.what_happens));
    li.appendChild(el("p", "board-teams", item.from_team + " → " + (item.to_teams || []).join(", ") + " · " + votesText(item.votes || 0)));
    var note = el("span", "similar-note");
    note.setAttribute("role", "status");
    if (item.author === me || store.myVotes[item.id]) {
      note.textContent = item.author === me ? "This is your own item." : "You already see this too.";
      li.appendChild(note);
      similarList.appendChild(li);
      return;
    }
    var b = el("button", "button small secondary", "Vote instead");
    b.type = "button";
    b.appendChild(el("span", "visually-hidden", ": we see “" + short(item.what_happens, 60) + "” too"));
    b.addEventListener("click", function () {
      if (b.getAttribute("aria-busy") === "true") return;
      b.setAttribute("aria-busy", "true");
      post("/items/" + encodeURIComponent(item.id) + "/vote", { id: uuid() }).then(function (res) {
        if (res.ok) {
          if (store.replaceAll(res.data)) renderBoard();
          note.textContent = "Vote added: no need to capture it again.";
          b.hidden = true;
          note.setAttribute("tabindex", "-1");
          note.focus();
        } else {
          note.textContent = refusal(res);
        }
      }, function () {
        note.textContent = "No connection: the vote was not sent. Try again.";
      }).then(function () { b.removeAttribute("aria-busy"); });
    });
    li.appendChild(b);
    li.appendChild(note);
    similarList.appendChild(li);
  });
  similarBox.hidden = false;
}


// The capture form's own listeners: a longer text or other teams ask again.
export function setupSimilar() {
  textArea.addEventListener("input", lookSimilarSoon);
  form.addEventListener("change", function (event) {
    if (event.target && event.target.name === "to_teams") lookSimilarSoon();
  });
}
