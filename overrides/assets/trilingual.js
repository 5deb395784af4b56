/* The reader's script: view modes, paragraph links and citation copying, glossary popovers and
   the "Show glossary terms" switch, sentence alignment, the reader's place kept across a
   language switch, and the 404 page's routing. Everything it adds is optional: without it the
   original stands beside the translation and terms show their tooltip on hover or focus. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.add("tl-js");

  function stored(key) {
    try { return localStorage.getItem(key); } catch (error) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (error) { /* private mode: this page only */ }
  }

  var strings = {};
  try {
    var data = document.getElementById("tl-strings");
    if (data) strings = JSON.parse(data.textContent);
  } catch (error) { strings = {}; }

  /* -- the 404 page ------------------------------------------------------------------- */

  /* The search markup's base is "<base_url>/"; on a 404 page served at the site's root that
     is "//", which would read as a host. */
  var search = document.getElementById("tl-search");
  if (search && /\/\/$/.test(search.dataset.base || "")) search.dataset.base = search.dataset.base.replace(/\/+$/, "/");

  function notFound() {
    var box = document.querySelector(".tl-404");
    if (!box) return;
    var base = new URL(box.dataset.base || "/", location.href).pathname;
    var editions = JSON.parse(box.dataset.editions || "[]");
    if (box.dataset.root === "true") {
      /* GitHub Pages answers every missing address with the root 404: a reader of /ja/… or
         /en/… goes on to that edition's, which puts the address back. */
      var rest = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : "";
      var first = rest.split("/")[0];
      if (editions.indexOf(first) > 0) {
        location.replace(base + first + "/404.html?from=" + encodeURIComponent(location.pathname + location.search + location.hash));
        return;
      }
    } else {
      var from = new URLSearchParams(location.search).get("from");
      if (from && from.charAt(0) === "/" && from.charAt(1) !== "/" && from.indexOf(base) === 0) {
        history.replaceState(null, "", from);
      }
    }
    document.addEventListener("DOMContentLoaded", function () {
      var button = box.querySelector(".tl-404__search");
      var opener = document.querySelector(".tl-search__open");
      if (!button || !opener) return;
      button.hidden = false;
      button.addEventListener("click", function () { opener.click(); });
    });
  }

  /* -- paragraph tools ------------------------------------------------------------------ */

  var ICONS = {
    link: "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.982 2.982 0 0 0 0-4.24 2.982 2.982 0 0 0-4.24 0l-3.53 3.53a2.982 2.982 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.982 2.982 0 0 0 0 4.24 2.982 2.982 0 0 0 4.24 0l3.53-3.53a2.982 2.982 0 0 0 0-4.24.973.973 0 0 1 0-1.42Z",
    cite: "M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3l-2 4Z"
  };

  function icon(path) {
    var svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
    shape.setAttribute("d", path);
    svg.appendChild(shape);
    return svg;
  }

  function copy(text, button, parallel) {
    var done = function () {
      var label = button.getAttribute("aria-label");
      button.setAttribute("aria-label", parallel.dataset.labelCopied || "✓");
      button.title = parallel.dataset.labelCopied || "✓";
      button.classList.add("tl-done");
      setTimeout(function () {
        button.setAttribute("aria-label", label);
        button.title = label;
        button.classList.remove("tl-done");
      }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("", text); });
    } else {
      window.prompt("", text);
    }
  }

  /* A paragraph's citation in the page's language: the build fills the document's part of the
     template (issuer, titles, date), the reader's browser the paragraph, the URL and today. */
  function citation(parallel, row) {
    var number = row.id.replace(/^s(\d+)\.p(\d+)$/, "$1.$2").replace(/^s(\d+)\.title$/, "$1");
    var today = new Date().toLocaleDateString(parallel.dataset.citeLocale || undefined,
      { year: "numeric", month: "long", day: "numeric" });
    var values = { number: number, url: location.href.split("#")[0] + "#" + row.id, accessed: today };
    return (parallel.dataset.cite || "").replace(/\{(number|url|accessed)\}/g, function (_, name) { return values[name]; });
  }

  /* The tools sit in the row, not in a cell, so they are there in every view. */
  function addCopyControls(parallel) {
    parallel.querySelectorAll(".tl-row[id] > .tl-tools").forEach(function (tools) {
      if (tools.querySelector("button")) return;
      var row = tools.parentNode;
      [["labelLink", "link", function () { return location.href.split("#")[0] + "#" + row.id; }],
       ["labelCite", "cite", function () { return citation(parallel, row); }]
      ].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "tl-copy tl-copy--" + spec[1];
        button.setAttribute("aria-label", parallel.dataset[spec[0]]);
        button.title = parallel.dataset[spec[0]];
        button.appendChild(icon(ICONS[spec[1]]));
        button.addEventListener("click", function () { copy(spec[2](), button, parallel); });
        tools.appendChild(button);
      });
    });
  }

  function highlightTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var row = id && document.getElementById(id);
    if (!row || !row.classList.contains("tl-row")) return;
    row.classList.remove("tl-highlight");
    void row.offsetWidth;
    row.classList.add("tl-highlight");
    row.scrollIntoView({ block: "start" });
  }

  /* -- view modes, the terms switch ------------------------------------------------------ */

  /* The views an edition offers, in order, from data-views ({label, modes: [[view, label]…]});
     the first is the default: side by side in a translation's edition, the original alone in
     the original's. */
  function viewsOf(parallel) {
    return (JSON.parse(parallel.dataset.views || "{}").modes || []).map(function (mode) { return mode[0]; });
  }
  var narrow = window.matchMedia("(max-width: 44.9375em)");

  function setView(parallel, view) {
    parallel.dataset.view = view;
    /* On a phone the original stands above its translation in both of these: one button. */
    var shown = narrow.matches && view === "side" ? "interleaved" : view;
    parallel.parentNode.querySelectorAll(".tl-views button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === shown));
    });
  }

  function termsShown() { return stored("tl-terms") !== "off"; }

  function applyTerms(on) {
    root.classList.toggle("tl-terms-off", !on);
    document.querySelectorAll(".md-content a.tl-term, .md-content a.tl-reference").forEach(function (link) {
      if (on) link.removeAttribute("tabindex");
      else link.setAttribute("tabindex", "-1");
    });
    document.querySelectorAll(".tl-terms input").forEach(function (box) { box.checked = on; });
    if (!on) closePopover();
  }

  function addToolbar(parallel) {
    var bar = document.createElement("div");
    bar.className = "tl-toolbar tl-no-annotate";
    if (parallel.dataset.views) {
      var labels = JSON.parse(parallel.dataset.views);
      var box = document.createElement("div");
      box.className = "tl-views";
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", labels.label);
      var label = document.createElement("span");
      label.className = "tl-views__label";
      label.textContent = labels.label;
      box.appendChild(label);
      viewsOf(parallel).forEach(function (view) {
        var button = document.createElement("button");
        button.type = "button";
        button.dataset.view = view;
        button.textContent = labels.modes[viewsOf(parallel).indexOf(view)][1];
        button.addEventListener("click", function () {
          store("tl-view", view);
          document.querySelectorAll(".tl-parallel[data-views]").forEach(function (other) { setView(other, view); });
        });
        box.appendChild(button);
      });
      bar.appendChild(box);
    }
    if (parallel.querySelector("a.tl-term, a.tl-reference")) {
      var terms = document.createElement("div");
      terms.className = "tl-terms";
      var toggle = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.checked = termsShown();
      input.addEventListener("change", function () {
        store("tl-terms", input.checked ? "on" : "off");
        applyTerms(input.checked);
      });
      toggle.appendChild(input);
      toggle.appendChild(document.createTextNode(parallel.dataset.labelTerms || ""));
      terms.appendChild(toggle);
      var legend = document.createElement("span");
      legend.className = "tl-terms__legend";
      [["tl-terms__term", parallel.dataset.labelTerm], ["tl-terms__reference", parallel.dataset.labelReference]].forEach(function (pair, i) {
        if (i) legend.appendChild(document.createTextNode(" · "));
        var sample = document.createElement("span");
        sample.className = pair[0];
        sample.textContent = pair[1] || "";
        legend.appendChild(sample);
      });
      terms.appendChild(legend);
      bar.appendChild(terms);
    }
    if (bar.childNodes.length) parallel.parentNode.insertBefore(bar, parallel);
    if (parallel.dataset.views) {
      var view = stored("tl-view"), views = viewsOf(parallel);
      setView(parallel, views.indexOf(view) >= 0 ? view : views[0]);
    }
  }

  /* -- glossary popovers ----------------------------------------------------------------- */

  var popover = null;
  var popoverOwner = null;

  function closePopover() {
    if (!popover || popover.hidden) return;
    popover.hidden = true;
    if (popoverOwner) popoverOwner.removeAttribute("aria-describedby");
    popoverOwner = null;
  }

  function place(link) {
    var box = link.getBoundingClientRect();
    var width = popover.offsetWidth, height = popover.offsetHeight;
    var left = Math.min(Math.max(4, box.left), window.innerWidth - width - 4);
    var top = box.bottom + 6;
    if (top + height > window.innerHeight - 4 && box.top - height - 6 > 4) top = box.top - height - 6;
    popover.style.left = Math.max(4, left) + "px";
    popover.style.top = Math.max(4, top) + "px";
  }

  function openPopover(link) {
    if (root.classList.contains("tl-terms-off")) return;
    if (!popover) {
      popover = document.createElement("div");
      popover.id = "tl-popover";
      popover.className = "tl-popover tl-no-annotate";
      popover.setAttribute("role", "tooltip");
      popover.hidden = true;
      popover.addEventListener("mouseleave", function (event) {
        if (!popoverOwner || !popoverOwner.contains(event.relatedTarget)) closePopover();
      });
      document.body.appendChild(popover);
    }
    popover.textContent = "";
    var names = strings.languages || {};
    Object.keys(names).forEach(function (code) {
      var text = link.getAttribute("data-" + code);
      if (!text) return;
      var line = document.createElement("div");
      line.className = "tl-popover__line";
      var label = document.createElement("span");
      label.className = "tl-popover__lang";
      label.lang = code;
      label.textContent = names[code];
      var name = document.createElement("span");
      name.lang = code;
      name.textContent = text;
      line.appendChild(label);
      line.appendChild(name);
      popover.appendChild(line);
    });
    var more = document.createElement("a");
    more.href = link.href;
    more.lang = root.lang;
    more.tabIndex = -1;
    more.textContent = link.classList.contains("tl-reference") ? strings.openReference : strings.openEntry;
    popover.appendChild(more);
    if (popoverOwner && popoverOwner !== link) popoverOwner.removeAttribute("aria-describedby");
    popoverOwner = link;
    link.setAttribute("aria-describedby", "tl-popover");
    popover.hidden = false;
    place(link);
  }

  function popovers() {
    var touch = window.matchMedia("(hover: none)");
    function termOf(target) {
      return target && target.closest && target.closest(".md-content a.tl-term, .md-content a.tl-reference");
    }
    document.addEventListener("mouseover", function (event) {
      var link = termOf(event.target);
      if (link && !touch.matches) openPopover(link);
    });
    document.addEventListener("mouseout", function (event) {
      var link = termOf(event.target);
      if (!link || touch.matches) return;
      if (popover && popover.contains(event.relatedTarget)) return;
      if (!link.contains(event.relatedTarget)) closePopover();
    });
    var focused = { link: null, at: 0 };
    document.addEventListener("focusin", function (event) {
      var link = termOf(event.target);
      if (link) focused = { link: link, at: Date.now() };
      if (link) openPopover(link);
      else if (!(popover && popover.contains(event.target))) closePopover();
    });
    /* On a touch screen a tap shows the names and a second tap hides them: the page stays;
       the popover's own link opens the entry. */
    document.addEventListener("click", function (event) {
      var link = termOf(event.target);
      if (link && touch.matches && !root.classList.contains("tl-terms-off")) {
        event.preventDefault();
        /* The tap's own focus may just have opened it: that tap opens, the next one closes. */
        var justFocused = focused.link === link && Date.now() - focused.at < 600;
        if (popoverOwner === link && popover && !popover.hidden && !justFocused) closePopover();
        else openPopover(link);
        focused = { link: null, at: 0 };
        return;
      }
      if (link && root.classList.contains("tl-terms-off")) { event.preventDefault(); return; }
      if (!(popover && popover.contains(event.target))) closePopover();
    });
    document.addEventListener("keydown", function (event) { if (event.key === "Escape") closePopover(); });
    window.addEventListener("scroll", function () { if (popoverOwner && popover && !popover.hidden) place(popoverOwner); }, { passive: true });
    window.addEventListener("resize", closePopover);
  }

  /* -- sentence alignment ---------------------------------------------------------------- */

  /* Hovering or focusing a sentence lights up its counterparts; a tap or click keeps them lit. */
  function alignSentences(parallel) {
    function segOf(event) { return event.target.closest && event.target.closest(".tl-seg[data-seg]"); }
    function mark(seg, on, className) {
      seg.closest(".tl-row").querySelectorAll('.tl-seg[data-seg="' + seg.dataset.seg + '"]').forEach(function (each) {
        each.classList.toggle(className, on);
      });
    }
    function hover(event, on) {
      var seg = segOf(event);
      if (seg && !seg.classList.contains("tl-pinned")) mark(seg, on, "tl-aligned");
    }
    parallel.addEventListener("mouseover", function (event) { hover(event, true); });
    parallel.addEventListener("mouseout", function (event) { hover(event, false); });
    parallel.addEventListener("focusin", function (event) { hover(event, true); });
    parallel.addEventListener("focusout", function (event) { hover(event, false); });
    parallel.addEventListener("click", function (event) {
      /* A tap on a paragraph shows its tools (touch screens have no hover). */
      var row = event.target.closest && event.target.closest(".tl-row[id]");
      parallel.querySelectorAll(".tl-row--active").forEach(function (each) {
        if (each !== row) each.classList.remove("tl-row--active");
      });
      if (row) row.classList.add("tl-row--active");
      var seg = segOf(event);
      if (!seg || event.target.closest("a, button")) return;
      if (window.getSelection && String(window.getSelection())) return;
      var pinned = seg.classList.contains("tl-pinned");
      parallel.querySelectorAll(".tl-pinned").forEach(function (each) {
        each.classList.remove("tl-pinned", "tl-aligned");
      });
      if (!pinned) {
        mark(seg, true, "tl-pinned");
        mark(seg, true, "tl-aligned");
      }
    });
  }

  /* -- the reader's place ---------------------------------------------------------------- */

  /* While the reader scrolls, the address names the first paragraph in view (or the one
     focused), so that the language switch, a bookmark or a reload comes back to it. */
  function keepPlace() {
    var rows = Array.prototype.slice.call(document.querySelectorAll(".tl-parallel .tl-row[id]"));
    if (!rows.length) return;
    var pending = false;
    function header() {
      var bar = document.querySelector(".md-header");
      return bar ? bar.getBoundingClientRect().bottom : 0;
    }
    function remember(id) {
      var url = location.pathname + location.search + (id ? "#" + id : "");
      if (url !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", url);
    }
    function update() {
      pending = false;
      if (window.scrollY < 40) { if (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1))) === rows[0]) remember(""); return; }
      /* The paragraph being read: the first one reaching below the top quarter of the view. */
      var top = header() + (window.innerHeight - header()) / 4;
      for (var i = 0; i < rows.length; i++) {
        var box = rows[i].getBoundingClientRect();
        if (box.height && box.bottom > top) { remember(rows[i].id); return; }
      }
    }
    window.addEventListener("scroll", function () {
      if (!pending) { pending = true; setTimeout(update, 150); }
    }, { passive: true });
    document.addEventListener("focusin", function (event) {
      var row = event.target.closest && event.target.closest(".tl-parallel .tl-row[id]");
      if (row) remember(row.id);
    });
  }

  function init() {
    document.querySelectorAll(".tl-parallel").forEach(function (parallel) {
      addToolbar(parallel);
      addCopyControls(parallel);
      alignSentences(parallel);
    });
    applyTerms(termsShown());
    narrow.addEventListener("change", function () {
      document.querySelectorAll(".tl-parallel[data-views]").forEach(function (parallel) { setView(parallel, parallel.dataset.view); });
    });
    highlightTarget();
    keepPlace();
  }

  notFound();
  popovers();
  window.addEventListener("hashchange", highlightTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The language switcher keeps the reader's place: the same page, at the paragraph in the
   address (kept current while scrolling, above). */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  if (document.querySelector(".tl-404")) return;
  event.preventDefault();
  event.stopPropagation();
  location.href = link.href.split("#")[0] + location.hash;
}, true);
