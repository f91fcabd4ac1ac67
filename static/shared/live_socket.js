// The live websocket shared by every live page: it resumes from the newest seq seen (?since=),
// reconnects with backoff (0.5 s doubling to 10 s, with jitter), pings to measure the server's
// clock (shared/live_sync.js) and to notice a dead connection, and reconnects at once when the
// phone wakes up or the network comes back. Frames other than "hello" and "pong" go to
// `onMessage`; the page decides what each type means.
//
// options: path (the socket's path), query (more of the query string, "&…"), seq
// (seqTracker), offset (clockOffset), setConn(kind, text), onHello(msg), onMessage(msg).
import { backoffMs } from "./live_sync.js";

export function liveSocket(options) {
  var ws = null, attempt = 0, pingTimer = null, pingSeq = 0, pongWatch = null, retryTimer = null;
  var stopped = false;
  var setConn = options.setConn;

  function connect() {
    if (stopped) return;
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    try {
      ws = new WebSocket(scheme + "//" + location.host + options.path + "?since=" + options.seq.last + (options.query || ""));
    } catch (e) { scheduleReconnect(); return; }
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      onMessage(msg);
    };
    ws.onclose = function (event) {
      clearPings();
      ws = null;
      if (event.code === 1008 || event.code === 4403) {
        stopped = true;
        setConn("refused", "Your link no longer works");
        return;
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (stopped) return;
    setConn("reconnecting", "reconnecting…");
    var wait = backoffMs(attempt, Math.random());
    attempt += 1;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, wait);
  }

  function onMessage(msg) {
    if (msg.type === "hello") {
      attempt = 0;
      setConn("live", "live");
      options.onHello(msg);
      startPings();
      return;
    }
    if (msg.type === "pong") { onPong(msg); return; }
    options.onMessage(msg);
  }

  function sendPing() {
    if (!ws || ws.readyState !== 1) return;
    pingSeq += 1;
    ws.send(JSON.stringify({ type: "ping", id: pingSeq, t0: Date.now() }));
  }

  function startPings() {
    clearPings();
    for (var i = 0; i < 5; i++) setTimeout(sendPing, i * 250);
    pingTimer = setInterval(function () {
      sendPing();
      // No answer within 10 s: the connection is dead even if the socket has not noticed.
      clearTimeout(pongWatch);
      pongWatch = setTimeout(function () { if (ws) ws.close(); }, 10000);
    }, 30000);
  }

  function clearPings() {
    clearInterval(pingTimer);
    clearTimeout(pongWatch);
  }

  function onPong(msg) {
    clearTimeout(pongWatch);
    if (typeof msg.t0 !== "number" || typeof msg.server_ms !== "number") return;
    options.offset.sample(msg.t0, Date.now(), msg.server_ms);
  }

  // A phone waking up or a network coming back should not wait out the backoff.
  function reconnectNow() {
    if (stopped) return;
    if (ws && ws.readyState === 1) { sendPing(); return; }
    if (ws) return; // still connecting
    attempt = 0;
    clearTimeout(retryTimer);
    connect();
  }

  function start() {
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") reconnectNow();
    });
    window.addEventListener("online", reconnectNow);
  }

  return {
    start: start,
    connect: connect,
    // Drop the connection (it reconnects): e.g. when a resync could not read the state.
    close: function () { if (ws) ws.close(); }
  };
}
