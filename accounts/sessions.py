"""How long a signed-in person has before the site signs them out, and "Stay signed in".

A session ends after SESSION_COOKIE_AGE without using the site, and SESSION_ABSOLUTE_SECONDS
after signing in whatever happens (accounts.middleware). Pages say how long is left, so that
a warning comes before the end (WCAG 2.2.1, timing adjustable), and one button sends a
request that starts the quiet time again."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.middleware import STARTED


def _absolute_left(request) -> float:
    started = request.session.get(STARTED, int(time.time()))
    return settings.SESSION_ABSOLUTE_SECONDS - (time.time() - started)


def seconds_left(request) -> int:
    """Seconds until the session ends if nothing more is sent."""
    return max(0, int(min(settings.SESSION_COOKIE_AGE, _absolute_left(request))))


def can_extend(request) -> bool:
    """Whether using the site gives more time: not when the fixed limit after signing in
    comes first."""
    return _absolute_left(request) > settings.SESSION_COOKIE_AGE


@require_POST
@login_required
def still_here(request):
    """The session starts its quiet time again (every request saves it). Answers the page's
    script with the seconds now left, or a person without it with the page they were on."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(
            {"seconds_left": seconds_left(request), "can_extend": can_extend(request)}
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    return redirect(back)
