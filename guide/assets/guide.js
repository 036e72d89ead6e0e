// Large print: a switch in the header, remembered on this device. "#large-print" in the
// address turns it on too (the build uses it to make the large print PDF).
(function () {
  var KEY = "guide-large-print";
  var root = document.documentElement;
  function stored() { try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; } }
  function apply(on) { root.classList.toggle("large-print", on); }
  apply(stored() || location.hash === "#large-print");
  // The large print PDF is made from "#large-print": its title says which it is.
  if (location.hash === "#large-print") document.title += " (large print)";
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

// The theme opens its menu and its search (on a narrow or zoomed screen) from labels that
// only a mouse or a finger can press: they become buttons the keyboard reaches, with names,
// that say whether what they open is open.
(function () {
  var BUTTONS = [
    { toggle: "__drawer", name: "Menu", opens: ".md-sidebar--primary a[href]" },
    { toggle: "__search", name: "Search", opens: ".md-search__input" }
  ];
  function wire(spec) {
    var box = document.getElementById(spec.toggle);
    var label = document.querySelector('.md-header label.md-header__button[for="' + spec.toggle + '"]');
    if (!box || !label || label.hasAttribute("role")) return;
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", spec.name);
    function say() { label.setAttribute("aria-expanded", box.checked ? "true" : "false"); }
    say();
    box.addEventListener("change", say);
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change", { bubbles: true }));
      say();
      var first = box.checked && spec.opens && document.querySelector(spec.opens);
      if (first) setTimeout(function () { first.focus(); }, 100);
    });
  }
  // Escape closes the open menu, and the keyboard goes back to its button.
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("__drawer");
    if (event.key !== "Escape" || !box || !box.checked) return;
    box.checked = false;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    var button = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    if (button) button.focus();
  });
  function all() { BUTTONS.forEach(wire); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();

// Search results: the theme draws each result's tags as a <nav> with no name, so a list of
// results holds many landmarks of the same kind and none says which it is. Tags are a short
// list of links inside the result, not a way round the guide, so they lose the landmark.
// Escape closes the search (the theme's own key): the keyboard goes back to where it was
// before the search, not to the top of the page.
(function () {
  function untag(root) {
    root.querySelectorAll(".md-search-result nav.md-tags:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }
  var before = null;
  function start() {
    var list = document.querySelector(".md-search-result");
    if (list) new MutationObserver(function () { untag(list); }).observe(list, { childList: true, subtree: true });
    var search = document.querySelector(".md-search");
    var box = document.getElementById("__search");
    if (!search || !box) return;
    document.addEventListener("focusin", function (event) {
      var from = event.relatedTarget;
      if (search.contains(event.target) && from && !search.contains(from)) before = from;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !box.checked) return;
      var back = before;
      setTimeout(function () {
        if (box.checked) return;
        var button = document.querySelector('label.md-header__button[for="__search"]');
        var target = back && document.contains(back) && back.offsetParent !== null ? back
          : button && button.offsetParent !== null ? button : document.querySelector(".md-content");
        if (!target) return;
        if (!target.hasAttribute("tabindex") && target.classList.contains("md-content")) target.setAttribute("tabindex", "-1");
        target.focus();
      }, 0);
    }, true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
