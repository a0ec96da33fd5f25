/*
 * The widget's interface: the DOM in a shadow root, the message list, the composer, the language toggle,
 * the city's alert banner and the form to sign up for text alerts.
 * Residents' and the assistant's words are inserted with textContent (text nodes) only, never as HTML.
 * It knows nothing about the connection: main.js gives it the words (t) and the actions to call.
 */

var LANGUAGE_NAMES = { en: "English", es: "Español" };
var TYPING_TIMEOUT_MS = 60000;
var ICON_CHAT = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z";
var ICON_CLOSE = "M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z";
var ICON_CAMERA = "M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9zm3 5a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zm0 2a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5z";

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

/** URLs become links; everything else is text nodes, never parsed as HTML. */
function addText(container, text) {
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

/**
 * Build the widget in a shadow root on document.body; returns its interface, or null without shadow DOM.
 * options: css, languages, maxTextChars, t(key), normalizeLanguage(code) and the residents' actions:
 * onToggle(), onClose(), onSubmit(text), onHuman(), onPhoto(file), onLanguage(code), onQuickReply(title, payload),
 * onSubscribe({phone, zip, language}) (the alerts form; main.js answers with subscribeResult).
 */
function createView(options) {
  var t = options.t;
  var host = el("div", { id: "pdx311-webchat" });
  if (!host.attachShadow) { return null; } // without a shadow root the widget's styles would leak
  var root = host.attachShadow({ mode: "open" });
  var style = el("style");
  style.textContent = options.css;
  var lang = null;
  var shownClientIds = {};
  var typingTimer = null;
  var currentBroadcast = null; // the latest city alert not dismissed: {severity, text: {en, es}}
  var shownBroadcast = null; // the alert the banner shows (one that came while the panel was closed waits for it)

  var launcherLabel = el("span");
  var badge = el("span", { class: "badge", hidden: true, "aria-hidden": "true" });
  var alertMarkText = el("span", { class: "sr-only" });
  var alertMark = el("span", { class: "alert-mark", hidden: true },
    [el("span", { "aria-hidden": "true", text: "!" }), alertMarkText]);
  var launcher = el("button", {
    type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "pdx311-panel",
    "aria-haspopup": "dialog"
  }, [svg(ICON_CHAT, 22), launcherLabel, badge, alertMark]);

  var title = el("h2", { id: "pdx311-title" });
  var languageLabel = el("span", { id: "pdx311-language", class: "sr-only" });
  var languageButtons = {};
  var languageGroup = el("div", { class: "langs", role: "group", "aria-labelledby": "pdx311-language" }, [languageLabel]);
  var closeButton = el("button", { type: "button", class: "close" }, [svg(ICON_CLOSE, 20)]);
  var head = el("div", { class: "head" }, [title, languageGroup, closeButton]);
  // The city's alert banner: the label and the text are the alert region; Dismiss stays outside it.
  var broadcastLabel = el("p", { class: "broadcast-label" });
  var broadcastText = el("p", { class: "broadcast-text" });
  var dismissButton = el("button", { type: "button", class: "dismiss" });
  var broadcast = el("div", { class: "broadcast", hidden: true }, [
    el("div", { class: "broadcast-words", role: "alert" }, [broadcastLabel, broadcastText]),
    dismissButton
  ]);
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
  var endButton = el("button", { type: "button", class: "end" });
  var signupButton = el("button", {
    type: "button", class: "signup", "aria-expanded": "false", "aria-controls": "pdx311-alerts"
  });
  var textarea = el("textarea", {
    id: "pdx311-message", rows: "1", maxlength: String(options.maxTextChars), autocomplete: "off"
  });
  var fileInput = el("input", { type: "file", accept: "image/*", hidden: true, tabindex: "-1" });
  var attachButton = el("button", { type: "button", class: "attach" }, [svg(ICON_CAMERA, 22)]);
  var sendButton = el("button", { type: "submit", class: "send" });
  var form = el("form", { class: "composer", novalidate: true }, [
    el("div", { class: "tools" }, [messageLabel, humanButton, signupButton, endButton]),
    el("div", { class: "row" }, [textarea, attachButton, fileInput, sendButton])
  ]);

  // The form to sign up for text alerts (a sibling of the composer: forms do not nest).
  var signupTitle = el("h3", { id: "pdx311-alerts-title" });
  var phoneLabel = el("label", { for: "pdx311-alerts-phone" });
  var phoneInput = el("input", { id: "pdx311-alerts-phone", type: "tel", autocomplete: "tel", "aria-required": "true" });
  var zipLabel = el("label", { for: "pdx311-alerts-zip" });
  var zipInput = el("input", {
    id: "pdx311-alerts-zip", type: "text", inputmode: "numeric", maxlength: "5", autocomplete: "postal-code"
  });
  var signupLanguageLabel = el("label", { for: "pdx311-alerts-language" });
  var signupLanguage = el("select", { id: "pdx311-alerts-language" }, ["en", "es"].map(function (code) {
    return el("option", { value: code, lang: code, text: LANGUAGE_NAMES[code] });
  }));
  var signupStatus = el("p", { class: "signup-status", role: "status", "aria-live": "polite" });
  var signupSubmit = el("button", { type: "submit", class: "signup-submit" });
  var signupClose = el("button", { type: "button", class: "signup-close" });
  var signupForm = el("form", {
    id: "pdx311-alerts", class: "signup-form", novalidate: true, "aria-labelledby": "pdx311-alerts-title", hidden: true
  }, [
    signupTitle,
    el("div", { class: "field phone" }, [phoneLabel, phoneInput]),
    el("div", { class: "field" }, [zipLabel, zipInput]),
    el("div", { class: "field" }, [signupLanguageLabel, signupLanguage]),
    signupStatus,
    el("div", { class: "actions" }, [signupSubmit, signupClose])
  ]);

  var panel = el("div", {
    id: "pdx311-panel", class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": "pdx311-title",
    hidden: true
  }, [head, broadcast, emergency, log, typing, status, alert, signupForm, form]);
  var wrapper = el("div", { class: "root" }, [launcher, panel]);

  setLanguages(options.languages);
  root.appendChild(style);
  root.appendChild(wrapper);
  document.body.appendChild(host);

  launcher.addEventListener("click", options.onToggle);
  closeButton.addEventListener("click", options.onClose);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      options.onClose();
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
    options.onHuman();
    textarea.focus();
  });
  endButton.addEventListener("click", function () { options.onEnd(); });
  attachButton.addEventListener("click", function () {
    if (attachButton.getAttribute("aria-busy") !== "true") { fileInput.click(); }
  });
  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (file) { options.onPhoto(file); }
  });
  dismissButton.addEventListener("click", function () {
    showBroadcast(null);
    textarea.focus(); // the button is gone: focus goes on to the conversation
  });
  signupButton.addEventListener("click", function () {
    if (signupForm.hidden) { openSignup(); } else { closeSignup(); }
  });
  signupClose.addEventListener("click", closeSignup);
  signupForm.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      event.stopPropagation(); // Escape in the form closes the form, not the whole panel
      closeSignup();
    }
  });
  signupForm.addEventListener("submit", function (event) {
    event.preventDefault();
    submitSignup();
  });

  // ---- the frame around the conversation ---------------------------------------------------

  /** (Re)build the language toggle for ``codes``, keeping the buttons that stay. */
  function setLanguages(codes) {
    var keep = {};
    codes.forEach(function (code) {
      var button = languageButtons[code];
      if (!button) {
        button = el("button", { type: "button", lang: code, "aria-pressed": "false", text: LANGUAGE_NAMES[code] || code });
        button.addEventListener("click", function () { options.onLanguage(code); });
      }
      keep[code] = button;
      languageGroup.appendChild(button); // in the announced order
    });
    Object.keys(languageButtons).forEach(function (code) {
      if (!keep[code]) { languageGroup.removeChild(languageButtons[code]); }
    });
    languageButtons = keep;
    languageGroup.hidden = codes.length < 2;
    showLanguage(lang);
  }

  function showLanguage(code) {
    lang = code;
    if (!code) { return; }
    wrapper.setAttribute("lang", code);
    panel.setAttribute("lang", code);
    Object.keys(languageButtons).forEach(function (c) {
      languageButtons[c].setAttribute("aria-pressed", c === code ? "true" : "false");
    });
  }

  /** Put the interface words (from t) on every control, in language ``code``. */
  function applyStrings(code) {
    showLanguage(code);
    launcherLabel.textContent = t("open");
    title.textContent = t("title");
    languageLabel.textContent = t("language");
    closeButton.setAttribute("aria-label", t("close"));
    closeButton.setAttribute("title", t("close"));
    emergency.textContent = t("emergency");
    typingText.textContent = t("typing");
    messageLabel.textContent = t("message_label");
    textarea.setAttribute("placeholder", t("placeholder"));
    humanButton.textContent = t("human");
    endButton.textContent = t("end_chat");
    endButton.setAttribute("title", t("end_chat_hint"));
    attachButton.setAttribute("aria-label", t("attach"));
    attachButton.setAttribute("title", t("attach"));
    sendButton.textContent = t("send");
    if (status.textContent) { status.textContent = t("reconnecting"); }
    alertMarkText.textContent = t("alert_label");
    dismissButton.textContent = t("dismiss");
    if (shownBroadcast) { renderBroadcast(); } // the banner in the new language
    signupButton.textContent = t("alerts");
    signupTitle.textContent = t("alerts_title");
    phoneLabel.textContent = t("alerts_phone");
    zipLabel.textContent = t("alerts_zip");
    signupLanguageLabel.textContent = t("alerts_language");
    signupSubmit.textContent = t("alerts_submit");
    signupClose.textContent = t("alerts_close");
  }

  function openPanel(moveFocus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    badge.hidden = true;
    if (shownBroadcast !== currentBroadcast) { renderBroadcast(); } // an alert that came while it was closed
    scrollToEnd();
    if (moveFocus) { textarea.focus(); }
  }

  function closePanel() {
    if (panel.hidden) { return false; }
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
    return true;
  }

  function submitText() {
    var text = textarea.value;
    if (!text.trim()) { return; }
    options.onSubmit(text);
    textarea.value = "";
    autoGrow();
  }

  function autoGrow() {
    textarea.style.height = "auto";
    textarea.style.height = Math.min(Math.max(textarea.scrollHeight + 2, 44), 120) + "px";
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function showAlert(text) {
    alert.textContent = text || "";
  }

  function setTyping(on) {
    clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) {
      typingTimer = setTimeout(function () { typing.hidden = true; }, TYPING_TIMEOUT_MS);
    }
  }

  // ---- the city's alert banner -------------------------------------------------------------

  /** Show ``item`` ({severity, text: {code: text}}) in the banner instead of any other; null: no banner. */
  function showBroadcast(item) {
    currentBroadcast = item || null;
    alertMark.hidden = !currentBroadcast; // the launcher shows there is an alert until it is dismissed
    renderBroadcast();
  }

  /** The alert's words in the interface's language, else in another one: {text, lang}, or null. */
  function broadcastWords(texts) {
    var codes = [lang].concat(Object.keys(texts || {}));
    for (var i = 0; i < codes.length; i++) {
      var text = texts[codes[i]];
      if (typeof text === "string" && text.trim()) { return { text: text, lang: codes[i] }; }
    }
    return null;
  }

  /** (Re)fill the banner with the current alert; while the panel is closed it stays empty until it opens. */
  function renderBroadcast() {
    var item = panel.hidden ? null : currentBroadcast;
    var words = item && broadcastWords(item.text);
    shownBroadcast = words ? item : null;
    broadcast.hidden = !words;
    broadcast.setAttribute("data-severity", words ? item.severity : "");
    broadcastLabel.textContent = words ? t("alert_label") : "";
    broadcastText.textContent = words ? words.text : "";
    if (words) { broadcastText.setAttribute("lang", words.lang); } else { broadcastText.removeAttribute("lang"); }
  }

  // ---- the alerts sign-up form -------------------------------------------------------------

  function openSignup() {
    signupLanguage.value = lang === "es" ? "es" : "en";
    signupForm.hidden = false;
    signupButton.setAttribute("aria-expanded", "true");
    phoneInput.focus();
  }

  function closeSignup() {
    signupForm.hidden = true;
    signupButton.setAttribute("aria-expanded", "false");
    signupButton.focus();
  }

  function submitSignup() {
    if (signupSubmit.getAttribute("aria-busy") === "true") { return; } // one request at a time
    showSignupStatus("", null, null);
    signupSubmit.setAttribute("aria-busy", "true");
    options.onSubscribe({ phone: phoneInput.value.trim(), zip: zipInput.value.trim(), language: signupLanguage.value });
  }

  function showSignupStatus(text, outcome, code) {
    signupStatus.textContent = text || "";
    signupStatus.setAttribute("data-outcome", outcome || "");
    if (code) { signupStatus.setAttribute("lang", code); } else { signupStatus.removeAttribute("lang"); }
  }

  /** The server's answer to the form: ok, the sentence to show, and its language (null: the interface's). */
  function subscribeResult(ok, text, code) {
    signupSubmit.removeAttribute("aria-busy");
    showSignupStatus(text, ok ? "ok" : "error", code);
    if (ok) { phoneInput.value = ""; }
  }

  // ---- the message list --------------------------------------------------------------------

  function appendEntry(entry) {
    var old = log.querySelectorAll(".replies");
    for (var i = 0; i < old.length; i++) { old[i].parentNode.removeChild(old[i]); }
    log.appendChild(entry);
    scrollToEnd();
  }

  function userEntries(selector, clientId) {
    return Array.prototype.filter.call(log.querySelectorAll(selector), function (entry) {
      return entry.getAttribute("data-client-id") === clientId;
    });
  }

  /** A resident's message (once per client_id); pending until the server has it. */
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
    userEntries(".msg.user.pending", clientId).forEach(function (entry) { entry.classList.remove("pending"); });
  }

  function removeUser(clientId) {
    userEntries(".msg.user", clientId).forEach(function (entry) { entry.parentNode.removeChild(entry); });
    delete shownClientIds[clientId];
  }

  /** One of the assistant's messages, with its quick replies (the newest message's only). */
  function renderBot(frame) {
    var seq = Number(frame.seq);
    var messageLang = options.normalizeLanguage(frame.language); // otherwise the panel's lang applies
    var staff = frame.author === "staff";
    var bubble = el("div", { class: "bubble" }, [el("span", { class: "sr-only", text: t(staff ? "staff" : "assistant") + ": " })]);
    if (staff) { bubble.appendChild(el("span", { class: "author", "aria-hidden": "true", text: t("staff") })); }
    var text = el("span", { class: "text" });
    addText(text, String(frame.text || ""));
    bubble.appendChild(text);
    if (typeof frame.image === "string" && /^(https?:\/\/|\/)/.test(frame.image)) {
      bubble.appendChild(el("img", { src: frame.image, alt: "", loading: "lazy" }));
    }
    var entry = el("div", { class: staff ? "msg bot staff" : "msg bot", lang: messageLang, "data-seq": seq ? String(seq) : null }, [bubble]);
    var buttons = Array.isArray(frame.buttons) ? frame.buttons : [];
    appendEntry(entry);
    if (buttons.length) {
      var replies = el("div", { class: "replies" });
      buttons.forEach(function (button) {
        if (!button || !button.title) { return; }
        var quick = el("button", { type: "button" });
        quick.textContent = String(button.title);
        quick.addEventListener("click", function () {
          options.onQuickReply(String(button.title), typeof button.payload === "string" ? button.payload : null);
          textarea.focus();
        });
        replies.appendChild(quick);
      });
      entry.appendChild(replies);
    }
  }

  return {
    isOpen: function () { return !panel.hidden; },
    openPanel: openPanel,
    closePanel: closePanel,
    applyStrings: applyStrings,
    showLanguage: showLanguage,
    setLanguages: setLanguages,
    setMaxTextChars: function (chars) { textarea.setAttribute("maxlength", String(chars)); },
    setStatus: function (text) { status.textContent = text || ""; },
    setUploading: function (busy) {
      if (busy) { attachButton.setAttribute("aria-busy", "true"); } else { attachButton.removeAttribute("aria-busy"); }
    },
    showAlert: showAlert,
    showBroadcast: showBroadcast,
    subscribeResult: subscribeResult,
    setTyping: setTyping,
    focusMessage: function () { textarea.focus(); },
    /** A new message arrived: flag the launcher if the panel is closed. */
    notify: function () {
      if (panel.hidden) { badge.hidden = false; }
    },
    clear: function () {
      log.textContent = "";
      shownClientIds = {};
    },
    renderUser: renderUser,
    markSent: markSent,
    removeUser: removeUser,
    renderBot: renderBot
  };
}
