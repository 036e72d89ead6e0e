"""The "Publish guide" screen in the Wagtail admin."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from . import going_live, permissions
from .export.exporter import Exporter
from .models import GuideBuild, GuideChapterPage, GuidePage
from .tasks import publish_guide


def fix_url(item, user) -> str | None:
    """Where an editor fixes an item the gate refuses, if ``user`` may open that screen."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    from engagement import access
    from engagement.models import ProgressEntry, Story

    from .models import PracticeExample

    if isinstance(item, Page):
        allowed = item.permissions_for_user(user).can_edit()
        url = reverse("wagtailadmin_pages:edit", args=[item.pk])
    elif isinstance(item, PracticeExample):
        policy = policy_registry.get_by_type(PracticeExample)
        allowed = policy.user_has_permission_for_instance(user, "change", item)
        url = reverse("wagtailsnippets_guide_practiceexample:edit", args=[item.pk])
    elif isinstance(item, ProgressEntry):
        allowed = access.can_edit_entry(user, item)
        url = reverse("workspace:entry_edit", args=[item.locality.slug, item.pk])
    elif isinstance(item, Story):
        allowed = access.can_moderate_stories(user, item.inquiry)
        url = reverse("story_admin:moderate", args=[item.pk])
    else:
        return None
    return url if allowed else None


def publish_check(guide, user) -> list[dict]:
    """Everything the gate would refuse if the guide were published now, with the reason and
    the screen where it can be fixed (the export is run in memory; nothing is written)."""
    exporter = Exporter(guide, skip_refused=True)
    exporter.run()
    seen, problems = set(), []
    for item, refusal in exporter.refused_items:
        if (refusal.item, refusal.reason) in seen:
            continue
        seen.add((refusal.item, refusal.reason))
        problems.append(
            {"item": refusal.item, "reason": refusal.reason, "url": fix_url(item, user)}
        )
    return problems


def publish_index(request):
    """Every guide, with its last build; the ones this person may publish are links."""
    if not permissions.may_see_publish_menu(request.user):
        raise PermissionDenied
    guides = list(GuidePage.objects.order_by("path"))
    last = {}
    for build in GuideBuild.objects.filter(guide__in=guides).order_by("guide_id", "-created_at"):
        last.setdefault(build.guide_id, build)
    rows = [
        {
            "guide": g,
            "last": last.get(g.pk),
            "may_publish": permissions.can_publish_guide(request.user, g),
        }
        for g in guides
    ]
    return TemplateResponse(
        request,
        "guide/admin/publish_index.html",
        {"rows": rows, "header_title": "Publish a guide"},
    )


def build_under_way(guide) -> bool:
    """A build of this guide queued or running. One still "running" after an hour was cut
    short (a worker killed outright runs no code to say so): it no longer holds the guide."""
    since = timezone.now() - datetime.timedelta(hours=1)
    return GuideBuild.objects.filter(
        guide=guide,
        status__in=(GuideBuild.QUEUED, GuideBuild.RUNNING),
        created_at__gte=since,
    ).exists()


def publish_view(request, guide_id):
    guide = get_object_or_404(GuidePage, pk=guide_id)
    if not permissions.can_publish_guide(request.user, guide):
        raise PermissionDenied
    if request.method == "POST":
        if not guide.live:
            messages.error(request, f"Publish the page “{guide.title}” first, then its guide.")
            return redirect("guide_publish", guide.pk)
        if build_under_way(guide):
            messages.warning(
                request,
                f"“{guide.title}” is already being published. Wait for that to finish; it "
                "includes every change saved before it started.",
            )
            return redirect("guide_publish", guide.pk)
        build = GuideBuild.objects.create(
            guide=guide,
            requested_by=request.user,
            skip_refused=bool(request.POST.get("skip_refused")),
        )
        publish_guide.enqueue(build.pk)
        build.refresh_from_db()
        if build.status == GuideBuild.FAILED:
            messages.error(request, "The guide could not be published. See the reason below.")
        elif build.status == GuideBuild.DONE:
            messages.success(request, f"“{guide.title}” has been published.")
        else:
            messages.info(request, "The guide is being published. This page updates itself.")
        return redirect("guide_publish", guide.pk)
    builds = GuideBuild.objects.filter(guide=guide).select_related("requested_by")[:10]
    running = build_under_way(guide)
    return TemplateResponse(
        request,
        "guide/admin/publish.html",
        {
            "guide": guide,
            "builds": builds,
            "running": running,
            # Checked while nothing is building (the page refreshes itself during a build).
            "problems": None if running or not guide.live else publish_check(guide, request.user),
            "header_title": f"Publish “{guide.title}”",
        },
    )


class ChapterWorkflowActionView(WorkflowActionView):
    """A workflow's approval publishes the revision without its edit form: a chapter whose
    content the edit form would refuse now (a quoted story no longer approved, say) is not
    approved, and the reviewer is told why."""

    def post(self, request, *args, **kwargs):
        if self.action_name == "approve":
            chapter = self.task_state.revision.as_object()
            if refused := going_live.refusal([chapter]):
                messages.error(request, f"Not approved. {refused}")
                if request.headers.get("x-requested-with") == "XMLHttpRequest":
                    return self.render_modal_json(
                        request, {"step": "success", "redirect": self.redirect_url}
                    )
                return redirect(self.redirect_url)
        return super().post(request, *args, **kwargs)


class ChapterPageViewSet(PageViewSet):
    model = GuideChapterPage
    workflow_action_view_class = ChapterWorkflowActionView
