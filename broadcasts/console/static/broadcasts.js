/*
 * PDX 311 broadcasts: the browser side of docs/broadcasts-api.md (the page served at /console/broadcasts).
 *
 * Staff with the broadcaster role (and admins) compose an alert in English and Spanish, preview who receives it
 * and exactly what they get, submit it, approve a colleague's emergency alert, cancel a broadcast, and watch
 * every broadcast's delivery counts change live.
 *
 *   - api:      fetch() with the console's session cookie, X-CSRF-Token on every POST, JSON both ways; a 401
 *               anywhere brings back the "Sign in" link (signing in happens on /console/, not here);
 *   - session:  GET /console/api/session on load; the broadcaster or admin role, else a short refusal;
 *   - compose:  the form, its drafts kept in sessionStorage (they survive signing in again), a client-side SMS
 *               segment counter (GSM-7 / UCS-2, the arithmetic of bot/language/segments.py), 422 field errors;
 *   - preview:  recipients, segments, time to deliver and the exact bodies; "Submit broadcast" is enabled only
 *               while the fields hold exactly what was previewed;
 *   - list:     each broadcast with its status, people, ZIP codes and counts per language, updated in place;
 *               Approve, and Cancel with an inline confirmation (never window.confirm);
 *   - live:     polling every second while a broadcast is approved or sending, else every five seconds;
 *               status changes are announced in a polite live region ("Broadcast 3: Sent").
 *
 * Server text goes into the page with textContent / text nodes only, never as HTML. Plain ES2017, no
 * dependencies, no build step; the page's CSP allows no inline script or style, so none is used. The helpers
 * shared with the agent console come from StaffKit (/console/static/kit.js, loaded before this file).
 */
