"""Site-wide views that stand in front of Wagtail's own."""

from allauth.core import ratelimit
from wagtail import views as wagtail_views

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
