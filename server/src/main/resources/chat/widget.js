/*
 * Servicebook chat widget: one <script src="https://YOUR-SERVICEBOOK/chat/widget.js" defer> tag.
 * Optional data attributes: data-category (skip the category question), data-lang (else the
 * page's language). Everything lives in a shadow root with its own stylesheet from the same
 * server, so the page's styles do not leak in and no inline script or style is needed (CSP).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__servicebookChat) { return; }
  window.__servicebookChat = true;
  var base = new URL(script.src, location.href).origin;
  var api = base + "/chat/api";
  var lang = script.dataset.lang || document.documentElement.lang || navigator.language || "en";
  lang = lang.toLowerCase();
  var fixedCategory = script.dataset.category || "";
  var storeKey = "servicebook-chat:" + base;
  var t = {};
  var state = { form: null, chat: null, secret: null, seen: {}, source: null };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] === true) { e.setAttribute(k, ""); }
      else if (attrs[k] !== false && attrs[k] != null) { e.setAttribute(k, attrs[k]); }
    });
    if (text != null) { e.textContent = text; }
    return e;
  }
  function id() {
    var a = new Uint8Array(12); crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function request(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (state.secret) { headers["X-Chat-Secret"] = state.secret; }
    return fetch(api + path, { method: method, headers: headers, credentials: "omit",
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) {
        if (r.status === 204 || r.status === 202) { return {}; }
        return r.json().then(function (json) { if (!r.ok) { throw json; } return json; });
      });
  }

  var host = el("div", { "class": "servicebook-chat-host" });
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("link", { rel: "stylesheet", href: base + "/chat/widget.css" }));
  var launcher = el("button", { type: "button", "class": "sb-launcher", "aria-expanded": "false",
    "aria-controls": "sb-panel" });
  var panel = el("section", { id: "sb-panel", "class": "sb-panel", role: "dialog",
    "aria-labelledby": "sb-title", hidden: true });
  var head = el("div", { "class": "sb-head" });
  var title = el("h2", { id: "sb-title" });
  var close = el("button", { type: "button", "class": "sb-close" });
  head.append(title, close);
  var status = el("p", { "class": "sb-status", id: "sb-status" });
  var body = el("div", { "class": "sb-body" });
  var announcer = el("p", { "class": "sb-sr", "aria-live": "polite", "aria-atomic": "true" });
  panel.append(head, status, body, announcer);
  root.append(launcher, panel);

  function open() {
    panel.hidden = false; launcher.setAttribute("aria-expanded", "true");
    var first = panel.querySelector("input, select, textarea");
    (first || close).focus();
  }
  function hide() {
    panel.hidden = true; launcher.setAttribute("aria-expanded", "false"); launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { hide(); } });
  close.addEventListener("click", hide);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });

  function field(name, label, control, hint) {
    var wrap = el("div", { "class": "sb-field" });
    control.id = "sb-f-" + name; control.name = name;
    var error = el("p", { "class": "sb-error", id: "sb-e-" + name, hidden: true });
    var described = "sb-e-" + name;
    wrap.append(el("label", { "for": control.id }, label));
    if (hint) {
      wrap.append(el("p", { "class": "sb-hint", id: "sb-h-" + name }, hint));
      described = "sb-h-" + name + " " + described;
    }
    control.setAttribute("aria-describedby", described);
    wrap.append(control, error);
    return wrap;
  }
  function control(q) {
    if (q.values && q.values.length) {
      var select = el("select", { required: q.required });
      select.append(el("option", { value: "" }, t.choose));
      q.values.forEach(function (v) { select.append(el("option", { value: v }, v.replace(/_/g, " "))); });
      return select;
    }
    if (q.type === "text") { return el("textarea", { rows: "3", required: q.required }); }
    var types = { email: "email", phone: "tel", date: "date" };
    var input = el("input", { type: types[q.type] || "text", required: q.required });
    if (["number", "integer", "money"].indexOf(q.type) >= 0) { input.inputMode = "decimal"; }
    return input;
  }

  function showForm() {
    body.textContent = "";
    var form = el("form", { "class": "sb-form", novalidate: true });
    var alert = el("p", { "class": "sb-alert", role: "alert", hidden: true });
    form.append(alert);
    if (!fixedCategory && state.form.categories.length > 1) {
      var select = el("select", { required: true });
      state.form.categories.forEach(function (c) {
        select.append(el("option", { value: c.key, selected: c.key === state.form.category }, c.label));
      });
      select.addEventListener("change", function () { load(select.value).then(showForm); });
      form.append(field("category", t.category, select));
    }
    form.append(field("name", t.name, el("input", { type: "text", autocomplete: "name" })));
    form.append(field("email", t.email, el("input", { type: "email", autocomplete: "email", required: true }),
      state.form.online ? t.emailHint : t.emailOffline));
    state.form.questions.forEach(function (q) {
      var c = control(q);
      if (q.name === "page_url") { c.value = location.href; }
      form.append(field("fields." + q.name, q.label + (q.required ? " *" : ""), c));
    });
    form.append(field("message", t.message, el("textarea", { rows: "3", required: true })));
    form.append(el("button", { type: "submit", "class": "sb-primary" }, t.start));
    form.addEventListener("submit", function (e) { e.preventDefault(); start(form, alert); });
    body.append(form);
  }

  function start(form, alert) {
    var values = { fields: {} };
    Array.prototype.forEach.call(form.elements, function (c) {
      if (!c.name) { return; }
      if (c.name.indexOf("fields.") === 0) { if (c.value) { values.fields[c.name.slice(7)] = c.value; } }
      else { values[c.name] = c.value; }
    });
    values.category = fixedCategory || values.category || state.form.category;
    values.language = lang; values.messageId = id();
    form.querySelectorAll(".sb-error").forEach(function (p) { p.hidden = true; });
    form.querySelectorAll("[aria-invalid]").forEach(function (c) { c.removeAttribute("aria-invalid"); });
    alert.hidden = true;
    request("POST", "/chats", values).then(function (started) {
      state.chat = started.chat; state.secret = started.secret;
      try { localStorage.setItem(storeKey, JSON.stringify({ chat: state.chat, secret: state.secret })); } catch (x) { /* private mode */ }
      status.textContent = started.promise;
      showChat(true);
    }).catch(function (problem) { refused(form, alert, problem); });
  }

  function refused(form, alert, problem) {
    var first = null;
    (problem.errors || []).forEach(function (err) {
      var p = form.querySelector("#" + CSS.escape("sb-e-" + err.field));
      var c = form.querySelector("#" + CSS.escape("sb-f-" + err.field));
      if (p && c) {
        p.textContent = err.message; p.hidden = false; c.setAttribute("aria-invalid", "true");
        first = first || c;
      }
    });
    alert.textContent = first ? t.invalid : (problem.detail || t.failed); alert.hidden = false;
    if (first) { first.focus(); }
  }

  function showChat(focus) {
    body.textContent = "";
    var log = el("ol", { "class": "sb-log", "aria-label": t.conversation, tabindex: "0" });
    var form = el("form", { "class": "sb-compose" });
    var input = el("textarea", { rows: "2", required: true });
    form.append(field("line", t.message, input), el("button", { type: "submit", "class": "sb-primary" }, t.send));
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = input.value.trim();
      if (!text) { return; }
      request("POST", "/chats/" + state.chat + "/messages?lang=" + encodeURIComponent(lang),
        { body: text, messageId: id() })
        .then(function () { input.value = ""; input.focus(); })
        .catch(function (problem) { announcer.textContent = problem.detail || t.failed; });
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    var transcript = el("button", { type: "button", "class": "sb-quiet" }, t.transcript);
    transcript.addEventListener("click", function () {
      request("POST", "/chats/" + state.chat + "/transcript?lang=" + encodeURIComponent(lang))
        .then(function () { announcer.textContent = t.transcriptSent; status.textContent = t.transcriptSent; });
    });
    var restart = el("button", { type: "button", "class": "sb-quiet" }, t.newChat);
    restart.addEventListener("click", function () { forget(); load(fixedCategory).then(showForm); });
    body.append(log, form, el("div", { "class": "sb-actions" }, null));
    body.lastChild.append(transcript, restart);
    listen(log);
    if (focus) { input.focus(); }
  }

  function listen(log) {
    if (state.source) { state.source.close(); }
    state.seen = {};
    var source = new EventSource(api + "/chats/" + encodeURIComponent(state.chat) +
      "/stream?secret=" + encodeURIComponent(state.secret));
    state.source = source;
    source.addEventListener("message", function (e) {
      var line = JSON.parse(e.data);
      if (state.seen[line.seq]) { return; }
      state.seen[line.seq] = true;
      var who = t["from_" + line.from] || line.from;
      var item = el("li", { "class": "sb-line sb-from-" + line.from });
      item.append(el("span", { "class": "sb-who" }, who), el("span", { "class": "sb-text" }, line.body));
      log.append(item);
      log.scrollTop = log.scrollHeight;
      if (line.from !== "customer") { announcer.textContent = who + ": " + line.body; }
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) { forget(); load(fixedCategory).then(showForm); }
    });
  }

  function forget() {
    if (state.source) { state.source.close(); state.source = null; }
    state.chat = null; state.secret = null;
    try { localStorage.removeItem(storeKey); } catch (x) { /* private mode */ }
  }

  function load(category) {
    var q = "?lang=" + encodeURIComponent(lang) + (category ? "&category=" + encodeURIComponent(category) : "");
    return request("GET", "/form" + q).then(function (form) {
      state.form = form; t = form.texts;
      launcher.textContent = t.launcher; title.textContent = t.title;
      close.textContent = "×"; close.setAttribute("aria-label", t.close);
      status.textContent = form.promise;
      return form;
    });
  }

  load(fixedCategory).then(function () {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (x) { saved = null; }
    if (saved && saved.chat && saved.secret) {
      state.chat = saved.chat; state.secret = saved.secret; showChat(false);
    } else {
      showForm();
    }
    document.body.appendChild(host);
  });
})();
