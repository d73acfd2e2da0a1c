// Servicebook console, live: a case page shows new messages as they arrive (its timeline and status
// are read again from /cases/ID/timeline when the case changes), the inbox's "Chats waiting" queue
// refreshes when a chat starts or is answered, and the bell redraws when a notification arrives.
// While a page with this stream is open, its agent counts as online for the chat widget.
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main || !window.EventSource || !window.fetch) { return; }
  var caseId = main.getAttribute("data-case-id");
  var url = "/chat/agent/live" + (caseId ? "?case=" + encodeURIComponent(caseId) : "");
  var source = new EventSource(url);
  var busy = false;
  var again = false;

  function read(path, selectors) {
    if (busy) { again = true; return; }
    busy = true;
    fetch(path, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        selectors.forEach(function (selector) {
          var now = document.querySelector(selector);
          var next = fresh.querySelector(selector);
          if (now && next) { now.replaceWith(next); }
        });
      })
      .catch(function () { /* the next event or a reload shows it */ })
      .then(function () {
        busy = false;
        if (again) { again = false; read(path, selectors); }
      });
  }

  function announce() {
    var entries = document.querySelectorAll("#timeline .entry");
    var last = entries[entries.length - 1];
    var region = document.getElementById("live-announce");
    if (!last || !region || !last.classList.contains("entry-inbound")) { return; }
    var body = last.querySelector(".entry-body");
    region.textContent = region.getAttribute("data-text") + ": " + (body ? body.textContent : "");
  }

  // The bell asks its fragment again (a 204 when nothing changed); its own slow poll is the fallback.
  function ring() {
    var badge = document.getElementById("bell-badge");
    if (badge && window.htmx) { window.htmx.trigger(badge, "notified"); }
  }
  source.addEventListener("notification", ring);

  var seen = -1;
  source.addEventListener("changed", function (event) {
    var change = JSON.parse(event.data);
    if (change.resync) { ring(); }
    if (caseId) {
      if (change.version !== undefined && change.version <= seen) { return; }
      seen = change.version === undefined ? seen : change.version;
      var before = document.querySelectorAll("#timeline .entry").length;
      var observer = new MutationObserver(function () {
        if (document.querySelectorAll("#timeline .entry").length > before) { announce(); }
        observer.disconnect();
      });
      observer.observe(main, { childList: true, subtree: true });
      read("/cases/" + encodeURIComponent(caseId) + "/timeline", ["#timeline", "#case-status"]);
    } else {
      var inbox = document.getElementById("inbox");
      if (inbox && inbox.getAttribute("data-queue") === "chats") { read(location.href, ["#inbox-results"]); }
    }
  });
})();
