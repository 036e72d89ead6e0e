"""The "Publish guide" screen in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from . import permissions
from .models import GuideBuild
from .tasks import publish_guide


def publish_view(request):
    if not permissions.can_publish_guide(request.user):
        raise PermissionDenied
    if request.method == "POST":
        build = GuideBuild.objects.create(
            requested_by=request.user, skip_refused=bool(request.POST.get("skip_refused"))
        )
        publish_guide.enqueue(build.pk)
        build.refresh_from_db()
        if build.status == GuideBuild.FAILED:
            messages.error(request, "The guide could not be published. See the reason below.")
        elif build.status == GuideBuild.DONE:
            messages.success(request, "The guide has been published.")
        else:
            messages.info(request, "The guide is being published. This page updates itself.")
        return redirect("guide_publish")
    builds = GuideBuild.objects.select_related("requested_by")[:10]
    running = any(b.status in (GuideBuild.QUEUED, GuideBuild.RUNNING) for b in builds)
    return TemplateResponse(
        request,
        "guide/admin/publish.html",
        {"builds": builds, "running": running, "header_title": "Publish the guide"},
    )
