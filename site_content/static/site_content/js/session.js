// Five minutes before the site would sign a quiet person out, say so, with a button that
// keeps them signed in (a request starts the quiet time again). Tabs share the time left
// (another tab in use keeps this one signed in too). Eight hours after signing in nothing
// gives more time: the warning says so, without the button. If the time runs out, say that
// too, so that nobody types into a form that can no longer be sent.
(function () {
  var WARN_SECONDS = 5 * 60;
  var KEY = "common-ground-signed-in-until";
  function start() {
    var box = document.querySelector("[data-session-left]");
    if (!box) return;
    var form = box.querySelector("[data-session-form]");
    var text = box.querySelector("[data-session-text]");
    var final = box.hasAttribute("data-session-final");
    var warnTimer, endTimer;
    function shared() {
      try { return parseInt(localStorage.getItem(KEY), 10) || 0; } catch (e) { return 0; }
    }
    function share(until) {
      try { localStorage.setItem(KEY, String(until)); } catch (e) {}
    }
    function minutes(ms) {
      var n = Math.max(1, Math.round(ms / 60000));
      return n + (n === 1 ? " minute" : " minutes");
    }
    function warn(until) {
      var left = minutes(until - Date.now());
      text.textContent = final
        ? "For your safety, the site signs everyone out 8 hours after they sign in. You " +
          "will be signed out in " + left + ": save what you are writing now."
        : "You will be signed out in " + left + ", because nothing has been sent from this " +
          "page for a while. Anything you have typed and not saved would be lost.";
      form.hidden = final;
      box.hidden = false;
    }
    function ended() {
      if (shared() > Date.now() + 1000) { plan(shared(), false); return; }  // another tab
      clearTimeout(warnTimer);
      text.textContent = "You have been signed out, because nothing was sent for a while. " +
        "Copy anything you have typed and not saved, then sign in again.";
      form.hidden = true;
      box.hidden = false;
    }
    function plan(until, tell) {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      if (tell) share(until);
      box.hidden = true;
      var left = until - Date.now();
      warnTimer = setTimeout(function () { warn(until); }, Math.max(0, left - WARN_SECONDS * 1000));
      endTimer = setTimeout(ended, Math.max(0, left));
    }
    window.addEventListener("storage", function (event) {
      if (event.key === KEY && shared() > Date.now()) plan(shared(), false);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (answer) {
        if (!answer.ok || answer.redirected) throw new Error("signed out");
        return answer.json();
      }).then(function (data) {
        final = !data.can_extend;
        plan(Date.now() + data.seconds_left * 1000, true);
      }).catch(ended);
    });
    var seconds = parseInt(box.getAttribute("data-session-left"), 10) || 0;
    plan(Date.now() + seconds * 1000, true);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
