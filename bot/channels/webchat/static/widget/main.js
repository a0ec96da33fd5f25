/*
 * Boot: find the widget's own script tag, the assistant's address and the first language, load the
 * interface words, then wire the connection (connection.js) to the interface (view.js).
 * window.PDX311Webchat.open() / .close() let the host page open or close the chat.
 * The city's alerts arrive as "alert" frames on the same socket; residents sign up for text alerts with a
 * form that posts to /alerts/subscribe (docs/broadcasts-api.md, "The widget").
 *
 * The limits the server enforces arrive in the session frame ("limits"); the values below are only
 * defaults until the first session frame.
 */

var SCRIPT = document.currentScript || findOwnScript();
var SERVER = serverBase(SCRIPT);
var KEY = "pdx311.webchat.";
var SEVERITIES = ["emergency", "urgent", "advisory"];
var limits = {
  max_photo_bytes: 5 * 1024 * 1024,
  photo_types: ["image/jpeg", "image/png", "image/gif", "image/webp"],
  max_text_chars: 10000,
  languages: ["en", "es"]
};

var store = ReliableConnection.storage("localStorage");
var tabStore = ReliableConnection.storage("sessionStorage");

var lang = initialLanguage();
var languageChosen = false; // the resident picked a language with the toggle on this page
var strings = null; // the interface words in `lang`
var stringCache = {};
var pendingLanguage = null; // a language frame the server has not confirmed yet
var view = null;
var builtCallbacks = [];
var alertIds = {}; // the city alerts already shown on this page, by id

var connection = new ReliableConnection({
  url: SERVER.replace(/^http/, "ws") + "webchat/ws",
  storagePrefix: KEY, // KEY + "conversation" (localStorage), KEY + "outbox" (sessionStorage)
  ackTimeoutMs: 15000,
  onStateChange: onConnectionState,
  onSession: onSession,
  onReset: function () {
    view.clear();
    showPending();
  },
  onHistory: onHistory,
  onMessage: onLiveMessage,
  onAck: function (clientId) { view.markSent(clientId); },
  onRejected: function (clientId) { view.removeUser(clientId); },
  onRateLimited: function (frame) { view.showAlert(frame.message || t("rate_limited")); },
  onRateLimitOver: function () { view.showAlert(""); },
  onFrame: function (frame) {
    if (frame.type === "typing") {
      view.setTyping(!!frame.on);
    } else if (frame.type === "alert") {
      onAlert(frame);
    }
  }
});

// ---- start ---------------------------------------------------------------------------------

window.PDX311Webchat = {
  open: function () { whenBuilt(function () { openPanel(true); }); },
  close: function () { whenBuilt(closePanel); }
};

loadStrings(lang, function (loaded) {
  strings = loaded;
  if (document.body) {
    build();
  } else {
    document.addEventListener("DOMContentLoaded", build);
  }
});

function whenBuilt(callback) {
  if (view) {
    callback();
  } else {
    builtCallbacks.push(callback);
  }
}

function build() {
  view = createView({
    css: WIDGET_CSS,
    languages: limits.languages,
    maxTextChars: limits.max_text_chars,
    t: t,
    normalizeLanguage: normalizeLanguage,
    onToggle: function () {
      if (view.isOpen()) { closePanel(); } else { openPanel(true); }
    },
    onClose: closePanel,
    onSubmit: function (text) { send(text.slice(0, limits.max_text_chars), null, null, null); },
    onHuman: function () { send(t("human_message"), "/request_human", null, null); },
    onEnd: endChat,
    onQuickReply: function (title, payload) { send(title, payload, null, null); },
    onPhoto: sendPhoto,
    onLanguage: chooseLanguage,
    onSubscribe: subscribeAlerts
  });
  if (!view) { return; }
  view.applyStrings(lang);
  if (tabStore.get(KEY + "open") === "1") {
    openPanel(false);
  } else if (connection.pending().length) {
    connection.open();
  }
  builtCallbacks.splice(0).forEach(function (callback) { callback(); });
}

// ---- helpers -------------------------------------------------------------------------------

