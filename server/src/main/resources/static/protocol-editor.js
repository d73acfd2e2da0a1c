// The protocol editor: CodeMirror 6 (static/editor/codemirror.js, built from
// server/src/main/js/editor) over the form's textarea. Without JavaScript, or if the bundle fails
// to load, the textarea stays and the form posts it as before; with it, the textarea is hidden and
// kept in step with the editor, so the live check (htmx) and saving read the same text.
//
// YAML highlighting; completion of keys, enum values, step ids, calendars and fragments from the
// published JSON Schema (GET /protocols/editor/schema) and the pack (GET /protocols/editor/pack);
// the check panel's findings as inline diagnostics at their lines. Tab indents; Escape then Tab
// leaves the editor (CodeMirror's tab focus mode), as the hint under the editor says.
(function () {
  "use strict";

  var CM = window.ServicebookCodeMirror;
  var textarea = document.getElementById("source");
  var frame = textarea && textarea.closest(".code-editor");
  if (!CM || !textarea || !frame) { return; }

  // --- what completion knows: the schema, the pack, and the document's own step ids ----------
  var schema = null;
  var pack = { calendars: [], fragments: [] };

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }
  getJson(frame.getAttribute("data-schema-url")).then(function (s) { if (s) { schema = s; } });
  getJson(frame.getAttribute("data-pack-url")).then(function (p) { if (p) { pack = p; } });

  function resolveRef(node) {
    var seen = 0;
    while (node && typeof node === "object" && node.$ref && seen++ < 20) {
      var ref = node.$ref;
      if (ref.indexOf("#/$defs/") !== 0 || !schema.$defs) { return node; }
      node = schema.$defs[ref.substring(8)];
    }
    return node;
  }

  // The node and every alternative it allows (oneOf, anyOf, allOf), each resolved.
  function alternatives(node) {
    var out = [];
    (function walk(n, depth) {
      if (!n || typeof n !== "object" || depth > 8) { return; }
      var refName = n.$ref;
      n = resolveRef(n);
      if (!n || typeof n !== "object") { return; }
      out.push({ node: n, ref: refName || null });
      ["oneOf", "anyOf", "allOf"].forEach(function (k) {
        (n[k] || []).forEach(function (m) { walk(m, depth + 1); });
      });
    })(node, 0);
    return out;
  }

  function child(nodes, segment) {
    var next = [];
    nodes.forEach(function (alt) {
      var n = alt.node;
      if (segment === "[]") {
        if (n.items && typeof n.items === "object") { next = next.concat(alternatives(n.items)); }
      } else if (n.properties && n.properties[segment] && typeof n.properties[segment] === "object") {
        next = next.concat(alternatives(n.properties[segment]));
      } else if (n.additionalProperties && typeof n.additionalProperties === "object") {
        next = next.concat(alternatives(n.additionalProperties));
      }
    });
    return next;
  }

  function schemaAt(path) {
    if (!schema) { return []; }
    var nodes = alternatives(schema);
    for (var i = 0; i < path.length && nodes.length; i++) { nodes = child(nodes, path[i]); }
    return nodes;
  }

  // --- where the cursor is in the YAML: the keys (and list items, "[]") above it -------------
  var LINE = /^(\s*)(-\s+)?(?:("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*:(?:\s|$))?/;

  function pathAbove(doc, lineNumber, limit) {
    var path = [];
    for (var n = lineNumber - 1; n >= 1 && limit > 0; n--) {
      var text = doc.line(n).text;
      var trimmed = text.trim();
      if (!trimmed || trimmed.charAt(0) === "#") { continue; }
      var m = LINE.exec(text);
      var indent = m[1].length;
      var keyColumn = indent + (m[2] ? m[2].length : 0);
      if (m[3] && keyColumn < limit) {
        path.unshift(m[3].replace(/^["']|["']$/g, ""));
        if (m[2]) { path.unshift("[]"); }
        limit = indent;
      } else if (m[2] && indent < limit) {
        path.unshift("[]");
        limit = indent;
      } else if (indent < limit) {
        limit = indent;
      }
    }
    return path;
  }

  function stepIds(doc) {
    var ids = [];
    var text = doc.toString();
    var re = /^\s*-\s+id:\s*["']?([A-Za-z0-9][A-Za-z0-9_-]*)/gm;
    var m;
    while ((m = re.exec(text)) !== null) {
      if (ids.indexOf(m[1]) < 0) { ids.push(m[1]); }
    }
    return ids;
  }

  function describe(node) {
    return node && typeof node.description === "string" ? node.description : undefined;
  }

  function keyOptions(nodes) {
    var seen = {};
    var options = [];
    nodes.forEach(function (alt) {
      var props = alt.node.properties || {};
      Object.keys(props).forEach(function (key) {
        if (seen[key] || props[key] === false) { return; }
        seen[key] = true;
        var target = resolveRef(props[key]);
        options.push({ label: key, type: "property", apply: key + ": ", info: describe(props[key]) || describe(target) });
      });
    });
    return options;
  }

  function valueOptions(nodes, key, doc) {
    var options = [];
    var seen = {};
    function add(label, type, info) {
      if (seen[label]) { return; }
      seen[label] = true;
      options.push({ label: label, type: type, info: info });
    }
    nodes.forEach(function (alt) {
      if (alt.ref === "#/$defs/stepId") {
        stepIds(doc).forEach(function (id) { add(id, "variable", "step"); });
      }
      (alt.node.enum || []).forEach(function (v) { add(String(v), "enum", describe(alt.node)); });
      if (alt.node.const !== undefined) { add(String(alt.node.const), "enum", describe(alt.node)); }
      var type = alt.node.type;
      if (type === "boolean" || (Array.isArray(type) && type.indexOf("boolean") >= 0)) {
        add("true", "keyword"); add("false", "keyword");
      }
    });
    if (key === "calendar") { pack.calendars.forEach(function (c) { add(c, "constant", "calendar"); }); }
    if (key === "include") { pack.fragments.forEach(function (f) { add(f, "constant", "fragment"); }); }
    return options;
  }

  function complete(context) {
    var line = context.state.doc.lineAt(context.pos);
    var before = line.text.slice(0, context.pos - line.from);
    var doc = context.state.doc;
    var value = /^(\s*)(-\s+)?("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*:\s+(["']?)([^\s#"']*)$/.exec(before);
    if (value) {
      var keyColumn = value[1].length + (value[2] ? value[2].length : 0);
      var path = pathAbove(doc, line.number, value[2] ? value[1].length : keyColumn);
      if (value[2]) { path.push("[]"); }
      var key = value[3].replace(/^["']|["']$/g, "");
      var options = valueOptions(child(schemaAt(path), key), key, doc);
      if (!options.length) { return null; }
      return { from: context.pos - value[5].length, options: options, validFor: /^[A-Za-z0-9_-]*$/ };
    }
    var keyAt = /^(\s*)(-\s+)?([A-Za-z_]*)$/.exec(before);
    if (keyAt && (keyAt[3] || context.explicit || keyAt[2])) {
      var column = keyAt[1].length;
      var itemPath = pathAbove(doc, line.number, keyAt[2] ? column : column);
      if (keyAt[2]) { itemPath.push("[]"); }
      var nodes = schemaAt(itemPath);
      var keys = keyOptions(nodes);
      var items = keyAt[2] ? valueOptions(nodes, "", doc) : [];
      var all = keys.concat(items);
      if (!all.length) { return null; }
      return { from: context.pos - keyAt[3].length, options: all, validFor: /^[A-Za-z_]*$/ };
    }
    return null;
  }

  // --- the check panel's findings as diagnostics at their lines -------------------------------
  function findings(state) {
    var out = [];
    document.querySelectorAll("#editor-check .finding[data-line]").forEach(function (item) {
      var lineNumber = parseInt(item.getAttribute("data-line"), 10);
      if (!(lineNumber >= 1)) { return; }
      var line = state.doc.line(Math.min(lineNumber, state.doc.lines));
      var jump = item.querySelector("[data-column]");
      var column = jump ? parseInt(jump.getAttribute("data-column"), 10) : 1;
      var from = line.from + Math.max(0, Math.min((column || 1) - 1, line.length));
      var to = from < line.to ? line.to : from;
      var message = item.querySelector(".finding-message");
      var rule = item.getAttribute("data-rule") || "";
      out.push({
        from: from,
        to: to,
        severity: item.classList.contains("finding-error") ? "error" : item.classList.contains("finding-warning") ? "warning" : "info",
        source: rule,
        message: message ? message.textContent.trim() : rule,
      });
    });
    return out;
  }

  // --- the editor ------------------------------------------------------------------------------
  var highlight = CM.HighlightStyle.define([
    { tag: CM.tags.definition(CM.tags.propertyName), color: "#1e3a8a", fontWeight: "600" },
    { tag: CM.tags.string, color: "#14532d" },
    { tag: CM.tags.special(CM.tags.string), color: "#6b21a8" },
    { tag: CM.tags.lineComment, color: "#57534e", fontStyle: "italic" },
    { tag: [CM.tags.separator, CM.tags.punctuation, CM.tags.meta], color: "#475569" },
    { tag: [CM.tags.labelName, CM.tags.typeName], color: "#9a3412" },
  ]);

  // The page's policy is `style-src 'self'`: a <style> element CodeMirror added to the document
  // would be refused. In a shadow root its styles become constructed stylesheets
  // (adoptedStyleSheets), which the policy allows, so the editor lives in one and the policy stays
  // strict with no nonce. Its look is therefore set here, in the editor's theme, not in app.css.
  var host = document.createElement("div");
  host.className = "cm-host";
  frame.appendChild(host);
  var shadow = host.attachShadow({ mode: "open" });

  // Labels cannot point across the shadow root, so the editor carries its label's words.
  function label() {
    var own = document.getElementById("source-label");
    return own ? own.textContent.trim() : "YAML";
  }

  var theme = CM.EditorView.theme({
    "&": { height: "65vh", minHeight: "18rem", fontSize: ".85rem", backgroundColor: "#fbfbfd", color: "#1b2030" },
    "&.cm-focused": { outline: "none" },
    ".cm-scroller": {
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      lineHeight: "1.5",
    },
    ".cm-gutters": { backgroundColor: "#eef0f5", color: "#4a5163", borderRight: "1px solid #dde1ea" },
    ".cm-activeLine": { backgroundColor: "#eef0ff" },
    ".cm-activeLineGutter": { backgroundColor: "#dfe3f5" },
    ".cm-tooltip": { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "#3730a3", color: "#ffffff" },
    ".cm-completionInfo": { maxWidth: "22rem", whiteSpace: "normal" },
    ".cm-diagnostic-error": { borderLeftColor: "#e25555" },
    ".cm-diagnostic-warning": { borderLeftColor: "#f0b429" },
  });

  var view = new CM.EditorView({
    parent: shadow,
    root: shadow,
    state: CM.EditorState.create({
      doc: textarea.value,
      extensions: [
        CM.lineNumbers(),
        CM.highlightActiveLineGutter(),
        CM.highlightSpecialChars(),
        CM.history(),
        CM.drawSelection(),
        CM.indentOnInput(),
        CM.indentUnit.of("  "),
        CM.EditorState.tabSize.of(2),
        theme,
        CM.syntaxHighlighting(highlight),
        CM.bracketMatching(),
        CM.highlightActiveLine(),
        CM.highlightSelectionMatches(),
        CM.yaml(),
        CM.autocompletion({ override: [complete], icons: false }),
        CM.lintGutter(),
        CM.keymap.of([].concat(CM.completionKeymap, CM.searchKeymap, CM.historyKeymap, CM.lintKeymap,
          CM.defaultKeymap, [CM.indentWithTab])),
        CM.EditorView.contentAttributes.of({
          "aria-label": label(),
          // focusable already (contenteditable); said outright so checkers see the scroller's
          // content can be reached by keyboard
          tabindex: "0",
          spellcheck: "false",
          autocapitalize: "off",
          autocorrect: "off",
        }),
        CM.EditorView.updateListener.of(function (update) {
          if (update.docChanged) {
            textarea.value = update.state.doc.toString();
            textarea.dispatchEvent(new Event("input", { bubbles: true }));
          }
        }),
      ],
    }),
  });
  frame.classList.add("code-editor-enhanced");
  textarea.hidden = true;
  textarea.setAttribute("aria-hidden", "true");
  textarea.tabIndex = -1;
  var keys = document.getElementById("editor-keys");
  if (keys) { keys.hidden = false; }

  var shown = { times: 0, last: 0 };
  function showFindings() {
    var found = findings(view.state);
    view.dispatch(CM.setDiagnostics(view.state, found));
    shown.times++;
    shown.last = found.length;
  }
  showFindings();
  // The check panel is replaced on every check (htmx); whenever its content changes, so do the
  // diagnostics.
  var panel = document.getElementById("editor-check");
  if (panel && window.MutationObserver) {
    new MutationObserver(showFindings).observe(panel, { childList: true, subtree: true });
  }

  // The finding buttons ("line 12, column 5") put the cursor there, in the editor.
  window.servicebookEditor = {
    view: view,
    shown: shown,
    goToLine: function (number, column) {
      var line = view.state.doc.line(Math.max(1, Math.min(number, view.state.doc.lines)));
      var at = line.from + Math.max(0, Math.min((column || 1) - 1, line.length));
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
    setText: function (text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
  };
})();
