"""Workspace pages for locality teams and the programme dashboard. Views stay thin: they parse
input, ask engagement.permissions, call one service and render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from engagement import access
from engagement.core.charts import bar_chart_svg
from engagement.core.guarded import guarded
from engagement.core.usage import usages_of
from engagement.models import (
    Action,
    DevelopmentPlan,
    EntryAttachment,
    LocalityMembership,
    LocalityPage,
    Milestone,
    MilestoneReport,
    ProgrammePage,
    ProgressEntry,
)
from engagement.workspace import services
from engagement.workspace.dashboard import build_dashboard
from engagement.workspace.forms import (
    ActionForm,
    ActionStatusForm,
    MilestoneReportForm,
    PlanForm,
    ProgressEntryForm,
)
from site_content.exports import csv_download

STALE_MESSAGE = (
    "Someone else saved changes while you were editing. Your changes have not been saved yet. "
    "Check the latest version below, then save again."
)


def workspace_view(check=access.can_view_workspace):
    """Load the locality from the URL and refuse with 404 unless ``check(user, locality)``."""
    return guarded(
        lambda slug: LocalityPage.objects.live().filter(slug=slug).first(),
        check,
        param="slug",
        missing="No workspace here",
    )


def _restarted_form(form_class, post, version, **kwargs):
    """After a stale edit: the person's input, kept, now based on the latest saved version."""
    data = post.copy()
    data["version"] = version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, STALE_MESSAGE)
    return form


def _workspace_context(request, locality, **extra):
    return {
        "locality": locality,
        "programme": locality.programme,
        "can_edit_plan": access.can_edit_plan(request.user, locality),
        "can_add_entry": access.can_add_entry(request.user, locality),
        "can_manage_actions": access.can_manage_actions(request.user, locality),
        "can_report_milestones": access.can_report_milestones(request.user, locality),
        **extra,
    }


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
    # One workspace and nothing else: go straight there (its inquiries are listed on it).
    if len(workspaces) == 1 and not (dashboards or panels or run):
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
    context = _workspace_context(
        request,
        locality,
        team=LocalityMembership.objects.filter(locality=locality).select_related("user"),
        plan=DevelopmentPlan.objects.filter(locality=locality).first(),
        entries=entries,
        actions=_action_groups(locality, today),
        milestones=_milestone_table(locality),
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
                form = _restarted_form(PlanForm, request.POST, plan.version)
                return render(
                    request,
                    "engagement/workspace/plan_form.html",
                    _workspace_context(request, locality, form=form, plan=plan, stale=True),
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
        _workspace_context(request, locality, form=form, plan=plan),
    )


@workspace_view()
def entry_list(request, locality):
    entries = (
        ProgressEntry.objects.filter(locality=locality)
        .filter(access.visible_entries_q(request.user, locality))
        .select_related("author", "phase")
        .prefetch_related("tags")
    )
    show = request.GET.get("show", "")
    if show == "drafts":
        entries = entries.filter(status=ProgressEntry.DRAFT, author=request.user)
    elif show == "learning":
        entries = entries.filter(is_learning=True)
    page = Paginator(entries, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/workspace/entry_list.html",
        _workspace_context(request, locality, page=page, show=show),
    )


def _entry_or_404(locality, pk, user, check):
    entry = get_object_or_404(
        ProgressEntry.objects.select_related("author", "phase", "locality"),
        pk=pk,
        locality=locality,
    )
    if not check(user, entry):
        raise Http404("No entry here")
    return entry


def _save_entry_from_post(request, locality, entry=None):
    submitting = "submit" in request.POST
    form = ProgressEntryForm(
        request.POST, request.FILES, instance=entry, locality=locality, submitting=submitting
    )
    if not form.is_valid():
        return form, None, 400
    try:
        saved = services.save_entry(
            locality=locality,
            editor=request.user,
            data=form.entry_data(),
            tags=form.chosen_tags(),
            files=form.cleaned_data["attachments"],
            submit=submitting,
            entry=entry,
            expected_version=form.cleaned_data.get("version") if entry else None,
        )
    except services.StaleEdit:
        entry.refresh_from_db()
        form = _restarted_form(
            ProgressEntryForm,
            request.POST,
            entry.version,
            files=request.FILES,
            instance=entry,
            locality=locality,
            submitting=submitting,
        )
        return form, None, 409
    if saved.is_draft:
        messages.success(request, "Your draft has been saved. You can finish it later.")
    else:
        messages.success(request, "Your progress entry has been saved to the log.")
    return form, saved, 200


@workspace_view(access.can_add_entry)
def entry_create(request, locality):
    if request.method == "POST":
        form, saved, status = _save_entry_from_post(request, locality)
        if saved:
            return redirect("workspace:entry", locality.slug, saved.pk)
    else:
        form, status = (
            ProgressEntryForm(locality=locality, initial={"entry_date": timezone.localdate()}),
            200,
        )
    return render(
        request,
        "engagement/workspace/entry_form.html",
        _workspace_context(request, locality, form=form, entry=None),
        status=status,
    )


@workspace_view()
def entry_edit(request, locality, pk):
    entry = _entry_or_404(locality, pk, request.user, access.can_edit_entry)
    latest = None
    if request.method == "POST":
        form, saved, status = _save_entry_from_post(request, locality, entry)
        if saved:
            return redirect("workspace:entry", locality.slug, saved.pk)
        if status == 409:
            latest = ProgressEntry.objects.get(pk=entry.pk)
    else:
        form, status = ProgressEntryForm(instance=entry, locality=locality), 200
    return render(
        request,
        "engagement/workspace/entry_form.html",
        _workspace_context(request, locality, form=form, entry=entry, latest=latest),
        status=status,
    )


@workspace_view()
def entry_detail(request, locality, pk):
    entry = _entry_or_404(locality, pk, request.user, access.can_view_entry)
    context = _workspace_context(
        request,
        locality,
        entry=entry,
        tags=entry.tags.all(),
        attachments=entry.attachments.all(),
        revisions=entry.revisions.select_related("editor"),
        can_edit=access.can_edit_entry(request.user, entry),
        actions=Action.objects.filter(source_id=entry.pk, source_type__model="progressentry"),
        usages=usages_of(entry),
    )
    return render(request, "engagement/workspace/entry_detail.html", context)


@workspace_view()
def attachment_download(request, locality, pk):
    attachment = get_object_or_404(
        EntryAttachment.objects.select_related("entry__locality"), pk=pk, entry__locality=locality
    )
    if not access.can_view_entry(request.user, attachment.entry):
        raise Http404("No file here")
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


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
        _workspace_context(
            request, locality, page=page, status=status, statuses=Action.STATUS_CHOICES, today=today
        ),
    )


