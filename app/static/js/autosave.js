// Saves the round page in the background a few seconds after the last change, and shows
// when it was saved. Without this script the "Save draft" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("response-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("save-status");
  var versionInput = form.querySelector('input[name="version"]');
  var url = form.getAttribute("data-autosave");
  var timer = null;
  var saving = false;
  var dirty = false;
  var heldSubmission = null;

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
    say(form.getAttribute("data-saving") || "Saving…");
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
          say("Saved at " + result.data.saved_at);
        } else if (result.data.status === "invalid") {
          say("Not saved: " + Object.values(result.data.errors).join(" "));
        } else {
          say("Not saved: " + result.data.message + " Use “Save draft” to see both versions.");
        }
      })
      .catch(function () { say("Not saved: the connection failed. Your text is still here."); })
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

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
})();
