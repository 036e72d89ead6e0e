"""The admin's view of background work, for superusers: a "Background tasks" report (the
queue, the periodic tasks and every failed task with its error) and a dashboard warning
when the worker seems down or tasks have failed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from wagtail.admin.ui.components import Component

from ..models import PeriodicRun
from .periodic import registered
from .status import failed_tasks, queue_state


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
        {"state": queue_state(), "failed": failed_tasks(), "periodic": periodic},
    )


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
    if state.worker_seems_down or state.failed:
        return WorkerStatusPanel(state)
    return None
