"""Who gets past the door: sessions end a fixed time after sign-in, staff set up a second
factor before anything else, and only people allowed the admin reach it."""

import time

from django.conf import settings
from django.contrib.auth import logout

STARTED = "_session_started"


class AbsoluteSessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.setdefault(STARTED, int(time.time()))
            if time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        return self.get_response(request)


class StaffSecondFactorMiddleware:
    """Staff, programme admins and the programme team must have a second factor before using
    the site (accounts.second_factor says who): until then every page sends them to set one
    up (account pages, sign-out and static files stay reachable)."""

    ALLOWED = ("/accounts/", "/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from allauth.mfa.utils import is_mfa_enabled
        from django.contrib import messages
        from django.http import HttpResponseForbidden
        from django.shortcuts import redirect

        from .second_factor import needs_second_factor

        user = getattr(request, "user", None)
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED)
            and needs_second_factor(user)
            and not is_mfa_enabled(user)
        ):
            if not _is_page_visit(request):
                # A browser's own requests (the favicon, scripts) and form posts are refused,
                # not sent to the set-up page, which they would otherwise visit unseen.
                return HttpResponseForbidden("Set up a second factor first.")
            messages.warning(
                request, "Staff accounts need a second factor. Set up an authenticator app first."
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _is_page_visit(request) -> bool:
    """A person opening a page: a GET or HEAD whose browser asks for HTML."""
    accept = request.headers.get("Accept", "text/html")
    return request.method in ("GET", "HEAD") and ("text/html" in accept or accept == "*/*")


class AdminAccessMiddleware:
    """A signed-in person who may not use the Wagtail admin gets a plain page saying so.
    (Left to Wagtail, they are sent to sign in, which sends them back, until the browser
    gives up.) People who are not signed in still go to the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.template.response import TemplateResponse
        from django.urls import reverse

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith(reverse("wagtailadmin_home"))
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            response = TemplateResponse(request, "accounts/no_admin_access.html", status=403)
            return response.render()
        return self.get_response(request)
