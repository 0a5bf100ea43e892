// Reload the report page when the worker has finished (no library; the page works without it).
(function () {
  var box = document.getElementById("run-status");
  if (!box) { return; }
  function poll() {
    fetch(box.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.status === "done" || s.status === "failed") { window.location.reload(); }
        else { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
