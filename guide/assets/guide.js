// Large print: a switch in the header, remembered on this device. "#large-print" in the
// address turns it on too (the build uses it to make the large print PDF).
(function () {
  var KEY = "guide-large-print";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; } }
  function apply(on) { root.classList.toggle("large-print", on); }
  apply(stored() || location.hash === "#large-print");
  function addButton() {
    var header = document.querySelector(".md-header__inner");
    if (!header || document.querySelector(".large-print-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "large-print-toggle";
    function label() {
      var on = root.classList.contains("large-print");
      button.textContent = "Large print";
      button.setAttribute("aria-pressed", on ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var on = !root.classList.contains("large-print");
      apply(on);
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) {}
      label();
    });
    label();
    header.appendChild(button);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addButton);
  else addButton();
})();

// The search dialog gets a name, so a screen reader says what it is when it opens.
(function () {
  function name() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this guide");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", name);
  else name();
})();
