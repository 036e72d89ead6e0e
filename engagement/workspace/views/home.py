"""The list of someone's workspaces, a workspace's home page and its development plan."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from engagement import access
from engagement.models import Action, DevelopmentPlan, LocalityMembership, ProgressEntry
from engagement.workspace import services
from engagement.workspace.forms import PlanForm
from engagement.workspace.views.actions import milestone_table
from engagement.workspace.views.common import workspace_context, workspace_view
from site_content.fields import restarted_form


@login_required
def index(request):
    workspaces = list(access.workspaces_for(request.user))
    dashboards = list(access.dashboards_for(request.user))
    panels = list(access.panels_for(request.user).select_related("facilitator"))
    run = [
        (
            p,
            reverse(
                "programme:overview"
                if access.can_read_programme(request.user, p.pk)
                else "programme:projects",
                args=[p.slug],
            ),
        )
        for p in access.programmes_run_by(request.user)
    ]
    inquiries = list(access.inquiries_for(request.user).live().order_by("title"))
    groups = list(access.groups_for(request.user).select_related("programme"))
    # One workspace and nothing else: go straight there (its inquiries are listed on it).
    if len(workspaces) == 1 and not (dashboards or panels or run or groups):
        return redirect("workspace:home", workspaces[0].slug)
    return render(
        request,
        "engagement/workspace/index.html",
        {
            "workspaces": workspaces,
            "dashboards": dashboards,
            "panels": panels,
            "run": run,
            "inquiries": inquiries,
            "groups": groups,
        },
    )


def _action_groups(locality, today):
    actions = Action.objects.filter(locality=locality).select_related("owner")
    recent = today - datetime.timedelta(days=30)
    return {
        "overdue": list(actions.filter(status__in=Action.ACTIVE, due_date__lt=today)),
        "open": list(actions.filter(status__in=Action.ACTIVE).exclude(due_date__lt=today)[:20]),
        "done": list(
            actions.filter(status=Action.DONE, completed_at__date__gte=recent).order_by(
                "-completed_at"
            )[:10]
        ),
    }


@workspace_view()
def home(request, locality):
    today = timezone.localdate()
    entries = (
        ProgressEntry.objects.filter(locality=locality)
        .filter(access.visible_entries_q(request.user, locality))
        .select_related("author", "phase")[:5]
    )
    context = workspace_context(
        request,
        locality,
        team=LocalityMembership.objects.filter(locality=locality).select_related("user"),
        plan=DevelopmentPlan.objects.filter(locality=locality).first(),
        entries=entries,
        actions=_action_groups(locality, today),
        milestones=milestone_table(locality),
        can_manage_team=access.can_manage_team(request.user, locality),
        today=today,
        inquiries=access.inquiries_for(request.user)
        .filter(Q(locality=locality) | Q(locality__isnull=True, programme_id=locality.programme_id))
        .live()
        .order_by("title"),
    )
    return render(request, "engagement/workspace/workspace_home.html", context)


@workspace_view(access.can_edit_plan)
def plan_edit(request, locality):
    plan, _ = DevelopmentPlan.objects.get_or_create(locality=locality)
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                services.update_plan(
                    locality=locality,
                    editor=request.user,
                    priorities=form.cleaned_data["priorities"],
                    proposals=form.cleaned_data["proposals"],
                    expected_version=form.cleaned_data["version"],
                )
            except services.StaleEdit:
                plan.refresh_from_db()
                form = restarted_form(PlanForm, request.POST, plan.version)
                return render(
                    request,
                    "engagement/workspace/plan_form.html",
                    workspace_context(request, locality, form=form, plan=plan, stale=True),
                    status=409,
                )
            messages.success(request, "The development plan has been saved.")
            return redirect("workspace:home", locality.slug)
    else:
        form = PlanForm(
            initial={
                "version": plan.version,
                "priorities": plan.priorities,
                "proposals": plan.proposals,
            }
        )
    return render(
        request,
        "engagement/workspace/plan_form.html",
        workspace_context(request, locality, form=form, plan=plan),
        status=400 if form.is_bound else 200,  # a form sent back with its errors
    )
