"""Story moderation and the safeguarding queue, in the Wagtail admin, for the programme team.
Every change goes through engagement.story_services, which refuses illegal moves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement import access
from engagement.core.usage import usages_of
from engagement.models import SafeguardingTerm, Story
from engagement.stories import services
from site_content.fields import clean_text


class ModeratorsMayLook(ModelPermissionPolicy):
    """Programme staff see their programmes' stories in the list; every change goes through
    the moderation screen and its rules, never a plain edit form."""

    def user_has_permission(self, user, action):
        return action == "view" and access.is_any_programme_staff(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class StoryIndexView(IndexView):
    def get_base_queryset(self):
        return access.stories_to_moderate(self.request.user).select_related("inquiry")

    @cached_property
    def filters(self):
        """The inquiry filter offers only the inquiries of stories this person moderates
        (another programme's inquiry names are not theirs to read)."""
        filterset = super().filters
        field = filterset.form.fields.get("inquiry") if filterset is not None else None
        if field is not None:
            yours = access.stories_to_moderate(self.request.user).values("inquiry_id")
            field.queryset = field.queryset.filter(pk__in=yours)
        return filterset


class StoryViewSet(ModelViewSet):
    """The moderation and safeguarding queue: filter by status or safeguarding; each story
    opens in the moderation screen."""

    model = Story
    icon = "openquote"
    menu_label = "Stories"
    add_to_admin_menu = True
    menu_order = 150
    index_view_class = StoryIndexView
    list_filter = ["status", "safeguarding", "inquiry"]
    ordering = ["-created_at"]
    form_fields = ["redacted_text"]

    @property
    def list_display(self):
        return [
            TitleColumn(
                "reference",
                label="Story",
                get_url=lambda story: reverse("story_admin:moderate", args=[story.pk]),
            ),
            "inquiry",
            "status",
            "safeguarding",
            "created_at",
        ]


register_permission_policy(Story, ModeratorsMayLook(Story))


def moderate(request, pk):
    story = get_object_or_404(Story.objects.select_related("inquiry", "inquiry__programme"), pk=pk)
    if not access.can_moderate_stories(request.user, story.inquiry):
        raise PermissionDenied
    may_decide = access.can_decide_safeguarding(request.user, story)
    # The public version starts empty: approving must never copy the storyteller's own words
    # to where other teams read them. The moderator may start from a copy and edit it.
    public_version = story.redacted_text
    if request.method == "POST":
        action = request.POST.get("action", "")
        public_version = clean_text(request.POST.get("redacted_text", public_version))
        if action == "copy_original":  # shown again to edit; nothing saved
            return _show(request, story, may_decide, public_version or story.text)
        try:
            if action == "safeguarding":
                services.decide_safeguarding(
                    story,
                    by=request.user,
                    clear=request.POST.get("decision") == "clear",
                    note=clean_text(request.POST.get("safeguarding_note", "")),
                    request=request,
                )
                messages.success(request, "Your safeguarding decision is recorded.")
            elif action == "switch_off_link":
                services.switch_off_link(story, by=request.user, request=request)
                messages.success(request, "The storyteller's private link no longer works.")
            elif action == "save":
                saved = services.save_public_version(story, public_version, by=request.user)
                messages.success(request, "The public version is saved.")
                if saved.public_version_holds and saved.status == Story.PUBLISHABLE:
                    messages.warning(
                        request,
                        f"It is not published while it holds a {saved.public_version_holds}. "
                        "Take that out and save again.",
                    )
            elif action in dict(Story.STATUS_CHOICES):
                services.move(
                    story,
                    action,
                    by=request.user,
                    request=request,
                    reason=clean_text(request.POST.get("reason", "")),
                    redacted_text=public_version,
                    best_interests=(
                        clean_text(request.POST["best_interests"])
                        if "best_interests" in request.POST
                        else None
                    ),
                )
                story.refresh_from_db()
                messages.success(request, f"Story {story.reference}: {story.get_status_display()}.")
            else:
                messages.error(request, "Choose what to do with the story.")
            return redirect("story_admin:moderate", story.pk)
        except services.StoryRefused as exc:
            messages.error(request, str(exc))
    return _show(request, story, may_decide, public_version)


# Each move's button says what it does, not the state it ends in ("Decline", not "Declined").
MOVE_BUTTONS = {
    Story.RECEIVED: "Put back as received",
    Story.IN_REVIEW: "Review it",
    Story.LEARNING_ONLY: "Approve for learning only",
    Story.PUBLISHABLE: "Approve for publication",
    Story.DECLINED: "Decline",
}


def _show(request, story, may_decide, public_version):
    labels = {**dict(Story.STATUS_CHOICES), **MOVE_BUTTONS}
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


urlpatterns = [path("<id:pk>/", moderate, name="moderate")]


class SafeguardingTermViewSet(SnippetViewSet):
    model = SafeguardingTerm
    icon = "warning"
    menu_label = "Safeguarding words"
    list_display = ["phrase"]
    search_fields = ["phrase"]
    panels = [FieldPanel("phrase")]
