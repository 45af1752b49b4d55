/* clippings search: loads /search/index.json once and searches it in the browser.
   - Korean (and other scripts written without spaces between words) is matched as a
     substring of the lowercased text, so 김천시 is found inside 김천시에서.
   - Other words match case-insensitively by prefix of a word (econ → economy).
   All terms must match. Titles and tags weigh more than the opening text.
   No dependencies; results are built with textContent (never innerHTML). */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var MAX_RESULTS = 50;
  var docs = null;
  var loading = null;
  var hangulOrCjk = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]/;

  function norm(s) {
    return (s || "").normalize("NFC").toLowerCase();
  }
  function words(s) {
    return " " + s.replace(/[^\p{L}\p{N}]+/gu, " ") + " ";
  }
  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"))
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (index) {
          var f = index.fields;
          var at = function (n) { return f.indexOf(n); };
          var base = index.base || "/";
          var t = at("title"), u = at("path"), d = at("date"), g = at("tags"),
              s = at("section"), x = at("text"), l = at("lang");
          docs = index.docs.map(function (r) {
            var head = norm(r[t] + " " + r[g] + " " + r[s]);
            var body = norm(r[x]);
            return { title: r[t], url: base + encodeURI(r[u]), date: r[d], lang: r[l], text: r[x],
                     head: head, body: body, headWords: words(head), bodyWords: words(body) };
          });
          return docs;
        });
    }
    return loading;
  }
  function matches(hay, hayWords, term) {
    if (hangulOrCjk.test(term)) return hay.indexOf(term) >= 0;
    return hayWords.indexOf(" " + term) >= 0;
  }
  function search(query) {
    var terms = norm(query).split(/[\s,]+/).filter(Boolean)
      .map(function (w) { return hangulOrCjk.test(w) ? w : w.replace(/[^\p{L}\p{N}]+/gu, ""); })
      .filter(Boolean);
    if (!terms.length) return [];
    var out = [];
    for (var i = 0; i < docs.length; i++) {
      var doc = docs[i], score = 0, ok = true;
      for (var k = 0; k < terms.length && ok; k++) {
        if (matches(doc.head, doc.headWords, terms[k])) score += 3;
        else if (matches(doc.body, doc.bodyWords, terms[k])) score += 1;
        else ok = false;
      }
      if (ok) out.push({ doc: doc, score: score, order: i });
    }
    out.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return out;
  }
  function show(query) {
    var results = search(query);
    list.textContent = "";
    var ko = /^ko\b/i.test(document.documentElement.lang);
    status.textContent = ko ? "검색 결과 " + results.length + "건"
                            : results.length + (results.length === 1 ? " result" : " results");
    results.slice(0, MAX_RESULTS).forEach(function (r) {
      var li = document.createElement("li");
      var art = document.createElement("article");
      art.className = "item";
      if (r.doc.lang) art.lang = r.doc.lang;
      var h = document.createElement("h2");
      h.className = "item-title";
      var a = document.createElement("a");
      a.href = r.doc.url;
      a.textContent = r.doc.title;
      h.appendChild(a);
      art.appendChild(h);
      if (r.doc.date) {
        var p = document.createElement("p");
        p.className = "meta";
        var time = document.createElement("time");
        time.dateTime = r.doc.date;
        time.textContent = r.doc.date;
        p.appendChild(time);
        art.appendChild(p);
      }
      if (r.doc.text) {
        var ex = document.createElement("p");
        ex.className = "excerpt";
        ex.textContent = r.doc.text;
        art.appendChild(ex);
      }
      li.appendChild(art);
      list.appendChild(li);
    });
  }
  function run(query) {
    if (!query.trim()) { list.textContent = ""; status.textContent = ""; return; }
    load().then(function () { show(query); }, function () {
      status.textContent = "The search index could not be loaded.";
    });
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 150);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
