/* Live reload in `mkdocs serve` under the site's Content-Security-Policy.
 *
 * MkDocs injects an inline script that polls the server and reloads the page after a rebuild;
 * the policy blocks it (it trusts only the site's own scripts and the page's known inline ones).
 * This file, added to pages by the trilingual plugin in `mkdocs serve` only, reads the two
 * numbers of the blocked script and polls the same way.
 */
function trilingualLiveReload() {
  "use strict";
  var match = null;
  var scripts = document.querySelectorAll("script:not([src])");
  for (var i = 0; i < scripts.length && !match; i++) {
    match = /livereload\((\d+), (\d+)\);\s*$/.exec(scripts[i].textContent);
  }
  if (!match) return;
  var epoch = parseFloat(match[1]);
  var requestId = match[2];
  var request, timeout;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) request.abort();
    if (timeout) clearTimeout(timeout);
    request = timeout = undefined;
  }

  if (document.visibilityState === "visible") poll();
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll();
    else stop();
  });
  window.addEventListener("beforeunload", stop);
}

// MkDocs adds its script at the end of the body, after this one: look once the page is read.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", trilingualLiveReload);
} else {
  trilingualLiveReload();
}
