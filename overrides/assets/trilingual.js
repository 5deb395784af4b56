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

  function init() {
    document.querySelectorAll(".tl-parallel").forEach(addCopyControls);
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
