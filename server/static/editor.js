// The SPARQL editor: a textarea over a highlighted copy of its text, and results as a table.
// Every value from a query result is written with textContent; nothing becomes markup.
(function () {
  "use strict";
  var form = document.getElementById("query-form");
  if (!form) { return; }
  var text = document.getElementById("query-text");
  var code = document.getElementById("query-highlight");
  var pre = code.parentNode;
  var status = document.getElementById("query-status");
  var errorBox = document.getElementById("query-error");
  var results = document.getElementById("query-results");
  var base = form.dataset.base || "";
  var DEF = "https://w3id.org/medkg/def";

  var KEYWORDS = ("SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED PREFIX BASE DISTINCT REDUCED " +
    "OPTIONAL FILTER UNION MINUS GRAPH BIND VALUES GROUP BY HAVING ORDER ASC DESC LIMIT OFFSET AS " +
    "NOT EXISTS IN COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE " +
    "BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS " +
    "STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS NOW COALESCE IF " +
    "SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE A TRUE FALSE UNDEF SERVICE SILENT").split(" ");
  var KEYWORD_SET = {};
  KEYWORDS.forEach(function (k) { KEYWORD_SET[k] = true; });
  // One alternative per token kind, in the order they must be tried.
  var TOKEN = new RegExp([
    "(#[^\\n]*)",                                              // 1 comment
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 2 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                                 // 3 IRI
    "([?$][A-Za-z0-9_]+)",                                      // 4 variable
    "([A-Za-z][\\w.-]*:[\\w.:%-]*|:[\\w.:%-]*)",                // 5 prefixed name
    "([A-Za-z_][A-Za-z0-9_]*)",                                 // 6 word
    "(\\d+(?:\\.\\d+)?)"                                        // 7 number
  ].join("|"), "g");
  var CLASSES = [null, "tok-comment", "tok-string", "tok-iri", "tok-var", "tok-pname", "tok-keyword", "tok-number"];

  function highlight() {
    var source = text.value;
    var fragment = document.createDocumentFragment();
    var last = 0;
    var match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(source)) !== null) {
      if (match[0] === "") { TOKEN.lastIndex++; continue; }
      var group = 1;
      while (group < CLASSES.length && match[group] === undefined) { group++; }
      var cls = CLASSES[group];
      if (group === 6 && !KEYWORD_SET[match[0].toUpperCase()]) { cls = null; }
      if (match.index > last) { fragment.appendChild(document.createTextNode(source.slice(last, match.index))); }
      if (cls) {
        var span = document.createElement("span");
        span.className = cls;
        span.textContent = match[0];
        fragment.appendChild(span);
      } else {
        fragment.appendChild(document.createTextNode(match[0]));
      }
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(source.slice(last) + "\n"));
    code.replaceChildren(fragment);
    syncScroll();
  }
  function syncScroll() { pre.scrollTop = text.scrollTop; pre.scrollLeft = text.scrollLeft; }

  function localUrl(iri) {
    if (iri === DEF) { return "/page/def"; }
    if (iri.indexOf(DEF + "/") === 0) { return "/page/def/" + iri.slice(DEF.length + 1); }
    if (base && iri.indexOf(base) === 0) { return "/page/" + iri.slice(base.length); }
    return null;
  }

  function cell(binding) {
    var td = document.createElement("td");
    if (!binding) { return td; }
    if (binding.type === "uri") {
      var a = document.createElement("a");
      var url = localUrl(binding.value);
      a.href = url || binding.value;
      if (!url) { a.className = "external"; a.rel = "noopener noreferrer"; }
      a.textContent = binding.value;
      td.appendChild(a);
    } else {
      td.textContent = binding.type === "bnode" ? "_:" + binding.value : binding.value;
      var tag = binding["xml:lang"] || (binding.datatype ? binding.datatype.replace(/^.*[#\/]/, "") : "");
      if (tag) {
        var badge = document.createElement("span");
        badge.className = binding["xml:lang"] ? "lang" : "datatype";
        badge.textContent = tag;
        td.appendChild(document.createTextNode(" "));
        td.appendChild(badge);
      }
    }
    return td;
  }

  function showTable(data) {
    if (typeof data.boolean === "boolean") {
      var p = document.createElement("p");
      p.className = "boolean-result";
      p.textContent = data.boolean ? "true" : "false";
      results.replaceChildren(p);
      status.textContent = "ASK answered";
      return;
    }
    var vars = data.head.vars || [];
    var rows = data.results.bindings;
    var table = document.createElement("table");
    table.className = "results";
    var head = table.createTHead().insertRow();
    vars.forEach(function (v) { var th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
    var body = table.createTBody();
    rows.forEach(function (row) {
      var tr = body.insertRow();
      vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    results.replaceChildren(table);
    status.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
  }

  function run(event) {
    if (event) { event.preventDefault(); }
    errorBox.hidden = true;
    status.textContent = "running…";
    results.replaceChildren();
    var started = performance.now();
    fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: text.value
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      return response.text().then(function (body) {
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        if (!response.ok) {
          errorBox.textContent = response.status + " " + body;
          errorBox.hidden = false;
          status.textContent = "";
          return;
        }
        if (type.indexOf("json") >= 0) {
          showTable(JSON.parse(body));
        } else {
          var out = document.createElement("pre");
          out.className = "graph-result";
          out.textContent = body;
          results.replaceChildren(out);
          status.textContent = "graph";
        }
        status.textContent += " in " + seconds + " s";
      });
    }).catch(function (error) {
      errorBox.textContent = "the query could not be sent: " + error;
      errorBox.hidden = false;
      status.textContent = "";
    });
  }

  text.addEventListener("input", highlight);
  text.addEventListener("scroll", syncScroll);
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { run(event); }
  });
  form.addEventListener("submit", run);
  highlight();
  if (form.dataset.autorun === "true") { run(); }
}());
