/* Reader features that need a script: paragraph link and citation copying, highlighting the
   paragraph a link opens, and tooltips on touch screens. Everything works without it. */
(function () {
  "use strict";

  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = button.closest(".tl-parallel").dataset.labelCopied || "✓";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { window.prompt("", text); });
    } else {
      window.prompt("", text);
    }
  }

  function addCopyControls(parallel) {
    parallel.querySelectorAll(".tl-row[id]:not(.tl-row--head)").forEach(function (row) {
      var cell = row.querySelector(".tl-cell--source");
      if (!cell || cell.querySelector(".tl-copy")) return;
      var url = location.href.split("#")[0] + "#" + row.id;
      var box = document.createElement("span");
      box.className = "tl-copy tl-no-annotate";
      box.lang = document.documentElement.lang;
      [["labelLink", url], ["labelCite", parallel.dataset.cite + " " + row.id + ". " + url]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = parallel.dataset[pair[0]];
        button.addEventListener("click", function () { copy(pair[1], button); });
        box.appendChild(button);
      });
      cell.appendChild(box);
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

  /* On touch screens the first tap on a term shows its tooltip; a second tap follows the link. */
  function touchTooltips() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.tl-term, a.tl-reference");
      document.querySelectorAll(".tl-tip-open").forEach(function (open) {
        if (open !== link) open.classList.remove("tl-tip-open");
      });
      if (!link || !window.matchMedia("(hover: none)").matches) return;
      if (!link.classList.contains("tl-tip-open")) {
        event.preventDefault();
        link.classList.add("tl-tip-open");
      }
    });
  }

  var VIEWS = ["side", "interleaved", "translation", "original", "compare"];

  function storedView() {
    try { return localStorage.getItem("tl-view"); } catch (error) { return null; }
  }

  function setView(parallel, view) {
    parallel.dataset.view = view;
    parallel.parentNode.querySelectorAll(".tl-views button").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.dataset.view === view));
    });
  }

  function addViewControls(parallel) {
    if (!parallel.dataset.views) return;
    var labels = JSON.parse(parallel.dataset.views);
    var box = document.createElement("div");
    box.className = "tl-views tl-no-annotate";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", labels.label);
    var label = document.createElement("span");
    label.className = "tl-views__label";
    label.textContent = labels.label;
    box.appendChild(label);
    VIEWS.forEach(function (view) {
      var button = document.createElement("button");
      button.type = "button";
      button.dataset.view = view;
      button.textContent = labels[view];
      button.addEventListener("click", function () {
        try { localStorage.setItem("tl-view", view); } catch (error) { /* private mode: this page only */ }
        document.querySelectorAll(".tl-parallel[data-views]").forEach(function (other) { setView(other, view); });
      });
      box.appendChild(button);
    });
    parallel.parentNode.insertBefore(box, parallel);
    var view = storedView();
    setView(parallel, VIEWS.indexOf(view) >= 0 ? view : "side");
  }

  /* Hovering or focusing a sentence highlights its counterparts in the other columns. */
  function alignSentences(parallel) {
    function mark(event, on) {
      var seg = event.target.closest && event.target.closest(".tl-seg[data-seg]");
      if (!seg) return;
      var row = seg.closest(".tl-row");
      row.querySelectorAll('.tl-seg[data-seg="' + seg.dataset.seg + '"]').forEach(function (each) {
        each.classList.toggle("tl-aligned", on);
      });
    }
    parallel.addEventListener("mouseover", function (event) { mark(event, true); });
    parallel.addEventListener("mouseout", function (event) { mark(event, false); });
    parallel.addEventListener("focusin", function (event) { mark(event, true); });
    parallel.addEventListener("focusout", function (event) { mark(event, false); });
  }

  function init() {
    document.querySelectorAll(".tl-parallel").forEach(function (parallel) {
      addViewControls(parallel);
      addCopyControls(parallel);
      alignSentences(parallel);
    });
    highlightTarget();
  }

  touchTooltips();
  window.addEventListener("hashchange", highlightTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* The language switcher keeps the paragraph anchor: the same page, at the same place. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  event.stopPropagation();
  location.href = link.href.split("#")[0] + location.hash;
}, true);
