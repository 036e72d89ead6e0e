// Five minutes before the site would sign a quiet person out, say so, with a button that
// keeps them signed in (a request starts the quiet time again). If the time runs out, say
// that too, so that nobody types into a form that can no longer be sent.
(function () {
  var WARN_SECONDS = 5 * 60;
  function start() {
    var box = document.querySelector("[data-session-left]");
    if (!box) return;
    var form = box.querySelector("[data-session-form]");
    var text = box.querySelector("[data-session-text]");
    var warnTimer, endTimer;
    function ended() {
      clearTimeout(warnTimer);
      text.textContent = "You have been signed out, because nothing was sent from this page " +
        "for a while. Copy anything you have typed and not saved, then sign in again.";
      form.hidden = true;
      box.hidden = false;
    }
    function plan(seconds) {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      box.hidden = true;
      warnTimer = setTimeout(function () { box.hidden = false; }, Math.max(0, seconds - WARN_SECONDS) * 1000);
      endTimer = setTimeout(ended, seconds * 1000);
    }
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
      }).then(function (data) { plan(data.seconds_left); }).catch(ended);
    });
    plan(parseInt(box.getAttribute("data-session-left"), 10) || 0);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
