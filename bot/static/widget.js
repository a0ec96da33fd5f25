/*
 * PDX 311 web chat widget.
 *
 * Embed with one tag:  <script src="https://HOST/widget.js" defer></script>
 * Optional attributes on that tag:
 *   data-lang="es"                 first language of the interface (otherwise the page's <html lang>,
 *                                  then the browser's language)
 *   data-server="https://HOST/"    where the assistant lives (otherwise derived from the tag's own src)
 *
 * Everything the widget shows lives in a shadow root, so the host page's styles and the widget's
 * styles never touch each other. Every piece of interface text comes from /webchat/strings/{lang}.json;
 * residents' and the assistant's words are inserted with textContent only.
 */
(function () {
  "use strict";

  if (window.PDX311Webchat) {
    return;
  }

  var SCRIPT = document.currentScript || findOwnScript();
  var SERVER = serverBase(SCRIPT);
  var WS_URL = SERVER.replace(/^http/, "ws") + "webchat/ws";
  var LANGUAGES = ["en", "es"];
  var LANGUAGE_NAMES = { en: "English", es: "Español" };
  var PHOTO_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];
  var MAX_PHOTO_BYTES = 5 * 1024 * 1024;
  var MAX_TEXT_CHARS = 10000;
  var ACK_TIMEOUT_MS = 15000;
  var TYPING_TIMEOUT_MS = 60000;
  var KEY = "pdx311.webchat.";

  var store = makeStore("localStorage");
  var tabStore = makeStore("sessionStorage");

  // ---- state -------------------------------------------------------------------------------

  var lang = initialLanguage();
  var languageChosen = false; // the resident picked a language with the toggle on this page
  var strings = null; // the interface words in `lang`
  var stringCache = {};
  var conversationId = store.get(KEY + "conversation");
  var outbox = readOutbox(); // messages not yet acknowledged, oldest first (kept across reloads of this tab)
  var ui = null;

  var ws = null;
  var connected = false; // a session frame arrived on the current socket
  var ready = false; // ... and the history that answered our resume has been shown
  var wanted = false; // the resident has opened the chat (or has something to send)
  var attempt = 0;
  var reconnectTimer = null;
  var inflight = null; // client_id sent and waiting for its ack
  var ackTimer = null;
  var holdUntil = 0; // rate limited: send nothing before this time
  var holdTimer = null;
  var pendingLanguage = null; // a language frame the server has not confirmed yet
  var lastSeq = 0;
  var seenSeqs = {};
  var shownClientIds = {};
  var buffered = []; // live frames that arrived before the history did
  var sessionWaiters = [];
  var typingTimer = null;
  var uploading = false;

  // ---- start -------------------------------------------------------------------------------

  window.PDX311Webchat = {
    open: function () { whenBuilt(function () { openPanel(true); }); },
    close: function () { whenBuilt(closePanel); }
  };
  var builtCallbacks = [];

  loadStrings(lang, function (loaded) {
    strings = loaded;
    if (document.body) {
      build();
    } else {
      document.addEventListener("DOMContentLoaded", build);
    }
  });

  function whenBuilt(callback) {
    if (ui) {
      callback();
    } else {
      builtCallbacks.push(callback);
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

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

  function makeStore(kind) {
    var memory = {};
    function backend() {
      try {
        return window[kind];
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

  function normalizeLanguage(value) {
    var code = String(value || "").trim().toLowerCase().split(/[-_]/)[0];
    return LANGUAGES.indexOf(code) >= 0 ? code : null;
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

  function readOutbox() {
    try {
      var items = JSON.parse(tabStore.get(KEY + "outbox") || "[]");
      return Array.isArray(items) ? items.filter(function (m) { return m && m.client_id; }) : [];
    } catch (err) {
      return [];
    }
  }

  function saveOutbox() {
    if (outbox.length) {
      tabStore.set(KEY + "outbox", JSON.stringify(outbox));
    } else {
      tabStore.remove(KEY + "outbox");
    }
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

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === false || value === null || value === undefined) { return; }
        if (name === "text") {
          node.textContent = value;
        } else if (name === "class") {
          node.className = value;
        } else {
          node.setAttribute(name, value === true ? "" : value);
        }
      });
    }
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function svg(path, size) {
    var ns = "http://www.w3.org/2000/svg";
    var icon = document.createElementNS(ns, "svg");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("width", String(size || 20));
    icon.setAttribute("height", String(size || 20));
    icon.setAttribute("aria-hidden", "true");
    icon.setAttribute("focusable", "false");
    var shape = document.createElementNS(ns, "path");
    shape.setAttribute("d", path);
    shape.setAttribute("fill", "currentColor");
    icon.appendChild(shape);
    return icon;
  }

  var ICON_CHAT = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z";
  var ICON_CLOSE = "M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z";
  var ICON_CAMERA = "M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z";

  // ---- interface ---------------------------------------------------------------------------

  var CSS = [
    ":host{all:initial}",
    "*,*::before,*::after{box-sizing:border-box}",
    "[hidden]{display:none!important}",
    ".root{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1b1b}",
    ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}",
    "button{font:inherit;cursor:pointer}",
    ":focus{outline:none}",
    ":focus-visible{outline:3px solid #0b1f3a;outline-offset:2px}",
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;",
    "padding:12px 18px;border:2px solid #fff;border-radius:999px;background:#1d4f91;color:#fff;font-weight:700;",
    "box-shadow:0 4px 14px rgba(0,0,0,.3)}",
    ".launcher:hover{background:#163d70}",
    ".badge{display:inline-block;width:10px;height:10px;border-radius:50%;background:#ffb000;box-shadow:0 0 0 2px #fff}",
    ".panel{position:fixed;right:20px;bottom:84px;z-index:2147483001;width:380px;max-width:calc(100vw - 40px);",
    "height:600px;max-height:calc(100vh - 110px);display:flex;flex-direction:column;background:#fff;",
    "border:1px solid #aab2bd;border-radius:12px;box-shadow:0 12px 40px rgba(0,0,0,.3);overflow:hidden}",
    ".head{display:flex;align-items:center;gap:8px;padding:10px 10px 10px 14px;background:#1d4f91;color:#fff}",
    ".head h2{flex:1;margin:0;font-size:17px;line-height:1.2;font-weight:700;color:#fff}",
    ".head :focus-visible{outline-color:#fff}",
    ".langs{display:flex;border:1px solid #fff;border-radius:6px;overflow:hidden}",
    ".langs button{background:transparent;color:#fff;border:0;padding:4px 8px;font-size:13px}",
    ".langs button[aria-pressed='true']{background:#fff;color:#1d4f91;font-weight:700}",
    ".langs :focus-visible{outline-offset:-4px;outline-color:#ffb000}",
    ".close{display:flex;align-items:center;justify-content:center;width:36px;height:36px;background:transparent;",
    "border:0;border-radius:6px;color:#fff}",
    ".close:hover{background:#163d70}",
    ".emergency{margin:0;padding:6px 14px;background:#fff4e5;color:#6b3a00;font-size:13px;font-weight:600;",
    "border-bottom:1px solid #e9cfa6}",
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:#f4f6f9}",
    ".log:focus-visible{outline-offset:-3px}",
    ".msg{display:flex;flex-direction:column;max-width:86%}",
    ".msg.user{align-self:flex-end;align-items:flex-end}",
    ".msg.bot{align-self:flex-start;align-items:flex-start}",
    ".bubble{padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere}",
    ".user .bubble{background:#1d4f91;color:#fff;border-bottom-right-radius:4px}",
    ".user.pending .bubble{background:#3d6aa6}",
    ".bot .bubble{background:#fff;color:#1b1b1b;border:1px solid #cdd3db;border-bottom-left-radius:4px}",
    ".bubble a{color:inherit;text-decoration:underline}",
    ".bubble img{display:block;max-width:100%;max-height:220px;border-radius:8px;margin-top:6px}",
    ".photo-note{display:block;font-style:italic}",
    ".replies{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}",
    ".replies button{border:2px solid #1d4f91;background:#fff;color:#1d4f91;border-radius:999px;padding:5px 12px;",
    "font-size:14px;font-weight:700;line-height:1.2}",
    ".replies button:hover{background:#e3ebf6}",
    ".typing{display:flex;align-items:center;gap:8px;padding:4px 14px 6px;background:#f4f6f9;color:#454b54;",
    "font-size:13px;font-style:italic}",
    ".dots{display:inline-flex;gap:3px}",
    ".dots span{width:6px;height:6px;border-radius:50%;background:#454b54}",
    "@media (prefers-reduced-motion:no-preference){.dots span{animation:blink 1.2s infinite both}",
    ".dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}}",
    "@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}",
    ".status:empty,.alert:empty{display:none}",
    ".status{margin:0;padding:6px 14px;background:#fff8d6;color:#4d3b00;font-size:13px;border-top:1px solid #e6d58a}",
    ".alert{margin:0;padding:6px 14px;background:#fdecea;color:#8a1c12;font-size:14px;border-top:1px solid #f1b7b0}",
    ".composer{margin:0;padding:8px 12px 12px;border-top:1px solid #cdd3db;background:#fff}",
    ".tools{display:flex;align-items:center;justify-content:space-between;gap:8px;margin-bottom:6px}",
    ".tools label{font-size:13px;font-weight:700;color:#2b2f36}",
    ".human{background:#fff;border:1px solid #1d4f91;color:#1d4f91;border-radius:999px;padding:3px 10px;font-size:13px;",
    "font-weight:600}",
    ".human:hover{background:#e3ebf6}",
    ".row{display:flex;gap:6px;align-items:flex-end}",
    "textarea{flex:1;min-width:0;resize:none;font:inherit;color:#1b1b1b;background:#fff;padding:9px 10px;",
    "border:1px solid #6b7280;border-radius:8px;height:44px;max-height:120px}",
    "textarea::placeholder{color:#5b616b;opacity:1}",
    "textarea:focus-visible{outline:3px solid #1d4f91;outline-offset:1px}",
    ".attach{display:flex;align-items:center;justify-content:center;width:44px;height:44px;flex:none;background:#fff;",
    "color:#1d4f91;border:1px solid #6b7280;border-radius:8px}",
    ".attach:hover{background:#e3ebf6}",
    ".attach[aria-busy='true']{opacity:.6;cursor:progress}",
    ".send{height:44px;flex:none;padding:0 14px;background:#1d4f91;color:#fff;border:0;border-radius:8px;font-weight:700}",
    ".send:hover{background:#163d70}",
    "@media (max-width:480px){.panel{top:0;left:0;right:0;bottom:0;width:auto;height:auto;max-width:none;",
    "max-height:none;border-radius:0;border:0}}",
    "@media (forced-colors:active){.bubble,.launcher,.panel,.replies button{border:1px solid CanvasText}}"
  ].join("");

  function build() {
    var host = el("div", { id: "pdx311-webchat" });
    if (!host.attachShadow) { return; } // without a shadow root the widget's styles would leak
    var root = host.attachShadow({ mode: "open" });
    var style = el("style");
    style.textContent = CSS;

    var launcherLabel = el("span");
    var badge = el("span", { class: "badge", hidden: true, "aria-hidden": "true" });
    var launcher = el("button", {
      type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "pdx311-panel",
      "aria-haspopup": "dialog"
    }, [svg(ICON_CHAT, 22), launcherLabel, badge]);

    var title = el("h2", { id: "pdx311-title" });
    var languageLabel = el("span", { id: "pdx311-language", class: "sr-only" });
    var languageButtons = {};
    var languageGroup = el("div", { class: "langs", role: "group", "aria-labelledby": "pdx311-language" }, [languageLabel]);
    LANGUAGES.forEach(function (code) {
      var button = el("button", { type: "button", lang: code, "aria-pressed": "false", text: LANGUAGE_NAMES[code] });
      button.addEventListener("click", function () { chooseLanguage(code); });
      languageButtons[code] = button;
      languageGroup.appendChild(button);
    });
    var closeButton = el("button", { type: "button", class: "close" }, [svg(ICON_CLOSE, 20)]);
    var head = el("div", { class: "head" }, [title, languageGroup, closeButton]);
    var emergency = el("p", { class: "emergency" });
    var log = el("div", {
      class: "log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0",
      "aria-labelledby": "pdx311-title"
    });
    var typingText = el("span");
    var typing = el("div", { class: "typing", hidden: true },
      [el("span", { class: "dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]), typingText]);
    var status = el("p", { class: "status", role: "status", "aria-live": "polite" });
    var alert = el("p", { class: "alert", role: "alert" });

    var messageLabel = el("label", { for: "pdx311-message" });
    var humanButton = el("button", { type: "button", class: "human" });
    var textarea = el("textarea", { id: "pdx311-message", rows: "1", maxlength: String(MAX_TEXT_CHARS), autocomplete: "off" });
    var fileInput = el("input", { type: "file", accept: "image/*", hidden: true, tabindex: "-1" });
    var attachButton = el("button", { type: "button", class: "attach" }, [svg(ICON_CAMERA, 22)]);
    var sendButton = el("button", { type: "submit", class: "send" });
    var form = el("form", { class: "composer", novalidate: true }, [
      el("div", { class: "tools" }, [messageLabel, humanButton]),
      el("div", { class: "row" }, [textarea, attachButton, fileInput, sendButton])
    ]);

    var panel = el("div", {
      id: "pdx311-panel", class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "pdx311-title",
      hidden: true
    }, [head, emergency, log, typing, status, alert, form]);
    var wrapper = el("div", { class: "root" }, [launcher, panel]);

    root.appendChild(style);
    root.appendChild(wrapper);
    document.body.appendChild(host);

    ui = {
      host: host, wrapper: wrapper, launcher: launcher, launcherLabel: launcherLabel, badge: badge, panel: panel,
      title: title, languageLabel: languageLabel, languageButtons: languageButtons, closeButton: closeButton,
      emergency: emergency, log: log, typing: typing, typingText: typingText, status: status, alert: alert,
      messageLabel: messageLabel, humanButton: humanButton, textarea: textarea, fileInput: fileInput,
      attachButton: attachButton, sendButton: sendButton, form: form
    };
    applyStrings();

    launcher.addEventListener("click", function () {
      if (panel.hidden) { openPanel(true); } else { closePanel(); }
    });
    closeButton.addEventListener("click", closePanel);
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        closePanel();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitText();
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submitText();
      }
    });
    textarea.addEventListener("input", autoGrow);
    humanButton.addEventListener("click", function () {
      send(t("human_message"), "/request_human", null, null);
      textarea.focus();
    });
    attachButton.addEventListener("click", function () {
      if (!uploading) { fileInput.click(); }
    });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      fileInput.value = "";
      if (file) { sendPhoto(file); }
    });
    window.addEventListener("online", reconnectNow);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { reconnectNow(); }
    });

    if (tabStore.get(KEY + "open") === "1") {
      openPanel(false);
    } else if (outbox.length) {
      wanted = true;
      connect();
    }
    builtCallbacks.splice(0).forEach(function (callback) { callback(); });
  }

  function applyStrings() {
    if (!ui || !strings) { return; }
    ui.wrapper.setAttribute("lang", lang);
    ui.panel.setAttribute("lang", lang);
    ui.launcherLabel.textContent = t("open");
    ui.title.textContent = t("title");
    ui.languageLabel.textContent = t("language");
    ui.closeButton.setAttribute("aria-label", t("close"));
    ui.closeButton.setAttribute("title", t("close"));
    ui.emergency.textContent = t("emergency");
    ui.typingText.textContent = t("typing");
    ui.messageLabel.textContent = t("message_label");
    ui.textarea.setAttribute("placeholder", t("placeholder"));
    ui.humanButton.textContent = t("human");
    ui.attachButton.setAttribute("aria-label", t("attach"));
    ui.attachButton.setAttribute("title", t("attach"));
    ui.sendButton.textContent = t("send");
    if (ui.status.textContent) { ui.status.textContent = t("reconnecting"); }
    Object.keys(ui.languageButtons).forEach(function (code) {
      ui.languageButtons[code].setAttribute("aria-pressed", code === lang ? "true" : "false");
    });
  }

  function openPanel(moveFocus) {
    wanted = true;
    ui.panel.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.badge.hidden = true;
    tabStore.set(KEY + "open", "1");
    connect();
    scrollToEnd();
    if (moveFocus) { ui.textarea.focus(); }
  }

  function closePanel() {
    if (!ui || ui.panel.hidden) { return; }
    ui.panel.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "false");
    tabStore.remove(KEY + "open");
    ui.launcher.focus();
  }

  function autoGrow() {
    var box = ui.textarea;
    box.style.height = "auto";
    box.style.height = Math.min(Math.max(box.scrollHeight + 2, 44), 120) + "px";
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function showAlert(text) {
    ui.alert.textContent = text || "";
  }

  function setTyping(on) {
    clearTimeout(typingTimer);
    ui.typing.hidden = !on;
    if (on) {
      typingTimer = setTimeout(function () { ui.typing.hidden = true; }, TYPING_TIMEOUT_MS);
    }
  }

  // ---- the message list --------------------------------------------------------------------

  function removeOldReplies() {
    var old = ui.log.querySelectorAll(".replies");
    for (var i = 0; i < old.length; i++) { old[i].parentNode.removeChild(old[i]); }
  }

  function appendEntry(entry) {
    removeOldReplies();
    ui.log.appendChild(entry);
    scrollToEnd();
  }

  function addText(container, text) {
    // URLs become links; everything is text nodes, never parsed as HTML.
    var pattern = /https?:\/\/[^\s<>"']+/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var url = match[0].replace(/[.,;:!?)\]]+$/, "");
      if (match.index > last) { container.appendChild(document.createTextNode(text.slice(last, match.index))); }
      var link = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" });
      link.textContent = url;
      container.appendChild(link);
      last = match.index + url.length;
      pattern.lastIndex = last;
    }
    if (last < text.length) { container.appendChild(document.createTextNode(text.slice(last))); }
  }

  function renderUser(item, pending, previewUrl) {
    if (shownClientIds[item.client_id]) { return; }
    shownClientIds[item.client_id] = true;
    var bubble = el("div", { class: "bubble" }, [el("span", { class: "sr-only", text: t("you") + ": " })]);
    var text = el("span", { class: "text" });
    text.textContent = item.text || "";
    bubble.appendChild(text);
    if (item.photo || item.has_media) {
      bubble.appendChild(el("span", { class: "photo-note", text: t("photo_sent") }));
      if (previewUrl) {
        var preview = el("img", { src: previewUrl, alt: t("photo_sent") });
        preview.addEventListener("load", function () { URL.revokeObjectURL(previewUrl); });
        bubble.appendChild(preview);
      }
    }
    var entry = el("div", { class: "msg user" + (pending ? " pending" : ""), "data-client-id": item.client_id }, [bubble]);
    appendEntry(entry);
  }

  function markSent(clientId) {
    var entries = ui.log.querySelectorAll(".msg.user.pending");
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].getAttribute("data-client-id") === clientId) { entries[i].classList.remove("pending"); }
    }
  }

  function removeUser(clientId) {
    var entries = ui.log.querySelectorAll(".msg.user");
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].getAttribute("data-client-id") === clientId) { entries[i].parentNode.removeChild(entries[i]); }
    }
    delete shownClientIds[clientId];
  }

  function renderBot(frame) {
    var seq = Number(frame.seq);
    if (seq && seenSeqs[seq]) { return false; }
    if (seq) {
      seenSeqs[seq] = true;
      lastSeq = Math.max(lastSeq, seq);
    }
    var messageLang = normalizeLanguage(frame.language); // otherwise the panel's lang applies
    var bubble = el("div", { class: "bubble" }, [el("span", { class: "sr-only", text: t("assistant") + ": " })]);
    var text = el("span", { class: "text" });
    addText(text, String(frame.text || ""));
    bubble.appendChild(text);
    if (typeof frame.image === "string" && /^(https?:\/\/|\/)/.test(frame.image)) {
      bubble.appendChild(el("img", { src: frame.image, alt: "", loading: "lazy" }));
    }
    var entry = el("div", { class: "msg bot", lang: messageLang, "data-seq": seq ? String(seq) : null }, [bubble]);
    var buttons = Array.isArray(frame.buttons) ? frame.buttons : [];
    appendEntry(entry);
    if (buttons.length) {
      var replies = el("div", { class: "replies" });
      buttons.forEach(function (button) {
        if (!button || !button.title) { return; }
        var quick = el("button", { type: "button" });
        quick.textContent = String(button.title);
        quick.addEventListener("click", function () {
          send(String(button.title), typeof button.payload === "string" ? button.payload : null, null, null);
          ui.textarea.focus();
        });
        replies.appendChild(quick);
      });
      entry.appendChild(replies);
    }
    return true;
  }

  function resetConversation() {
    ui.log.textContent = "";
    lastSeq = 0;
    seenSeqs = {};
    shownClientIds = {};
    outbox.forEach(function (item) { renderUser(item, true, null); });
  }

  // ---- sending -----------------------------------------------------------------------------

  function submitText() {
    var text = ui.textarea.value;
    if (!text.trim()) { return; }
    send(text.slice(0, MAX_TEXT_CHARS), null, null, null);
    ui.textarea.value = "";
    autoGrow();
  }

  function send(text, payload, mediaToken, previewUrl) {
    var item = { client_id: uuid(), text: text || "" };
    if (payload) { item.payload = payload; }
    if (mediaToken) {
      item.media_token = mediaToken;
      item.photo = true;
    }
    outbox.push(item);
    saveOutbox();
    showAlert("");
    renderUser(item, true, previewUrl);
    wanted = true;
    reconnectNow();
    pump();
  }

  function sendPhoto(file) {
    var type = String(file.type || "").toLowerCase();
    if (PHOTO_TYPES.indexOf(type) < 0) {
      showAlert(t("upload_wrong_type"));
      return;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      showAlert(t("upload_too_large"));
      return;
    }
    showAlert("");
    uploading = true;
    ui.attachButton.setAttribute("aria-busy", "true");
    var uploadLanguage = lang;
    whenSession(function () {
      var body = new FormData();
      body.append("conversation_id", conversationId);
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
            showAlert(result.data.message);
          } else {
            showAlert(result.status === 413 ? t("upload_too_large") : t("upload_wrong_type"));
          }
        })
        .catch(function () {
          showAlert(t("reconnecting"));
        })
        .then(function () {
          uploading = false;
          ui.attachButton.removeAttribute("aria-busy");
        });
    });
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
    var frame = { type: "message", client_id: item.client_id, text: item.text };
    if (item.payload) { frame.payload = item.payload; }
    if (item.media_token) { frame.media_token = item.media_token; }
    inflight = item.client_id;
    sendFrame(frame);
    clearTimeout(ackTimer);
    var socket = ws;
    ackTimer = setTimeout(function () {
      // No acknowledgement: the connection is probably dead; a new one re-sends the same client_id.
      if (inflight === item.client_id) { dropSocket(socket); }
    }, ACK_TIMEOUT_MS);
  }

  function acknowledged(clientId) {
    if (inflight === clientId) {
      inflight = null;
      clearTimeout(ackTimer);
    }
    outbox = outbox.filter(function (item) { return item.client_id !== clientId; });
    saveOutbox();
    markSent(clientId);
    pump();
  }

  function sendFrame(frame) {
    if (ws && ws.readyState === 1) {
      ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  // ---- language ----------------------------------------------------------------------------

  function chooseLanguage(code) {
    languageChosen = true;
    if (code !== lang) { setLanguage(code); }
    pendingLanguage = code;
    if (connected) {
      sendFrame({ type: "language", language: code });
    } else {
      wanted = true;
      connect();
    }
  }

  function setLanguage(code) {
    lang = code;
    store.set(KEY + "language", code);
    if (ui) {
      ui.wrapper.setAttribute("lang", code);
      ui.panel.setAttribute("lang", code);
      Object.keys(ui.languageButtons).forEach(function (c) {
        ui.languageButtons[c].setAttribute("aria-pressed", c === code ? "true" : "false");
      });
    }
    loadStrings(code, function (loaded) {
      if (lang !== code) { return; }
      strings = loaded;
      applyStrings();
    });
  }

  // ---- the connection ----------------------------------------------------------------------

  function connect() {
    if (!wanted || (ws && ws.readyState <= 1) || reconnectTimer) { return; }
    var url = WS_URL + "?conversation_id=" + encodeURIComponent(conversationId || "");
    var socket;
    try {
      socket = new WebSocket(url);
    } catch (err) {
      scheduleReconnect();
      return;
    }
    ws = socket;
    connected = false;
    ready = false;
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
    setTyping(false);
    try {
      socket.close();
    } catch (err) { /* already closed */ }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (reconnectTimer) { return; }
    var delay = Math.min(15000, 1000 * Math.pow(2, attempt));
    delay = delay / 2 + Math.random() * delay / 2;
    attempt += 1;
    if (ui && strings) { ui.status.textContent = t("reconnecting"); }
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

  function whenSession(callback) {
    if (connected && conversationId) {
      callback();
    } else {
      sessionWaiters.push(callback);
      wanted = true;
      connect();
    }
  }

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
        acknowledged(String(frame.client_id));
        break;
      case "typing":
        setTyping(!!frame.on);
        break;
      case "error":
        onError(frame);
        break;
      default:
        break;
    }
  }

  function onSession(frame) {
    var language = normalizeLanguage(frame.language);
    if (connected) {
      // The answer to a language frame.
      if (pendingLanguage && pendingLanguage === language) {
        pendingLanguage = null;
      } else if (!pendingLanguage && language && language !== lang) {
        setLanguage(language);
      }
      return;
    }
    connected = true;
    attempt = 0;
    ui.status.textContent = "";
    if (conversationId && frame.conversation_id !== conversationId) {
      resetConversation(); // the stored conversation is gone: this is a new one
    }
    conversationId = String(frame.conversation_id);
    store.set(KEY + "conversation", conversationId);

    if (!pendingLanguage) {
      if (language && language !== lang) {
        setLanguage(language); // an existing conversation keeps its language
      } else if (!language && (languageChosen || lang !== "en")) {
        pendingLanguage = lang; // a new conversation starts in the interface's language
      }
    }
    if (pendingLanguage) { sendFrame({ type: "language", language: pendingLanguage }); }
    buffered = [];
    sendFrame({ type: "resume", after_seq: lastSeq });
    sessionWaiters.splice(0).forEach(function (callback) { callback(); });
  }

  function onHistory(frame) {
    var items = Array.isArray(frame.messages) ? frame.messages : [];
    items.forEach(function (item) {
      if (!item || item.type !== "message") { return; }
      if (item.from === "user") {
        var clientId = String(item.client_id || "");
        var queued = outbox.some(function (m) { return m.client_id === clientId; });
        if (queued) {
          // Already stored by the server: no need to send it again.
          outbox = outbox.filter(function (m) { return m.client_id !== clientId; });
          saveOutbox();
          markSent(clientId);
        }
        renderUser({ client_id: clientId || uuid(), text: item.text, has_media: item.has_media }, false, null);
      } else {
        renderBot(item);
      }
    });
    outbox.forEach(function (item) { renderUser(item, true, null); });
    var live = buffered;
    buffered = [];
    ready = true;
    live.forEach(onLiveMessage);
    pump();
  }

  function onLiveMessage(frame) {
    if (frame.from === "user") { return; }
    var language = normalizeLanguage(frame.language);
    if (language && language !== lang && !pendingLanguage) { setLanguage(language); }
    if (renderBot(frame) && ui.panel.hidden) { ui.badge.hidden = false; }
  }

  function onError(frame) {
    var clientId = frame.client_id ? String(frame.client_id) : null;
    if (frame.code === "rate_limited") {
      showAlert(frame.message || t("rate_limited"));
      var seconds = Math.max(1, Number(frame.retry_after) || 5);
      holdUntil = Date.now() + seconds * 1000;
      if (clientId && inflight === clientId) {
        inflight = null;
        clearTimeout(ackTimer);
      }
      clearTimeout(holdTimer);
      holdTimer = setTimeout(function () {
        showAlert("");
        pump();
      }, seconds * 1000);
      return;
    }
    if (clientId) {
      // The server will never store this message ("empty" or a refused frame): forget it.
      if (inflight === clientId) {
        inflight = null;
        clearTimeout(ackTimer);
      }
      outbox = outbox.filter(function (item) { return item.client_id !== clientId; });
      saveOutbox();
      removeUser(clientId);
      pump();
    }
  }
})();
