// JSON over HTTP for the live pages: the CSRF token, reads, and commands with a timeout.

export var OFFLINE = "No connection to the server: nothing was changed. Try again.";

// The page's CSRF token (base.html puts it in a <meta>), sent as X-CSRF-Token with commands.
export function csrfToken() {
  var meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute("content") : "";
}

// A GET of JSON from this site; rejects on a status that is not 2xx.
export function getJson(url) {
  return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); });
}

// `request(method, path, body)` and `post(path, body)` against the JSON API at `api`.
// A hung connection counts as a failed send after 15 s (resending is safe: ids are idempotent).
export function jsonApi(api, csrf) {
  function request(method, path, body) {
    var abort = window.AbortController ? new AbortController() : null;
    var timer = abort ? setTimeout(function () { abort.abort(); }, 15000) : null;
    return fetch(api + path, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
      signal: abort ? abort.signal : undefined
    }).then(function (r) {
      clearTimeout(timer);
      return r.json().catch(function () { return {}; }).then(function (data) {
        return { ok: r.ok, status: r.status, data: data };
      });
    });
  }
  function post(path, body) { return request("POST", path, body); }
  return { request: request, post: post };
}

// The server's reason for refusing, for the person who tried.
export function refusal(res) {
  return (res.data && (res.data.detail || res.data.title)) || "That did not work (" + res.status + ").";
}
