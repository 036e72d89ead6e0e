// A form sent back with errors: move focus to the summary at the top, so a screen reader
// reads it first and a keyboard user starts from its links to each field.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});

// A table wider than the screen scrolls sideways in a box the keyboard can reach: the box is
// named by the table's caption, so a screen reader says what it is.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".table-wrap[tabindex]").forEach(function (box, n) {
    var caption = box.querySelector("caption");
    if (!caption || box.hasAttribute("aria-labelledby")) return;
    if (!caption.id) caption.id = "table-caption-" + (n + 1);
    box.setAttribute("role", "region");
    box.setAttribute("aria-labelledby", caption.id);
  });
});
