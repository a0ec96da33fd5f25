/*
 * PDX 311 agent console: the browser side of docs/console-api.md.
 *
 * Staff sign in, watch the queue of conversations the assistant handed off, claim one, talk to the resident,
 * add internal notes, file a report, look up a case, and give the conversation back (return / resolve).
 * Supervisors also see the statistics and can reassign; admins also manage staff accounts.
 *
 *   - api:           fetch() with the session cookie, the X-CSRF-Token header on every POST, JSON both ways;
 *                    a 401 anywhere means the session expired (the sign-in form comes back);
 *   - session/auth:  sign-in, sign-out, session expiry; the open conversation and every reply draft live in
 *                    sessionStorage (per tab, per user, per handoff), so signing in again restores them;
 *   - queue:         waiting / mine / held by others, wait times ticking every second client-side;
 *   - conversation:  transcript, slots, opt-out, reply with an SMS segment counter, return / resolve;
 *   - tools:         canned responses, internal notes, filing a report (422 field errors), case lookup;
 *   - supervisor:    statistics, agents, reassigning; admin: staff accounts;
 *   - live:          ReliableConnection (connection.js) on /console/ws; every event reloads what it names.
 *
 * Every piece of server text goes into the page with textContent / text nodes, never as HTML.
 * No dependencies, no build step: connection.js and kit.js (StaffKit, shared with the broadcasts page) are
 * loaded before this file.
 */
