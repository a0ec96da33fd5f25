/*
 * ReliableConnection: the web chat's WebSocket with delivery guarantees, knowing nothing about any page.
 *
 *   - every outgoing message has a client id and stays in an outbox (sessionStorage, so it survives a
 *     reload of the tab) until the server acknowledges it; messages go out one at a time, oldest first;
 *   - no ack within ackTimeoutMs: the socket is presumed dead, a new one re-sends the same client id
 *     (the server de-duplicates by client id);
 *   - reconnects with exponential backoff and jitter (1 s doubling up to 15 s), at once when the
 *     browser comes back online or the tab becomes visible;
 *   - "rate_limited" errors hold the outbox for retry_after seconds, then send the same message again;
 *   - after every "session" frame it sends the resume frame with after_seq (the highest seq seen);
 *     live frames that arrive before the "history" answer are held back, then shown after it;
 *   - frames with a seq already seen are reported as not new (de-duplication across resumes).
 *
 * Usage (a plain script: one global, or one var in the widget's shared scope):
 *   var connection = new ReliableConnection({
 *     url: "wss://HOST/webchat/ws",     // or function (conversationId) { return "wss://..."; }
 *     storagePrefix: "pdx311.webchat.", // keys: PREFIX + "outbox" (sessionStorage), PREFIX + "conversation"
 *                                       //       (localStorage); storagePrefix: null keeps both in memory
 *     resumeFrame: function (afterSeq) { return { type: "resume", after_seq: afterSeq }; },     // optional
 *     messageFrame: function (item) { return { type: "message", client_id: item.client_id, ... }; },  // optional
 *     ackTimeoutMs: 15000,
 *     onStateChange: function (state) {},      // "connecting" | "connected" | "ready" | "disconnected" | "reconnecting"
 *     onSession: function (frame, first) {},   // first: the first session frame on this socket
 *     onReset: function () {},                 // the stored conversation is gone; seq state was reset
 *     onHistory: function (messages) {},       // the answer to resume, without seqs already seen
 *     onMessage: function (frame, isNew) {},   // a live "message" frame (isNew false: seq already seen)
 *     onAck: function (clientId, frame) {},    // the server has the message (frame is null when the history said so)
 *     onRejected: function (clientId, frame) {},  // an error frame for a message: it will never be stored, it left the outbox
 *     onRateLimited: function (frame, seconds) {}, onRateLimitOver: function () {},
 *     onFrame: function (frame) {}             // anything else ("typing", unknown types, errors without client id)
 *   });
 *   connection.open();                // connect now and stay connected
 *   connection.send({ text: "hi" });  // returns the stored item, with its client_id
 */
