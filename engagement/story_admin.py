"""Story moderation and the safeguarding queue, in the Wagtail admin, for the programme team.
Every change goes through engagement.story_services, which refuses illegal moves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

from . import permissions
from . import story_services as services
from .models import ProgrammeRole, Story
from .usage import usages_of

QUEUES = [
    ("moderate", "To moderate"),
    ("safeguarding", "Safeguarding"),
    ("approved", "Approved"),
    ("all", "All"),
]


def _moderatable(user):
    """Stories in inquiries whose programme ``user`` is staff of (the same rule as
    permissions.can_moderate_stories, as a query)."""
    if user.is_superuser:
        return Story.objects.all()
    staff_of = ProgrammeRole.objects.filter(
        user=user, role__in=[ProgrammeRole.ADMIN, ProgrammeRole.TEAM]
    ).values("programme_id")
    return Story.objects.filter(inquiry__programme_id__in=staff_of)


def queue(request):
    if not permissions.is_any_programme_staff(request.user):
        raise PermissionDenied
    which = request.GET.get("queue", "moderate")
    stories = _moderatable(request.user).select_related("inquiry", "locality")
    if which == "moderate":
        stories = stories.filter(status__in=[Story.RECEIVED, Story.IN_REVIEW])
    elif which == "safeguarding":
        stories = stories.filter(
            Q(safeguarding=Story.FLAGGED) | Q(safeguarding=Story.CLEARED)
        ).exclude(status=Story.WITHDRAWN)
    elif which == "approved":
        stories = stories.filter(status__in=[Story.LEARNING_ONLY, Story.PUBLISHABLE])
    else:
        which = "all"
    page = Paginator(stories.order_by("-created_at", "-pk"), 50).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "engagement/admin/story_queue.html",
        {"page": page, "queues": QUEUES, "queue": which, "header_title": "Stories"},
    )


def moderate(request, pk):
    story = get_object_or_404(Story.objects.select_related("inquiry", "inquiry__programme"), pk=pk)
    if not permissions.can_moderate_stories(request.user, story.inquiry):
        raise PermissionDenied
    may_decide = permissions.can_decide_safeguarding(request.user, story)
    public_version = story.redacted_text or story.text
    if request.method == "POST":
        action = request.POST.get("action", "")
        public_version = request.POST.get("redacted_text", public_version)
        try:
            if action == "safeguarding":
                services.decide_safeguarding(
                    story,
                    by=request.user,
                    clear=request.POST.get("decision") == "clear",
                    note=request.POST.get("safeguarding_note", ""),
                    request=request,
                )
                messages.success(request, "Your safeguarding decision is recorded.")
            elif action == "switch_off_link":
                services.switch_off_link(story, by=request.user, request=request)
                messages.success(request, "The storyteller's private link no longer works.")
            elif action == "save":
                services.save_public_version(story, public_version, by=request.user)
                messages.success(request, "The public version is saved.")
            elif action in dict(Story.STATUS_CHOICES):
                services.move(
                    story,
                    action,
                    by=request.user,
                    request=request,
                    reason=request.POST.get("reason", ""),
                    redacted_text=public_version,
                    best_interests=request.POST.get("best_interests"),
                )
                story.refresh_from_db()
                messages.success(request, f"Story {story.reference}: {story.get_status_display()}.")
            else:
                messages.error(request, "Choose what to do with the story.")
            return redirect("story_admin:moderate", story.pk)
        except services.StoryRefused as exc:
            messages.error(request, str(exc))
    labels = dict(Story.STATUS_CHOICES)
    return TemplateResponse(
        request,
        "engagement/admin/story_moderate.html",
        {
            "story": story,
            "moves": [(m, labels[m]) for m in services.allowed_moves(story)],
            "public_version": public_version,
            "original_warnings": services.warnings(story),
            "public_warnings": services.warnings(story, public_version),
            "may_decide": may_decide,
            "lead": services.safeguarding_lead(story),
            "changes": story.changes.select_related("by"),
            "usages": usages_of(story),
            "header_title": f"Story {story.reference}",
        },
    )


urlpatterns = [
    path("", queue, name="queue"),
    path("<int:pk>/", moderate, name="moderate"),
]
