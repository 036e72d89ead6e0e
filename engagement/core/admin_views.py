"""Admin screens for editors: the plain English check of any page (guide chapters included)."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from engagement.core import readability


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
    from engagement import access

    if not access.is_any_programme_admin(request.user):
        raise PermissionDenied
    # Superusers read all of it; a programme admin what the people of their programmes did.
    events = access.audit_events_for(request.user).select_related("actor")
    kind = request.GET.get("kind", "")
    if kind in dict(AuditEvent.KIND_CHOICES):
        events = events.filter(kind=kind)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "engagement/admin/audit.html",
        {"page": page, "kinds": AuditEvent.KIND_CHOICES, "kind": kind, "header_title": "Audit log"},
    )


def people_view(request):
    """Rights requests: export everything held about a person, or erase them."""
    from django import forms
    from django.contrib import messages
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse

    from accounts import audit, rights
    from accounts.models import AuditEvent
    from engagement import access

    if not access.is_any_programme_admin(request.user):
        raise PermissionDenied

    class PersonForm(forms.Form):
        email = forms.EmailField(label="The person's email address")
        confirm = forms.BooleanField(
            required=False, label="I understand that erasing cannot be undone"
        )

    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not access.can_handle_person(request.user, email):
            # The same answer whether or not the person exists: it says nothing about them.
            form.add_error(
                "email",
                "You can export or erase only people whose every role and contribution is in "
                "programmes you run. Ask a site administrator to do it for anyone else.",
            )
            return TemplateResponse(
                request,
                "engagement/admin/people.html",
                {"form": form, "header_title": "People's data"},
                status=403,
            )
        if request.POST.get("action") == "export":
            audit.record(AuditEvent.EXPORT, request=request, detail=f"Personal data of {email}")
            response = HttpResponse(rights.export_person(email), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
            return response
        if request.POST.get("action") == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", "Tick the box to confirm the erasure")
            else:
                changed = rights.erase_person(email)
                audit.record(
                    AuditEvent.ERASURE, request=request, detail=f"{changed} records changed"
                )
                messages.success(
                    request, f"The person has been erased ({changed} records changed)."
                )
    return TemplateResponse(
        request, "engagement/admin/people.html", {"form": form, "header_title": "People's data"}
    )
