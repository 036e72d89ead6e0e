"""Admin screens for editors: the plain English check of any page (guide chapters included)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from . import readability


def plain_english_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    # Check the latest draft, which is what the editor is writing.
    latest = page.get_latest_revision_as_object() if page.has_unpublished_changes else page.specific
    if not latest.permissions_for_user(request.user).can_edit():
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    figures = readability.check(readability.text_of_page(latest))
    return TemplateResponse(
        request,
        "engagement/admin/plain_english.html",
        {
            "page": latest,
            "figures": figures,
            "header_title": f"Plain English check: {latest.title}",
        },
    )


def audit_view(request):
    """The audit log, read-only, for programme admins."""
    from django.core.exceptions import PermissionDenied
    from django.core.paginator import Paginator

    from accounts.models import AuditEvent

    from . import permissions

    if not permissions.is_any_programme_admin(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor")
    kind = request.GET.get("kind", "")
    if kind in dict(AuditEvent.KIND_CHOICES):
        events = events.filter(kind=kind)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "engagement/admin/audit.html",
        {"page": page, "kinds": AuditEvent.KIND_CHOICES, "kind": kind, "header_title": "Audit log"},
    )