function findOwnScript() {
  var scripts = document.getElementsByTagName("script");
  for (var i = scripts.length - 1; i >= 0; i--) {
    if (/widget(\.min)?\.js(\?|#|$)/.test(scripts[i].src || "")) {
      return scripts[i];
    }
  }
  return null;
}

function serverBase(script) {
  var configured = script && script.getAttribute("data-server");
  if (configured) {
    return new URL(configured, location.href).href.replace(/\/?$/, "/");
  }
  if (script && script.src) {
    var url = new URL(script.src, location.href);
    url.search = "";
    url.hash = "";
    url.pathname = url.pathname.replace(/(static\/)?widget(\.min)?\.js$/, "");
    return url.href.replace(/\/?$/, "/");
  }
  return location.origin + "/";
}

function normalizeLanguage(value) {
  var code = String(value || "").trim().toLowerCase().split(/[-_]/)[0];
  return limits.languages.indexOf(code) >= 0 ? code : null;
}

function initialLanguage() {
  var chosen = normalizeLanguage(store.get(KEY + "language"));
  if (chosen) { return chosen; }
  var fromTag = SCRIPT && normalizeLanguage(SCRIPT.getAttribute("data-lang"));
  if (fromTag) { return fromTag; }
  var fromPage = normalizeLanguage(document.documentElement.getAttribute("lang"));
  if (fromPage) { return fromPage; }
  var browser = (navigator.languages && navigator.languages[0]) || navigator.language;
  return normalizeLanguage(browser) || "en";
}

function loadStrings(language, callback) {
  if (stringCache[language]) {
    callback(stringCache[language]);
    return;
  }
  var tries = 0;
  (function fetchOnce() {
    fetch(SERVER + "webchat/strings/" + language + ".json", { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) { throw new Error("strings " + response.status); }
        return response.json();
      })
      .then(function (data) {
        stringCache[language] = data;
        callback(data);
      })
      .catch(function () {
        tries += 1;
        setTimeout(fetchOnce, Math.min(30000, 1000 * Math.pow(2, tries)));
      });
  })();
}

function t(key) {
  return (strings && typeof strings[key] === "string") ? strings[key] : "";
}

/** Take the limits the server announced in a session frame; anything missing or malformed keeps its value. */
function applyLimits(announced) {
  if (!announced || typeof announced !== "object") { return; }
  var bytes = Number(announced.max_photo_bytes);
  if (bytes > 0) { limits.max_photo_bytes = bytes; }
  var chars = Math.floor(Number(announced.max_text_chars));
  if (chars > 0 && chars !== limits.max_text_chars) {
    limits.max_text_chars = chars;
    if (view) { view.setMaxTextChars(chars); }
  }
  var types = lowerCodes(announced.photo_types, /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/);
  if (types.length) { limits.photo_types = types; }
  var languages = lowerCodes(announced.languages, /^[a-z]{2,3}$/);
  if (languages.length && languages.join() !== limits.languages.join()) {
    limits.languages = languages;
    if (view) { view.setLanguages(languages); }
  }
}

function lowerCodes(values, pattern) {
  if (!Array.isArray(values)) { return []; }
  return values.map(function (v) { return String(v).trim().toLowerCase(); }).filter(function (v) {
    return pattern.test(v);
  });
}

// ---- the panel -----------------------------------------------------------------------------

function openPanel(moveFocus) {
  tabStore.set(KEY + "open", "1");
  connection.open();
  view.openPanel(moveFocus);
}

function closePanel() {
  if (view && view.closePanel()) { tabStore.remove(KEY + "open"); }
}

/** "End chat": this device forgets the conversation (on a shared computer the next person starts afresh). */
function endChat() {
  connection.forgetConversation();
  view.clear();
  view.showAlert("");
  closePanel();
}

// ---- sending -------------------------------------------------------------------------------

function send(text, payload, mediaToken, previewUrl) {
  var message = { text: text || "" };
  if (payload) { message.payload = payload; }
  if (mediaToken) {
    message.media_token = mediaToken;
    message.photo = true;
  }
  var item = connection.send(message);
  view.showAlert("");
  view.renderUser(item, true, previewUrl);
}

function sendPhoto(file) {
  var type = String(file.type || "").toLowerCase();
  if (limits.photo_types.indexOf(type) < 0) {
    view.showAlert(t("upload_wrong_type"));
    return;
  }
  if (file.size > limits.max_photo_bytes) {
    view.showAlert(t("upload_too_large"));
    return;
  }
  view.showAlert("");
  view.setUploading(true);
  var uploadLanguage = lang;
  connection.whenSession(function () {
    var body = new FormData();
    body.append("conversation_id", connection.conversationId());
    body.append("file", file, file.name || "photo");
    fetch(SERVER + "webchat/upload?lang=" + encodeURIComponent(uploadLanguage), {
      method: "POST", body: body, credentials: "omit"
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        });
      })
      .then(function (result) {
        if (result.ok && result.data.token) {
          var preview = window.URL && URL.createObjectURL ? URL.createObjectURL(file) : null;
          send("", null, result.data.token, preview);
        } else if (result.data && result.data.message) {
          view.showAlert(result.data.message);
        } else {
          view.showAlert(result.status === 413 ? t("upload_too_large") : t("upload_wrong_type"));
        }
      })
      .catch(function () {
        view.showAlert(t("reconnecting"));
      })
      .then(function () {
          view.setUploading(false);
      });
  });
}

