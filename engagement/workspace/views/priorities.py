"""The development plan's priorities as records: each with the milestones whose figures show
progress on it and the actions that serve it."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render

from engagement import access
from engagement.models import Action, MilestoneReport, Priority
from engagement.workspace import services
from engagement.workspace.forms import PriorityForm
from engagement.workspace.views.common import workspace_context, workspace_view
from site_content.once import once_only


def _latest_figures(locality) -> dict:
    """The locality's latest figure for each milestone (one query)."""
    latest = {}
    for report in MilestoneReport.objects.filter(locality=locality).order_by("reported_on", "pk"):
        latest[report.milestone_id] = report
    return latest


@workspace_view()
def priority_list(request, locality):
    priorities = (
        Priority.objects.filter(locality=locality)
        .prefetch_related(
            "milestones",
            Prefetch(
                "actions",
                queryset=Action.objects.filter(status__in=Action.ACTIVE).select_related("owner"),
                to_attr="open_actions",
            ),
        )
        .annotate(done=Count("actions", filter=Q(actions__status=Action.DONE)))
    )
    latest = _latest_figures(locality)
    rows = [
        (p, [(m, latest.get(m.pk)) for m in p.milestones.all()], p.open_actions, p.done)
        for p in priorities
    ]
    form = PriorityForm(locality=locality)
    return render(
        request,
        "engagement/workspace/priorities.html",
        workspace_context(request, locality, rows=rows, form=form),
    )


@workspace_view(access.can_edit_plan)
@once_only
def priority_form(request, locality, pk=None):
    priority = get_object_or_404(Priority, pk=pk, locality=locality) if pk else None
    form = PriorityForm(request.POST or None, instance=priority, locality=locality)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("title", "description")}
        saved = services.save_priority(
            locality=locality,
            data=data,
            milestones=form.cleaned_data["milestones"],
            priority=priority,
        )
        messages.success(request, f"The priority “{saved.title}” has been saved.")
        return redirect("workspace:priorities", locality.slug)
    return render(
        request,
        "engagement/workspace/priority_form.html",
        workspace_context(request, locality, form=form, priority=priority),
        status=400 if form.errors else 200,
    )


@workspace_view(access.can_edit_plan)
def priority_remove(request, locality, pk):
    """Say what removing a priority does (its milestones and actions stay, unlinked), then
    remove it when confirmed."""
    priority = get_object_or_404(Priority, pk=pk, locality=locality)
    if request.method == "POST":
        services.delete_priority(priority=priority)
        messages.success(request, f"The priority “{priority.title}” has been removed.")
        return redirect("workspace:priorities", locality.slug)
    return render(
        request,
        "engagement/workspace/priority_remove.html",
        workspace_context(
            request,
            locality,
            priority=priority,
            milestones=priority.milestones.all(),
            actions=priority.actions.select_related("owner"),
        ),
    )
