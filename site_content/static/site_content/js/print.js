// A "Print this form" button: works wherever a page has [data-print].
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
