// A form sent back with errors: move focus to the summary at the top, so a screen reader
// reads it first and a keyboard user starts from its links to each field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
