/* Site search: a dialog over the index of this language edition (built by
   trilingual.search_index; its docstring describes the files).

   A query is folded (NFKC, lower case, no diacritics) and cut as the text was at build time:
   Latin words stemmed, CJK runs split by longest match against the index's own lexicon. The
   last word, while it is being typed, also matches the words it begins; a Latin word of 5+
   letters that the index lacks matches words one edit away (two for 9+ letters, the first
   letter kept), ranked below exact matches; Latin words typed apart are also tried joined,
   so pinyin finds the glossary's terms (zhuan li, zhuānlì, zhuanli). Only the lexicon buckets,
   postings shards and fragments a query needs are fetched, each once.

   Results: a definition card for an exact glossary or reference hit, then pages (their best
   paragraphs under the page's title, paragraph numbers shown), then the glossary and the
   references in groups of their own. Every text a result shows comes from translators' files
   and is put in the page with textContent only. */
(function () {
  "use strict";
  var root = document.getElementById("tl-search");
  if (!root) return;
  var data = root.dataset;
  var S = JSON.parse(data.strings || "{}");
  var NAMES = JSON.parse(data.languages || "{}");
  var META_URL = new URL(data.index, location.href);
  var SITE = new URL(data.base, location.href);
  var UI_LANG = document.documentElement.lang;

  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u30fc\u3005\u3006]+/g;
  var CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006]/;
  var WORD = /[0-9a-z\u00c0-\u024f\u1e00-\u1eff]+(?:['\u2019][a-z]+)?/g;
  var TEXT_WORD = /[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+/g;
  var OPEN_END = /[0-9a-z\u00c0-\u024f\u1e00-\u1eff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006]$/;
  var STOP = {};
  "a an and are as at be by for from in into is it of on or the to with".split(" ").forEach(function (w) { STOP[w] = true; });

  var PREFIX = 0.6, JOINED_PREFIX = 0.8, CHAR_PREFIX = 0.5, FUZZY = [1, 0.5, 0.35];
  var MAX_PREFIX = 12, MAX_FUZZY = 5, PHRASE = 1.3, CARD_CANDIDATES = 24;
  var PAGES_SHOWN = 8, PER_PAGE = 3, ENTRIES_SHOWN = 5, ENTRIES_FILTERED = 40;
  var KIND_NAMES = ["text", "glossary", "references"];

  /* ---- tokens: the same steps as trilingual.search ---- */

  function fold(text) { return text.normalize("NFKC").toLowerCase(); }
  function plain(word) { return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC"); }
  function latinWord(raw) { return plain(raw.replace("\u2019", "'").split("'")[0]); }

  function stem(word) {
    if (word.length <= 3 || !/^[a-z\u00c0-\u024f\u1e00-\u1eff]+$/.test(word)) return word;
    if (/ies$/.test(word) && word.length > 4) word = word.slice(0, -3) + "y";
    else if (/es$/.test(word) && /(ss|x|ch|sh|z)$/.test(word.slice(0, -2))) word = word.slice(0, -2);
    else if (/s$/.test(word) && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
    if (/ing$/.test(word) && word.length > 5) word = word.slice(0, -3);
    else if (/ed$/.test(word) && word.length > 4) word = word.slice(0, -2);
    return word;
  }

  /* Words one or two edits apart (optimal string alignment: a transposition is one edit). */
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var before = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var lowest = i;
      for (j = 1; j <= b.length; j++) {
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        current[j] = value;
        if (value < lowest) lowest = value;
      }
      if (lowest > max) return max + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* A string as a comparable key: Latin words stemmed, CJK kept, spaces and punctuation gone. */
  function key(text) {
    var folded = fold(text);
    var cjk = folded.match(CJK) || [];
    var latin = (folded.replace(CJK, " ").match(WORD) || []).map(function (w) { return stem(latinWord(w)); });
    return cjk.join("") + latin.join("");
  }

  /* ---- the index, fetched in pieces ---- */

  var meta = null;
  var metaPromise = null;
  var files = new Map();
  var pageStarts = [];
  var fragmentStarts = [];

  function fetchJSON(url, options) {
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  function loadMeta() {
    if (!metaPromise) {
      metaPromise = fetchJSON(META_URL.href, { cache: "no-cache" }).then(function (value) {
        meta = value;
        pageStarts = meta.pages.map(function (p) { return p[0]; });
        fragmentStarts = meta.fragments.map(function (f) { return f[0]; });
        fillPublications();
        return meta;
      });
      metaPromise.catch(function () { metaPromise = null; });
    }
    return metaPromise;
  }

  function file(folder, name) {
    var url = new URL(folder + "/" + name + ".json", META_URL).href;
    if (!files.has(url)) {
      var promise = fetchJSON(url);
      promise.catch(function () { files.delete(url); });
      files.set(url, promise);
    }
    return files.get(url);
  }

  var buckets = new Map();
  function bucket(word) {
    var number = word.codePointAt(0) % meta.lexicon.length;
    if (buckets.has(number)) return Promise.resolve(buckets.get(number));
    return file("l", meta.lexicon[number]).then(function (raw) {
      if (!buckets.has(number)) {
        var index = new Map();
        raw.w.forEach(function (w, i) { index.set(w, i); });
        buckets.set(number, { w: raw.w, f: raw.f, s: raw.s, index: index });
      }
      return buckets.get(number);
    });
  }
  function loaded(word) { return buckets.get(word.codePointAt(0) % meta.lexicon.length); }
  function entry(word) {
    var b = word && loaded(word);
    if (!b || !b.index.has(word)) return null;
    var i = b.index.get(word);
    return { w: word, df: b.f[i], shard: b.s[i] };
  }
  /* Words that begin with `start`, most frequent first. */
  function beginning(start, limit, except) {
    var b = loaded(start);
    if (!b) return [];
    var found = [];
    for (var i = 0; i < b.w.length; i++) {
      var w = b.w[i];
      if (w.length > start.length && w.lastIndexOf(start, 0) === 0 && w !== except) found.push({ w: w, df: b.f[i], shard: b.s[i] });
    }
    return found.sort(function (x, y) { return y.df - x.df; }).slice(0, limit);
  }
  function nearby(word) {
    var max = word.length >= 9 ? 2 : 1;
    var b = loaded(word);
    if (!b) return [];
    var found = [];
    for (var i = 0; i < b.w.length; i++) {
      var w = b.w[i];
      if (w[0] !== word[0] || w.length < 4 || Math.abs(w.length - word.length) > max) continue;
      var d = distance(word, w, max);
      if (d <= max) found.push({ w: w, df: b.f[i], shard: b.s[i], d: d });
    }
    return found.sort(function (x, y) { return x.d - y.d || y.df - x.df; }).slice(0, MAX_FUZZY);
  }

  var shards = new Map();
  function shard(number) {
    if (shards.has(number)) return Promise.resolve(shards.get(number));
    return file("s", meta.shards[number]).then(function (raw) { shards.set(number, raw); return raw; });
  }

  function locate(starts, number) {
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (starts[middle] <= number) low = middle; else high = middle - 1;
    }
    return low;
  }
  function pageOf(doc) { return locate(pageStarts, doc); }
  function kindOf(doc) { return meta.pages[pageOf(doc)][1]; }
  function publicationOf(doc) { return meta.pages[pageOf(doc)][2]; }

  var fragments = new Map();
  function fragment(number) {
    if (fragments.has(number)) return Promise.resolve(fragments.get(number));
    return file("f", meta.fragments[number][1]).then(function (raw) {
      var titles = new Map(raw.t.map(function (pair) { return [pair[0], pair[1]]; }));
      var value = { first: meta.fragments[number][0], docs: raw.d, titles: titles, concepts: raw.k || {} };
      fragments.set(number, value);
      return value;
    });
  }
  function shown(doc) {
    var f = fragments.get(locate(fragmentStarts, doc));
    var record = f.docs[doc - f.first];
    return { record: record, title: f.titles.get(pageOf(doc)) || "", concepts: f.concepts };
  }

  /* ---- queries ---- */

  /* The query as units in order: runs of Latin words and CJK runs. `open`: the query ends
     inside its last word, which is still being typed. */
  function parse(query) {
    var text = fold(query);
    var units = [];
    var last = 0, match;
    function latin(piece) {
      var words = (piece.match(WORD) || []).map(latinWord).filter(Boolean);
      if (words.length) units.push({ cjk: false, words: words });
    }
    CJK.lastIndex = 0;
    while ((match = CJK.exec(text))) {
      latin(text.slice(last, match.index));
      units.push({ cjk: true, run: match[0] });
      last = match.index + match[0].length;
    }
    latin(text.slice(last));
    return { units: units, open: OPEN_END.test(text), text: text.replace(/\s+/g, " ").trim() };
  }

  function bucketsFor(parsed) {
    var wanted = [];
    parsed.units.forEach(function (unit) {
      if (unit.cjk) for (var i = 0; i < unit.run.length; i++) wanted.push(unit.run[i]);
      else unit.words.forEach(function (w) { wanted.push(w); });
    });
    return Promise.all(wanted.map(bucket));
  }

  function alt(found, factor, kind) { return { w: found.w, df: found.df, shard: found.shard, f: factor, kind: kind }; }

  /* Each query term becomes alternatives: words of the lexicon with a factor (exact 1, prefix,
     close spelling lower). */
  function interpret(parsed) {
    var terms = [];
    var fuzzy = [];
    parsed.units.forEach(function (unit, u) {
      var lastUnit = u === parsed.units.length - 1 && parsed.open;
      if (unit.cjk) {
        var run = unit.run;
        if (lastUnit && run.length > 1 && !entry(run)) {
          var completions = beginning(run, MAX_PREFIX);
          if (completions.length) {
            terms.push({ text: run, alts: completions.map(function (c) { return alt(c, JOINED_PREFIX, "prefix"); }) });
            return;
          }
        }
        var i = 0;
        while (i < run.length) {
          var found = null;
          for (var j = Math.min(run.length, i + 16); j > i; j--) {
            found = entry(run.slice(i, j));
            if (found) break;
          }
          if (found) {
            var alts = [alt(found, 1, "exact")];
            if (lastUnit && j === run.length) {
              beginning(found.w, MAX_PREFIX, found.w).forEach(function (c) { alts.push(alt(c, PREFIX, "prefix")); });
            }
            terms.push({ text: found.w, alts: alts });
            i = j;
          } else {
            terms.push({ text: run[i], alts: beginning(run[i], MAX_PREFIX).map(function (c) { return alt(c, CHAR_PREFIX, "prefix"); }) });
            i += 1;
          }
        }
        return;
      }
      var words = unit.words;
      if (words.length > 1) {
        /* Pinyin typed in syllables: the words joined, if the index has that word. */
        var joined = words.join("");
        var whole = entry(stem(joined));
        var joinedAlts = whole ? [alt(whole, 1, "exact")] : [];
        if (lastUnit) beginning(joined, MAX_PREFIX, whole && whole.w).forEach(function (c) { joinedAlts.push(alt(c, JOINED_PREFIX, "prefix")); });
        if (joinedAlts.length && (whole || words.every(function (w) { return w.length <= 6; }))) {
          terms.push({ text: joined, alts: joinedAlts });
          return;
        }
      }
      var kept = words.filter(function (w) { return !STOP[w]; });
      kept.forEach(function (word, k) {
        var lastWord = lastUnit && k === kept.length - 1 && word === words[words.length - 1];
        if (lastWord && word.length < 2 && kept.length > 1) return;  /* a letter just typed: wait for the next */
        var variants = [stem(word)];
        if (/[a-z][1-5]/.test(word)) variants.push(stem(word.replace(/([a-z])[1-5]/g, "$1")));
        var alts = [];
        variants.forEach(function (v) { var e = entry(v); if (e) alts.push(alt(e, 1, "exact")); });
        if (lastWord && word.length >= 2) {
          beginning(word, MAX_PREFIX, alts.length ? alts[0].w : null).forEach(function (c) { alts.push(alt(c, PREFIX, "prefix")); });
        }
        if (!alts.length && word.length >= 5 && /^[a-z]+$/.test(word)) {
          nearby(stem(word)).forEach(function (c) {
            alts.push(alt(c, FUZZY[c.d], "fuzzy"));
            if (fuzzy.indexOf(c.w) === -1) fuzzy.push(c.w);
          });
        }
        terms.push({ text: word, alts: alts });
      });
    });
    return { terms: terms, fuzzy: fuzzy };
  }

  function postings(a) {
    var raw = shards.get(a.shard);
    return (raw && raw[a.w]) || [];
  }

  /* Scores per record: the sum over terms of the best alternative's BM25 (idf × stored
     term-frequency part × factor). Every term must match; if no record has them all, the
     records with the most of them. */
  function score(terms) {
    var n = meta.n, scale = meta.scale;
    function idfOf(df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }
    var maps = terms.map(function (term) {
      var best = new Map();
      /* A completion or a close spelling weighs no more than the word typed: the exact
         word's rarity, or that of all the term's words together. */
      var exact = term.alts.filter(function (a) { return a.kind === "exact"; })[0];
      var together = term.alts.reduce(function (sum, a) { return sum + a.df; }, 0);
      var cap = idfOf(exact ? exact.df : Math.min(n, together));
      term.alts.forEach(function (a) {
        var idf = a.kind === "exact" ? idfOf(a.df) : Math.min(idfOf(a.df), cap);
        var flat = postings(a), doc = 0;
        for (var k = 0; k < flat.length; k += 2) {
          doc += flat[k];
          var value = a.f * idf * flat[k + 1] / scale;
          if (value > (best.get(doc) || 0)) best.set(doc, value);
        }
      });
      return best;
    });
    if (!maps.length) return { list: [], partial: false };
    var smallest = maps.reduce(function (x, y) { return y.size < x.size ? y : x; });
    var list = [];
    smallest.forEach(function (_, doc) {
      var total = 0;
      for (var i = 0; i < maps.length; i++) {
        var value = maps[i].get(doc);
        if (value === undefined) return;
        total += value;
      }
      list.push({ d: doc, s: total });
    });
    var partial = false;
    if (!list.length && maps.length > 1) {
      var union = new Map();
      maps.forEach(function (map) {
        map.forEach(function (value, doc) {
          var seen = union.get(doc) || { s: 0, c: 0 };
          union.set(doc, { s: seen.s + value, c: seen.c + 1 });
        });
      });
      union.forEach(function (value, doc) { list.push({ d: doc, s: value.s * Math.pow(value.c / maps.length, 2) }); });
      partial = list.length > 0;
    }
    list.sort(function (x, y) { return y.s - x.s || x.d - y.d; });
    return { list: list, partial: partial };
  }

  /* ---- what is shown ---- */

  var state = { kind: "", publication: "", pages: PAGES_SHOWN };

  function select(results) {
    var kindCounts = { all: 0, text: 0, glossary: 0, references: 0 };
    var publicationCounts = {};
    var chosen = [];
    results.forEach(function (r) {
      var kind = KIND_NAMES[kindOf(r.d)];
      var publication = String(publicationOf(r.d));
      /* The glossary and the references belong to every publication. */
      var publicationPasses = !state.publication || state.publication === publication || (kind !== "text" && publication === "-1");
      var kindPasses = !state.kind || state.kind === kind;
      if (publicationPasses) { kindCounts.all += 1; kindCounts[kind] += 1; }
      if (kindPasses) publicationCounts[publication] = (publicationCounts[publication] || 0) + 1;
      if (publicationPasses && kindPasses) chosen.push(r);
    });
    var pages = [], byPage = new Map(), entries = { glossary: [], references: [] }, candidates = [];
    var entryLimit = state.kind ? ENTRIES_FILTERED : ENTRIES_SHOWN;
    chosen.forEach(function (r) {
      var kind = KIND_NAMES[kindOf(r.d)];
      if (kind !== "text") {
        if (entries[kind].length < entryLimit) entries[kind].push(r);
        if (candidates.length < CARD_CANDIDATES) candidates.push({ kind: kind, r: r });
        return;
      }
      var page = pageOf(r.d);
      if (!byPage.has(page)) {
        var group = { page: page, best: r.s, items: [], hidden: 0 };
        byPage.set(page, group);
        pages.push(group);
      }
      var target = byPage.get(page);
      if (target.items.length < PER_PAGE) target.items.push(r); else target.hidden += 1;
    });
    /* The publications' text before the pages about the site (About, How to translate …),
       which come first only when the publications have nothing. */
    var ofPublications = pages.filter(function (g) { return publicationOf(g.items[0].d) >= 0; });
    pages = ofPublications.concat(pages.filter(function (g) { return publicationOf(g.items[0].d) < 0; }));
    return {
      total: chosen.length,
      kindCounts: kindCounts,
      publicationCounts: publicationCounts,
      pages: pages.slice(0, state.pages),
      morePages: Math.max(0, pages.length - state.pages),
      glossary: entries.glossary,
      references: entries.references,
      candidates: candidates,
    };
  }

  function needed(view) {
    var docs = [];
    view.pages.forEach(function (g) { g.items.forEach(function (r) { docs.push(r.d); }); });
    view.glossary.concat(view.references).forEach(function (r) { docs.push(r.d); });
    view.candidates.forEach(function (c) { docs.push(c.r.d); });
    var numbers = {};
    docs.forEach(function (d) { numbers[locate(fragmentStarts, d)] = true; });
    return Promise.all(Object.keys(numbers).map(function (n) { return fragment(Number(n)); }));
  }

  /* The words to mark: every alternative that matched, Latin ones by stem, CJK ones as text. */
  function highlighter(terms) {
    var latin = new Set(), cjk = [], all = new Set();
    terms.forEach(function (term) {
      term.alts.forEach(function (a) {
        all.add(a.w);
        if (CJK_CHAR.test(a.w)) { if (cjk.indexOf(a.w) === -1) cjk.push(a.w); } else latin.add(a.w);
      });
    });
    cjk.sort(function (x, y) { return y.length - x.length; });
    var sets = terms.map(function (term) { return term.alts.map(function (a) { return a.w; }); });
    return { latin: latin, cjk: cjk, all: all, terms: sets };
  }

  /* Which query terms a marked stretch of text stands for (a bit per term). */
  function covered(text, marks) {
    var stems = (fold(text).match(WORD) || []).map(function (w) { return stem(latinWord(w)); });
    var mask = 0;
    marks.terms.forEach(function (words, i) {
      if (i > 30) return;
      var hit = words.some(function (w) { return CJK_CHAR.test(w) ? text.indexOf(w) !== -1 : stems.indexOf(w) !== -1; });
      if (hit) mask |= 1 << i;
    });
    return mask;
  }
  function bits(mask) { var n = 0; while (mask) { n += mask & 1; mask >>>= 1; } return n; }

  /* Names of the terms annotated in a record that the query matched by one of their names
     (a word of a Latin name, a CJK word of two or more characters inside a CJK name, a
     pinyin or kana reading): marked in every language line, so the original's 地理标志 lights
     up for "geographical indications" and the translation's "patent" for zhuanli. */
  var conceptCache = new Map();
  function conceptMatches(names, marks) {
    return names.some(function (name) {
      if (CJK_CHAR.test(name)) {
        return marks.cjk.some(function (w) { return w.length >= 2 && name.indexOf(w) !== -1; });
      }
      return (fold(name).match(WORD) || []).some(function (w) { return marks.latin.has(stem(latinWord(w))); });
    });
  }
  function conceptNames(item, marks) {
    var names = [];
    (item.record.c || []).forEach(function (k) {
      var concept = item.concepts[k];
      if (!concept) return;
      if (!conceptCache.has(k)) conceptCache.set(k, conceptMatches(concept, marks));
      if (conceptCache.get(k)) names = names.concat(concept);
    });
    return names;
  }

  function ranges(text, marks, names) {
    var found = [];
    var match;
    TEXT_WORD.lastIndex = 0;
    while ((match = TEXT_WORD.exec(text))) {
      if (marks.latin.has(stem(latinWord(fold(match[0]))))) found.push([match.index, match.index + match[0].length]);
    }
    function every(needle, caseless) {
      if (!needle) return;
      var haystack = caseless ? text.toLowerCase() : text;
      if (haystack.length !== text.length) return;
      var at = haystack.indexOf(needle);
      while (at !== -1) {
        var end = at + needle.length;
        var bounded = !caseless || (!/[0-9a-z]/i.test(text.charAt(at - 1)) && !/[0-9a-z]/i.test(text.charAt(end)));
        if (bounded) found.push([at, end]);
        at = haystack.indexOf(needle, end);
      }
    }
    marks.cjk.forEach(function (w) { every(w, false); });
    (names || []).forEach(function (name) {
      if (CJK_CHAR.test(name)) every(name, false); else every(name.toLowerCase(), true);
    });
    found.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var merged = [];
    found.forEach(function (r) {
      var previous = merged[merged.length - 1];
      if (previous && r[0] <= previous[1]) previous[1] = Math.max(previous[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  function isCJKLang(lang) { return lang === "zh" || lang === "ja" || /^zh-|^ja-/.test(lang); }

  /* The window of a line to show: centred on the marks (the one with the most of them), cut
     at word boundaries in Latin text; `ratio` places an unmarked line where its marked
     counterpart is. */
  function window_(text, found, lang, ratio, marks) {
    var width = isCJKLang(lang) ? 72 : 190;
    if (text.length <= width) return [0, text.length];
    var start;
    if (found.length) {
      /* The window that shows the most of the query's terms, then the most marks. */
      var masks = found.map(function (r) { return marks ? covered(text.slice(r[0], r[1]), marks) : 0; });
      var best = -1, first = true;
      found.forEach(function (r) {
        var candidate = Math.max(0, r[0] - Math.floor(width / 4));
        var mask = 0, count = 0;
        found.forEach(function (x, i) {
          if (x[0] >= candidate && x[1] <= candidate + width) { mask |= masks[i]; count += 1; }
        });
        /* Marks that stand for no query term (another language's name of a matched term):
           the one nearest where the line's counterpart shows its hit. */
        var value = bits(mask) * 1000 + count;
        if (!mask && ratio) value = -Math.abs(candidate - ratio * text.length);
        if (first || value > best) { best = value; start = candidate; first = false; }
      });
    } else {
      start = Math.max(0, Math.round((ratio || 0) * text.length) - Math.floor(width / 4));
    }
    var end = Math.min(text.length, start + width);
    start = Math.max(0, Math.min(start, end - width));
    found.forEach(function (r) { if (r[0] < start && r[1] > start) start = r[0]; });
    if (!isCJKLang(lang)) {
      var firstShown = found.filter(function (r) { return r[0] >= start; })[0];
      if (start > 0) { var space = text.indexOf(" ", start); if (space !== -1 && space - start < 20 && (!firstShown || space < firstShown[0])) start = space + 1; }
      if (end < text.length) { var back = text.lastIndexOf(" ", end); if (back > start + width / 2) end = back; }
    }
    return [start, end];
  }

  function marked(parent, text, found, from, to) {
    var position = from;
    if (from > 0) parent.appendChild(document.createTextNode("…"));
    found.forEach(function (r) {
      var a = Math.max(r[0], from), b = Math.min(r[1], to);
      if (b <= a || a < position) return;
      parent.appendChild(document.createTextNode(text.slice(position, a)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(a, b);
      parent.appendChild(mark);
      position = b;
    });
    parent.appendChild(document.createTextNode(text.slice(position, to)));
    if (to < text.length) parent.appendChild(document.createTextNode("…"));
  }

  function tag(lang) { return lang === "zh" ? "zh-Hans" : lang; }

  function badge(lang) {
    var span = document.createElement("span");
    span.className = "tl-search__lang";
    span.lang = UI_LANG;
    span.textContent = NAMES[lang] || lang;
    return span;
  }

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var optionCount = 0;
  /* Lines of an option, with a space between them for the accessible name. */
  function addLine(a, node) {
    if (a.childNodes.length) a.appendChild(document.createTextNode(" "));
    a.appendChild(node);
  }

  function option(href) {
    var a = el("a", "tl-search__result");
    a.href = new URL(href, SITE).href;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    a.id = "tl-search-option-" + (optionCount++);
    return a;
  }

  function listbox(label) {
    var list = el("div", "tl-search__list");
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-labelledby", label.id);
    return list;
  }

  var groupCount = 0;
  function group(parent, className, build) {
    var section = el("section", "tl-search__group " + className);
    var title = el("p", "tl-search__group-title");
    title.id = "tl-search-group-" + (groupCount++);
    build(title);
    section.appendChild(title);
    var list = listbox(title);
    section.appendChild(list);
    parent.appendChild(section);
    return list;
  }

  /* A paragraph or heading section: each language's line, marked, the edition's first. */
  function textOption(item, marks) {
    var record = item.record;
    var a = option(record.u);
    if (record.n) {
      a.classList.add("tl-search__result--numbered");
      addLine(a, el("span", "tl-search__where tl-search__where--number", "¶" + record.n));
    } else if (record.h) {
      addLine(a, el("span", "tl-search__where", record.h));
    }
    var names = conceptNames(item, marks);
    var parts = record.p.slice().sort(function (x, y) { return (y[0] === meta.lang) - (x[0] === meta.lang); });
    var lines = parts.map(function (part) { return { lang: part[0], text: part[1], found: ranges(part[1], marks, names) }; });
    /* A line without a mark shows the stretch where its marked counterpart's window is. */
    var ratio = 0, anchor = null, most = 0;
    lines.forEach(function (line) {
      var mask = 0;
      line.found.forEach(function (r) { mask |= covered(line.text.slice(r[0], r[1]), marks); });
      if (bits(mask) > most) { most = bits(mask); anchor = line; }
    });
    if (anchor) {
      anchor.cut = window_(anchor.text, anchor.found, anchor.lang, 0, marks);
      ratio = (anchor.cut[0] + 1) / Math.max(1, anchor.text.length);
    }
    lines.forEach(function (line) {
      var span = el("span", "tl-search__part");
      span.lang = tag(line.lang);
      span.appendChild(badge(line.lang));
      span.appendChild(document.createTextNode(" "));
      var cut = line.cut || window_(line.text, line.found, line.lang, ratio, marks);
      var body = el("span", "tl-search__text");
      marked(body, line.text, line.found, cut[0], cut[1]);
      span.appendChild(body);
      addLine(a, span);
    });
    return a;
  }

  function readingMatches(reading, marks) {
    if (!reading) return false;
    var joined = reading.split(/\s+/).map(latinWord).join("");
    return marks.all.has(stem(fold(joined))) || marks.all.has(fold(reading).replace(/\s+/g, ""));
  }

  /* A glossary entry or a reference: the names in each language (with the reading), then a
     line of detail and the note, marked; `card` shows the note whole. */
  function entryOption(item, marks, card) {
    var record = item.record;
    var entry = record.g || record.r;
    var a = option(record.u);
    a.classList.add(card ? "tl-search__result--card" : "tl-search__result--entry");
    var names = el("span", "tl-search__names");
    entry.t.forEach(function (name, i) {
      if (i) names.appendChild(el("span", "tl-search__sep", " · "));
      var span = el(i === 0 ? "strong" : "span", "tl-search__name");
      span.lang = tag(name[0]);
      marked(span, name[1], ranges(name[1], marks), 0, name[1].length);
      names.appendChild(span);
      if (name[2]) {
        names.appendChild(document.createTextNode(" "));
        var reading = el("span", "tl-search__reading", name[2]);
        reading.lang = name[0] === "zh" ? "zh-Latn-pinyin" : "ja-Hira";
        if (readingMatches(name[2], marks)) { reading.textContent = ""; reading.appendChild(el("mark", "", name[2])); }
        names.appendChild(reading);
      }
    });
    addLine(a, names);
    var detail = [entry.k, entry.i].filter(Boolean).join(" · ");
    if (entry.v && entry.v.length) {
      /* Other forms, when one of them is what matched. */
      var variants = entry.v.map(function (v) { return v[1]; }).join(", ");
      var variantMarks = ranges(variants, marks);
      if (variantMarks.length) {
        var variantLine = el("span", "tl-search__detail");
        marked(variantLine, variants, variantMarks, 0, variants.length);
        addLine(a, variantLine);
      }
    }
    if (detail) addLine(a, el("span", "tl-search__detail", detail));
    if (entry.o) {
      var note = el("span", "tl-search__note");
      note.lang = tag(entry.o[0]);
      var found = ranges(entry.o[1], marks);
      var cut = card ? [0, entry.o[1].length] : window_(entry.o[1], found, entry.o[0], 0, marks);
      marked(note, entry.o[1], found, cut[0], cut[1]);
      addLine(a, note);
    }
    return a;
  }

  /* The query names a glossary term or reference exactly (any language, variant or reading). */
  function exact(item, query) {
    var entry = item.record.g || item.record.r;
    var wanted = key(query);
    if (!wanted) return false;
    var candidates = [];
    entry.t.forEach(function (name) { candidates.push(name[1]); if (name[2]) candidates.push(name[2]); });
    (entry.v || []).forEach(function (v) { candidates.push(v[1]); });
    return candidates.some(function (c) { return key(c) === wanted; });
  }

  function phrased(view, parsed) {
    var phrase = parsed.text;
    if (phrase.length < 4 || !/\s|[\u3040-\u9fff]{3,}/.test(phrase)) return;
    view.pages.forEach(function (g) {
      g.items.forEach(function (r) {
        var record = shown(r.d).record;
        if (record.p.some(function (part) { return fold(part[1]).indexOf(phrase) !== -1; })) r.s *= PHRASE;
      });
      g.items.sort(function (x, y) { return y.s - x.s; });
      g.best = g.items[0].s;
    });
    view.pages.sort(function (x, y) {
      return (publicationOf(y.items[0].d) >= 0) - (publicationOf(x.items[0].d) >= 0) || y.best - x.best;
    });
  }

  /* ---- the dialog ---- */

  var dialog = root.querySelector("dialog");
  var input = root.querySelector("input[name=q]");
  input.setAttribute("enterkeyhint", "search");
  var results = root.querySelector(".tl-search__results");
  var status = root.querySelector(".tl-search__status");
  var publicationField = root.querySelector(".tl-search__publication");
  var publicationSelect = publicationField.querySelector("select");
  var kindInputs = Array.prototype.slice.call(root.querySelectorAll("input[name=tl-search-kind]"));
  var counters = {};
  Array.prototype.forEach.call(root.querySelectorAll(".tl-search__count"), function (c) { counters[c.dataset.kind] = c; });
  var publicationNames = [];

  function fillPublications() {
    publicationNames = meta.publications.map(function (p) { return p[1]; });
    while (publicationSelect.options.length > 1) publicationSelect.remove(1);
    if (publicationNames.length < 2) return;
    publicationNames.forEach(function (title, i) {
      var item = document.createElement("option");
      item.value = String(i);
      item.textContent = title;
      publicationSelect.appendChild(item);
    });
    publicationField.hidden = false;
  }

  function counts(view) {
    Object.keys(counters).forEach(function (k) {
      counters[k].textContent = view ? String(view.kindCounts[k] || 0) : "";
    });
    Array.prototype.forEach.call(publicationSelect.options, function (item) {
      if (!item.value) return;
      var n = view ? view.publicationCounts[item.value] || 0 : null;
      item.textContent = publicationNames[Number(item.value)] + (n === null ? "" : " (" + n + ")");
    });
  }

  function say(text) { if (status.textContent !== text) status.textContent = text; }

  function countText(n) {
    return n === 0 ? data.none : n === 1 ? data.one : data.other.replace("#", n);
  }

  var active = null;
  function options() { return Array.prototype.slice.call(results.querySelectorAll("[role=option]")); }
  function activate(node, scroll) {
    if (active) active.setAttribute("aria-selected", "false");
    active = node;
    if (node) {
      node.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", node.id);
      if (scroll) node.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }
  function move(step) {
    var all = options();
    if (!all.length) return;
    var at = all.indexOf(active);
    var next = at === -1 ? (step > 0 ? 0 : all.length - 1) : (at + step + all.length) % all.length;
    activate(all[next], true);
  }

  function render(view, query, parsed, found) {
    var box = document.createDocumentFragment();
    conceptCache = new Map();
    optionCount = 0;
    groupCount = 0;
    var marks = highlighter(found.terms);
    var card = null;
    /* The entry the query names, among the best glossary and reference results (the term
       itself may rank below longer terms that contain it: IP, intellectual property). */
    view.candidates.forEach(function (c) {
      if (card) return;
      var item = { record: shown(c.r.d).record, concepts: {} };
      if (exact(item, query)) card = { kind: c.kind, d: c.r.d, item: item };
    });
    if (card) {
      var cardList = group(box, "tl-search__group--card", function (title) { title.textContent = S[card.kind]; });
      cardList.appendChild(entryOption(card.item, marks, true));
      view[card.kind] = view[card.kind].filter(function (r) { return r.d !== card.d; });
    }
    var several = publicationNames.length > 1;
    view.pages.forEach(function (g) {
      var first = shown(g.items[0].d);
      var publication = publicationOf(g.items[0].d);
      var list = group(box, "tl-search__group--page", function (title) {
        var publicationTitle = publication >= 0 ? publicationNames[publication] : "";
        if (several && publicationTitle && publicationTitle !== first.title) {
          title.appendChild(el("span", "tl-search__publication-title", publicationTitle));
        }
        title.appendChild(el("span", "tl-search__page-title", first.title));
      });
      g.items.forEach(function (r) {
        var item = shown(r.d);
        list.appendChild(textOption(item, marks));
      });
    });
    if (view.morePages) {
      var moreList = group(box, "tl-search__group--more", function (title) { title.textContent = S.text; title.className += " tl-search__hidden"; });
      var more = el("div", "tl-search__more", (S.more || "#").replace("#", view.morePages));
      more.setAttribute("role", "option");
      more.setAttribute("aria-selected", "false");
      more.id = "tl-search-option-" + (optionCount++);
      more.dataset.more = "true";
      moreList.appendChild(more);
    }
    ["glossary", "references"].forEach(function (kind) {
      if (!view[kind].length) return;
      var list = group(box, "tl-search__group--" + kind, function (title) { title.textContent = S[kind]; });
      view[kind].forEach(function (r) { list.appendChild(entryOption(shown(r.d), marks, false)); });
    });
    activate(null);
    results.replaceChildren(box);
    results.dataset.query = query;
    results.scrollTop = 0;
    input.setAttribute("aria-expanded", view.total ? "true" : "false");
    counts(view);
    var message = countText(view.total);
    if (found.partial) message += " " + S.partial;
    if (found.fuzzy.length) message += " " + S.fuzzy.replace("#", found.fuzzy.join(", "));
    say(message);
  }

  function clear(query) {
    activate(null);
    results.replaceChildren();
    results.dataset.query = query;
    input.setAttribute("aria-expanded", "false");
    counts(null);
  }

  var sequence = 0;
  var last = null;
  function update() {
    var mine = ++sequence;
    var query = input.value;
    var parsed = parse(query);
    function stale() { return mine !== sequence; }
    if (!parsed.units.length) {
      clear(query);
      say(data.placeholder);
      return Promise.resolve();
    }
    if (!meta) say(S.loading);
    var found;
    return loadMeta()
      .then(function () { return stale() ? null : bucketsFor(parsed); })
      .then(function () {
        if (stale()) return null;
        found = interpret(parsed);
        var wanted = {};
        found.terms.forEach(function (t) { t.alts.forEach(function (a) { wanted[a.shard] = true; }); });
        return Promise.all(Object.keys(wanted).map(function (s) { return shard(Number(s)); }));
      })
      .then(function () {
        if (stale()) return null;
        var scored = score(found.terms);
        found.list = scored.list;
        found.partial = scored.partial;
        last = { query: query, parsed: parsed, found: found };
        return show(mine);
      })
      .catch(function (error) {
        if (stale()) return;
        /* A site deployed since this page loaded has other files: read meta.json again, once. */
        if (!retried && meta) {
          retried = true;
          forget();
          return update();
        }
        clear(query);
        say(S.error);
        if (window.console) console.error("search:", error);
      });
  }
  var retried = false;
  function forget() {
    meta = null;
    metaPromise = null;
    [files, buckets, shards, fragments].forEach(function (cache) { cache.clear(); });
  }

  /* Filters and "more" re-render the last results without searching again. */
  function show(mine) {
    if (!last) return Promise.resolve();
    var view = select(last.found.list);
    return needed(view).then(function () {
      if (mine !== sequence) return;
      phrased(view, last.parsed);
      render(view, last.query, last.parsed, last.found);
    });
  }

  function refresh() { return update(); }

  /* The header button, where Material puts its own search. */
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon tl-search__open";
  button.setAttribute("aria-label", data.label);
  button.title = data.label + " (/)";
  var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  var path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5");
  svg.appendChild(path);
  button.appendChild(svg);
  var header = document.querySelector(".md-header__inner");
  if (header) header.insertBefore(button, header.querySelector(".md-header__source"));

  function prefetch() { loadMeta().catch(function () {}); }
  button.addEventListener("pointerenter", prefetch);
  button.addEventListener("focus", prefetch);

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    update();
  }
  button.addEventListener("click", open);
  document.addEventListener("keydown", function (event) {
    var typing = /^(input|textarea|select)$/i.test(event.target.tagName) || event.target.isContentEditable;
    if (!typing && (event.key === "/" || event.key === "s") && !event.metaKey && !event.ctrlKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });

  var composing = false;
  input.addEventListener("compositionstart", function () { composing = true; });
  input.addEventListener("compositionend", function () { composing = false; state.pages = PAGES_SHOWN; update(); });
  input.addEventListener("input", function (event) {
    if (composing || event.isComposing) return;
    state.pages = PAGES_SHOWN;
    update();
  });

  function follow(node) {
    if (!node) return;
    if (node.dataset.more) {
      state.pages += PAGES_SHOWN;
      var keep = options().indexOf(node);
      refresh().then(function () {
        var all = options();
        activate(all[Math.min(keep, all.length - 1)] || null, true);
      });
      return;
    }
    dialog.close();
    var target = new URL(node.href);
    if (target.href === location.href) window.dispatchEvent(new HashChangeEvent("hashchange"));
    else location.href = target.href;
  }

  input.addEventListener("keydown", function (event) {
    if (event.isComposing || composing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      follow(active || options()[0]);
    } else if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
    }
  });
  results.addEventListener("click", function (event) {
    var node = event.target.closest("[role=option]");
    if (!node || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    follow(node);
  });
  results.addEventListener("mousemove", function (event) {
    var node = event.target.closest("[role=option]");
    if (node && node !== active) activate(node, false);
  });
  kindInputs.forEach(function (radio) {
    radio.addEventListener("change", function () {
      state.kind = radio.value;
      state.pages = PAGES_SHOWN;
      refresh();
    });
  });
  publicationSelect.addEventListener("change", function () {
    state.publication = publicationSelect.value;
    state.pages = PAGES_SHOWN;
    refresh();
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();
  });
  root.querySelector(".tl-search__close").addEventListener("click", function () { dialog.close(); });
  root.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
})();
