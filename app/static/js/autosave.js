// Saves the round page in the background a few seconds after the last change, and shows
// when it was saved. Without this script the "Save draft" button does the same.
// It also warns before leaving the page with changes not saved yet, and moves the keyboard
// focus to the message after a reload, and to the field an error link names.
(function () {
  "use strict";
  focusMessageOrField();
  var form = document.getElementById("response-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("save-status");
  var versionInput = form.querySelector('input[name="version"]');
  var url = form.getAttribute("data-autosave");
  var timer = null;
  var saving = false;
  var dirty = false;
  var heldSubmission = null;
  var unsaved = false;  // changes typed since the last save that reached the server

  function say(text) { if (status) { status.textContent = text; } }

  function renameNewComment(questionId, commentId) {
    var oldPrefix = "c-" + questionId + "-new-";
    var newPrefix = "c-" + questionId + "-" + commentId + "-";
    form.querySelectorAll('[name^="' + oldPrefix + '"], [id^="' + oldPrefix + '"], [for^="' + oldPrefix + '"]')
      .forEach(function (element) {
        ["name", "id", "for", "aria-describedby", "aria-labelledby"].forEach(function (attribute) {
          var value = element.getAttribute(attribute);
          if (value && value.indexOf(oldPrefix) !== -1) {
            element.setAttribute(attribute, value.split(oldPrefix).join(newPrefix));
          }
        });
      });
    form.querySelectorAll('input[name="comments-' + questionId + '"][value="new"]')
      .forEach(function (input) { input.value = String(commentId); });
  }

  function save() {
    if (saving) { dirty = true; return; }
    saving = true;
    dirty = false;
    var typedBefore = unsaved;
    unsaved = false;
    say(form.getAttribute("data-saving"));
    var body = new FormData(form);
    body.set("action", "save");
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.json().then(function (data) {
        return { ok: response.ok, data: data }; }); })
      .then(function (result) {
        if (result.ok) {
          versionInput.value = result.data.version;
          Object.keys(result.data.comments || {}).forEach(function (questionId) {
            renameNewComment(questionId, result.data.comments[questionId]);
          });
          say(result.data.say);
        } else {
          unsaved = unsaved || typedBefore;
          say(result.data.say || result.data.message);
        }
      })
      .catch(function () {
        unsaved = unsaved || typedBefore;
        say(form.getAttribute("data-offline"));
      })
      .then(function () {
        saving = false;
        if (heldSubmission) { submitHeld(); } else if (dirty) { schedule(); }
      });
  }

  // A button pressed while a background save is on its way waits for it: that save changes
  // the version the submission must carry, or the server would refuse it as a conflict.
  function submitHeld() {
    var submitter = heldSubmission.submitter;
    heldSubmission = null;
    if (form.requestSubmit) {
      form.requestSubmit(submitter);
      return;
    }
    if (submitter && submitter.name) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = submitter.name;
      input.value = submitter.value;
      form.appendChild(input);
    }
    form.submit();
  }

  form.addEventListener("submit", function (event) {
    leaving = true;
    if (timer) { clearTimeout(timer); timer = null; }
    if (saving) {
      event.preventDefault();
      heldSubmission = { submitter: event.submitter || null };
    }
  });

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, 3000);
  }

  // Browsers scroll a focused field into view, but not out from under a sticky bar: when
  // the bar would cover it, scroll it up above the bar.
  var bar = form.querySelector(".sticky-actions");
  form.addEventListener("focusin", function (event) {
    if (!bar || bar.contains(event.target)) { return; }
    var covered = event.target.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
    if (covered > -8) { window.scrollBy(0, covered + 16); }
  });

  var leaving = false;  // the form itself is being sent: nothing is lost
  function changed() { unsaved = true; leaving = false; schedule(); }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("beforeunload", function (event) {
    if (leaving || !(unsaved || saving || timer)) { return; }
    event.preventDefault();
    event.returnValue = "";
  });

  // After a reload the error summary or the message takes the focus, not the page body;
  // an error link focuses its field (the first control of a group), not just scrolls to it.
  function focusMessageOrField() {
    var summary = document.querySelector(".error-summary");
    var target = fieldOf(window.location.hash) || summary ||
      document.querySelector(".flashes .flash");
    if (target) {
      if (!target.matches("input, select, textarea, button, a[href], summary")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
    document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var field = fieldOf(link.getAttribute("href"));
        if (field) { event.preventDefault(); field.focus(); }
      });
    });
  }

  function fieldOf(hash) {
    if (!hash || hash.length < 2) { return null; }
    var element = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!element || !element.closest("form")) { return null; }
    var details = element.closest("details");
    if (details) { details.open = true; }
    return element.matches("fieldset") ? element.querySelector("input, select, textarea") : element;
  }
})();