(function () {
  "use strict";

  var byId = StaffKit.byId;
  var el = StaffKit.el;
  var setText = StaffKit.setText;
  var showAlert = StaffKit.showAlert;
  var clearAlert = StaffKit.clearAlert;
  var setBusy = StaffKit.setBusy;
  var asList = StaffKit.asList;
  var asObject = StaffKit.asObject;
  var safeId = StaffKit.safeId;
  var enc = StaffKit.enc;
  var parseDate = StaffKit.parseDate;
  var smsSegments = StaffKit.smsSegments;

  var API = "/console/api";
  var KEY = "pdx311.console.";
  var REFRESH_DEBOUNCE_MS = 100;
  var FALLBACK_POLL_MS = 30000; // only while the live connection is down
  var STATS_POLL_MS = 20000; // agents going on- or offline make no queue event
  var ANNOUNCEMENT_MS = 15000;
  var SMS_MAX_CHARS = 1600;
  var QUEUE_RETRY_MS = 5000;

  var state = {
    user: null,
    csrf: null,
    signedIn: false,
    supervisor: false,
    admin: false,
    queue: { waiting: [], mine: [], others: [] },
    knownWaiting: null, // ids of the waiting conversations last shown (null: nothing shown yet)
    current: null, // the open conversation: { id, conversationId, handoff, transcript, slots, optedOut, ... }
    canned: [],
    services: [],
    stats: null,
    users: []
  };
  var dom = {};

  // ==== DOM helpers and formatting ==================================================================

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function findByKey(container, key) {
    var nodes = container.querySelectorAll("[data-key]");
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i].getAttribute("data-key") === key) { return nodes[i]; }
    }
    return null;
  }

  /**
   * Re-render part of the page without losing the agent's place: the focused control (by data-key) and the
   * value of every select marked data-keep-value (a choice not yet acted on) come back after build();
   * fallback gets focus if the focused control is gone.
   */
  function preserveFocus(container, build, fallback) {
    var active = document.activeElement;
    var inside = !!(active && active !== container && container.contains(active));
    var key = inside ? active.getAttribute("data-key") : null;
    var selects = {};
    Array.prototype.forEach.call(container.querySelectorAll("select[data-key][data-keep-value]"), function (select) {
      selects[select.getAttribute("data-key")] = select.value;
    });
    build();
    Object.keys(selects).forEach(function (selectKey) {
      var select = findByKey(container, selectKey);
      if (select && Array.prototype.some.call(select.options, function (o) { return o.value === selects[selectKey]; })) {
        select.value = selects[selectKey];
      }
    });
    if (key) {
      var again = findByKey(container, key);
      if (again) {
        again.focus();
        return;
      }
    }
    if (inside && fallback && !container.contains(document.activeElement)) { fallback.focus(); }
  }

  function pad2(n) {
    return (n < 10 ? "0" : "") + n;
  }

  /** mm:ss (minutes keep counting past 59). */
  function formatWait(seconds) {
    var s = Math.max(0, Math.floor(Number(seconds) || 0));
    return pad2(Math.floor(s / 60)) + ":" + pad2(s % 60);
  }

  function durationText(seconds) {
    var s = Math.max(1, Math.ceil(Number(seconds) || 0));
    if (s < 60) { return s + (s === 1 ? " second" : " seconds"); }
    var m = Math.ceil(s / 60);
    return m + (m === 1 ? " minute" : " minutes");
  }

  function formatTime(value) {
    var date = parseDate(value);
    return date ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : String(value || "");
  }

  function formatDateTime(value) {
    var date = parseDate(value);
    return date ? date.toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : String(value || "");
  }

  var languageNames = null;
  try {
    languageNames = new Intl.DisplayNames(["en"], { type: "language" });
  } catch (err) {
    languageNames = null;
  }

  function languageOnly(code) {
    if (!code) { return "Unknown language"; }
    var name = null;
    try {
      name = languageNames ? languageNames.of(String(code)) : null;
    } catch (err) {
      name = null;
    }
    return name && name !== code ? name : String(code);
  }

  /** "Spanish (es)". */
  function languageName(code) {
    if (!code) { return "Unknown language"; }
    var name = languageOnly(code);
    return name !== String(code) ? name + " (" + code + ")" : String(code);
  }

  function channelName(channel) {
    return { sms: "SMS", webchat: "Web chat" }[channel] || String(channel || "Unknown channel");
  }

  var REASONS = {
    asked: "Resident asked for a person",
    not_understood: "Assistant did not understand",
    form_failed: "A report question failed",
    action_error: "An assistant action failed",
    interpreter: "Needs an interpreter"
  };

  function reasonText(reason) {
    return REASONS[reason] || humanize(reason || "not given");
  }

  var STATUSES = {
    waiting: "Waiting",
    claimed: "Claimed",
    resolved: "Resolved",
    returned: "Returned to the assistant",
    abandoned: "Abandoned by the resident"
  };

  function statusText(status) {
    return STATUSES[status] || humanize(status || "unknown");
  }

  function humanize(key) {
    return String(key).replace(/_/g, " ");
  }

  function valueText(value) {
    if (value === null || value === undefined || value === "") { return "—"; }
    if (typeof value === "object") {
      try {
        return JSON.stringify(value);
      } catch (err) {
        return String(value);
      }
    }
    return String(value);
  }

  function slotsText(slots) {
    return Object.keys(asObject(slots)).map(function (key) {
      return humanize(key) + ": " + valueText(slots[key]);
    }).join("; ");
  }

  function findService(codeOrName) {
    if (codeOrName === null || codeOrName === undefined) { return null; }
    var wanted = String(codeOrName);
    for (var i = 0; i < state.services.length; i++) {
      var service = state.services[i];
      if (String(service.service_code) === wanted || String(service.service_name) === wanted) { return service; }
    }
    return null;
  }

  function serviceLabel(codeOrName) {
    var service = findService(codeOrName);
    return service ? String(service.service_name) : valueText(codeOrName);
  }

  function isMe(agent) {
    return !!(agent && state.user && String(agent.id) === String(state.user.id));
  }

  function isMyEmail(email) {
    return !!(email && state.user && String(email).toLowerCase() === String(state.user.email || "").toLowerCase());
  }

  // ==== tab storage (sessionStorage: this tab only) ===================================================

  var tabStore = {
    get: function (key) {
      try {
        return window.sessionStorage.getItem(KEY + key);
      } catch (err) {
        return null;
      }
    },
    set: function (key, value) {
      try {
        window.sessionStorage.setItem(KEY + key, value);
      } catch (err) { /* storage full or blocked: the text stays in the box */ }
    },
    remove: function (key) {
      try {
        window.sessionStorage.removeItem(KEY + key);
      } catch (err) { /* blocked */ }
    },
    removeAll: function (keep) {
      try {
        var doomed = [];
        for (var i = 0; i < window.sessionStorage.length; i++) {
          var name = window.sessionStorage.key(i);
          if (name && name.indexOf(KEY) === 0 && keep.indexOf(name.slice(KEY.length)) < 0) { doomed.push(name); }
        }
        doomed.forEach(function (name) { window.sessionStorage.removeItem(name); });
      } catch (err) { /* blocked */ }
    }
  };

  /** Drafts are kept per user and per handoff: "reply.<user>.<handoff>", "note.<user>.<handoff>". */
  function draftKey(kind, handoffId) {
    return kind + "." + (state.user ? state.user.id : "anonymous") + "." + handoffId;
  }

  function loadDraft(kind, handoffId) {
    return tabStore.get(draftKey(kind, handoffId)) || "";
  }

  function saveDraft(kind, handoffId, text) {
    if (text) {
      tabStore.set(draftKey(kind, handoffId), text);
    } else {
      tabStore.remove(draftKey(kind, handoffId));
    }
  }

  function rememberOpen(handoffId) {
    tabStore.set("open", JSON.stringify({ user: String(state.user.id), id: String(handoffId) }));
  }

  function forgetOpen() {
    tabStore.remove("open");
  }

  function storedOpen() {
    try {
      var stored = JSON.parse(tabStore.get("open") || "null");
      if (stored && state.user && stored.user === String(state.user.id) && stored.id) { return String(stored.id); }
    } catch (err) { /* ignore */ }
    return null;
  }

  // ==== api ===========================================================================================

  function ApiError(status, message, data) {
    this.status = status;
    this.message = message;
    this.data = data || {};
    this.expired = false;
  }

  var DEFAULT_ERRORS = {
    0: "The server could not be reached. Check the connection and try again.",
    400: "The request was not accepted.",
    401: "Your session has expired. Sign in again.",
    403: "You are not allowed to do that.",
    404: "Not found.",
    409: "Someone else changed this conversation first.",
    422: "Some fields need attention.",
    429: "Too many attempts. Wait a moment and try again."
  };

  function errorText(status, data) {
    if (data && typeof data.error === "string" && data.error) { return data.error; }
    return DEFAULT_ERRORS[status] || "The server had a problem (" + status + "). Try again in a moment.";
  }

  /**
   * One call to /console/api: resolves with the JSON answer, rejects with an ApiError.
   * options.noExpiry: a 401 is an ordinary answer (sign-in, session probes);
   * options.noCsrf: no X-CSRF-Token header (sign-in, which has no token yet).
   */
  function api(method, path, body, options) {
    var opts = options || {};
    return StaffKit.requestJson(method, API + path, body, opts.noCsrf ? null : state.csrf).then(function (answer) {
      if (answer.readError) { throw answer.readError; }
      if (answer.ok) { return answer.data; }
      throw new ApiError(answer.status, errorText(answer.status, answer.data), answer.data);
    }, function () {
      throw new ApiError(0, DEFAULT_ERRORS[0], {});
    }).catch(function (err) {
      if (!(err instanceof ApiError)) { throw err; }
      if (err.status === 401 && !opts.noExpiry) {
        err.expired = true;
        sessionExpired();
      } else if (err.status === 403 && method !== "GET" && !opts.retried && !opts.noCsrf) {
        // Another tab may have signed in again (a new session, a new token): fetch it and try once more.
        return refreshCsrf().then(function (outcome) {
          if (outcome === "expired") { err.expired = true; }
          if (outcome !== "changed") { throw err; }
          opts.retried = true;
          return api(method, path, body, opts);
        }, function () {
          throw err;
        });
      }
      throw err;
    });
  }

  function get(path) {
    return api("GET", path);
  }

  function post(path, body) {
    return api("POST", path, body || {});
  }

  /**
   * After a 403 on a POST: "changed" (a new CSRF token, taken: worth one more try), "same" (a real refusal),
   * "expired" (no session any more: the sign-in form is back) or "other-user" (this tab now follows them).
   */
  function refreshCsrf() {
    return api("GET", "/session", null, { noExpiry: true }).then(function (data) {
      var change = StaffKit.sessionChange(data, state.user, state.csrf, null);
      if (change === "expired") {
        sessionExpired();
      } else if (change === "other-user") {
        enterApp(data, { interactive: false }); // another tab signed in as someone else: this tab follows
      } else if (change === "changed") {
        state.csrf = data.csrf_token;
      }
      return change;
    });
  }

  // ==== announcements and the connection indicator ====================================================

  /** Say something in the polite live region (and show it briefly in the header). */
  var announce = StaffKit.announcer(function () { return dom.announcer; }, ANNOUNCEMENT_MS);

  var LIVE_STATES = {
    connecting: "Live updates: connecting…",
    connected: "Live updates: catching up…",
    ready: "Live updates: on",
    disconnected: "Live updates: disconnected",
    reconnecting: "Live updates: reconnecting…"
  };

  function setConnectionStatus(liveState, text) {
    dom.connectionStatus.setAttribute("data-state", liveState);
    setText(dom.connectionStatus, text);
  }

  // ==== session / auth ================================================================================

  function checkSession() {
    api("GET", "/session", null, { noExpiry: true }).then(function (data) {
      dom.loading.hidden = true;
      if (data && data.signed_in && data.user) {
        enterApp(data, { interactive: false });
      } else {
        showSignIn("", { focus: false });
      }
    }, function (err) {
      dom.loading.hidden = true;
      showSignIn("", { focus: false });
      showAlert(dom.signInError, err.message);
    });
  }

  /** The sign-in form, alone: while it shows, the workspace is hidden and the role panels are gone. */
  function showSignIn(notice, options) {
    if (!dom.signIn.parentNode) { dom.main.insertBefore(dom.signIn, dom.workspace); }
    dom.signIn.hidden = false;
    dom.workspace.hidden = true;
    dom.userBar.hidden = true;
    setText(dom.signInNotice, notice);
    clearAlert(dom.signInError);
    dom.password.value = "";
    if (!dom.email.value) { dom.email.value = tabStore.get("email") || ""; }
    if (options && options.focus) { (dom.email.value ? dom.password : dom.email).focus(); }
  }

  /** Take the sign-in form out of the page entirely (no second "Email"/"Password" while signed in). */
  function hideSignIn() {
    dom.signIn.hidden = true;
    if (dom.signIn.parentNode) { dom.signIn.parentNode.removeChild(dom.signIn); }
  }

  var signingIn = false;

  function onSignInSubmit(event) {
    event.preventDefault();
    if (signingIn) { return; }
    var email = dom.email.value.trim();
    var password = dom.password.value;
    clearAlert(dom.signInError);
    if (!email || !password) {
      showAlert(dom.signInError, "Enter your email and your password.");
      (email ? dom.password : dom.email).focus();
      return;
    }
    signingIn = true;
    setBusy(dom.signInSubmit, true);
    api("POST", "/login", { email: email, password: password }, { noExpiry: true, noCsrf: true }).then(function (data) {
      dom.password.value = "";
      tabStore.set("email", email);
      enterApp({ user: data.user, csrf_token: data.csrf_token }, { interactive: true });
    }, function (err) {
      dom.password.value = "";
      showAlert(dom.signInError, signInErrorText(err));
      dom.password.focus();
    }).then(function () {
      signingIn = false;
      setBusy(dom.signInSubmit, false);
    });
  }

  function signInErrorText(err) {
    var text = err.message;
    if (err.status === 429) {
      var retryAfter = Number(err.data.retry_after);
      if (retryAfter > 0 && !/try again/i.test(text)) { text += " Try again in " + durationText(retryAfter) + "."; }
    }
    return text;
  }

  /** Signed in (at page load, after the form, or again after an expiry): show the workspace for this user. */
  function enterApp(session, options) {
    if (session.user && session.user.role === "broadcaster") {
      // A broadcaster's work is on the broadcasts page; the queue is for agents.
      window.location.assign("/console/broadcasts");
      return;
    }
    var previousUser = state.user ? String(state.user.id) : tabStore.get("user");
    state.user = session.user || {};
    state.csrf = session.csrf_token || state.csrf;
    state.signedIn = true;
    state.supervisor = state.user.role === "supervisor" || state.user.role === "admin";
    state.admin = state.user.role === "admin";
    state.knownWaiting = null;
    var sameUser = previousUser !== null && previousUser === String(state.user.id);
    tabStore.set("user", String(state.user.id));
    if (!sameUser && state.current) { closeConversationView(""); }

    hideSignIn();
    dom.loading.hidden = true;
    setText(dom.userEmail, state.user.email);
    setText(dom.userRole, state.user.role);
    document.getElementById("broadcasts-link").hidden = !state.admin;
    dom.userBar.hidden = false;
    dom.workspace.hidden = false;
    [dom.conversationError, dom.queueError, dom.noteError, dom.reportError].forEach(clearAlert);

    buildRolePanels();
    loadCanned();
    loadServices();
    loadQueue();
    startLive();
    startTimers();

    var openId = storedOpen();
    if (openId) {
      openConversation(openId, { restoring: true }).then(function () {
        if (!options.interactive || !state.signedIn) { return; }
        if (state.current && !dom.conversationBody.hidden) {
          dom.reply.focus(); // back where the agent was typing
          var end = dom.reply.value.length;
          try {
            dom.reply.setSelectionRange(end, end);
          } catch (err) { /* not a text control in this browser */ }
        } else {
          dom.queueHeading.focus();
        }
      });
    } else if (options.interactive) {
      dom.queueHeading.focus();
    }
  }

  /** Back to the sign-in form. expired: keep the open conversation and the drafts for the next sign-in. */
  function leaveApp(notice, expired) {
    state.signedIn = false;
    stopLive();
    stopTimers();
    clearTimeout(queueRetryTimer);
    clearTimeout(refreshTimer);
    refreshTimer = null;
    pendingRefresh = null;
    removeRolePanels();
    setConnectionStatus("disconnected", "");
    if (!expired) {
      closeConversationView("");
      clearQueue();
      tabStore.removeAll(["email"]);
      state.user = null;
      state.csrf = null;
    }
    showSignIn(notice, { focus: true });
  }

  function sessionExpired() {
    if (!state.signedIn) { return; }
    var draft = state.current ? " Your open conversation and your reply draft are kept." : "";
    leaveApp("Your session has expired. Sign in again to continue." + draft, true);
  }

  function signOut() {
    setBusy(dom.signOut, true);
    api("POST", "/logout", {}, { noExpiry: true }).catch(function () { return null; }).then(function () {
      setBusy(dom.signOut, false);
      leaveApp("You have signed out.", false);
    });
  }

  var lastProbe = 0;

  /** The live connection dropped: is the session still there? (A refused socket says nothing else.) */
  function probeSession() {
    if (!state.signedIn || Date.now() - lastProbe < 5000) { return; }
    lastProbe = Date.now();
    api("GET", "/session", null, { noExpiry: true }).then(function (data) {
      if (!state.signedIn) { return; }
      if (!data || !data.signed_in) {
        sessionExpired();
      } else if (data.csrf_token) {
        state.csrf = data.csrf_token;
      }
    }, function () { /* the server is unreachable: the connection keeps retrying */ });
  }

  // ==== queue =========================================================================================

  var queueSeq = 0;
  var queueRetryTimer = null;
  var tickers = { queue: [], supervisor: [] };

  /** Reload the queue (only the latest answer is shown); a failure is retried a few seconds later. */
  function loadQueue() {
    var seq = ++queueSeq;
    clearTimeout(queueRetryTimer);
    return get("/queue").then(function (data) {
      if (seq !== queueSeq || !state.signedIn) { return; }
      setText(dom.queueNote, "");
      renderQueue(asObject(data));
    }, function (err) {
      if (err.expired || seq !== queueSeq || !state.signedIn) { return; }
      setText(dom.queueNote, "Could not refresh the queue (" + err.message + "). Trying again shortly.");
      queueRetryTimer = setTimeout(function () {
        if (state.signedIn) { loadQueue(); }
      }, QUEUE_RETRY_MS);
    });
  }

  function clearQueue() {
    state.queue = { waiting: [], mine: [], others: [] };
    tickers.queue = [];
    [dom.queueList, dom.mineList, dom.othersList].forEach(clear);
    setText(dom.queueSummary, "");
  }

  function renderQueue(data) {
    var waiting = asList(data.waiting);
    var mine = asList(data.mine);
    var others = asList(data.others);
    noticeNewWaiting(waiting);
    state.queue = { waiting: waiting, mine: mine, others: others };
    preserveFocus(dom.queuePanel, function () {
      tickers.queue = [];
      forgetClocks(waiting);
      fillList(dom.queueList, dom.queueEmpty, waiting, waitingItem);
      fillList(dom.mineList, dom.mineEmpty, mine, mineItem);
      fillList(dom.othersList, dom.othersEmpty, others, otherItem);
    }, dom.queueHeading);
    setText(dom.queueSummary, waiting.length === 1 ? "1 waiting" : waiting.length + " waiting");
    markOpenInLists();
    if (state.supervisor) { renderSupervisor(); }
  }

  function noticeNewWaiting(waiting) {
    var ids = {};
    var known = state.knownWaiting;
    var grew = false;
    waiting.forEach(function (item) {
      var id = String(item.id);
      ids[id] = true;
      if (known && !known[id]) { grew = true; }
    });
    state.knownWaiting = ids;
    if (grew) { announce("New conversation in queue"); }
  }

  function fillList(list, empty, items, render) {
    clear(list);
    items.forEach(function (item) { list.appendChild(render(item)); });
    empty.hidden = items.length > 0;
  }

  var waitClocks = {}; // clock key -> the last ticker for it, so a refresh never makes a wait jump back

  /**
   * A ticking "Waiting mm:ss": counted on from the server's waited_seconds, every second. With a clock key
   * (a handoff id), a reload that says a second or two less than the page already shows keeps the page's count.
   */
  function registerTicker(group, node, seconds, prefix, clockKey) {
    var ticker = { node: node, base: Number(seconds) || 0, since: Date.now(), prefix: prefix };
    var previous = clockKey ? waitClocks[clockKey] : null;
    if (previous) {
      var shown = tickerSeconds(previous);
      if (shown > ticker.base && shown - ticker.base < 5) {
        ticker.base = previous.base;
        ticker.since = previous.since;
      }
    }
    if (clockKey) { waitClocks[clockKey] = ticker; }
    tickers[group].push(ticker);
    paintTicker(ticker);
  }

  function forgetClocks(waiting) {
    var keep = { longest: true };
    waiting.forEach(function (item) { keep["handoff-" + item.id] = true; });
    Object.keys(waitClocks).forEach(function (key) {
      if (!keep[key]) { delete waitClocks[key]; }
    });
  }

  function tickerSeconds(ticker) {
    return ticker.base + Math.max(0, Math.floor((Date.now() - ticker.since) / 1000));
  }

  function paintTicker(ticker) {
    setText(ticker.node, ticker.prefix + formatWait(tickerSeconds(ticker)));
  }

  function tick() {
    tickers.queue.concat(tickers.supervisor).forEach(paintTicker);
  }

  /** The parts every queue item shows: language, channel, reason, badges, report in progress, preview. */
  function itemHead(item, headId, extra) {
    return el("div", { class: "item-head", id: headId }, [
      el("span", { text: languageName(item.language) }),
      el("span", { text: channelName(item.channel) })
    ].concat(extra || []));
  }

  function itemDetails(item) {
    var parts = [el("p", { class: "item-line", text: "Reason: " + reasonText(item.reason) })];
    var badges = [];
    if (item.interpreter) {
      badges.push(el("span", {
        class: "badge badge-interpreter",
        text: "Interpreter: " + (item.interpreter_language || "language not known")
      }));
    }
    if (item.callback) { badges.push(el("span", { class: "badge badge-callback", text: "Callback" })); }
    if (Number(item.priority) > 0) { badges.push(el("span", { class: "badge badge-priority", text: "High priority" })); }
    if (badges.length) { parts.push(el("div", { class: "badges" }, badges)); }
    var report = asObject(item.report);
    if (item.report) {
      var slots = slotsText(report.slots);
      parts.push(el("p", {
        class: "item-line",
        text: "Report in progress: " + serviceLabel(report.service) + (slots ? " — " + slots : "")
      }));
    }
    if (item.preview) {
      parts.push(el("p", { class: "preview" }, [el("span", { class: "sr-only", text: "Latest words: " }), String(item.preview)]));
    }
    return parts;
  }

  function waitingItem(item) {
    var id = String(item.id);
    var headId = "queue-item-" + safeId(id);
    var wait = el("span", { class: "wait" });
    registerTicker("queue", wait, item.waited_seconds, "Waiting ", "handoff-" + id);
    var claimButton = el("button", {
      type: "button", class: "button-primary", "data-key": "claim-" + id, "aria-describedby": headId, text: "Claim"
    });
    claimButton.addEventListener("click", function () { claim(id, claimButton); });
    return el("li", { class: "item", "data-id": id }, [itemHead(item, headId, [wait])]
      .concat(itemDetails(item))
      .concat([el("div", { class: "button-row" }, [claimButton])]));
  }

  function mineItem(item) {
    var id = String(item.id);
    var headId = "mine-item-" + safeId(id);
    var since = item.claimed_at ? el("span", { class: "quiet", text: "Claimed " + formatTime(item.claimed_at) }) : null;
    var openButton = el("button", {
      type: "button", class: "button-secondary", "data-key": "open-" + id, "aria-describedby": headId, text: "Open"
    });
    openButton.addEventListener("click", function () {
      clearAlert(dom.queueError);
      openConversation(id, { focus: true });
    });
    return el("li", { class: "item", "data-id": id }, [itemHead(item, headId, since ? [since] : [])]
      .concat(itemDetails(item))
      .concat([el("div", { class: "button-row" }, [openButton])]));
  }

  function otherItem(item) {
    var id = String(item.id);
    var agent = asObject(item.agent);
    return el("li", { class: "item", "data-id": id }, [
      itemHead(item, "other-item-" + safeId(id)),
      el("p", { class: "item-line", text: "Held by " + (agent.email || "another agent") +
        (item.claimed_at ? " since " + formatTime(item.claimed_at) : "") })
    ].concat(itemDetails(item)));
  }

  function markOpenInLists() {
    var openId = state.current ? state.current.id : null;
    Array.prototype.forEach.call(dom.mineList.children, function (li) {
      if (openId && li.getAttribute("data-id") === openId) {
        li.setAttribute("aria-current", "true");
      } else {
        li.removeAttribute("aria-current");
      }
    });
  }

  var claiming = {};

  function claim(id, button) {
    if (claiming[id]) { return; }
    claiming[id] = true;
    setBusy(button, true);
    clearAlert(dom.queueError);
    post("/handoffs/" + enc(id) + "/claim").then(function () {
      loadQueue();
      return openConversation(id, { focus: true });
    }, function (err) {
      if (err.expired) { return; }
      var text = err.status === 409 && !err.data.error ? "Already claimed by another agent." : err.message;
      showAlert(dom.queueError, text);
      loadQueue();
    }).then(function () {
      delete claiming[id];
      setBusy(button, false);
    });
  }

  // ==== conversation ==================================================================================

  var conversationSeq = 0;

  /** Load (or reload) a handoff and show it. options: focus (the heading), restoring (after sign-in). */
  function openConversation(id, options) {
    var opts = options || {};
    var handoffId = String(id);
    var seq = ++conversationSeq;
    return get("/handoffs/" + enc(handoffId)).then(function (data) {
      if (seq !== conversationSeq || !state.signedIn) { return; }
      showConversation(handoffId, asObject(data), opts);
    }, function (err) {
      if (err.expired || seq !== conversationSeq) { return; }
      var isOpen = state.current && state.current.id === handoffId;
      if (err.status === 404) {
        if (isOpen) { closeConversationView("That conversation no longer exists."); }
        if (!isOpen && !opts.restoring) { showAlert(dom.queueError, err.message); }
        if (opts.restoring) { forgetOpen(); }
        return;
      }
      if (isOpen) {
        showAlert(dom.conversationError, "Could not refresh the conversation: " + err.message);
      } else if (!opts.restoring) {
        showAlert(dom.queueError, "Could not open the conversation: " + err.message);
      }
    });
  }

  function refreshConversation() {
    if (state.current) { openConversation(state.current.id, {}); }
  }

  function showConversation(id, data, options) {
    var handoff = asObject(data.handoff);
    var switching = !state.current || state.current.id !== id;
    if (switching) {
      state.current = { id: id, seen: null, reportPrefilled: false, lastCanned: null };
      dom.reply.value = loadDraft("reply", id);
      dom.note.value = loadDraft("note", id);
      [dom.conversationError, dom.noteError, dom.reportError].forEach(clearAlert);
      [dom.replyStatus, dom.noteStatus].forEach(function (node) { setText(node, ""); });
      resetReportForm();
      dom.transcript.scrollTop = 0;
    }
    var current = state.current;
    current.handoff = handoff;
    current.conversationId = handoff.conversation_id === undefined ? null : handoff.conversation_id;
    current.optedOut = !!data.opted_out;
    current.slots = asObject(data.slots);
    current.transcript = asList(data.transcript);
    rememberOpen(id);

    dom.conversationEmpty.hidden = true;
    dom.conversationBody.hidden = false;
    dom.toolsEmpty.hidden = true;
    dom.conversationTools.hidden = false;

    renderConversationHeader(current);
    renderReplyState(current);
    renderSlots(current);
    renderTranscript(current);
    updateSegments();
    if (switching) { renderCannedOptions(); }
    prefillReport(current);
    markOpenInLists();
    if (options.focus) { dom.conversationHeading.focus(); }
  }

  /** No conversation open (closed here, resolved, returned, or signed out): say so. */
  function closeConversationView(message) {
    conversationSeq++;
    state.current = null;
    forgetOpen();
    setText(dom.conversationHeading, "Conversation");
    setText(dom.conversationEmpty, message || "No conversation open. Claim one from the queue, or open one of yours.");
    dom.conversationEmpty.hidden = false;
    dom.conversationBody.hidden = true;
    dom.toolsEmpty.hidden = false;
    dom.conversationTools.hidden = true;
    clear(dom.transcript);
    clear(dom.conversationMeta);
    dom.reply.value = ""; // the draft stays in sessionStorage until it is sent
    dom.note.value = "";
    resetReportForm();
    updateSegments();
    markOpenInLists();
  }

  function renderConversationHeader(current) {
    var handoff = current.handoff;
    setText(dom.conversationHeading, "Conversation: " + channelName(handoff.channel) + ", " + languageName(handoff.language));
    var agent = asObject(handoff.agent);
    var rows = [
      ["Status", statusText(handoff.status)],
      ["Held by", handoff.agent ? (isMe(handoff.agent) ? "You (" + agent.email + ")" : agent.email) : "Nobody"],
      ["Reason", reasonText(handoff.reason)],
      ["Language", languageName(handoff.language)],
      ["Channel", channelName(handoff.channel)]
    ];
    if (handoff.interpreter) { rows.push(["Interpreter", "Needed: " + (handoff.interpreter_language || "language not known")]); }
    if (handoff.callback) { rows.push(["Callback", "The resident asked to be called back"]); }
    if (handoff.waited_seconds !== undefined && handoff.waited_seconds !== null) {
      rows.push(["Waited", formatWait(handoff.waited_seconds)]);
    }
    if (handoff.claimed_at) { rows.push(["Claimed", formatDateTime(handoff.claimed_at)]); }
    rows.push(["Messages", current.optedOut ? "Opted out: the resident asked for no more messages" : "Allowed"]);
    clear(dom.conversationMeta);
    rows.forEach(function (row) {
      dom.conversationMeta.appendChild(el("dt", { text: row[0] }));
      dom.conversationMeta.appendChild(el("dd", { text: row[1] }));
    });
  }

  /** Why this agent cannot act on the conversation (null: they can). */
  function holderProblem(current) {
    var handoff = current.handoff;
    if (handoff.status && handoff.status !== "claimed") {
      if (handoff.status === "waiting") { return "This conversation is waiting in the queue: claim it to reply."; }
      return "This conversation is closed (" + statusText(handoff.status).toLowerCase() + ").";
    }
    if (handoff.agent && !isMe(handoff.agent)) {
      return "This conversation is now held by " + (handoff.agent.email || "another agent") + ": only they can reply.";
    }
    return null;
  }

  /** Why Send is off (null: it is on): the conversation is not this agent's, and/or the resident opted out. */
  function sendBlockedReason(current) {
    if (!current) { return "No conversation is open."; }
    var reasons = [];
    var holder = holderProblem(current);
    if (holder) { reasons.push(holder); }
    if (current.optedOut) {
      reasons.push("Send is off: the resident opted out of messages (they asked to stop), so no reply can reach them." +
        (holder ? "" : " You can still add a note, file a report, return or resolve."));
    }
    return reasons.length ? reasons.join(" ") : null;
  }

  function renderReplyState(current) {
    var blocked = sendBlockedReason(current);
    dom.send.disabled = !!blocked;
    setText(dom.replyBlocked, blocked || "");
    dom.replyBlocked.hidden = !blocked;
    var notHolder = !!holderProblem(current);
    dom.returnButton.disabled = notHolder;
    dom.resolveButton.disabled = notHolder;
    dom.reportSubmit.disabled = notHolder;
  }

  function renderSlots(current) {
    var report = asObject(current.handoff.report);
    var slots = Object.keys(current.slots).length ? current.slots : asObject(report.slots);
    dom.slotsService.hidden = !current.handoff.report;
    setText(dom.slotsService, current.handoff.report ? "Service: " + serviceLabel(report.service) : "");
    clear(dom.slotsList);
    var keys = Object.keys(slots);
    keys.forEach(function (key) {
      dom.slotsList.appendChild(el("dt", { text: humanize(key) }));
      dom.slotsList.appendChild(el("dd", { text: valueText(slots[key]) }));
    });
    dom.slotsEmpty.hidden = keys.length > 0;
  }

  function renderTranscript(current) {
    var box = dom.transcript;
    var first = current.seen === null;
    var nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    var before = current.seen || {};
    var seen = {};
    var newFromResident = false;
    clear(box);
    current.transcript.forEach(function (entry, index) {
      entry = asObject(entry);
      var key = entry.id !== undefined && entry.id !== null ? String(entry.id) : "#" + index;
      seen[key] = true;
      if (!first && !before[key] && entry.kind === "resident") { newFromResident = true; }
      box.appendChild(transcriptEntry(entry));
    });
    if (!current.transcript.length) {
      box.appendChild(el("li", { class: "entry entry-system", text: "No messages yet." }));
    }
    current.seen = seen;
    if (first || nearBottom) { box.scrollTop = box.scrollHeight; }
    if (newFromResident) { announce("New message from resident"); }
  }

  var KINDS = ["resident", "bot", "agent", "system", "note"];

  function entryPrefix(entry) {
    switch (entry.kind) {
      case "resident": return "Resident:";
      case "bot": return "Assistant:";
      case "agent": return isMyEmail(entry.author) ? "You:" : (entry.author || "Agent") + ":";
      case "note": return "Note:";
      default: return "System:";
    }
  }

  /** A URL safe to link to: http(s), or a path on this site. */
  function safeUrl(url) {
    var text = String(url || "");
    if (/^https?:\/\//i.test(text)) { return text; }
    if (text.charAt(0) === "/" && text.charAt(1) !== "/" && text.charAt(1) !== "\\") { return text; }
    return null;
  }

  function transcriptEntry(entry) {
    var kind = KINDS.indexOf(entry.kind) >= 0 ? entry.kind : "system";
    var li = el("li", { class: "entry entry-" + kind }, [
      el("span", { class: "entry-who", text: entryPrefix(entry) }),
      " ",
      el("span", { class: "entry-text", text: entry.text === null || entry.text === undefined ? "" : entry.text })
    ]);
    var media = asList(entry.media);
    if (media.length) {
      li.appendChild(el("span", { class: "entry-media" }, media.map(function (url, index) {
        var href = safeUrl(url);
        var label = "Attachment " + (index + 1);
        return href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", text: label })
          : el("span", { text: label + " (link not shown)" });
      })));
    }
    var meta = [];
    if (entry.at) { meta.push(el("time", { datetime: entry.at, text: formatTime(entry.at) })); }
    if (kind === "note" && entry.author) { meta.push("by " + (isMyEmail(entry.author) ? "you" : entry.author)); }
    if (kind === "note") { meta.push("staff only"); }
    if (entry.status) { meta.push("Delivery: " + entry.status); }
    if (meta.length) {
      var line = el("span", { class: "entry-meta" });
      meta.forEach(function (part, index) {
        if (index) { line.appendChild(document.createTextNode(" · ")); }
        line.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
      });
      li.appendChild(line);
    }
    return li;
  }

  var finishing = false;

  /** Return to the assistant ("return") or resolve ("resolve"): the conversation leaves this agent. */
  function finishConversation(action, button) {
    var current = state.current;
    if (!current || finishing) { return; }
    finishing = true;
    setBusy(button, true);
    clearAlert(dom.conversationError);
    var id = current.id;
    post("/handoffs/" + enc(id) + "/" + action).then(function () {
      saveDraft("reply", id, "");
      saveDraft("note", id, "");
      if (state.current && state.current.id === id) {
        closeConversationView(action === "return" ? "Conversation returned to the assistant." : "Conversation resolved.");
        dom.conversationHeading.focus();
      }
      loadQueue();
    }, function (err) {
      if (err.expired) { return; }
      showAlert(dom.conversationError, err.message);
      if (err.status === 409 || err.status === 404) { refreshConversation(); }
    }).then(function () {
      finishing = false;
      setBusy(button, false);
    });
  }

  // ==== reply and SMS segments ========================================================================

  function isSms(current) {
    return !!(current && current.handoff && current.handoff.channel === "sms");
  }

  function updateSegments() {
    var current = state.current;
    if (!isSms(current)) {
      dom.segmentCounter.hidden = true;
      dom.segmentWarning.hidden = true;
      setText(dom.segmentCounter, "");
      setText(dom.segmentWarning, "");
      return;
    }
    var count = smsSegments(dom.reply.value);
    dom.segmentCounter.hidden = false;
    setText(dom.segmentCounter, count.segments + " SMS segment" + (count.segments === 1 ? "" : "s") + " (" + count.encoding + ")");
    var warning = "";
    if (count.chars > SMS_MAX_CHARS) {
      warning = "Too long for SMS: at most " + SMS_MAX_CHARS + " characters (now " + count.chars + ").";
    } else if (count.encoding === "UCS-2") {
      warning = "A character outside GSM-7 (such as á, ó or an emoji) makes every segment hold 70 characters (67 when split).";
    }
    setText(dom.segmentWarning, warning);
    dom.segmentWarning.hidden = !warning;
  }

  function onReplyInput() {
    if (!state.current) { return; }
    saveDraft("reply", state.current.id, dom.reply.value);
    setText(dom.replyStatus, "");
    updateSegments();
  }

  function onReplyKeydown(event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      sendReply();
    }
  }

  var sending = false;

  /** Send the reply. The text leaves the box only once the server has it; on any failure it stays. */
  function sendReply() {
    var current = state.current;
    if (!current || sending) { return; }
    var text = dom.reply.value;
    clearAlert(dom.conversationError);
    if (!text.trim()) {
      showAlert(dom.conversationError, "Type a reply before sending.");
      dom.reply.focus();
      return;
    }
    var blocked = sendBlockedReason(current);
    if (blocked) {
      showAlert(dom.conversationError, blocked);
      return;
    }
    saveDraft("reply", current.id, text);
    sending = true;
    setBusy(dom.send, true);
    setText(dom.replyStatus, "Sending…");
    var id = current.id;
    post("/handoffs/" + enc(id) + "/reply", { text: text }).then(function (data) {
      var answer = asObject(data);
      if (state.current && state.current.id === id) {
        var now = dom.reply.value;
        // Anything typed while the reply was on its way stays in the box.
        dom.reply.value = now === text ? "" : (now.indexOf(text) === 0 ? now.slice(text.length).replace(/^\s+/, "") : now);
        saveDraft("reply", id, dom.reply.value);
        state.current.lastCanned = null;
        updateSegments();
        var detail = answer.segments ? " (" + answer.segments + " SMS segment" + (answer.segments === 1 ? "" : "s") +
          (answer.encoding ? ", " + answer.encoding : "") + ")" : "";
        setText(dom.replyStatus, "Reply sent" + detail + ".");
        refreshConversation();
      } else {
        saveDraft("reply", id, "");
      }
    }, function (err) {
      setText(dom.replyStatus, "");
      if (err.expired) {
        showAlert(dom.conversationError, "Your reply was not sent because your session expired. It is still in the box.");
        return;
      }
      showAlert(dom.conversationError, "Your reply was not sent: " + err.message + " The text is still in the box.");
      if (err.status === 409 || err.status === 404) { refreshConversation(); }
    }).then(function () {
      sending = false;
      setBusy(dom.send, false);
    });
  }

  // ==== tools: canned responses =======================================================================

  function loadCanned() {
    get("/canned").then(function (data) {
      state.canned = asList(asObject(data).responses);
      renderCannedOptions();
    }, function (err) {
      if (!err.expired) { setText(dom.cannedHint, "Canned responses could not be loaded: " + err.message); }
    });
  }

  /** The options, the conversation's language first. */
  function renderCannedOptions() {
    var language = state.current && state.current.handoff ? state.current.handoff.language || "en" : "en";
    var groups = {};
    var order = [];
    state.canned.forEach(function (response) {
      var code = String(response.language || "en");
      if (!groups[code]) {
        groups[code] = [];
        order.push(code);
      }
      groups[code].push(response);
    });
    order.sort(function (a, b) {
      if (a === language) { return -1; }
      if (b === language) { return 1; }
      return a < b ? -1 : (a > b ? 1 : 0);
    });
    clear(dom.canned);
    dom.canned.appendChild(el("option", { value: "", text: "Choose a response…" }));
    order.forEach(function (code) {
      var label = languageOnly(code) + (code === language ? " (conversation language)" : "");
      dom.canned.appendChild(el("optgroup", { label: label }, groups[code].map(function (response) {
        return el("option", { value: String(response.id), text: response.title || response.text });
      })));
    });
    dom.canned.value = "";
    if (state.current) { state.current.lastCanned = null; }
    setText(dom.cannedHint, state.canned.length ? "Choosing one inserts its text into the reply." : "No canned responses.");
  }

  function onCannedChange() {
    var chosen = null;
    state.canned.forEach(function (response) {
      if (String(response.id) === dom.canned.value) { chosen = response; }
    });
    if (chosen && state.current) { insertIntoReply(String(chosen.text || "")); }
  }

  /**
   * Put text into the reply at the caret. Arrowing through the select fires a change for every option:
   * while the reply is as the last insertion left it, the next choice replaces that insertion.
   */
  function insertIntoReply(text) {
    var box = dom.reply;
    var current = state.current;
    var value = box.value;
    var start = typeof box.selectionStart === "number" ? box.selectionStart : value.length;
    var end = typeof box.selectionEnd === "number" ? box.selectionEnd : start;
    var last = current.lastCanned;
    if (last && last.value === value) {
      value = value.slice(0, last.start) + value.slice(last.start + last.text.length);
      start = last.start;
      end = last.start;
    }
    var before = value.slice(0, start);
    var after = value.slice(end);
    var inserted = (before && !/\s$/.test(before) ? " " : "") + text + (after && !/^\s/.test(after) ? " " : "");
    box.value = before + inserted + after;
    var caret = before.length + inserted.length;
    try {
      box.setSelectionRange(caret, caret);
    } catch (err) { /* ignore */ }
    current.lastCanned = { start: before.length, text: inserted, value: box.value };
    onReplyInput();
  }

  // ==== tools: internal notes =========================================================================

  var addingNote = false;

  function onNoteInput() {
    if (state.current) { saveDraft("note", state.current.id, dom.note.value); }
    setText(dom.noteStatus, "");
  }

  function addNote(event) {
    event.preventDefault();
    var current = state.current;
    if (!current || addingNote) { return; }
    var text = dom.note.value;
    clearAlert(dom.noteError);
    if (!text.trim()) {
      showAlert(dom.noteError, "Type a note first.");
      dom.note.focus();
      return;
    }
    addingNote = true;
    setBusy(dom.addNote, true);
    var id = current.id;
    post("/handoffs/" + enc(id) + "/notes", { text: text }).then(function () {
      if (dom.note.value === text) { dom.note.value = ""; }
      saveDraft("note", id, state.current && state.current.id === id ? dom.note.value : "");
      setText(dom.noteStatus, "Note added.");
      if (state.current && state.current.id === id) { refreshConversation(); }
    }, function (err) {
      if (err.expired) { return; }
      showAlert(dom.noteError, "The note was not added: " + err.message);
    }).then(function () {
      addingNote = false;
      setBusy(dom.addNote, false);
    });
  }

  // ==== tools: filing a report ========================================================================

  function loadServices() {
    get("/services").then(function (data) {
      state.services = asList(asObject(data).services);
      renderServiceOptions();
      if (state.current) {
        renderSlots(state.current);
        prefillReport(state.current);
      }
    }, function (err) {
      if (!err.expired) { showAlert(dom.reportError, "The list of services could not be loaded: " + err.message); }
    });
  }

  function renderServiceOptions() {
    var chosen = dom.reportService.value;
    clear(dom.reportService);
    dom.reportService.appendChild(el("option", { value: "", text: "Choose a service…" }));
    state.services.forEach(function (service) {
      dom.reportService.appendChild(el("option", { value: String(service.service_code), text: service.service_name }));
    });
    if (findService(chosen)) { dom.reportService.value = chosen; }
    renderReportDetails();
  }

  function selectedService() {
    var code = dom.reportService.value;
    for (var i = 0; i < state.services.length; i++) {
      if (String(state.services[i].service_code) === code) { return state.services[i]; }
    }
    return null;
  }

  function detailInputs() {
    return Array.prototype.slice.call(dom.reportDetails.querySelectorAll("[data-detail]"));
  }

  /** One input per detail of the chosen service (values typed for a detail of the same name are kept). */
  function renderReportDetails() {
    var previous = {};
    detailInputs().forEach(function (input) { previous[input.getAttribute("data-detail")] = input.value; });
    clear(dom.reportDetails);
    var service = selectedService();
    if (!service) { return; }
    asList(service.details).forEach(function (detail) {
      var name = String(detail.name);
      var id = "report-detail-" + safeId(name);
      var input = el("input", {
        id: id, type: "text", name: name, "data-detail": name, autocomplete: "off",
        "aria-required": detail.required ? "true" : null,
        "aria-describedby": detail.required ? id + "-required" : null
      });
      if (previous[name]) { input.value = previous[name]; }
      dom.reportDetails.appendChild(el("div", { class: "field" }, [
        el("label", { for: id, text: detail.label || humanize(name) }),
        input,
        detail.required ? el("p", { class: "hint", id: id + "-required", text: "Required" }) : null
      ]));
    });
  }

  function resetReportForm() {
    clearFieldErrors();
    clearAlert(dom.reportError);
    setText(dom.reportResult, "");
    dom.reportService.value = "";
    dom.reportLocation.value = "";
    dom.reportDescription.value = "";
    clear(dom.reportDetails);
  }

  /** Fill the form from what the assistant already collected, once per conversation, if nothing is typed. */
  function prefillReport(current) {
    if (current.reportPrefilled || !state.services.length) { return; }
    current.reportPrefilled = true;
    var report = asObject(current.handoff.report);
    var slots = {};
    [asObject(report.slots), current.slots].forEach(function (source) {
      Object.keys(source).forEach(function (key) { slots[key] = source[key]; });
    });
    function plain(value) {
      return typeof value === "string" || typeof value === "number" ? String(value) : "";
    }
    var service = findService(report.service);
    if (service && !dom.reportService.value) {
      dom.reportService.value = String(service.service_code);
      renderReportDetails();
    }
    if (!dom.reportLocation.value) {
      dom.reportLocation.value = plain(slots.address_string) || plain(slots.location) || plain(slots.address);
    }
    if (!dom.reportDescription.value) { dom.reportDescription.value = plain(slots.description); }
    detailInputs().forEach(function (input) {
      var name = input.getAttribute("data-detail");
      if (!input.value && Object.prototype.hasOwnProperty.call(slots, name)) { input.value = plain(slots[name]); }
    });
  }

  function clearFieldErrors() {
    Array.prototype.forEach.call(dom.reportForm.querySelectorAll(".field-error"), function (node) {
      node.parentNode.removeChild(node);
    });
    Array.prototype.forEach.call(dom.reportForm.querySelectorAll("[aria-invalid]"), function (input) {
      input.removeAttribute("aria-invalid");
      var base = input.getAttribute("data-describedby-base");
      if (base !== null) {
        if (base) {
          input.setAttribute("aria-describedby", base);
        } else {
          input.removeAttribute("aria-describedby");
        }
        input.removeAttribute("data-describedby-base");
      }
    });
  }

  /** The sentence next to its field, tied to it with aria-describedby. */
  function setFieldError(input, message) {
    var id = input.id + "-error";
    input.parentNode.appendChild(el("p", { class: "field-error", id: id, text: message }));
    input.setAttribute("aria-invalid", "true");
    var base = input.getAttribute("aria-describedby") || "";
    input.setAttribute("data-describedby-base", base);
    input.setAttribute("aria-describedby", (base + " " + id).trim());
  }

  function fieldInput(key) {
    if (key === "service_code" || key === "service") { return dom.reportService; }
    if (key === "address_string" || key === "location" || key === "address") { return dom.reportLocation; }
    if (key === "description") { return dom.reportDescription; }
    var name = String(key).replace(/^details?[.[]/, "").replace(/\]$/, "");
    var found = null;
    detailInputs().forEach(function (input) {
      if (input.getAttribute("data-detail") === name) { found = input; }
    });
    return found;
  }

  var filing = false;

  function submitReport(event) {
    event.preventDefault();
    var current = state.current;
    if (!current || filing) { return; }
    clearFieldErrors();
    clearAlert(dom.reportError);
    setText(dom.reportResult, "");
    var details = {};
    detailInputs().forEach(function (input) {
      var value = input.value.trim();
      if (value) { details[input.getAttribute("data-detail")] = value; }
    });
    var body = {
      service_code: dom.reportService.value,
      address_string: dom.reportLocation.value.trim(),
      description: dom.reportDescription.value.trim(),
      details: details
    };
    filing = true;
    setBusy(dom.reportSubmit, true);
    post("/handoffs/" + enc(current.id) + "/report", body).then(function (data) {
      var answer = asObject(data);
      setText(dom.reportResult, "Report filed. Case number: " + valueText(answer.case_number));
      dom.reportLocation.value = "";
      dom.reportDescription.value = "";
      detailInputs().forEach(function (input) { input.value = ""; });
      refreshConversation();
    }, function (err) {
      if (err.expired) { return; }
      if (err.status === 422) {
        showFieldErrors(err);
      } else {
        showAlert(dom.reportError, "The report was not filed: " + err.message);
      }
    }).then(function () {
      filing = false;
      setBusy(dom.reportSubmit, false);
    });
  }

  function showFieldErrors(err) {
    var fields = asObject(err.data.fields);
    var unplaced = [];
    var first = null;
    Object.keys(fields).forEach(function (key) {
      var input = fieldInput(key);
      var message = valueText(fields[key]);
      if (input) {
        setFieldError(input, message);
        first = first || input;
      } else {
        unplaced.push(humanize(key) + ": " + message);
      }
    });
    showAlert(dom.reportError, err.message + (unplaced.length ? " " + unplaced.join(" ") : ""));
    if (first) { first.focus(); }
  }

  // ==== tools: case lookup ============================================================================

  var caseSeq = 0;

  function lookUpCase(event) {
    event.preventDefault();
    var number = dom.caseNumber.value.trim();
    if (!number) {
      setText(dom.caseResult, "Enter a case number.");
      dom.caseNumber.focus();
      return;
    }
    var seq = ++caseSeq;
    clear(dom.caseResult);
    setText(dom.caseResult, "Looking up case " + number + "…");
    get("/cases/" + enc(number)).then(function (data) {
      if (seq === caseSeq) { renderCase(asObject(data)); }
    }, function (err) {
      if (err.expired || seq !== caseSeq) { return; }
      setText(dom.caseResult, err.status === 404 && !err.data.error ? "No case with the number " + number + "." : err.message);
    });
  }

  function notesText(notes) {
    if (!Array.isArray(notes)) { return valueText(notes); }
    if (!notes.length) { return "None"; }
    return notes.map(function (note) {
      if (note && typeof note === "object") {
        var when = note.at || note.date || note.created || "";
        var words = note.text || note.note || note.description || valueText(note);
        return (when ? formatDateTime(when) + ": " : "") + words;
      }
      return String(note);
    }).join("\n");
  }

  function renderCase(data) {
    clear(dom.caseResult);
    var rows = [
      ["Case number", valueText(data.case_number)],
      ["Service", valueText(data.service_name)],
      ["Status", valueText(data.status)],
      ["Address", valueText(data.address)],
      ["Requested", data.requested ? formatDateTime(data.requested) : "—"],
      ["Updated", data.updated ? formatDateTime(data.updated) : "—"],
      ["Notes", notesText(data.notes)]
    ];
    var list = el("dl", { class: "meta" });
    rows.forEach(function (row) {
      list.appendChild(el("dt", { text: row[0] }));
      list.appendChild(el("dd", { text: row[1] }));
    });
    dom.caseResult.appendChild(list);
  }

  // ==== supervisor ====================================================================================

  var statsSeq = 0;

  function buildRolePanels() {
    removeRolePanels();
    if (state.supervisor) {
      dom.rolePanels.appendChild(buildSupervisorPanel());
      loadStats();
    }
    if (state.admin) {
      dom.rolePanels.appendChild(buildAdminPanel());
      loadUsers();
    }
  }

  function removeRolePanels() {
    clear(dom.rolePanels);
    dom.sup = null;
    dom.adm = null;
    tickers.supervisor = [];
    state.stats = null;
    state.users = [];
  }

  function buildSupervisorPanel() {
    var sup = {
      heading: el("h2", { id: "supervisor-heading", tabindex: "-1", text: "Supervisor" }),
      error: el("p", { id: "supervisor-error", class: "alert", role: "alert" }),
      status: el("p", { id: "supervisor-status", class: "quiet", role: "status" }),
      stats: el("dl", { id: "supervisor-stats", class: "stats" }),
      agents: el("div", { id: "supervisor-agents" }),
      claimed: el("ul", { id: "claimed-list", class: "items", "aria-label": "Claimed conversations" }),
      claimedEmpty: el("p", { class: "quiet", text: "No conversation is claimed." }),
      recent: el("ul", { id: "recent-list", class: "items", "aria-label": "Recent handoffs" }),
      recentEmpty: el("p", { class: "quiet", text: "No recent handoffs." })
    };
    sup.panel = el("section", { id: "supervisor-panel", class: "panel", "aria-labelledby": "supervisor-heading" }, [
      sup.heading, sup.error, sup.status, sup.stats,
      el("div", { class: "panel-grid" }, [
        sup.agents,
        el("div", {}, [el("h3", { text: "Claimed now (reassign)" }), sup.claimed, sup.claimedEmpty]),
        el("div", {}, [el("h3", { text: "Recent handoffs" }), sup.recent, sup.recentEmpty])
      ])
    ]);
    dom.sup = sup;
    return sup.panel;
  }

  function loadStats() {
    if (!state.supervisor || !dom.sup) { return; }
    var seq = ++statsSeq;
    get("/stats").then(function (data) {
      if (seq !== statsSeq || !state.signedIn || !dom.sup) { return; }
      state.stats = asObject(data);
      if (dom.sup.status.getAttribute("data-load-error")) {
        dom.sup.status.removeAttribute("data-load-error");
        setText(dom.sup.status, "");
      }
      renderSupervisor();
    }, function (err) {
      if (err.expired || seq !== statsSeq || !dom.sup) { return; }
      dom.sup.status.setAttribute("data-load-error", "true");
      setText(dom.sup.status, "Could not load the statistics: " + err.message);
    });
  }

  function renderSupervisor() {
    var sup = dom.sup;
    if (!sup) { return; }
    var stats = state.stats || {};
    var agents = asList(stats.agents);
    preserveFocus(sup.panel, function () {
      tickers.supervisor = [];
      renderStatsFigures(sup, stats, agents);
      renderAgentsTable(sup, agents);
      fillList(sup.claimed, sup.claimedEmpty, claimedItems(), function (item) { return claimedItem(item, agents); });
      fillList(sup.recent, sup.recentEmpty, asList(stats.recent), recentItem);
    }, sup.heading);
  }

  function renderStatsFigures(sup, stats, agents) {
    clear(sup.stats);
    var online = agents.filter(function (agent) { return agent.online; }).length;
    var longest = el("dd", { class: "wait" });
    function figure(label, value) {
      return el("div", {}, [el("dt", { text: label }), typeof value === "string" ? el("dd", { text: value }) : value]);
    }
    sup.stats.appendChild(figure("Queue length", String(Number(stats.queue_length) || 0)));
    sup.stats.appendChild(figure("Longest wait", longest));
    sup.stats.appendChild(figure("Agents online", String(online)));
    if (Number(stats.queue_length) > 0) {
      registerTicker("supervisor", longest, stats.longest_wait_seconds, "", "longest");
    } else {
      setText(longest, formatWait(stats.longest_wait_seconds || 0));
    }
  }

  function renderAgentsTable(sup, agents) {
    clear(sup.agents);
    if (!agents.length) {
      sup.agents.appendChild(el("p", { class: "quiet", text: state.stats ? "No agents." : "Loading the agents…" }));
      return;
    }
    var rows = agents.map(function (agent) {
      var load = Number(agent.load) || 0;
      return el("tr", {}, [
        el("th", { scope: "row", text: agent.email }),
        el("td", { text: agent.online ? "Online" : "Offline" }),
        el("td", { text: load + (load === 1 ? " conversation" : " conversations") }),
        el("td", { text: agent.spanish ? "Yes" : "No" })
      ]);
    });
    sup.agents.appendChild(el("table", {}, [
      el("caption", { text: "Agents" }),
      el("thead", {}, [el("tr", {}, ["Agent", "Status", "Load", "Speaks Spanish"].map(function (title) {
        return el("th", { scope: "col", text: title });
      }))]),
      el("tbody", {}, rows)
    ]));
  }

  /** Every conversation claimed right now: the queue's mine and others, and claimed ones in the stats. */
  function claimedItems() {
    var seen = {};
    var items = [];
    state.queue.mine.concat(state.queue.others, asList(state.stats && state.stats.recent)).forEach(function (item) {
      if (!item || (item.status && item.status !== "claimed")) { return; }
      var id = String(item.id);
      if (seen[id]) { return; }
      seen[id] = true;
      items.push(item);
    });
    return items;
  }

  function claimedItem(item, agents) {
    var id = String(item.id);
    var headId = "claimed-item-" + safeId(id);
    var selectId = "reassign-" + safeId(id);
    var holder = asObject(item.agent);
    var select = el("select", {
      id: selectId, "data-key": "reassign-select-" + id, "data-keep-value": true, "aria-describedby": headId
    }, [
      el("option", { value: "", text: "Choose an agent…" })
    ].concat(agents.filter(function (agent) {
      return agent.active !== false && String(agent.id) !== String(holder.id);
    }).map(function (agent) {
      return el("option", { value: String(agent.id), text: agent.email });
    })));
    var button = el("button", {
      type: "button", class: "button-secondary", "data-key": "reassign-" + id, "aria-describedby": headId, text: "Reassign"
    });
    button.addEventListener("click", function () { reassign(id, select, button, agents); });
    return el("li", { class: "item", "data-id": id }, [
      itemHead(item, headId, [el("span", { text: "held by " + (holder.email || "an agent") })]),
      el("p", { class: "item-line", text: "Reason: " + reasonText(item.reason) +
        (item.claimed_at ? " · claimed " + formatTime(item.claimed_at) : "") }),
      el("div", { class: "reassign" }, [
        el("div", { class: "field" }, [el("label", { for: selectId, text: "Reassign to" }), select]),
        button
      ])
    ]);
  }

  function recentItem(item) {
    var agent = asObject(item.agent);
    var parts = [statusText(item.status), languageName(item.language), channelName(item.channel), reasonText(item.reason)];
    if (agent.email) { parts.push("agent " + agent.email); }
    if (item.created_at) { parts.push("created " + formatDateTime(item.created_at)); }
    return el("li", { class: "item" }, [el("p", { class: "item-line", text: parts.join(" · ") })]);
  }

  function reassign(id, select, button, agents) {
    var sup = dom.sup;
    clearAlert(sup.error);
    var value = select.value;
    if (!value) {
      showAlert(sup.error, "Choose an agent to reassign the conversation to.");
      select.focus();
      return;
    }
    var agent = null;
    agents.forEach(function (candidate) {
      if (String(candidate.id) === value) { agent = candidate; }
    });
    setBusy(button, true);
    post("/handoffs/" + enc(id) + "/reassign", { agent_id: agent ? agent.id : value }).then(function () {
      if (dom.sup) {
        dom.sup.status.removeAttribute("data-load-error");
        setText(dom.sup.status, "Reassigned to " + (agent ? agent.email : "the chosen agent") + ".");
      }
      loadQueue();
      loadStats();
      if (state.current && state.current.id === id) { refreshConversation(); }
    }, function (err) {
      if (err.expired || !dom.sup) { return; }
      showAlert(dom.sup.error, err.message);
      loadQueue();
      loadStats();
    }).then(function () {
      setBusy(button, false);
    });
  }

  // ==== admin: staff accounts =========================================================================

  var ROLES = ["agent", "supervisor", "admin", "broadcaster"];

  function buildAdminPanel() {
    var adm = {
      heading: el("h2", { id: "admin-heading", tabindex: "-1", text: "Staff accounts" }),
      error: el("p", { id: "admin-error", class: "alert", role: "alert" }),
      status: el("p", { id: "admin-status", class: "quiet", role: "status" }),
      list: el("ul", { id: "user-list", class: "items", "aria-label": "Accounts" }),
      empty: el("p", { class: "quiet", text: "Loading the accounts…" }),
      email: el("input", { id: "new-user-email", type: "email", autocomplete: "off", spellcheck: "false" }),
      password: el("input", {
        id: "new-user-password", type: "password", autocomplete: "new-password", "aria-describedby": "new-user-password-hint"
      }),
      role: el("select", { id: "new-user-role" }, ROLES.map(function (role) {
        return el("option", { value: role, text: role });
      })),
      spanish: el("input", { id: "new-user-spanish", type: "checkbox" }),
      createError: el("p", { id: "create-user-error", class: "alert", role: "alert" }),
      submit: el("button", { type: "submit", id: "create-user", class: "button-primary", text: "Create account" })
    };
    adm.form = el("form", { id: "create-user-form", class: "create-user", novalidate: true, "aria-labelledby": "create-user-heading" }, [
      el("h3", { id: "create-user-heading", text: "Create an account" }),
      el("div", { class: "field" }, [el("label", { for: "new-user-email", text: "New account email" }), adm.email]),
      el("div", { class: "field" }, [
        el("label", { for: "new-user-password", text: "New account password" }), adm.password,
        el("p", { id: "new-user-password-hint", class: "hint", text: "At least 12 characters." })
      ]),
      el("div", { class: "field" }, [el("label", { for: "new-user-role", text: "New account role" }), adm.role]),
      el("div", { class: "field field-inline" }, [adm.spanish, el("label", { for: "new-user-spanish", text: "Spanish-speaking" })]),
      adm.createError,
      el("div", { class: "button-row" }, [adm.submit])
    ]);
    adm.form.addEventListener("submit", createUser);
    adm.panel = el("section", { id: "admin-panel", class: "panel", "aria-labelledby": "admin-heading" }, [
      adm.heading, adm.error, adm.status,
      el("div", { class: "panel-grid" }, [el("div", {}, [adm.list, adm.empty]), adm.form])
    ]);
    dom.adm = adm;
    return adm.panel;
  }

  function loadUsers() {
    if (!state.admin || !dom.adm) { return; }
    get("/users").then(function (data) {
      if (!dom.adm) { return; }
      state.users = asList(asObject(data).users);
      renderUsers();
    }, function (err) {
      if (err.expired || !dom.adm) { return; }
      setText(dom.adm.empty, "Could not load the accounts: " + err.message);
      dom.adm.empty.hidden = false;
    });
  }

  function renderUsers() {
    var adm = dom.adm;
    if (!adm) { return; }
    preserveFocus(adm.panel, function () {
      setText(adm.empty, "No accounts yet.");
      fillList(adm.list, adm.empty, state.users, userItem);
    }, adm.heading);
  }

  function userItem(user) {
    var id = String(user.id);
    var headId = "user-item-" + safeId(id);
    var selectId = "user-role-" + safeId(id);
    var active = user.active !== false;
    var roleSelect = el("select", { id: selectId, "data-key": "user-role-" + id }, ROLES.map(function (role) {
      return el("option", { value: role, text: role });
    }));
    roleSelect.value = user.role;
    roleSelect.addEventListener("change", function () {
      var role = roleSelect.value;
      updateUser(user, { role: role }, "The role of " + user.email + " is now " + role + ".");
    });
    var toggle = el("button", {
      type: "button", class: "button-secondary", "data-key": "user-active-" + id, "aria-describedby": headId,
      text: active ? "Disable" : "Enable"
    });
    toggle.addEventListener("click", function () {
      updateUser(user, { active: !active }, user.email + (active ? " is disabled." : " is enabled again."));
    });
    var facts = [user.role, active ? "active" : "disabled"];
    if (user.spanish) { facts.push("speaks Spanish"); }
    if (isMe(user)) { facts.push("you"); }
    return el("li", { class: "item" + (active ? "" : " inactive"), "data-id": id }, [
      el("div", { class: "item-head", id: headId }, [el("span", { text: user.email })]),
      el("p", { class: "item-line", text: facts.join(" · ") }),
      el("div", { class: "user-controls" }, [
        el("div", { class: "field" }, [el("label", { for: selectId, text: "Role for " + user.email }), roleSelect]),
        toggle
      ])
    ]);
  }

  function updateUser(user, changes, doneText) {
    var adm = dom.adm;
    clearAlert(adm.error);
    clearAlert(adm.createError);
    post("/users/" + enc(user.id), changes).then(function (data) {
      var updated = asObject(data).user || null;
      state.users = state.users.map(function (candidate) {
        if (String(candidate.id) !== String(user.id)) { return candidate; }
        if (updated) { return updated; }
        var merged = {};
        Object.keys(candidate).forEach(function (key) { merged[key] = candidate[key]; });
        Object.keys(changes).forEach(function (key) { merged[key] = changes[key]; });
        return merged;
      });
      if (dom.adm) {
        renderUsers();
        setText(dom.adm.status, doneText);
      }
      if (updated && isMe(updated) && updated.role !== state.user.role) {
        // My own role changed: the panels follow it.
        state.user = updated;
        state.supervisor = updated.role === "supervisor" || updated.role === "admin";
        state.admin = updated.role === "admin";
        setText(dom.userRole, updated.role);
        buildRolePanels();
      }
    }, function (err) {
      if (err.expired || !dom.adm) { return; }
      showAlert(dom.adm.error, err.message);
      renderUsers(); // back to what the server has
    });
  }

  var creatingUser = false;

  function createUser(event) {
    event.preventDefault();
    var adm = dom.adm;
    if (!adm || creatingUser) { return; }
    clearAlert(adm.error);
    clearAlert(adm.createError);
    var email = adm.email.value.trim();
    var password = adm.password.value;
    if (!email || !password) {
      showAlert(adm.createError, "Enter an email and a password for the new account.");
      (email ? adm.password : adm.email).focus();
      return;
    }
    creatingUser = true;
    setBusy(adm.submit, true);
    post("/users", { email: email, password: password, role: adm.role.value, spanish: adm.spanish.checked }).then(function () {
      if (!dom.adm) { return; }
      setText(dom.adm.status, "Account created for " + email + ".");
      adm.email.value = "";
      adm.password.value = "";
      adm.role.value = "agent";
      adm.spanish.checked = false;
      loadUsers();
    }, function (err) {
      if (err.expired || !dom.adm) { return; }
      showAlert(adm.createError, err.message);
    }).then(function () {
      creatingUser = false;
      setBusy(adm.submit, false);
    });
  }

  // ==== live updates ==================================================================================

  var connection = null;
  var liveReady = false;
  var refreshTimer = null;
  var pendingRefresh = null;

  function liveUrl() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/console/ws";
  }

  function startLive() {
    if (typeof window.ReliableConnection !== "function") {
      setConnectionStatus("disconnected", "Live updates unavailable: the queue refreshes every 30 seconds.");
      return;
    }
    if (!connection) {
      connection = new window.ReliableConnection({
        url: function () { return liveUrl(); }, // a function: the URL exactly, no conversation_id query
        storagePrefix: null, // nothing stored: the console never sends through the connection
        onStateChange: onLiveState,
        onHistory: onLiveHistory,
        onMessage: onLiveMessage,
        onFrame: onLiveFrame
      });
    }
    connection.open();
  }

  function stopLive() {
    liveReady = false;
    if (connection) { connection.forgetConversation(); } // closes the socket and stops reconnecting
  }

  function onLiveState(liveState) {
    liveReady = liveState === "ready";
    if (!state.signedIn) { return; }
    setConnectionStatus(liveState, LIVE_STATES[liveState] || "Live updates: " + liveState);
    if (liveState === "ready") {
      scheduleRefresh({ queue: true, transcript: true, stats: true }); // catch up on anything missed
    } else if (liveState === "disconnected") {
      probeSession();
    }
  }

  function onLiveHistory(messages) {
    var forOpen = asList(messages).some(function (message) { return matchesOpen(message && message.event); });
    scheduleRefresh({ queue: true, transcript: forOpen, stats: true });
  }

  function onLiveMessage(frame, isNew) {
    if (!isNew) { return; }
    var event = asObject(frame && frame.event);
    scheduleRefresh({ queue: true, transcript: matchesOpen(event), stats: true });
  }

  function onLiveFrame(frame) {
    if (frame && frame.type === "error") { probeSession(); }
  }

  function matchesOpen(event) {
    var current = state.current;
    if (!current || !event) { return false; }
    if (event.handoff_id !== undefined && event.handoff_id !== null && String(event.handoff_id) === current.id) { return true; }
    return event.conversation_id !== undefined && event.conversation_id !== null && current.conversationId !== null &&
      String(event.conversation_id) === String(current.conversationId);
  }

  /** Coalesce bursts of events into one reload ~100 ms after the first. */
  function scheduleRefresh(what) {
    if (!state.signedIn) { return; }
    pendingRefresh = pendingRefresh || {};
    Object.keys(what).forEach(function (key) {
      if (what[key]) { pendingRefresh[key] = true; }
    });
    if (!refreshTimer) { refreshTimer = setTimeout(runRefresh, REFRESH_DEBOUNCE_MS); }
  }

  function runRefresh() {
    var what = pendingRefresh || {};
    refreshTimer = null;
    pendingRefresh = null;
    if (!state.signedIn) { return; }
    if (what.queue) { loadQueue(); }
    if (what.transcript && state.current) { refreshConversation(); }
    if (what.stats && state.supervisor) { loadStats(); }
  }

  /**
   * ReliableConnection does not pass on close codes, and 4401 (session expired) matters here: wrap the
   * WebSocket constructor so that sockets to /console/ws report it. Other sockets are left as they are.
   */
  function watchConsoleSocketCloses() {
    var Native = window.WebSocket;
    if (typeof Native !== "function" || Native.pdx311ConsoleWatch) { return; }
    function WatchedWebSocket(url, protocols) {
      var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
      if (/\/console\/ws(\?|$)/.test(String(url)) && typeof socket.addEventListener === "function") {
        socket.addEventListener("close", function (event) {
          if (event && event.code === 4401) { sessionExpired(); }
        });
      }
      return socket;
    }
    WatchedWebSocket.prototype = Native.prototype;
    ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) { WatchedWebSocket[name] = Native[name]; });
    WatchedWebSocket.pdx311ConsoleWatch = true;
    window.WebSocket = WatchedWebSocket;
  }

  var tickTimer = null;
  var pollTimer = null;
  var statsTimer = null;

  function startTimers() {
    stopTimers();
    tickTimer = setInterval(tick, 1000);
    pollTimer = setInterval(function () {
      if (!liveReady) { scheduleRefresh({ queue: true, transcript: true, stats: true }); }
    }, FALLBACK_POLL_MS);
    statsTimer = setInterval(function () {
      if (state.supervisor) { loadStats(); }
    }, STATS_POLL_MS);
  }

  function stopTimers() {
    clearInterval(tickTimer);
    clearInterval(pollTimer);
    clearInterval(statsTimer);
    tickTimer = pollTimer = statsTimer = null;
  }

  // ==== start =========================================================================================

  function findElements() {
    [
      ["main", "main"], ["loading", "loading"], ["signIn", "sign-in"], ["signInForm", "sign-in-form"],
      ["signInNotice", "sign-in-notice"], ["signInError", "sign-in-error"], ["signInSubmit", "sign-in-submit"],
      ["email", "sign-in-email"], ["password", "sign-in-password"],
      ["connectionStatus", "connection-status"], ["announcer", "announcer"],
      ["userBar", "user-bar"], ["userEmail", "user-email"], ["userRole", "user-role"], ["signOut", "sign-out"],
      ["workspace", "workspace"], ["queuePanel", "queue-panel"], ["queueHeading", "queue-heading"],
      ["queueSummary", "queue-summary"], ["queueError", "queue-error"], ["queueNote", "queue-note"],
      ["queueList", "queue-list"], ["queueEmpty", "queue-empty"], ["mineList", "mine-list"], ["mineEmpty", "mine-empty"],
      ["othersList", "others-list"], ["othersEmpty", "others-empty"],
      ["conversationHeading", "conversation-heading"], ["conversationEmpty", "conversation-empty"],
      ["conversationBody", "conversation-body"], ["conversationMeta", "conversation-meta"],
      ["slotsService", "slots-service"], ["slotsList", "slots-list"], ["slotsEmpty", "slots-empty"],
      ["transcript", "transcript"], ["replyForm", "reply-form"], ["reply", "reply"],
      ["segmentCounter", "segment-counter"], ["segmentWarning", "segment-warning"], ["replyBlocked", "reply-blocked"],
      ["send", "send"], ["replyStatus", "reply-status"], ["conversationError", "conversation-error"],
      ["returnButton", "return-to-assistant"], ["resolveButton", "resolve"], ["closeButton", "close-conversation"],
      ["toolsEmpty", "tools-empty"], ["conversationTools", "conversation-tools"],
      ["canned", "canned"], ["cannedHint", "canned-hint"],
      ["noteForm", "note-form"], ["note", "note"], ["noteError", "note-error"], ["noteStatus", "note-status"],
      ["addNote", "add-note"],
      ["reportForm", "report-form"], ["reportService", "report-service"], ["reportLocation", "report-location"],
      ["reportDescription", "report-description"], ["reportDetails", "report-details"], ["reportError", "report-error"],
      ["reportSubmit", "report-submit"], ["reportResult", "report-result"],
      ["caseForm", "case-form"], ["caseNumber", "case-number"], ["caseResult", "case-result"],
      ["rolePanels", "role-panels"]
    ].forEach(function (pair) { dom[pair[0]] = byId(pair[1]); });
  }

  function bindEvents() {
    dom.signInForm.addEventListener("submit", onSignInSubmit);
    dom.signOut.addEventListener("click", signOut);
    dom.replyForm.addEventListener("submit", function (event) {
      event.preventDefault();
      sendReply();
    });
    dom.reply.addEventListener("input", onReplyInput);
    dom.reply.addEventListener("keydown", onReplyKeydown);
    dom.returnButton.addEventListener("click", function () { finishConversation("return", dom.returnButton); });
    dom.resolveButton.addEventListener("click", function () { finishConversation("resolve", dom.resolveButton); });
    dom.closeButton.addEventListener("click", function () {
      closeConversationView("");
      dom.conversationHeading.focus();
    });
    dom.canned.addEventListener("change", onCannedChange);
    dom.noteForm.addEventListener("submit", addNote);
    dom.note.addEventListener("input", onNoteInput);
    dom.reportForm.addEventListener("submit", submitReport);
    dom.reportService.addEventListener("change", renderReportDetails);
    dom.caseForm.addEventListener("submit", lookUpCase);
  }

  function start() {
    findElements();
    bindEvents();
    watchConsoleSocketCloses();
    checkSession();
  }

  start();
})();