@workspace_view(access.can_manage_actions)
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
                form.add_error(None, STALE_MESSAGE)
            else:
                messages.success(request, f"The action “{action.title}” has been saved.")
                return redirect("workspace:actions", locality.slug)
        status = 400
    else:
        form, status = ActionForm(instance=action, locality=locality), 200
    return render(
        request,
        "engagement/workspace/action_form.html",
        _workspace_context(request, locality, form=form, action=action),
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
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("workspace:actions", locality.slug)


def _milestone_table(locality):
    milestones = list(
        Milestone.objects.filter(programme_id=locality.programme_id).order_by("sort_order")
    )
    reports = MilestoneReport.objects.filter(locality=locality).select_related("reported_by")
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
    return render(
        request,
        "engagement/workspace/milestones.html",
        _workspace_context(request, locality, table=_milestone_table(locality), form=form),
        status=status,
    )


def _dashboard_programme(request, slug):
    programme = ProgrammePage.objects.live().filter(slug=slug).first()
    if programme is None or not access.can_view_dashboard(request.user, programme.pk):
        raise Http404("No dashboard here")
    return programme


@login_required
def dashboard(request, slug):
    programme = _dashboard_programme(request, slug)
    data = build_dashboard(programme)
    rows = data.rows
    charts = {
        "entries": bar_chart_svg(
            [(r.locality.title, r.recent_entries) for r in rows],
            labelledby="entries-title entries-desc",
        ),
        "open": bar_chart_svg(
            [(r.locality.title, r.open_actions) for r in rows], labelledby="open-title open-desc"
        ),
        "overdue": bar_chart_svg(
            [(r.locality.title, r.overdue_actions) for r in rows],
            labelledby="overdue-title overdue-desc",
            bar_class="bar bar--overdue",
        ),
    }
    milestone_charts = [
        {
            **col,
            "svg": bar_chart_svg(
                col["values"],
                labelledby=f"ms{i}-title ms{i}-desc",
                target=col["milestone"].target,
            ),
            "n": i,
        }
        for i, col in enumerate(data.milestone_columns(), start=1)
    ]
    return render(
        request,
        "engagement/workspace/dashboard.html",
        {
            "programme": programme,
            "data": data,
            "charts": charts,
            "milestone_charts": milestone_charts,
            "busiest": max(rows, key=lambda r: r.recent_entries, default=None),
            "most_overdue": max(rows, key=lambda r: r.overdue_actions, default=None),
            "total_open": sum(r.open_actions for r in rows),
        },
    )


@login_required
def dashboard_csv(request, slug):
    programme = _dashboard_programme(request, slug)
    data = build_dashboard(programme)
    header = [
        "Locality",
        "Phase of latest entry",
        "Entries in last 30 days",
        "Open actions",
        "Overdue actions",
    ] + [f"{m.title} ({m.unit}, target {m.target})" for m in data.milestones]
    rows = (
        [
            row.locality.title,
            row.phase_name,
            row.recent_entries,
            row.open_actions,
            row.overdue_actions,
        ]
        + ["" if row.figures[m.pk] is None else row.figures[m.pk] for m in data.milestones]
        for row in data.rows
    )
    return csv_download(
        request,
        filename=f"{programme.slug}-dashboard-{data.today}.csv",
        header=header,
        rows=rows,
        what=f"Dashboard CSV of {programme.title}",
    )
