// The board's network: JSON requests to /api/v1/sessions/<sid>/board with the CSRF token.

export var OFFLINE = "No connection to the server: nothing was changed. Try again.";

// `request(method, path, body)` and `post(path, body)` against the board at `api`.
// A hung connection counts as a failed send after 15 s (resending is safe: ids are idempotent).
export function boardApi(api, csrf) {
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