// ---- text alerts ---------------------------------------------------------------------------

/** The alerts form: POST /alerts/subscribe; the answer's sentence is in the language asked. */
function subscribeAlerts(request) {
  fetch(SERVER + "alerts/subscribe", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ phone: request.phone, zip: request.zip, language: request.language }),
    credentials: "omit"
  })
    .then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { ok: response.ok, data: data && typeof data === "object" ? data : {} };
      });
    })
    .then(function (result) {
      if (result.ok && typeof result.data.message === "string" && result.data.message) {
        view.subscribeResult(true, result.data.message, request.language);
      } else if (!result.ok && typeof result.data.error === "string" && result.data.error) {
        view.subscribeResult(false, result.data.error, request.language); // 400, 429
      } else {
        view.subscribeResult(false, t("alerts_failed"), null);
      }
    })
    .catch(function () {
      view.subscribeResult(false, t("alerts_failed"), null); // the network
    });
}

// ---- language ------------------------------------------------------------------------------

function chooseLanguage(code) {
  languageChosen = true;
  if (code !== lang) { setLanguage(code); }
  pendingLanguage = code;
  if (connection.isConnected()) {
    connection.sendFrame({ type: "language", language: code });
  } else {
    connection.open();
  }
}

function setLanguage(code) {
  lang = code;
  store.set(KEY + "language", code);
  if (view) { view.showLanguage(code); }
  loadStrings(code, function (loaded) {
    if (lang !== code) { return; }
    strings = loaded;
    if (view) { view.applyStrings(lang); }
  });
}

// ---- what the connection reports -----------------------------------------------------------

function onConnectionState(state) {
  if (!view) { return; }
  if (state === "disconnected") {
    view.setTyping(false);
  } else if (state === "reconnecting" && strings) {
    view.setStatus(t("reconnecting"));
  } else if (state === "connected") {
    view.setStatus("");
  }
}

function onSession(frame, first) {
  applyLimits(frame.limits);
  var language = normalizeLanguage(frame.language);
  if (!first) {
    // The answer to a language frame.
    if (pendingLanguage && pendingLanguage === language) {
      pendingLanguage = null;
    } else if (!pendingLanguage && language && language !== lang) {
      setLanguage(language);
    }
    return;
  }
  if (!pendingLanguage) {
    if (language && language !== lang) {
      setLanguage(language); // an existing conversation keeps its language
    } else if (!language && (languageChosen || lang !== "en")) {
      pendingLanguage = lang; // a new conversation starts in the interface's language
    }
  }
  if (pendingLanguage) { connection.sendFrame({ type: "language", language: pendingLanguage }); }
}

/** An "alert" frame (a city broadcast started): the banner shows it, each id once. */
function onAlert(frame) {
  var text = alertTexts(frame.text);
  if (!view || !text) { return; }
  if (frame.id !== undefined && frame.id !== null) {
    var id = String(frame.id);
    if (alertIds[id]) { return; }
    alertIds[id] = true;
  }
  var severity = String(frame.severity || "").toLowerCase();
  view.showBroadcast({ severity: SEVERITIES.indexOf(severity) >= 0 ? severity : "advisory", text: text });
}

/** An alert's texts by language code (only the non-empty strings), or null without any. */
function alertTexts(value) {
  if (!value || typeof value !== "object") { return null; }
  var texts = null;
  Object.keys(value).forEach(function (code) {
    if (typeof value[code] === "string" && value[code].trim()) {
      texts = texts || {};
      texts[code] = value[code];
    }
  });
  return texts;
}

function showPending() {
  connection.pending().forEach(function (item) { view.renderUser(item, true, null); });
}

function onHistory(messages) {
  messages.forEach(function (item) {
    if (item.from === "user") {
      var clientId = String(item.client_id || "") || ReliableConnection.uuid();
      view.renderUser({ client_id: clientId, text: item.text, has_media: item.has_media }, false, null);
    } else {
      view.renderBot(item);
    }
  });
  showPending();
}

function onLiveMessage(frame, isNew) {
  if (frame.from === "user") { return; }
  var language = normalizeLanguage(frame.language);
  if (language && language !== lang && !pendingLanguage) { setLanguage(language); }
  if (isNew) {
    view.renderBot(frame);
    view.notify();
  }
}
