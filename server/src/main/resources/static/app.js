// Servicebook console: the few behaviours the server-rendered pages need. No inline scripts anywhere
// (the Content-Security-Policy forbids them), so everything is wired up here by delegation.
(function () {
  "use strict";

  // htmx requests carry the CSRF token the page was rendered with.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    if (token && token.content) {
      event.detail.headers[header && header.content ? header.content : "X-CSRF-TOKEN"] = token.content;
    }
  });

  // The bell polls its fragment; once the session has ended the answer is the sign-in page (after a
  // redirect), which must not land in the header.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    var target = event.detail.target;
    if (target && target.id === "bell-badge" && xhr && xhr.responseURL
        && xhr.responseURL.indexOf("/notifications/bell") < 0) {
      event.detail.shouldSwap = false;
    }
  });

  // --- SLA countdowns -----------------------------------------------------------------------
  function phrase(name, value) {
    var text = document.body.getAttribute("data-t-" + name) || "{0}";
    return text.replace("{0}", value);
  }

  function span(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var rest = minutes % 60;
    var parts = [];
    if (days > 0) { parts.push(phrase("days", days)); }
    if (hours > 0 && parts.length < 2) { parts.push(phrase("hours", hours)); }
    if (days === 0 && (rest > 0 || parts.length === 0)) { parts.push(phrase("minutes", Math.max(rest, 1))); }
    return parts.join(" ");
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll(".sla-badge time[data-due]").forEach(function (time) {
      var due = Date.parse(time.getAttribute("data-due"));
      var warnText = time.getAttribute("data-warn");
      var warn = warnText ? Date.parse(warnText) : NaN;
      if (isNaN(due)) { return; }
      var left = due - now;
      if (Math.abs(left) < 30000) {
        time.textContent = phrase("now", "");
      } else {
        time.textContent = left > 0 ? phrase("in", span(left)) : phrase("overdue", span(left));
      }
      var badge = time.closest(".sla-badge");
      var state = left <= 0 ? "sla-breached" : (!isNaN(warn) && now >= warn ? "sla-warning" : "sla-ok");
      ["sla-ok", "sla-warning", "sla-breached"].forEach(function (c) {
        badge.classList.toggle(c, c === state);
      });
      badge.setAttribute("data-sla-state", state);
    });
  }

  // --- times in the agent's own time zone ---------------------------------------------------
  function localTimes(root) {
    var format;
    try {
      format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
        { dateStyle: "medium", timeStyle: "short" });
    } catch (e) {
      return;
    }
    root.querySelectorAll("time.local-time[datetime]").forEach(function (time) {
      var at = Date.parse(time.getAttribute("datetime"));
      if (!isNaN(at)) {
        time.textContent = format.format(new Date(at));
        time.title = time.getAttribute("datetime");
      }
    });
  }

  // --- keyboard: j/k move the selection in the inbox, Enter opens the case --------------------
  var selected = -1;

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#inbox tbody tr[data-case-id]"));
  }

  function select(index) {
    var all = rows();
    if (all.length === 0) { return; }
    selected = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (row, i) {
      row.classList.toggle("selected", i === selected);
      row.setAttribute("aria-selected", i === selected ? "true" : "false");
    });
    var link = all[selected].querySelector("a.case-link");
    if (link) { link.focus({ preventScroll: false }); }
    all[selected].scrollIntoView({ block: "nearest" });
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) { return; }
    if (!document.getElementById("inbox")) { return; }
    if (event.key === "j") { select(selected + 1); event.preventDefault(); }
    else if (event.key === "k") { select(selected - 1); event.preventDefault(); }
    else if (event.key === "Enter" && selected >= 0 && !(event.target && event.target.closest("a, button"))) {
      var row = rows()[selected];
      if (row) { window.location.href = row.getAttribute("data-href"); }
    }
  });

  // A click anywhere on a row opens its case, like its subject link does.
  document.addEventListener("click", function (event) {
    var row = event.target.closest("#inbox tr[data-href]");
    if (row && !event.target.closest("a, button, input, select, textarea")) {
      window.location.href = row.getAttribute("data-href");
    }
    var copy = event.target.closest("[data-copy]");
    if (copy) {
      var source = document.querySelector(copy.getAttribute("data-copy"));
      if (source && navigator.clipboard) {
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          var label = copy.textContent;
          copy.textContent = copy.getAttribute("data-copied") || label;
          copy.classList.add("copied");
          setTimeout(function () { copy.textContent = label; copy.classList.remove("copied"); }, 2000);
        });
      }
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    selected = -1;
    tick();
    localTimes(event.target.parentNode || document);
    var firstError = document.querySelector("#run-panel .has-error input, #run-panel .has-error select, #run-panel .has-error textarea");
    if (firstError) { firstError.focus(); }
  });

  // --- protocol editor: line numbers beside the YAML, findings marked and jumped to -----------
  function editorParts() {
    var source = document.getElementById("source");
    var gutter = document.getElementById("editor-gutter");
    return source && gutter ? { source: source, gutter: gutter } : null;
  }

  function numberLines() {
    var parts = editorParts();
    if (!parts) { return; }
    var count = parts.source.value.split("\n").length;
    var have = parts.gutter.children.length;
    for (var n = have + 1; n <= count; n++) {
      var line = document.createElement("span");
      line.textContent = String(n);
      line.setAttribute("data-line", String(n));
      parts.gutter.appendChild(line);
    }
    while (parts.gutter.children.length > count) { parts.gutter.removeChild(parts.gutter.lastChild); }
    parts.gutter.scrollTop = parts.source.scrollTop;
  }

  function markFindings() {
    var parts = editorParts();
    if (!parts) { return; }
    Array.prototype.forEach.call(parts.gutter.children, function (line) {
      line.classList.remove("line-error", "line-warning");
    });
    document.querySelectorAll("#editor-check .finding[data-line]").forEach(function (finding) {
      var line = parts.gutter.querySelector('[data-line="' + finding.getAttribute("data-line") + '"]');
      if (line) {
        line.classList.add(finding.classList.contains("finding-error") ? "line-error" : "line-warning");
      }
    });
    var status = document.getElementById("editor-status");
    var summary = document.getElementById("lint-status");
    if (status && summary) { status.textContent = summary.textContent.trim(); }
  }

  function goToLine(number) {
    var parts = editorParts();
    if (!parts) { return; }
    var lines = parts.source.value.split("\n");
    var index = Math.max(1, Math.min(number, lines.length)) - 1;
    var start = 0;
    for (var i = 0; i < index; i++) { start += lines[i].length + 1; }
    parts.source.focus();
    parts.source.setSelectionRange(start, start + lines[index].length);
    var lineHeight = parseFloat(window.getComputedStyle(parts.source).lineHeight) || 20;
    parts.source.scrollTop = Math.max(0, index * lineHeight - parts.source.clientHeight / 3);
    parts.gutter.scrollTop = parts.source.scrollTop;
  }

  document.addEventListener("input", function (event) {
    if (event.target && event.target.id === "source") { numberLines(); }
  });
  document.addEventListener("scroll", function (event) {
    var parts = editorParts();
    if (parts && event.target === parts.source) { parts.gutter.scrollTop = parts.source.scrollTop; }
  }, true);
  document.addEventListener("click", function (event) {
    var jump = event.target.closest && event.target.closest(".goto-line");
    if (!jump) { return; }
    var line = parseInt(jump.getAttribute("data-line"), 10);
    if (window.servicebookEditor) { // the CodeMirror editor (protocol-editor.js) is in charge
      window.servicebookEditor.goToLine(line, parseInt(jump.getAttribute("data-column"), 10));
    } else {
      goToLine(line);
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.id === "editor-check") { markFindings(); }
  });

  function start() {
    tick();
    localTimes(document);
    numberLines();
    markFindings();
    setInterval(tick, 30000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

// caseflow: the run's flowchart card keeps its open state when htmx swaps it in with the run panel.
(function () {
  "use strict";
  var chartOpen = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var chart = document.getElementById("run-flowchart");
    chartOpen = chart ? chart.open : null;
  });
  document.addEventListener("htmx:afterSwap", function () {
    var chart = document.getElementById("run-flowchart");
    if (chart && chartOpen !== null) { chart.open = chartOpen; }
  });

  // The follow-up form reads its date and time in the agent's own time zone.
  function timeZones() {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    document.querySelectorAll("input[data-time-zone]").forEach(function (input) { input.value = zone; });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", timeZones);
  } else {
    timeZones();
  }
})();

// --- supervisor view: the browser's time zone in a cookie, so the server knows when "today" starts
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (zone && /^[A-Za-z0-9_+\-\/]+$/.test(zone) && document.cookie.indexOf("servicebook-tz=" + zone) < 0) {
    document.cookie = "servicebook-tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax" +
      (location.protocol === "https:" ? "; Secure" : "");
  }
})();
