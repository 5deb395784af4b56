/* Site search: a dialog over the index of this language edition (built by trilingual.search).
   A CJK query is split by longest match against the index's own vocabulary, so it is
   segmented exactly as the text was at build time; English words are stemmed as there. */
(function () {
  "use strict";
  var root = document.getElementById("tl-search");
  if (!root) return;
  var strings = root.dataset;
  var index = null;
  var vocabulary = null;
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30fc\u3005\u3006]+/g;
  var WORD = /[0-9a-z\u00c0-\u024f]+/g;
  var STOP = {};
  "a an and are as at be by for from in into is it of on or the to with".split(" ").forEach(function (w) { STOP[w] = true; });

  function stem(word) {
    if (word.length <= 3 || !/^[a-z\u00c0-\u024f]+$/.test(word)) return word;
    if (/ies$/.test(word) && word.length > 4) word = word.slice(0, -3) + "y";
    else if (/es$/.test(word) && /(ss|x|ch|sh|z)$/.test(word.slice(0, -2))) word = word.slice(0, -2);
    else if (/s$/.test(word) && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
    if (/ing$/.test(word) && word.length > 5) word = word.slice(0, -3);
    else if (/ed$/.test(word) && word.length > 4) word = word.slice(0, -2);
    return word;
  }

  /* Each query term becomes a list of vocabulary ids that satisfy it (one, or several for a
     character the vocabulary only has inside longer words). */
  function terms(query) {
    var out = [];
    var text = query.normalize("NFKC").toLowerCase();
    var latin = text.replace(CJK, " ");
    (latin.match(WORD) || []).forEach(function (word) {
      if (STOP[word]) return;
      var id = vocabulary.get(stem(word));
      out.push(id === undefined ? [] : [id]);
    });
    (text.match(CJK) || []).forEach(function (run) {
      var i = 0;
      while (i < run.length) {
        var found = 0;
        for (var j = Math.min(run.length, i + 16); j > i; j--) {
          if (vocabulary.has(run.slice(i, j))) { found = j; break; }
        }
        if (found) {
          out.push([vocabulary.get(run.slice(i, found))]);
          i = found;
        } else {
          var ch = run[i];
          var ids = [];
          index.vocabulary.forEach(function (word, id) { if (word.indexOf(ch) !== -1) ids.push(id); });
          out.push(ids);
          i += 1;
        }
      }
    });
    return out;
  }

  function search(query) {
    var groups = terms(query);
    if (!groups.length) return [];
    var n = index.docs.length, avgdl = index.avgdl || 1, k1 = 1.2, b = 0.75;
    var scores = null;
    groups.forEach(function (ids) {
      var here = new Map();
      ids.forEach(function (id) {
        var postings = index.postings[id];
        var idf = Math.log(1 + (n - postings.length + 0.5) / (postings.length + 0.5));
        postings.forEach(function (p) {
          var dl = index.docs[p[0]].n || 1;
          var score = idf * (p[1] * (k1 + 1)) / (p[1] + k1 * (1 - b + b * dl / avgdl));
          here.set(p[0], Math.max(here.get(p[0]) || 0, score));
        });
      });
      if (scores === null) { scores = here; return; }
      var next = new Map();
      scores.forEach(function (value, doc) { if (here.has(doc)) next.set(doc, value + here.get(doc)); });
      scores = next;
    });
    return Array.from(scores || []).sort(function (x, y) { return y[1] - x[1]; }).slice(0, 50);
  }

  function render(list, results, query) {
    list.textContent = "";
    var status = root.querySelector(".tl-search__status");
    if (!query.trim()) { status.textContent = strings.placeholder; return; }
    status.textContent = results.length === 0 ? strings.none : results.length === 1 ? strings.one : strings.other.replace("#", results.length);
    var names = JSON.parse(strings.languages);
    results.forEach(function (result) {
      var doc = index.docs[result[0]];
      var item = document.createElement("li");
      item.className = "tl-search__result";
      var link = document.createElement("a");
      link.href = new URL(doc.u, new URL(strings.base, location.href)).href;
      var title = document.createElement("span");
      title.className = "tl-search__title";
      title.textContent = doc.t;
      link.appendChild(title);
      doc.p.forEach(function (part) {
        var line = document.createElement("span");
        line.className = "tl-search__part";
        line.lang = part[0] === "zh" ? "zh-Hans" : part[0];
        var badge = document.createElement("span");
        badge.className = "tl-search__lang";
        badge.textContent = names[part[0]] || part[0];
        badge.lang = document.documentElement.lang;
        line.appendChild(badge);
        line.appendChild(document.createTextNode(part[1]));
        link.appendChild(line);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(strings.index).then(function (response) { return response.json(); }).then(function (data) {
      index = data;
      vocabulary = new Map(data.vocabulary.map(function (word, id) { return [word, id]; }));
      return index;
    });
  }

  var dialog = root.querySelector("dialog");
  var input = root.querySelector("input");
  var list = root.querySelector("ol");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon tl-search__open";
  button.setAttribute("aria-label", strings.label);
  button.title = strings.label + " (/)";
  button.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
  var header = document.querySelector(".md-header__inner");
  /* Where Material puts its own search: after the palette and language options. */
  if (header) header.insertBefore(button, header.querySelector(".md-header__source"));

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load().then(function () { render(list, search(input.value), input.value); });
  }
  button.addEventListener("click", open);
  document.addEventListener("keydown", function (event) {
    var typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
    if (!typing && (event.key === "/" || event.key === "s") && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      open();
    }
  });
  input.addEventListener("input", function () {
    load().then(function () { render(list, search(input.value), input.value); });
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) location.href = first.href;
    }
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) dialog.close();
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  root.querySelector(".tl-search__close").addEventListener("click", function () { dialog.close(); });
  root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
})();
