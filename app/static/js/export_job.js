// Follows an export job: asks for its state every two seconds and says it in the page's
// live region, with the download link once the file is ready or the "Try again" button if
// it failed. Without this script the page's link shows the same by reloading it.
(function () {
  "use strict";
  var region = document.getElementById("job-status");
  var url = region && region.getAttribute("data-status-url");
  if (!url || !window.fetch) { return; }
  var reload = document.getElementById("job-reload");
  var last = null;

  function show(data) {
    if (data.state === last) { return; }
    last = data.state;
    var paragraph = document.createElement("p");
    paragraph.textContent = data.message;
    if (data.state === "failed") { paragraph.className = "flash flash-error"; }
    region.replaceChildren(paragraph);
    if (data.download) {
      var link = document.createElement("a");
      link.className = "button";
      link.href = data.download;
      link.setAttribute("download", "");
      link.textContent = data.download_label;
      var holder = document.createElement("p");
      holder.appendChild(link);
      region.appendChild(holder);
    }
    var retry = document.getElementById("job-retry");
    if (retry && data.state === "failed") {  // the same "Try again" button as a reload shows
      region.parentNode.insertBefore(retry.content.cloneNode(true), region.nextSibling);
    }
    if (reload && (data.state === "done" || data.state === "failed")) {
      reload.querySelector("a").textContent = reload.getAttribute("data-details");
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show(data);
        if (data.state === "queued" || data.state === "running") { setTimeout(poll, 2000); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }

  setTimeout(poll, 1000);
})();
