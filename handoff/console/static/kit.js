/*
 * PDX 311 staff pages: what the agent console (console.js) and the broadcasters' page (broadcasts.js) share.
 *
 *   - DOM helpers:   byId, el (text only, never HTML), setText, showAlert / clearAlert, setBusy;
 *   - values:        asList, asObject, safeId, enc, parseDate;
 *   - SMS segments:  smsSegments(text), the arithmetic of bot/language/segments.py (GSM-7 / UCS-2);
 *   - JSON requests: requestJson(), fetch() with the session cookie, JSON both ways and the X-CSRF-Token header
 *                    on every request that is not a GET;
 *   - the session:   sessionChange(), what a fresh GET /session says after a refused POST;
 *   - announcements: announcer(), a polite live region that gathers what is said within a moment.
 *
 * One global, StaffKit; loaded before the page's own script. No dependencies, no build step.
 */
var StaffKit = (function () {
  "use strict";

  // ==== DOM helpers =================================================================================

  function byId(id) {
    return document.getElementById(id);
  }

  /** An element; attrs.text becomes its textContent; string children become text nodes (never HTML). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) { return; }
      if (name === "text") {
        node.textContent = String(value);
      } else if (name === "class") {
        node.className = value;
      } else {
        node.setAttribute(name, value === true ? "" : String(value));
      }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function setText(node, text) {
    var value = text === null || text === undefined ? "" : String(text);
    if (node.textContent !== value) { node.textContent = value; }
  }

  /** Fill an alert; emptied first, so the same sentence twice in a row is announced twice. */
  function showAlert(node, text) {
    node.textContent = "";
    node.textContent = text || "";
  }

  function clearAlert(node) {
    if (node) { node.textContent = ""; }
  }

  function setBusy(button, busy) {
    if (busy) {
      button.setAttribute("aria-busy", "true");
    } else {
      button.removeAttribute("aria-busy");
    }
  }

  // ==== values ======================================================================================

  function asList(value) {
    return Array.isArray(value) ? value : [];
  }

  function asObject(value) {
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  }

  function safeId(value) {
    return String(value).replace(/[^A-Za-z0-9_-]/g, "_");
  }

  function enc(value) {
    return encodeURIComponent(String(value));
  }

  function parseDate(value) {
    if (!value) { return null; }
    var date = new Date(value);
    return isNaN(date.getTime()) ? null : date;
  }

  // ==== SMS segments (as bot/language/segments.py) ====================================================

  // GSM 03.38: the basic set, and the extension table (ESC + code: 2 septets).
  var GSM7_BASIC = new Set(Array.from(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
  ));
  var GSM7_EXTENSION = new Set(Array.from("\f^{}\\[]~|€"));
  var GSM7_SINGLE = 160;
  var GSM7_MULTI = 153;
  var UCS2_SINGLE = 70;
  var UCS2_MULTI = 67;

  /**
   * Segments a carrier bills for text: GSM-7 when every character is in the basic set or the extension table
   * (extension characters count 2 septets), 160 septets in one segment, else 153 per segment; otherwise UCS-2,
   * 70 UTF-16 code units in one segment, else 67 per segment. Neither an escape sequence nor a surrogate pair
   * is split across segments. chars counts code points (as the server's len()).
   */
  function smsSegments(text) {
    var chars = 0;
    var gsm = true;
    var septets = 0;
    var gsmSegments = 0;
    var gsmRoom = 0;
    var units = 0;
    var ucsSegments = 0;
    var ucsRoom = 0;
    for (var ch of String(text)) {
      chars += 1;
      var width = ch.length; // UTF-16 code units: 2 for a surrogate pair
      units += width;
      if (width > ucsRoom) {
        ucsSegments += 1;
        ucsRoom = UCS2_MULTI;
      }
      ucsRoom -= width;
      if (!gsm) { continue; }
      var cost = GSM7_BASIC.has(ch) ? 1 : (GSM7_EXTENSION.has(ch) ? 2 : 0);
      if (!cost) {
        gsm = false;
        continue;
      }
      septets += cost;
      if (cost > gsmRoom) {
        gsmSegments += 1;
        gsmRoom = GSM7_MULTI;
      }
      gsmRoom -= cost;
    }
    var segments = 0;
    if (chars) {
      if (gsm) {
        segments = septets <= GSM7_SINGLE ? 1 : gsmSegments;
      } else {
        segments = units <= UCS2_SINGLE ? 1 : ucsSegments;
      }
    }
    return { segments: segments, encoding: gsm ? "GSM-7" : "UCS-2", chars: chars };
  }

  // ==== JSON requests =================================================================================

  function parseJson(raw) {
    if (!raw) { return {}; }
    try {
      return JSON.parse(raw);
    } catch (err) {
      return {};
    }
  }

  /**
   * One JSON request with the session cookie: csrf (when given) goes in X-CSRF-Token on anything but a GET,
   * with the body as JSON. Resolves with { status, ok, data } (data: the parsed answer, {} when empty or not
   * JSON); when the answer's body could not be read, data is {} and readError holds the reason. Rejects (with
   * fetch's own error) only when the server could not be reached. The page turns this into its own errors.
   */
  function requestJson(method, url, body, csrf) {
    var headers = { Accept: "application/json" };
    var init = { method: method, credentials: "same-origin", cache: "no-store", headers: headers };
    if (method !== "GET") {
      if (csrf) { headers["X-CSRF-Token"] = csrf; }
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body || {});
    }
    return fetch(url, init).then(function (response) {
      var answer = { status: response.status, ok: response.ok, data: {} };
      return response.text().then(function (raw) {
        answer.data = parseJson(raw);
        return answer;
      }, function (err) {
        answer.readError = err;
        return answer;
      });
    });
  }

  // ==== the session ===================================================================================

  /**
   * What a fresh GET /session answer says about this tab's session after a refused POST: "expired" (signed
   * out), "other-user" (another tab signed in as someone else, or, with roles, as a role this page is not
   * for), "changed" (a new CSRF token: worth one more try) or "same" (a real refusal).
   */
  function sessionChange(data, user, csrf, roles) {
    if (!data || !data.signed_in) { return "expired"; }
    var now = data.user ? asObject(data.user) : null;
    if (now && user && String(now.id) !== String(user.id)) { return "other-user"; }
    if (roles && (!now || roles.indexOf(now.role) < 0)) { return "other-user"; }
    if (data.csrf_token && data.csrf_token !== csrf) { return "changed"; }
    return "same";
  }

  // ==== announcements =================================================================================

  var ANNOUNCE_DELAY_MS = 100;

  /**
   * announce(text) for the polite live region node() returns: what is said within ANNOUNCE_DELAY_MS is read
   * as one sentence (each text once), emptied first so a repeat is read again, and cleared after holdMs.
   */
  function announcer(node, holdMs) {
    var timer = null;
    var clearTimer = null;
    var pending = [];
    return function announce(text) {
      if (!text) { return; }
      if (pending.indexOf(text) < 0) { pending.push(text); }
      clearTimeout(timer);
      clearTimeout(clearTimer);
      node().textContent = "";
      timer = setTimeout(function () {
        node().textContent = pending.join(". ");
        pending = [];
        clearTimer = setTimeout(function () { node().textContent = ""; }, holdMs);
      }, ANNOUNCE_DELAY_MS);
    };
  }

  return {
    byId: byId,
    el: el,
    setText: setText,
    showAlert: showAlert,
    clearAlert: clearAlert,
    setBusy: setBusy,
    asList: asList,
    asObject: asObject,
    safeId: safeId,
    enc: enc,
    parseDate: parseDate,
    smsSegments: smsSegments,
    requestJson: requestJson,
    sessionChange: sessionChange,
    announcer: announcer
  };
})();
