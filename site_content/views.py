"""Site-wide views that stand in front of Wagtail's own."""

import datetime

from allauth.core import ratelimit
from allauth.core.internal import ratelimit as rate_limits
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

from .models import SecurityContact

ACTION = "page_password"


def _limited(request, key: str, view):
    """A password form (``view``) with the same limit on wrong tries as the sign-in
    (``ACCOUNT_RATE_LIMITS["page_password"]``, per connection and per restriction). Each
    try is counted before the password is checked, as allauth's sign-in does, so tries sent
    all at once are counted too; a right password gives its try back."""
    if request.method != "POST":
        return view()
    usage = rate_limits.consume(request=request, app="allauth.account", action=ACTION, key=key)
    if not usage:
        return ratelimit.respond_429(request)
    response = view()
    if response.status_code != 200:  # not the form again: the password was right
        usage.rollback()
    return response


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form for a private page, limited."""
    return _limited(
        request,
        f"page-{page_view_restriction_id}",
        lambda: wagtail_views.authenticate_with_password(
            request, page_view_restriction_id, page_id
        ),
    )


def document_password(request, restriction_id):
    """Wagtail's password form for a private collection of documents, limited alike."""
    return _limited(
        request,
        f"collection-{restriction_id}",
        lambda: document_views.authenticate_with_password(request, restriction_id),
    )


def security_txt(request):
    """RFC 9116: who to tell about a security problem. Not published (404, in plain words)
    while the contact or a future expiry date is missing, never with made-up values."""
    contact = SecurityContact.load(request_or_site=request)
    problems = contact.problems(timezone.localdate())
    if problems:
        return HttpResponseNotFound(
            "No security contact is published yet: " + "; ".join(problems) + ".\n",
            content_type="text/plain; charset=utf-8",
        )
    expires = datetime.datetime.combine(contact.expires_on, datetime.time(), tzinfo=datetime.UTC)
    lines = [
        f"Contact: mailto:{contact.contact_email}",
        f"Expires: {expires:%Y-%m-%dT%H:%M:%SZ}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
        f"Policy: {request.build_absolute_uri(reverse('security_policy'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_policy(request):
    """The vulnerability disclosure page."""
    contact = SecurityContact.load(request_or_site=request)
    return render(
        request,
        "site_content/security_policy.html",
        {"contact": contact, "problems": contact.problems(timezone.localdate())},
    )


def form_expired(request, reason=""):
    """A form sent without a good security token (it was open while the person signed in or
    out elsewhere, or too long): our own page, in plain words, not Django's technical one.
    ``CSRF_FAILURE_VIEW`` points here."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request, exception=None):
    """Django's "not found", in the site's layout. A form sent to a record deleted while the
    person was writing (a log entry, an action) gets back what they typed, to copy."""
    from site_content.typed import may_give_back, typed_words

    typed = typed_words(request.POST) if may_give_back(request) else []
    response = render(request, "404.html", {"typed": typed}, status=404)
    if typed:
        response["Cache-Control"] = "no-store"
    return response