(function () {
  "use strict";

  const byId = StaffKit.byId;
  const el = StaffKit.el;
  const setText = StaffKit.setText;
  const showAlert = StaffKit.showAlert;
  const clearAlert = StaffKit.clearAlert;
  const setBusy = StaffKit.setBusy;
  const asList = StaffKit.asList;
  const asObject = StaffKit.asObject;
  const safeId = StaffKit.safeId;
  const enc = StaffKit.enc;
  const parseDate = StaffKit.parseDate;
  const smsSegments = StaffKit.smsSegments;

  const API = "/console/api";
  const DRAFT_KEY = "pdx311.broadcasts.draft";
  const FAST_POLL_MS = 1000; // while a broadcast is approved or sending
  const SLOW_POLL_MS = 5000; // otherwise
  const SESSION_RETRY_MS = 5000; // the first session check, while the server cannot be reached
  const ANNOUNCEMENT_MS = 20000;
  const MAX_SEGMENTS = 10;
  const MAX_CHARS = 1600;
  const EXCERPT_CHARS = 140;
  const SENDING_ROLES = ["broadcaster", "admin"];
  const DEFAULT_SEVERITY = "advisory";

  /** The form's fields: the API's name, the control's id, and the label (for messages). */
  const FIELDS = [
    { key: "text_en", id: "text-en", label: "English text" },
    { key: "text_es", id: "text-es", label: "Spanish text" },
    { key: "severity", id: "severity", label: "Severity" },
    { key: "zips", id: "zips", label: "ZIP codes" }
  ];
  const TEXT_FIELDS = [
    { key: "text_en", id: "text-en", name: "English" },
    { key: "text_es", id: "text-es", name: "Spanish" }
  ];
  const LANGUAGES = [{ code: "en", name: "English" }, { code: "es", name: "Spanish" }];
  const SEVERITY_WORDS = { emergency: "Emergency", urgent: "Urgent", advisory: "Advisory" };
  const STATUS_WORDS = {
    awaiting_approval: "Waiting for approval",
    approved: "Approved",
    sending: "Sending",
    sent: "Sent",
    cancelled: "Cancelled"
  };
  const ACTIVE_STATUSES = ["approved", "sending"];
  const CANCELLABLE_STATUSES = ["awaiting_approval", "approved", "sending"];
  const COUNT_COLUMNS = [
    { key: "queued", label: "Queued" },
    { key: "sending", label: "Sending" },
    { key: "sent", label: "Sent" },
    { key: "delivered", label: "Delivered" },
    { key: "undelivered", label: "Undelivered" },
    { key: "failed", label: "Failed" },
    { key: "suppressed", label: "Suppressed (opted out)" },
    { key: "cancelled", label: "Cancelled" }
  ];

  const state = {
    view: "loading", // loading | signed-out | not-allowed | app
    user: null,
    csrf: null,
    approvalRequired: null, // from the list: whether an emergency waits for a second broadcaster
    rate: null, // from the list: messages per second (0 or null: as fast as Twilio accepts)
    previewedKey: null, // the field values of the last successful preview (JSON), or null
    previewShown: false,
    previewing: false,
    submitting: false,
    knownStatuses: null, // id -> status last shown (null before the first list: nothing to announce yet)
    quietIds: {}, // broadcasts this tab submitted: their first appearance is not announced
    anyActive: false,
    pollTimer: null,
    listLoading: false,
    listAgain: false,
    sessionChecking: false,
    sessionRetryTimer: null
  };
  const items = new Map(); // broadcast id (string) -> the list item's parts
  const dom = {};

  // ==== DOM helpers and formatting ==================================================================

  function count(value) {
    const n = Number(value);
    return isFinite(n) && n > 0 ? Math.floor(n) : 0;
  }

  function formatNumber(n) {
    return Number(n).toLocaleString("en-US", { maximumFractionDigits: 2 });
  }

  function plural(n, one, many) {
    return formatNumber(n) + " " + (n === 1 ? one : many);
  }

  function formatDateTime(value) {
    const date = parseDate(value);
    return date ? date.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : String(value || "");
  }

  function formatClock(date) {
    return date.toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit", second: "2-digit" });
  }

  function severityWord(severity) {
    return SEVERITY_WORDS[severity] || String(severity || "Unknown severity");
  }

  function statusWord(status) {
    return STATUS_WORDS[status] || String(status || "Unknown").replace(/_/g, " ");
  }

  /** The first n characters (code points, not UTF-16 halves), with an ellipsis when cut. */
  function excerpt(text, n) {
    const chars = Array.from(String(text || ""));
    return chars.length > n ? chars.slice(0, n).join("") + "…" : chars.join("");
  }

  /** The ZIP codes as typed: split at commas (and spaces), blanks dropped. */
  function zipList(typed) {
    return String(typed || "").split(/[\s,]+/).map(function (z) { return z.trim(); }).filter(Boolean);
  }

  function zipsText(zips) {
    const list = asList(zips).map(String).filter(Boolean);
    return list.length ? list.join(", ") : "Everyone";
  }

  /** "about 21 minutes" (rounded), "about 40 seconds", "about 2.5 hours". */
  function durationText(seconds) {
    const s = Number(seconds);
    if (s < 59.5) { return "about " + plural(Math.max(1, Math.round(s)), "second", "seconds"); }
    const minutes = Math.round(s / 60);
    if (minutes < 90) { return "about " + plural(minutes, "minute", "minutes"); }
    const hours = Math.round(s / 360) / 10;
    return "about " + plural(hours, "hour", "hours");
  }

  function rateText(rate) {
    return plural(Number(rate), "message", "messages") + " per second";
  }

  /** The preview's time to deliver: "about 21 minutes at 1 message per second", or as fast as Twilio accepts. */
  function deliveryText(seconds, total, rate) {
    if (seconds === null || seconds === undefined || !isFinite(Number(seconds))) { return "as fast as Twilio accepts"; }
    if (total === 0) { return "nothing to send: there are no recipients"; }
    const pace = typeof rate === "number" && rate > 0 ? " at " + rateText(rate) : "";
    return durationText(seconds) + pace;
  }

  function segmentText(segments, encoding) {
    const n = count(segments);
    return plural(n, "SMS segment", "SMS segments") + (encoding ? " (" + encoding + ")" : "");
  }

  // ==== drafts (sessionStorage: this tab only) ========================================================

  function loadDraft() {
    try {
      return asObject(JSON.parse(window.sessionStorage.getItem(DRAFT_KEY) || "null"));
    } catch (err) {
      return {};
    }
  }

  function saveDraft() {
    try {
      window.sessionStorage.setItem(DRAFT_KEY, JSON.stringify(currentValues()));
    } catch (err) { /* storage full or switched off: the draft just does not survive */ }
  }

  function forgetDraft() {
    try {
      window.sessionStorage.removeItem(DRAFT_KEY);
    } catch (err) { /* ignore */ }
  }

  function restoreDraft() {
    const draft = loadDraft();
    FIELDS.forEach(function (field) {
      const value = draft[field.key];
      if (typeof value !== "string") { return; }
      if (field.key === "severity") {
        if (SEVERITY_WORDS[value]) { dom.severity.value = value; }
      } else if (!dom[field.key].value) {
        dom[field.key].value = value;
      }
    });
  }

  // ==== api ===========================================================================================

  class ApiError extends Error {
    constructor(status, message, data) {
      super(message);
      this.status = status;
      this.data = data || {};
      this.handled = false; // true: the page already changed view (signed out, not allowed)
    }
  }

  const DEFAULT_ERRORS = {
    0: "The server could not be reached. Check the connection and try again.",
    400: "The request was not accepted.",
    401: "Your session has ended. Sign in again.",
    403: "You are not allowed to do that.",
    404: "Not found.",
    409: "That is not possible now: the broadcast changed. The list shows where it is.",
    422: "The alert cannot be sent as written. Check the fields marked below.",
    429: "Too many requests. Wait a moment and try again."
  };

  function errorText(status, data) {
    if (data && typeof data.error === "string" && data.error) { return data.error; }
    return DEFAULT_ERRORS[status] || "The server had a problem (" + status + "). Try again in a moment.";
  }

  /** One call to /console/api, as it is: resolves with the JSON answer, rejects with an ApiError. */
  async function request(method, path, body) {
    const pending = StaffKit.requestJson(method, API + path, body, state.csrf);
    let answer;
    try {
      answer = await pending;
    } catch (err) {
      throw new ApiError(0, DEFAULT_ERRORS[0], {});
    }
    if (answer.ok) { return answer.data; }
    throw new ApiError(answer.status, errorText(answer.status, answer.data), answer.data);
  }

  /**
   * A call with the page's rules: a 401 shows the sign-in link; a 403 on a POST fetches the session's CSRF
   * token again (another tab may have signed in anew) and tries once more if it changed.
   */
  async function api(method, path, body, retried) {
    try {
      return await request(method, path, body);
    } catch (err) {
      if (!(err instanceof ApiError)) { throw err; }
      if (err.status === 401) {
        err.handled = true;
        sessionEnded();
      } else if (err.status === 403 && method !== "GET" && !retried) {
        const outcome = await refreshCsrf();
        if (outcome === "changed") { return api(method, path, body, true); }
        if (outcome === "left") { err.handled = true; }
      }
      throw err;
    }
  }

  /** After a 403 on a POST: "changed" (worth one more try), "same" (a real refusal), "left" (the view changed). */
  async function refreshCsrf() {
    let data;
    try {
      data = await request("GET", "/session");
    } catch (err) {
      return "same";
    }
    const change = StaffKit.sessionChange(data, state.user, state.csrf, SENDING_ROLES);
    if (change === "expired") {
      sessionEnded();
      return "left";
    }
    if (change === "other-user") {
      enterSession(data); // another tab signed in as someone else: this tab follows
      return "left";
    }
    if (change === "changed") { state.csrf = data.csrf_token; }
    return change;
  }

  // ==== announcements =================================================================================

  /** Say something in the polite live region (and show it in the header for a while). */
  const announce = StaffKit.announcer(function () { return dom.announcer; }, ANNOUNCEMENT_MS);

  // ==== session and views =============================================================================

  function showView(view) {
    state.view = view;
    dom.loading.hidden = view !== "loading";
    dom.signedOut.hidden = view !== "signed-out";
    dom.notAllowed.hidden = view !== "not-allowed";
    dom.app.hidden = view !== "app";
    dom.userInfo.hidden = !(state.user && (view === "app" || view === "not-allowed"));
  }

  async function checkSession() {
    if (state.sessionChecking) { return; }
    state.sessionChecking = true;
    clearTimeout(state.sessionRetryTimer);
    try {
      enterSession(await request("GET", "/session"));
    } catch (err) {
      if (err.status === 401) {
        showSignedOut(false);
      } else if (state.view === "loading") {
        setText(dom.loading, "The server could not be reached. Trying again…");
        state.sessionRetryTimer = setTimeout(checkSession, SESSION_RETRY_MS);
      }
    } finally {
      state.sessionChecking = false;
    }
  }

  /** The session answer decides the view: sign-in link, refusal, or the page itself. */
  function enterSession(data) {
    if (!data || !data.signed_in) {
      if (state.view !== "signed-out") { showSignedOut(state.view === "app"); } // else: keep its message
      return;
    }
    state.user = asObject(data.user);
    state.csrf = data.csrf_token || null;
    setText(dom.userEmail, state.user.email || "");
    if (!SENDING_ROLES.includes(state.user.role)) {
      showNotAllowed();
      return;
    }
    showApp();
  }

  function showSignedOut(expired) {
    stopPolling();
    state.csrf = null;
    setText(dom.signedOutMessage, expired
      ? "Your session has ended. Sign in again to continue; what you typed is kept in this tab."
      : "You are not signed in.");
    showView("signed-out");
    if (expired) { dom.signedOutHeading.focus(); }
  }

  /** A 401 anywhere: keep the typed texts, show the sign-in link. */
  function sessionEnded() {
    if (state.view === "signed-out") { return; }
    if (state.view === "app") { saveDraft(); }
    showSignedOut(state.view === "app");
  }

  function showNotAllowed() {
    stopPolling();
    showView("not-allowed");
  }

  function showApp() {
    const entering = state.view !== "app";
    restoreDraft();
    showView("app");
    updateCounters();
    updateSubmitState();
    updateSeverityHint();
    if (entering) { refreshNow(); }
  }

  /** Back in this tab (or this page from the history) while signed out: maybe they signed in meanwhile. */
  function recheckIfOutside() {
    if (state.view === "signed-out" || state.view === "not-allowed") { checkSession(); }
  }

  // ==== compose =======================================================================================

  function currentValues() {
    return {
      text_en: dom.text_en.value,
      text_es: dom.text_es.value,
      severity: dom.severity.value,
      zips: dom.zips.value
    };
  }

  function valuesKey(values) {
    return JSON.stringify([values.text_en, values.text_es, values.severity, values.zips]);
  }

  function previewMatches() {
    return state.previewedKey !== null && state.previewedKey === valuesKey(currentValues());
  }

  function onFieldsEdited() {
    saveDraft();
    updateCounters();
    updateSubmitState();
  }

  /** The live character and segment count under each text, and the warning past 10 segments. */
  function updateCounters() {
    TEXT_FIELDS.forEach(function (field) {
      const measured = smsSegments(dom[field.key].value.trim());
      setText(byId(field.id + "-count"),
        plural(measured.chars, "character", "characters") + ", " + segmentText(measured.segments, measured.encoding));
      let warning = "";
      if (measured.segments > MAX_SEGMENTS) {
        warning = "Over " + MAX_SEGMENTS + " SMS segments: too long to send. Shorten the " + field.name + " text.";
      } else if (measured.chars > MAX_CHARS) {
        warning = "Over " + formatNumber(MAX_CHARS) + " characters: too long to send. Shorten the " + field.name + " text.";
      }
      setText(byId(field.id + "-warning"), warning);
      byId(field.id + "-field").classList.toggle("field-over", Boolean(warning));
    });
  }

  function updateSubmitState() {
    const matches = previewMatches();
    dom.submitButton.disabled = !matches || state.previewing || state.submitting;
    dom.previewStale.hidden = !(state.previewShown && !matches && !state.previewing);
    setText(dom.submitHint, matches
      ? "Submitting sends exactly what the preview shows."
      : "Preview first: Submit broadcast is enabled once the preview shows exactly what is in the fields.");
  }

  function updateSeverityHint() {
    setText(dom.severityHint, state.approvalRequired
      ? "Emergency alerts wait for a second broadcaster to approve them."
      : "");
  }

  function clearErrors() {
    clearAlert(dom.formErrors);
    FIELDS.forEach(function (field) {
      setText(byId(field.id + "-error"), "");
      byId(field.id).removeAttribute("aria-invalid");
    });
  }

  /** An error from a preview or a submit: 422 field sentences next to their fields, the rest in the summary. */
  function showFormErrors(err) {
    const fields = err.status === 422 ? asObject(err.data.fields) : {};
    const extra = [];
    let first = null;
    FIELDS.forEach(function (field) {
      const sentence = fields[field.key];
      if (!sentence) { return; }
      setText(byId(field.id + "-error"), String(sentence));
      byId(field.id).setAttribute("aria-invalid", "true");
      first = first || byId(field.id);
    });
    Object.keys(fields).forEach(function (key) {
      const known = FIELDS.some(function (field) { return field.key === key; });
      if (!known && fields[key]) { extra.push(String(fields[key])); }
    });
    showAlert(dom.formErrors, [err.message].concat(extra).join(" "));
    if (first) { first.focus(); }
  }

  function clearForm() {
    dom.text_en.value = "";
    dom.text_es.value = "";
    dom.severity.value = DEFAULT_SEVERITY;
    dom.zips.value = "";
    forgetDraft();
    clearErrors();
    clearPreview();
    updateCounters();
    updateSubmitState();
  }

  // ==== preview =======================================================================================

  function clearPreview() {
    state.previewedKey = null;
    state.previewShown = false;
    dom.previewBody.hidden = true;
    dom.previewEmpty.hidden = false;
    dom.previewStale.hidden = true;
  }

  function renderPreview(data, values) {
    const recipients = asObject(data.recipients);
    const segments = asObject(data.segments);
    const encoding = asObject(data.encoding);
    const bodies = asObject(data.bodies);
    const en = count(recipients.en);
    const es = count(recipients.es);
    const total = data.total === undefined || data.total === null ? en + es : count(data.total);
    setText(dom.previewRecipients,
      "Recipients: " + formatNumber(total) + " (English " + formatNumber(en) + ", Spanish " + formatNumber(es) + ")");
    dom.previewNobody.hidden = total !== 0;
    setText(dom.previewSeverity, severityWord(values.severity));
    setText(dom.previewZips, zipsText(zipList(values.zips)));
    setText(dom.previewSegmentsEn, segmentText(segments.en, encoding.en));
    setText(dom.previewSegmentsEs, segmentText(segments.es, encoding.es));
    setText(dom.previewTime, deliveryText(data.seconds, total, typeof data.rate === "number" ? data.rate : state.rate));
    const required = typeof data.approval_required === "boolean" ? data.approval_required : state.approvalRequired;
    dom.previewApproval.hidden = !(values.severity === "emergency" && required === true);
    setText(dom.previewBodyEn, typeof bodies.en === "string" ? bodies.en : "");
    setText(dom.previewBodyEs, typeof bodies.es === "string" ? bodies.es : "");
    dom.previewEmpty.hidden = true;
    dom.previewBody.hidden = false;
    state.previewShown = true;
    announce("Preview ready: " + plural(total, "recipient", "recipients"));
  }

  async function runPreview(event) {
    if (event) { event.preventDefault(); }
    if (state.previewing || state.submitting) { return; }
    const values = currentValues();
    state.previewing = true;
    setBusy(dom.previewButton, true);
    updateSubmitState();
    clearErrors();
    setText(dom.composeStatus, "");
    try {
      const data = await api("POST", "/broadcasts/preview", values);
      state.previewedKey = valuesKey(values);
      renderPreview(asObject(data), values);
    } catch (err) {
      if (err.handled) { return; }
      clearPreview();
      showFormErrors(err);
    } finally {
      state.previewing = false;
      setBusy(dom.previewButton, false);
      updateSubmitState();
    }
  }

  // ==== submit ========================================================================================

  function submittedText(broadcast) {
    const id = broadcast.id;
    if (broadcast.status === "awaiting_approval") { return "Broadcast " + id + " is waiting for approval."; }
    if (ACTIVE_STATUSES.includes(broadcast.status)) { return "Broadcast " + id + " is being sent."; }
    return "Broadcast " + id + ": " + statusWord(broadcast.status) + ".";
  }

  async function submitBroadcast() {
    if (state.submitting || state.previewing || !previewMatches()) {
      updateSubmitState();
      return;
    }
    const values = currentValues();
    state.submitting = true;
    setBusy(dom.submitButton, true);
    updateSubmitState();
    clearErrors();
    setText(dom.composeStatus, "");
    try {
      const data = await api("POST", "/broadcasts", values);
      const broadcast = asObject(asObject(data).broadcast);
      if (broadcast.id !== undefined && broadcast.id !== null) { state.quietIds[String(broadcast.id)] = true; }
      clearForm();
      showAlert(dom.composeStatus, submittedText(broadcast));
      dom.composeHeading.focus();
    } catch (err) {
      if (err.handled) { return; }
      if (err.status === 422) { clearPreview(); }
      showFormErrors(err);
    } finally {
      state.submitting = false;
      setBusy(dom.submitButton, false);
      updateSubmitState();
    }
    refreshNow();
  }

  // ==== the list ======================================================================================

  function stopPolling() {
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
  }

  function schedulePoll() {
    stopPolling();
    state.pollTimer = setTimeout(loadList, state.anyActive ? FAST_POLL_MS : SLOW_POLL_MS);
  }

  /** Reload the list now (after an action), or as soon as the load under way is done. */
  function refreshNow() {
    if (state.view !== "app") { return; }
    stopPolling();
    loadList();
  }

  async function loadList() {
    if (state.view !== "app") { return; }
    if (state.listLoading) {
      state.listAgain = true;
      return;
    }
    state.listLoading = true;
    stopPolling();
    try {
      const data = asObject(await api("GET", "/broadcasts"));
      if (state.view === "app") {
        applyList(data);
        clearAlert(dom.listError);
      }
    } catch (err) {
      if (!err.handled) {
        if (err.status === 403) {
          setText(dom.notAllowedMessage, "Your account cannot send broadcasts.");
          showNotAllowed();
        } else {
          setText(dom.listError, "The list could not be refreshed: " + err.message + " Trying again.");
        }
      }
    } finally {
      state.listLoading = false;
      if (state.view === "app") {
        if (state.listAgain) {
          state.listAgain = false;
          loadList();
        } else {
          schedulePoll();
        }
      }
    }
  }

  function applyList(data) {
    if (typeof data.approval_required === "boolean") { state.approvalRequired = data.approval_required; }
    if (typeof data.rate === "number") { state.rate = data.rate; }
    updateSeverityHint();
    const broadcasts = asList(data.broadcasts).filter(function (b) {
      return b && typeof b === "object" && b.id !== undefined && b.id !== null;
    });
    announceChanges(broadcasts);
    renderList(broadcasts);
    state.anyActive = broadcasts.some(function (b) { return ACTIVE_STATUSES.includes(b.status); });
    setText(dom.listSummary, "Updated " + formatClock(new Date()) + "." +
      (state.anyActive ? " Counts refresh every second while a broadcast is being sent." : ""));
  }

  /** "Broadcast 3: Sent" for every status that changed since the last list (and new ones from colleagues). */
  function announceChanges(broadcasts) {
    const next = {};
    const messages = [];
    broadcasts.forEach(function (b) {
      const key = String(b.id);
      const status = String(b.status || "");
      next[key] = status;
      if (state.knownStatuses === null) { return; }
      const before = state.knownStatuses[key];
      if (before === status) { return; }
      if (before === undefined && state.quietIds[key]) { return; }
      messages.push("Broadcast " + key + ": " + statusWord(status));
    });
    state.knownStatuses = next;
    if (messages.length) { announce(messages.join(". ")); }
  }

  /** Update the items in place (focus, confirmations and errors survive), newest first. */
  function renderList(broadcasts) {
    const active = document.activeElement;
    const seen = new Set();
    broadcasts.forEach(function (b, index) {
      const key = String(b.id);
      seen.add(key);
      let item = items.get(key);
      if (!item) {
        item = createItem(key);
        items.set(key, item);
      }
      updateItem(item, b);
      const at = dom.list.children[index];
      if (at !== item.li) { dom.list.insertBefore(item.li, at || null); }
    });
    items.forEach(function (item, key) {
      if (seen.has(key)) { return; }
      const hadFocus = item.li.contains(document.activeElement);
      dom.list.removeChild(item.li);
      items.delete(key);
      if (hadFocus) { dom.broadcastsHeading.focus(); }
    });
    if (active && active !== document.activeElement && dom.list.contains(active) && !isHidden(active)) {
      active.focus(); // moved within the list: keep the place
    }
    dom.listEmpty.hidden = broadcasts.length > 0;
  }

  function isHidden(node) {
    for (let n = node; n && n !== document.body; n = n.parentElement) {
      if (n.hidden) { return true; }
    }
    return false;
  }

  /** A dt/dd pair in a div (so a row can be hidden); returns the row and its dd. */
  function metaRow(label) {
    const value = el("dd");
    const row = el("div", { class: "meta-row" }, [el("dt", { text: label }), value]);
    return { row: row, value: value };
  }

  /** One table of counts for one language: a header row of statuses, one row of numbers. */
  function progressTable(language) {
    const cells = {};
    const headRow = el("tr", {}, COUNT_COLUMNS.map(function (column) {
      return el("th", { scope: "col", text: column.label });
    }));
    const bodyRow = el("tr", {}, COUNT_COLUMNS.map(function (column) {
      cells[column.key] = el("td", { text: "0" });
      return cells[column.key];
    }));
    const table = el("table", { class: "counts" }, [
      el("caption", { text: language.name }),
      el("thead", {}, [headRow]),
      el("tbody", {}, [bodyRow])
    ]);
    return { language: language.code, table: table, cells: cells };
  }

  function badge(prefix) {
    const value = el("span", { class: "badge-text" });
    const node = el("span", { class: "badge" }, [el("span", { class: "sr-only", text: prefix }), value]);
    return { node: node, value: value };
  }

  /** The parts of one list item, built once; updateItem() fills them in. */
  function createItem(key) {
    const base = "broadcast-" + safeId(key);
    const item = { id: key, broadcast: null, confirming: false, busy: false };
    item.heading = el("h3", { id: base + "-heading", class: "item-title", tabindex: "-1", text: "Broadcast " + key });
    item.severity = badge("Severity: ");
    item.status = badge("Status: ");
    item.excerpt = el("p", { class: "excerpt", lang: "en" });
    item.createdBy = metaRow("Created by");
    item.approvedBy = metaRow("Approved by");
    item.zips = metaRow("ZIP codes");
    item.recipients = metaRow("Recipients");
    item.created = metaRow("Created");
    item.started = metaRow("Started");
    item.finished = metaRow("Finished");
    const meta = el("dl", { class: "meta" }, [item.createdBy, item.approvedBy, item.zips, item.recipients,
      item.created, item.started, item.finished].map(function (row) { return row.row; }));
    item.tables = LANGUAGES.map(progressTable);
    item.note = el("p", { class: "quiet" });
    item.error = el("p", { id: base + "-error", class: "alert", role: "alert" });

    item.approve = el("button", { type: "button", class: "button-primary", "aria-describedby": base + "-heading", text: "Approve" });
    item.cancel = el("button", { type: "button", class: "button-secondary", "aria-describedby": base + "-heading", text: "Cancel" });
    item.confirmYes = el("button", { type: "button", class: "button-danger", text: "Yes, cancel broadcast " + key });
    item.confirmNo = el("button", { type: "button", class: "button-quiet", text: "No, keep it" });
    item.confirm = el("div", { class: "confirm" }, [
      el("p", { class: "confirm-text", text: "Messages not yet handed to Twilio will never be sent; those already sent stay sent." }),
      el("div", { class: "button-row" }, [item.confirmYes, item.confirmNo])
    ]);
    item.actions = el("div", { class: "button-row item-actions" }, [item.approve, item.cancel]);

    item.approve.addEventListener("click", function () { approveBroadcast(item); });
    item.cancel.addEventListener("click", function () { askCancel(item); });
    item.confirmYes.addEventListener("click", function () { cancelBroadcast(item); });
    item.confirmNo.addEventListener("click", function () { keepBroadcast(item); });
    item.confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        keepBroadcast(item);
      }
    });

    item.li = el("li", { class: "item broadcast", "aria-labelledby": base + "-heading" }, [
      el("div", { class: "item-head" }, [item.heading, item.severity.node, item.status.node]),
      item.excerpt,
      meta,
      el("div", { class: "progress" }, item.tables.map(function (t) {
        return el("div", { class: "table-scroll" }, [t.table]);
      })),
      item.note,
      item.error,
      item.actions,
      item.confirm
    ]);
    return item;
  }

  function approvedByText(b) {
    if (b.approved_by) { return String(b.approved_by); }
    if (b.status === "awaiting_approval") { return "Not yet approved"; }
    if (b.approved_at) { return "No second approval"; }
    return "Not approved";
  }

  function recipientsText(b) {
    const n = Number(b.recipients);
    if (b.recipients !== null && b.recipients !== undefined && isFinite(n) && n >= 0) { return formatNumber(n); }
    return b.status === "cancelled" ? "None counted" : "Counted when sending starts";
  }

  function setRow(row, text) {
    row.row.hidden = !text;
    setText(row.value, text || "");
  }

  function isMine(b) {
    const me = state.user && state.user.email;
    return Boolean(me && b.created_by && String(b.created_by).toLowerCase() === String(me).toLowerCase());
  }

  function updateItem(item, b) {
    const previous = item.broadcast;
    item.broadcast = b;
    const status = String(b.status || "");
    if (previous && previous.status !== status) { clearAlert(item.error); }
    item.li.setAttribute("data-status", status);
    setText(item.severity.value, severityWord(b.severity));
    item.severity.node.className = "badge severity-" + safeId(b.severity || "unknown");
    setText(item.status.value, statusWord(status));
    item.status.node.className = "badge status-" + safeId(status || "unknown");
    setText(item.excerpt, excerpt(b.text_en, EXCERPT_CHARS));
    setRow(item.createdBy, b.created_by ? String(b.created_by) : "Command line");
    setRow(item.approvedBy, approvedByText(b));
    setRow(item.zips, zipsText(b.zips));
    setRow(item.recipients, recipientsText(b));
    setRow(item.created, b.created_at ? formatDateTime(b.created_at) : "");
    setRow(item.started, b.started_at ? formatDateTime(b.started_at) : "");
    setRow(item.finished, b.finished_at ? formatDateTime(b.finished_at) : "");
    const progress = asObject(b.progress);
    item.tables.forEach(function (t) {
      const counts = asObject(progress[t.language]);
      COUNT_COLUMNS.forEach(function (column) { setText(t.cells[column.key], formatNumber(count(counts[column.key]))); });
    });
    setText(item.note, status === "awaiting_approval" && isMine(b)
      ? "You wrote this alert: another broadcaster must approve it."
      : "");
    renderActions(item);
  }

  /** Which buttons the item shows now; focus that was on a vanished button goes to the item's heading. */
  function renderActions(item) {
    const status = item.broadcast ? String(item.broadcast.status || "") : "";
    const canApprove = status === "awaiting_approval";
    const canCancel = CANCELLABLE_STATUSES.includes(status);
    if (!canCancel) { item.confirming = false; }
    const focused = item.li.contains(document.activeElement) ? document.activeElement : null;
    item.approve.hidden = !canApprove;
    item.cancel.hidden = !canCancel || item.confirming;
    item.actions.hidden = item.approve.hidden && item.cancel.hidden;
    item.confirm.hidden = !(canCancel && item.confirming);
    [item.approve, item.cancel, item.confirmYes, item.confirmNo].forEach(function (button) {
      // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
      if (item.busy) {
        button.setAttribute("aria-disabled", "true");
      } else {
        button.removeAttribute("aria-disabled");
      }
    });
    if (focused && isHidden(focused)) { item.heading.focus(); }
  }

  function setItemBusy(item, busy, button) {
    item.busy = busy;
    setBusy(button, busy);
    renderActions(item);
  }

  function askCancel(item) {
    if (item.busy) { return; }
    clearAlert(item.error);
    item.confirming = true;
    renderActions(item);
    if (!item.confirm.hidden) { item.confirmYes.focus(); }
  }

  function keepBroadcast(item) {
    if (item.busy) { return; }
    item.confirming = false;
    renderActions(item);
    if (!item.cancel.hidden) { item.cancel.focus(); }
  }

  /** Approve or cancel one broadcast; a refusal (409: your own emergency, not waiting) shows next to it. */
  async function itemAction(item, action, button) {
    if (item.busy) { return; }
    clearAlert(item.error);
    setItemBusy(item, true, button);
    try {
      const data = asObject(await api("POST", "/broadcasts/" + enc(item.id) + "/" + action));
      if (action === "cancel") { item.confirming = false; }
      const updated = asObject(data.broadcast);
      if (String(updated.id) === item.id) { updateItem(item, updated); }
    } catch (err) {
      if (!err.handled) {
        item.confirming = false;
        showAlert(item.error, err.message);
      }
    } finally {
      setItemBusy(item, false, button);
    }
    refreshNow();
  }

  function approveBroadcast(item) {
    return itemAction(item, "approve", item.approve);
  }

  function cancelBroadcast(item) {
    return itemAction(item, "cancel", item.confirmYes);
  }

  // ==== start =========================================================================================

  function collectDom() {
    [
      ["announcer", "announcer"], ["userInfo", "user-info"], ["userEmail", "user-email"], ["loading", "loading"],
      ["signedOut", "signed-out"], ["signedOutHeading", "signed-out-heading"], ["signedOutMessage", "signed-out-message"],
      ["notAllowed", "not-allowed"], ["notAllowedMessage", "not-allowed-message"], ["app", "app"],
      ["composeHeading", "compose-heading"], ["form", "compose-form"], ["formErrors", "form-errors"],
      ["text_en", "text-en"], ["text_es", "text-es"], ["severity", "severity"], ["severityHint", "severity-hint"],
      ["zips", "zips"], ["previewButton", "preview-button"], ["submitButton", "submit-button"],
      ["submitHint", "submit-hint"], ["composeStatus", "compose-status"],
      ["previewEmpty", "preview-empty"], ["previewStale", "preview-stale"], ["previewBody", "preview-body"],
      ["previewRecipients", "preview-recipients"], ["previewNobody", "preview-nobody"],
      ["previewSeverity", "preview-severity"], ["previewZips", "preview-zips"],
      ["previewSegmentsEn", "preview-segments-en"], ["previewSegmentsEs", "preview-segments-es"],
      ["previewTime", "preview-time"], ["previewApproval", "preview-approval"],
      ["previewBodyEn", "preview-body-en"], ["previewBodyEs", "preview-body-es"],
      ["broadcastsHeading", "broadcasts-heading"], ["listSummary", "list-summary"], ["listError", "list-error"],
      ["list", "broadcast-list"], ["listEmpty", "list-empty"]
    ].forEach(function (pair) { dom[pair[0]] = byId(pair[1]); });
  }

  function bindEvents() {
    dom.form.addEventListener("input", onFieldsEdited);
    dom.form.addEventListener("change", onFieldsEdited);
    dom.form.addEventListener("submit", runPreview);
    dom.submitButton.addEventListener("click", submitBroadcast);
    window.addEventListener("focus", recheckIfOutside);
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { recheckIfOutside(); }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { recheckIfOutside(); }
    });
  }

  function start() {
    collectDom();
    bindEvents();
    updateCounters();
    updateSubmitState();
    checkSession();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
