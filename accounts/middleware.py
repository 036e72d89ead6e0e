"""Sessions end a fixed time after sign-in, however active the person is."""

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
            messages.warning(
                request, "Staff accounts need a second factor. Set up an authenticator app first."
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
