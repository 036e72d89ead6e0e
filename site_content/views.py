"""Site-wide views that stand in front of Wagtail's own."""

import datetime

from allauth.core import ratelimit
from django.http import HttpResponse, HttpResponseNotFound
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from wagtail import views as wagtail_views

from .models import SecurityContact

ACTION = "page_password"


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's password form for a private page, with the same limit on wrong tries as the
    sign-in (``ACCOUNT_RATE_LIMITS["page_password"]``, per connection and per page)."""
    key = str(page_view_restriction_id)
    posting = request.method == "POST"
    if posting and not ratelimit.consume(request, action=ACTION, key=key, dry_run=True):
        return ratelimit.respond_429(request)
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if posting and response.status_code == 200:  # the form again: a wrong password
        ratelimit.consume(request, action=ACTION, key=key)
    return response


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
