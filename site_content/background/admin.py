"""The admin's view of background work, for superusers: a "Background tasks" report (the
queue, the periodic tasks and every failed task with its error) and a dashboard warning
when the worker seems down or tasks have failed."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

from ..models import PeriodicRun
from . import status
from .periodic import registered
from .status import failed_tasks, queue_state

log = logging.getLogger(__name__)


def may_see_tasks(user) -> bool:
    """Task arguments and errors may name people's records: superusers only."""
    return bool(user.is_active and user.is_superuser)


def tasks_report(request):
    if not may_see_tasks(request.user):
        raise PermissionDenied
    runs = {r.name: r for r in PeriodicRun.objects.all()}
    periodic = [(p, runs.get(p.name)) for p in registered()]
    return TemplateResponse(
        request,
        "site_content/admin/background_tasks.html",
        {
            "state": queue_state(),
            "failed": failed_tasks(request.GET.get("page")),
            "periodic": periodic,
        },
    )


@require_POST
def task_action(request, task_id, action):
    """Try again, or dismiss, a failed or stopped task (POST from the report)."""
    if not may_see_tasks(request.user):
        raise PermissionDenied
    if action not in ("try-again", "dismiss"):
        raise Http404("No such action")
    try:
        done = (status.try_again if action == "try-again" else status.dismiss)(task_id)
    except status.TaskGone as gone:
        messages.error(
            request,
            f"“{gone}” is no longer part of this version of the site, so it cannot run again. "
            "Dismiss it.",
        )
        return redirect("site_content_background_tasks")
    if not done:
        messages.warning(request, "That task is no longer on the list: someone dealt with it.")
    elif action == "try-again":
        log.info("Task %s enqueued again by user %s", task_id, request.user.pk)
        messages.success(request, "The task is back in the queue; the worker will run it.")
    else:
        log.info("Task %s dismissed by user %s", task_id, request.user.pk)
        messages.success(request, "The task has been taken off the list.")
    return redirect("site_content_background_tasks")


class WorkerStatusPanel(Component):
    """On the dashboard only when there is something to do: the worker seems down (a task
    has waited longer than TASKS_WAITING_WARN_SECONDS) or tasks have failed."""

    name = "worker_status"
    order = 12

    def __init__(self, state):
        self.state = state

    def render_html(self, parent_context=None):
        return render_to_string(
            "site_content/admin/worker_status_panel.html", {"state": self.state}
        )


def worker_status_panel(request):
    if not may_see_tasks(request.user):
        return None
    state = queue_state()
    if state.worker_seems_down or state.failed or state.stopped:
        return WorkerStatusPanel(state)
    return None
