// The Wagtail admin's few unnamed controls, named for screen readers (axe "label" and
// "aria-required-parent"): the tag box that the tags field's script adds, the multiple upload's
// file input, and the "Roles" link of the new-user form, which says it is a tab outside any
// list of tabs. Run on every change of the page, since the tag box is added after load.
(function () {
  "use strict";

  function nameControls() {
    document.querySelectorAll("input.ui-autocomplete-input:not([aria-label])").forEach(function (box) {
      var field = box.closest("[data-field-wrapper], .w-field__wrapper, li");
      var label = field && field.querySelector("label");
      box.setAttribute("aria-label", label ? label.textContent.trim() : "Tags");
    });
    var upload = document.querySelector("#fileupload:not([aria-label])");
    if (upload) {
      upload.setAttribute("aria-label", "Choose files to upload");
    }
    document.querySelectorAll('a[role="tab"][href="#tab-roles"]').forEach(function (link) {
      if (!link.closest('[role="tablist"]')) {
        link.removeAttribute("role");
      }
    });
  }

  nameControls();
  new MutationObserver(nameControls).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
