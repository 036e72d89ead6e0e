"""The action list and milestone figures of a locality."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from engagement import access
from engagement.models import Action, Milestone, MilestoneReport
from engagement.workspace import services
from engagement.workspace.forms import ActionForm, ActionStatusForm, MilestoneReportForm
from engagement.workspace.views.common import workspace_context, workspace_view
from site_content.fields import restarted_form
from site_content.once import once_only


@workspace_view()
def action_list(request, locality):
    today = timezone.localdate()
    status = request.GET.get("status", "")
    actions = Action.objects.filter(locality=locality).select_related("owner")
    if status in dict(Action.STATUS_CHOICES):
        actions = actions.filter(status=status)
    page = Paginator(actions, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/workspace/action_list.html",
        workspace_context(
            request, locality, page=page, status=status, statuses=Action.STATUS_CHOICES, today=today
        ),
    )


@workspace_view(access.can_manage_actions)
@once_only
def action_form(request, locality, pk=None):
    action = get_object_or_404(Action, pk=pk, locality=locality) if pk else None
    if request.method == "POST":
        form = ActionForm(request.POST, instance=action, locality=locality)
        if form.is_valid():
            data = {k: form.cleaned_data[k] for k in ActionForm.Meta.fields}
            source = form.cleaned_data.get("source_entry")
            try:
                if action is None:
                    action = services.create_action(
                        locality=locality, creator=request.user, data=data, source=source
                    )
                else:
                    if source is not None:
                        data["source"] = source
                    action = services.update_action(
                        action=action, data=data, expected_version=form.cleaned_data.get("version")
                    )
            except services.StaleEdit:
                action.refresh_from_db()
                form = restarted_form(
                    ActionForm, request.POST, action.version, instance=action, locality=locality
                )
            else:
                messages.success(request, f"The action “{action.title}” has been saved.")
                return redirect("workspace:actions", locality.slug)
        status = 400
    else:
        form, status = ActionForm(instance=action, locality=locality), 200
    return render(
        request,
        "engagement/workspace/action_form.html",
        workspace_context(request, locality, form=form, action=action),
        status=status,
    )


@require_POST
@workspace_view(access.can_manage_actions)
def action_status(request, locality, pk):
    action = get_object_or_404(Action, pk=pk, locality=locality)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.set_action_status(action=action, status=form.cleaned_data["status"])
        label = dict(Action.STATUS_CHOICES)[form.cleaned_data["status"]].lower()
        messages.success(request, f"“{action.title}” is now {label}.")
    else:
        messages.error(request, "Choose a status for the action.")
    next_url = request.POST.get("next", "")
    # Only a path on this site (redirect() would read "x" as a view's name and fail).
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(next_url)
    return redirect("workspace:actions", locality.slug)


def milestone_table(locality):
    milestones = list(
        Milestone.objects.filter(programme_id=locality.programme_id).order_by("sort_order")
    )
    reports = MilestoneReport.objects.filter(locality=locality).select_related(
        "reported_by", "corrected_by"
    )
    by_milestone = {m.pk: [] for m in milestones}
    for r in reports:
        by_milestone.setdefault(r.milestone_id, []).append(r)
    return [
        {
            "milestone": m,
            "reports": by_milestone[m.pk],
            "latest": (by_milestone[m.pk] or [None])[-1],
        }
        for m in milestones
    ]


@workspace_view()
@once_only
def milestones(request, locality):
    form = None
    status = 200
    may_report = access.can_report_milestones(request.user, locality)
    if request.method == "POST" and not may_report:
        raise PermissionDenied
    if may_report:
        if request.method == "POST":
            form = MilestoneReportForm(request.POST, locality=locality)
            if form.is_valid():
                services.report_milestone(
                    locality=locality, reporter=request.user, **form.cleaned_data
                )
                messages.success(request, "The figure has been recorded.")
                return redirect("workspace:milestones", locality.slug)
            status = 400
        else:
            form = MilestoneReportForm(
                locality=locality, initial={"reported_on": timezone.localdate()}
            )
    correctable = MilestoneReport.objects.filter(locality=locality).filter(
        access.correctable_figures_q(request.user, locality)
    )
    return render(
        request,
        "engagement/workspace/milestones.html",
        workspace_context(
            request,
            locality,
            table=milestone_table(locality),
            form=form,
            correctable=set(correctable.values_list("pk", flat=True)),
        ),
        status=status,
    )


@workspace_view()
def milestone_correct(request, locality, pk):
    report = get_object_or_404(
        MilestoneReport.objects.select_related("milestone", "locality"), pk=pk, locality=locality
    )
    if not access.can_correct_figure(request.user, report):
        raise PermissionDenied
    form = MilestoneReportForm(
        request.POST or None,
        locality=locality,
        milestone=report.milestone,
        initial={"value": report.value, "reported_on": report.reported_on, "note": report.note},
    )
    if request.method == "POST" and form.is_valid():
        services.correct_milestone_report(report=report, by=request.user, **form.cleaned_data)
        messages.success(request, "The figure has been corrected.")
        return redirect("workspace:milestones", locality.slug)
    return render(
        request,
        "engagement/workspace/milestone_correct.html",
        workspace_context(request, locality, report=report, form=form),
        status=400 if form.is_bound else 200,
    )
