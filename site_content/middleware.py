"""Security headers for the public site, the health check, and a plain answer when an
upload cannot be stored."""

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render, resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

from site_content.fields import BIGGEST_ID, shows_nothing
from site_content.uploads import BUCKET_ERRORS, STORAGE_ERRORS

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    """A strict Content-Security-Policy (no inline or third-party scripts) on the site's own
    pages and the published guide (whose inline scripts the build moves into files). The
    Wagtail and Django admins are left to their own headers."""

    EXEMPT = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = "; ".join(f"{k} {v}" for k, v in settings.CONTENT_SECURITY_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.EXEMPT) and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class NulPathMiddleware:
    """No address on the site has a NUL character in it, and PostgreSQL refuses one in any
    text it is asked to match, so a path holding one is "not found" before any view (Wagtail's
    workflow task screen, for one) looks it up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404("No such page.")
        return self.get_response(request)


def _unseen(value: str) -> bool:
    """Something typed that shows nothing. Plain spaces are left to each field (a password
    keeps them; other fields strip them and say they are empty)."""
    return bool(value.strip()) and shows_nothing(value)


def _to_mend(value: str) -> bool:
    return "\r" in value or _unseen(value)


def _as_seen(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "" if _unseen(value) else value


class TypedTextMiddleware:
    """Every form's text (the site's, both admins', the account pages') arrives here as the
    person saw it:

    - A browser counts a line break typed into a box as one character against the box's
      limit, then sends it as two (CR LF), so a box filled to its limit would come back "too
      long": each line break is the one character the person saw counted.
    - A box holding only what shows nothing (zero-width spaces, a lone accent) is empty, so
      that a required box is said to be empty rather than saved blank-looking."""

    FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in self.FORMS:
            try:
                posted = request.POST
            except (OSError, MultiPartParserError, SuspiciousOperation):
                # A body cut short, or too big: left for Django to answer as it would.
                return self.get_response(request)
            if any(_to_mend(value) for _key, values in posted.lists() for value in values):
                mended = posted.copy()
                for key, values in posted.lists():
                    mended.setlist(key, [_as_seen(v) for v in values])
                mended._mutable = False
                request.POST = mended
        return self.get_response(request)


class _SitePagesAnswer:
    """Changes the answer to a request for one of the site's own pages; the admins keep
    their own answers."""

    EXEMPT = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.EXEMPT):
            return response
        return self.answer(request, response)

    def answer(self, request, response):
        raise NotImplementedError


class ButtonAddressMiddleware(_SitePagesAnswer):
    """An address only a button's form is sent to (a view that takes POST only), opened as a
    page (after signing in again, or by reloading an error page) answers with a page in the
    site's layout that says nothing was changed and where to go, not a blank error."""

    def answer(self, request, response):
        if response.status_code == 405 and request.method == "GET" and not response.content:
            allowed = response.get("Allow")
            response = render(request, "405.html", {"back": _same_site(request)}, status=405)
            if allowed:
                response["Allow"] = allowed
        return response


class SignedOutWhileTypingMiddleware(_SitePagesAnswer):
    """A form sent after its sender was signed out (two hours without using the site, or
    signed out in another tab) would be answered by the sign-in page, and what they typed
    lost. Instead: a page that says nothing was saved, gives back what they typed to copy,
    and signs them in again straight back to the form. (The admins' forms hold their pages'
    blocks as data, not words to give back.)"""

    def answer(self, request, response):
        from site_content.typed import may_give_back, typed_words

        if (
            response.status_code == 302
            and may_give_back(request)
            and not request.user.is_authenticated
            and response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?")
        ):
            typed = typed_words(request.POST)
            if typed:
                response = render(
                    request,
                    "site_content/signed_out_while_typing.html",
                    {"typed": typed, "sign_in": response["Location"]},
                    status=403,
                )
                add_never_cache_headers(response)
        return response


def _same_site(request) -> str:
    """The page the person came from, if it is on this site (never an address elsewhere)."""
    referer = request.META.get("HTTP_REFERER", "")
    if "/accounts/" in referer:
        return ""  # the sign-in page the person has just left
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