var ReliableConnection = (function () {
  "use strict";

  var MAX_BACKOFF_MS = 15000;

  function noop() {}

  function storage(kind) {
    var memory = {};
    function backend() {
      try {
        return kind ? window[kind] : null;
      } catch (err) {
        return null;
      }
    }
    return {
      get: function (key) {
        try {
          var s = backend();
          if (s) { return s.getItem(key); }
        } catch (err) { /* storage blocked: fall back to memory */ }
        return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
      },
      set: function (key, value) {
        memory[key] = value;
        try {
          var s = backend();
          if (s) { s.setItem(key, value); }
        } catch (err) { /* memory only */ }
      },
      remove: function (key) {
        delete memory[key];
        try {
          var s = backend();
          if (s) { s.removeItem(key); }
        } catch (err) { /* memory only */ }
      }
    };
  }

  function uuid() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === "function") {
      return c.randomUUID();
    }
    var bytes = new Uint8Array(16);
    if (c && c.getRandomValues) {
      c.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) { bytes[i] = Math.floor(Math.random() * 256); }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = "";
    for (var j = 0; j < 16; j++) {
      hex += (bytes[j] + 0x100).toString(16).slice(1);
      if (j === 3 || j === 5 || j === 7 || j === 9) { hex += "-"; }
    }
    return hex;
  }

  function defaultResumeFrame(afterSeq) {
    return { type: "resume", after_seq: afterSeq };
  }

  function defaultMessageFrame(item) {
    var frame = { type: "message", client_id: item.client_id, text: item.text };
    if (item.payload) { frame.payload = item.payload; }
    if (item.media_token) { frame.media_token = item.media_token; }
    return frame;
  }

  function ReliableConnection(options) {
    if (!(this instanceof ReliableConnection)) { return new ReliableConnection(options); }
    var opts = options || {};
    var on = {};
    ["onStateChange", "onSession", "onReset", "onHistory", "onMessage", "onAck", "onRejected", "onRateLimited",
      "onRateLimitOver", "onFrame"].forEach(function (name) {
      on[name] = typeof opts[name] === "function" ? opts[name] : noop;
    });
    var prefix = opts.storagePrefix;
    var persistent = storage(prefix ? "localStorage" : null);
    var tabStore = storage(prefix ? "sessionStorage" : null);
    var outboxKey = (prefix || "") + "outbox";
    var conversationKey = (prefix || "") + "conversation";
    var resumeFrame = opts.resumeFrame || defaultResumeFrame;
    var messageFrame = opts.messageFrame || defaultMessageFrame;
    var ackTimeoutMs = opts.ackTimeoutMs || 15000;

    var conversationId = persistent.get(conversationKey);
    var outbox = readOutbox(); // messages not yet acknowledged, oldest first (kept across reloads of this tab)
    var ws = null;
    var connected = false; // a session frame arrived on the current socket
    var ready = false; // ... and the history that answered our resume has been handed over
    var wanted = false; // the owner wants a connection (opened, or has something to send)
    var attempt = 0;
    var reconnectTimer = null;
    var inflight = null; // client_id sent and waiting for its ack
    var ackTimer = null;
    var holdUntil = 0; // rate limited: send nothing before this time
    var holdTimer = null;
    var lastSeq = 0;
    var seenSeqs = {};
    var buffered = []; // live frames that arrived before the history did
    var sessionWaiters = [];

    // ---- the outbox ------------------------------------------------------------------------

    function readOutbox() {
      try {
        var items = JSON.parse(tabStore.get(outboxKey) || "[]");
        return Array.isArray(items) ? items.filter(function (m) { return m && m.client_id; }) : [];
      } catch (err) {
        return [];
      }
    }

    function saveOutbox() {
      if (outbox.length) {
        tabStore.set(outboxKey, JSON.stringify(outbox));
      } else {
        tabStore.remove(outboxKey);
      }
    }

    function forget(clientId) {
      var before = outbox.length;
      outbox = outbox.filter(function (item) { return item.client_id !== clientId; });
      saveOutbox();
      return outbox.length !== before;
    }

    function settleInflight(clientId) {
      if (inflight === clientId) {
        inflight = null;
        clearTimeout(ackTimer);
      }
    }

    function pump() {
      if (!ready || inflight || !outbox.length || !ws || ws.readyState !== 1) { return; }
      var wait = holdUntil - Date.now();
      if (wait > 0) {
        clearTimeout(holdTimer);
        holdTimer = setTimeout(pump, wait);
        return;
      }
      var item = outbox[0];
      inflight = item.client_id;
      sendFrame(messageFrame(item));
      clearTimeout(ackTimer);
      var socket = ws;
      ackTimer = setTimeout(function () {
        // No acknowledgement: the connection is probably dead; a new one re-sends the same client_id.
        if (inflight === item.client_id) { dropSocket(socket); }
      }, ackTimeoutMs);
    }

    /** Whether a frame's seq is new (and remember it); frames without a seq are always new. */
    function fresh(frame) {
      var seq = Number(frame.seq);
      if (seq && seenSeqs[seq]) { return false; }
      if (seq) {
        seenSeqs[seq] = true;
        lastSeq = Math.max(lastSeq, seq);
      }
      return true;
    }

    function sendFrame(frame) {
      if (ws && ws.readyState === 1) {
        ws.send(JSON.stringify(frame));
        return true;
      }
      return false;
    }

    // ---- the socket ------------------------------------------------------------------------

    function socketUrl() {
      if (typeof opts.url === "function") { return opts.url(conversationId); }
      var base = String(opts.url);
      return base + (base.indexOf("?") >= 0 ? "&" : "?") + "conversation_id=" + encodeURIComponent(conversationId || "");
    }

    function connect() {
      if (!wanted || (ws && ws.readyState <= 1) || reconnectTimer) { return; }
      var socket;
      try {
        socket = new WebSocket(socketUrl());
      } catch (err) {
        scheduleReconnect();
        return;
      }
      ws = socket;
      connected = false;
      ready = false;
      on.onStateChange("connecting");
      socket.onmessage = function (event) {
        if (socket !== ws) { return; }
        var frame;
        try {
          frame = JSON.parse(event.data);
        } catch (err) {
          return;
        }
        if (frame && typeof frame === "object") { handle(frame); }
      };
      socket.onclose = function () { dropSocket(socket); };
    }

    function dropSocket(socket) {
      if (socket !== ws) { return; }
      ws = null;
      connected = false;
      ready = false;
      inflight = null;
      clearTimeout(ackTimer);
      on.onStateChange("disconnected");
      try {
        socket.close();
      } catch (err) { /* already closed */ }
      scheduleReconnect();
    }

    function scheduleReconnect() {
      if (reconnectTimer) { return; }
      var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, attempt));
      delay = delay / 2 + Math.random() * delay / 2;
      attempt += 1;
      on.onStateChange("reconnecting");
      reconnectTimer = setTimeout(function () {
        reconnectTimer = null;
        connect();
      }, delay);
    }

    function reconnectNow() {
      if (!wanted || (ws && ws.readyState <= 1)) { return; }
      clearTimeout(reconnectTimer);
      reconnectTimer = null;
      connect();
    }

    // ---- frames from the server ------------------------------------------------------------

    function handle(frame) {
      switch (frame.type) {
        case "session":
          onSession(frame);
          break;
        case "history":
          onHistory(frame);
          break;
        case "message":
          if (!ready) {
            buffered.push(frame);
          } else {
            onLiveMessage(frame);
          }
          break;
        case "ack":
          onAck(String(frame.client_id), frame);
          break;
        case "error":
          onError(frame);
          break;
        default:
          on.onFrame(frame);
          break;
      }
    }

    function onSession(frame) {
      if (connected) {
        on.onSession(frame, false); // e.g. the answer to a language frame
        return;
      }
      connected = true;
      attempt = 0;
      if (conversationId && frame.conversation_id !== conversationId) {
        // The stored conversation is gone: this is a new one.
        lastSeq = 0;
        seenSeqs = {};
        on.onReset();
      }
      conversationId = String(frame.conversation_id);
      persistent.set(conversationKey, conversationId);
      on.onStateChange("connected");
      on.onSession(frame, true);
      buffered = [];
      sendFrame(resumeFrame(lastSeq));
      sessionWaiters.splice(0).forEach(function (callback) { callback(); });
    }

    function onHistory(frame) {
      var items = Array.isArray(frame.messages) ? frame.messages : [];
      var shown = [];
      items.forEach(function (item) {
        if (!item || item.type !== "message") { return; }
        if (item.from === "user") {
          var clientId = String(item.client_id || "");
          if (clientId && outbox.some(function (m) { return m.client_id === clientId; })) {
            // Already stored by the server: no need to send it again.
            forget(clientId);
            on.onAck(clientId, null);
          }
          shown.push(item);
        } else if (fresh(item)) {
          shown.push(item);
        }
      });
      on.onHistory(shown);
      var live = buffered;
      buffered = [];
      ready = true;
      on.onStateChange("ready");
      live.forEach(onLiveMessage);
      pump();
    }

    function onLiveMessage(frame) {
      on.onMessage(frame, frame.from === "user" ? true : fresh(frame));
    }

    function onAck(clientId, frame) {
      settleInflight(clientId);
      forget(clientId);
      on.onAck(clientId, frame);
      pump();
    }

    function onError(frame) {
      var clientId = frame.client_id ? String(frame.client_id) : null;
      if (frame.code === "rate_limited") {
        var seconds = Math.max(1, Number(frame.retry_after) || 5);
        on.onRateLimited(frame, seconds);
        holdUntil = Date.now() + seconds * 1000;
        if (clientId) { settleInflight(clientId); }
        clearTimeout(holdTimer);
        holdTimer = setTimeout(function () {
          on.onRateLimitOver();
          pump();
        }, seconds * 1000);
        return;
      }
      if (clientId) {
        // The server will never store this message ("empty" or a refused frame): forget it.
        settleInflight(clientId);
        forget(clientId);
        on.onRejected(clientId, frame);
        pump();
        return;
      }
      on.onFrame(frame);
    }

    // ---- the owner's side ------------------------------------------------------------------

    if (opts.watchNetwork !== false) {
      window.addEventListener("online", reconnectNow);
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") { reconnectNow(); }
      });
    }

    /** Connect (if not connected) and keep reconnecting until the page goes away. */
    this.open = function () {
      wanted = true;
      connect();
    };
    /** Queue a message (an object; its client_id is made if missing) and send it when possible. */
    this.send = function (message) {
      var item = { client_id: (message && message.client_id) || uuid() };
      Object.keys(message || {}).forEach(function (key) {
        if (key !== "client_id") { item[key] = message[key]; }
      });
      outbox.push(item);
      saveOutbox();
      wanted = true;
      reconnectNow();
      pump();
      return item;
    };
    /** Send one frame now if the socket is open (no outbox, no ack); returns whether it went out. */
    this.sendFrame = sendFrame;
    /** Run ``callback`` once a session is established (at once if it is). */
    this.whenSession = function (callback) {
      if (connected && conversationId) {
        callback();
      } else {
        sessionWaiters.push(callback);
        wanted = true;
        connect();
      }
    };
    this.reconnectNow = reconnectNow;
    /** Messages not yet acknowledged, oldest first (copies). */
    this.pending = function () {
      return outbox.map(function (item) {
        var copy = {};
        Object.keys(item).forEach(function (key) { copy[key] = item[key]; });
        return copy;
      });
    };
    /** End the conversation on this device: close, drop unsent messages, forget its id (a shared computer). */
    this.forgetConversation = function () {
      wanted = false;
      clearTimeout(reconnectTimer);
      reconnectTimer = null;
      clearTimeout(ackTimer);
      var socket = ws;
      ws = null;
      if (socket) {
        socket.onclose = null;
        try { socket.close(); } catch (err) { /* already closed */ }
      }
      connected = false;
      ready = false;
      inflight = null;
      outbox = [];
      saveOutbox();
      conversationId = null;
      persistent.remove(conversationKey);
      lastSeq = 0;
      seenSeqs = {};
      buffered = [];
      attempt = 0;
      on.onStateChange("disconnected");
    };
    this.conversationId = function () { return conversationId; };
    this.isConnected = function () { return connected; };
    this.isReady = function () { return ready; };
    this.lastSeq = function () { return lastSeq; };
  }

  ReliableConnection.uuid = uuid;
  ReliableConnection.storage = storage;
  return ReliableConnection;
})();