class PrivatePagesMiddleware:
    """A page for someone signed in, or reached by a private link (a story's, a booking's, an
    invitation's, and the account pages, with their emailed links), may hold what is theirs
    alone (a story, access needs, a list of people, an email address): no browser or proxy
    keeps a copy (``Cache-Control: no-store, private``). Pages that set their own caching
    (the published guide, the health check) keep it. It stands just inside the sign-in
    middleware, so answers given by the middleware after it are covered too."""

    ACCOUNT_PAGES = "/accounts/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" in response:
            return response
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        by_private_link = match is not None and "<token:" in (match.route or "")
        by_private_link = by_private_link or request.path_info.startswith(self.ACCOUNT_PAGES)
        if by_private_link or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)
        return response


class AdminQueryMiddleware:
    """Filters in the two admins' listings that no database could match answer as Django
    answers any other bad filter, never with a server error: a whole number beyond what a
    64-bit id holds (SQLite cannot even be asked) is left off the address, as is a page number
    (``p``) that is not plain digits (Wagtail's workflow screen reads it with ``int()``), and
    the Django admin's date drill-down (``?date_joined__year=``) given a date no calendar holds
    (year 99999, month 13) is "invalid filter" (``?e=1``). A NUL character, which PostgreSQL
    refuses in any text, is taken out of every value. Searches (``q``) are otherwise left as
    typed."""

    PREFIXES = ("/admin/", "/django-admin/")
    DATES = {"__year": range(1, 10000), "__month": range(1, 13), "__day": range(1, 32)}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "GET" or not request.path_info.startswith(self.PREFIXES):
            return self.get_response(request)
        query = request.GET
        if request.path_info.startswith("/django-admin/") and not self._dates_plausible(query):
            return HttpResponseRedirect(f"{request.path}?e=1")
        kept = query.copy()
        for key, values in query.lists():
            if any(_unusable(key, value) for value in values):
                del kept[key]
            elif any("\x00" in value for value in values):
                kept.setlist(key, [value.replace("\x00", "") for value in values])
        if kept != query:
            return HttpResponseRedirect(f"{request.path}?{kept.urlencode()}")
        return self.get_response(request)

    def _dates_plausible(self, query) -> bool:
        for key, value in query.items():
            for suffix, allowed in self.DATES.items():
                if key.endswith(suffix) and not (
                    value.isascii() and value.isdigit() and int(value) in allowed
                ):
                    return False
        return True


def _unusable(key: str, value: str) -> bool:
    text = value.strip()
    if key == "p":
        return not (text.isascii() and text.isdigit())
    return key != "q" and text.isascii() and text.isdigit() and int(text) > BIGGEST_ID


class HealthCheckMiddleware:
    """``/healthz`` for the proxy and the load balancer: answers before anything else runs (no
    HTTPS redirect, no host check, no session), 200 when the database answers, 503 when not.
    It says what it checked and never a redirect."""

    PATH = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != self.PATH:
            return self.get_response(request)
        from django.db import DatabaseError, connection

        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            response = HttpResponse("database: not answering\n", status=503)
        else:
            response = HttpResponse("database: ok\n")
        response["Content-Type"] = "text/plain; charset=utf-8"
        response["Cache-Control"] = "no-store"
        return response


class StorageFaultMiddleware:
    """An upload whose storage (the disk, or the bucket) cannot take it just now, or a page
    read from a bucket that does not answer, gets a plain page with status 503, not a server
    error. A file is stored before the record that holds
    it is written, so a failed store leaves no record behind; the public story form answers
    this itself, keeping what the storyteller wrote."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method == "POST" and request.FILES:
            if not isinstance(exception, STORAGE_ERRORS):
                return None
            logger.warning("An upload could not be stored", exc_info=exception)
            return render(request, "site_content/storage_down.html", status=503)
        if isinstance(exception, BUCKET_ERRORS):
            # Reading from the bucket (a guide page, a private file): one line, not a trace.
            logger.warning(
                "Object storage did not answer: %s: %s", type(exception).__name__, exception
            )
            response = render(request, "site_content/storage_unreadable.html", status=503)
            response["Retry-After"] = "60"
            return response
        return None
