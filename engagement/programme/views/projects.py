"""Projects and their dossier, and the risk and issue register."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from engagement import access
from engagement.models import LocalityPage, Project, RegisterItem
from engagement.programme import services
from engagement.programme.forms import ProjectForm, RegisterItemForm
from engagement.programme.views.common import (
    edit_record,
    form_page,
    may_manage,
    may_read,
    programme_page,
    programme_view,
    record_adder,
)
from engagement.workspace.hub import ActionFromForm, action_lists_for
from site_content.fields import id_from_query
from site_content.once import once_only


@programme_view(access.can_open_projects)
def project_list(request, programme):
    status = request.GET.get("status", "")
    projects = (
        access.projects_for(request.user, programme)
        .select_related("manager", "locality", "tranche")
        .order_by("title")
    )
    if status in dict(Project.STATUS_CHOICES):
        projects = projects.filter(status=status)
    return programme_page(
        request,
        programme,
        "engagement/programme/projects.html",
        projects=projects,
        statuses=Project.STATUS_CHOICES,
        status=status,
    )


def _project(programme, pk):
    return get_object_or_404(
        Project.objects.select_related("manager", "locality", "tranche"), programme=programme, pk=pk
    )


@programme_view(access.can_open_projects)
def project_detail(request, programme, pk):
    project = _project(programme, pk)
    if not access.can_view_project(request.user, project):
        raise Http404("Nothing here")
    items = list(project.register.select_related("owner", "project"))
    return render(
        request,
        "engagement/programme/project.html",
        {
            "programme": programme,
            "project": project,
            "items": items,
            "benefits": project.benefits.all(),
            "can_edit": access.can_edit_project(request.user, project),
            "editable": access.register_items_editable(request.user, programme, items),
        },
    )


project_new = record_adder(  # by those who manage the programme: they choose its manager
    ProjectForm,
    title="Add a project",
    back_to="programme:projects",
    done_to="programme:project",
    may_reassign=True,
)


@programme_view(access.can_open_projects)
def project_edit(request, programme, pk):
    project = _project(programme, pk)
    if not access.can_edit_project(request.user, project):
        raise Http404("Nothing here")
    url = reverse("programme:project", args=[programme.slug, project.pk])
    return edit_record(
        request,
        programme,
        ProjectForm,
        project,
        title=f"Edit {project.title}",
        back=url,
        done=url,
        may_reassign=access.can_reassign_project(request.user, project),
    )


@programme_view(may_read)
def register(request, programme):
    items = programme.register.select_related("owner", "project")
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", RegisterItem.OPEN)
    project = id_from_query(request.GET.get("project"))
    listed = items
    if kind in dict(RegisterItem.KIND_CHOICES):
        listed = listed.filter(kind=kind)
    if status in dict(RegisterItem.STATUS_CHOICES):
        listed = listed.filter(status=status)
    else:
        status = ""
    if project is not None:
        listed = listed.filter(project_id=project)
    listed = list(listed)
    today = timezone.localdate()
    return programme_page(
        request,
        programme,
        "engagement/programme/register.html",
        items=listed,
        editable=access.register_items_editable(request.user, programme, items),
        heat_map=services.heat_map(items),
        overdue=services.overdue(items, today).select_related("owner"),
        kinds=RegisterItem.KIND_CHOICES,
        statuses=RegisterItem.STATUS_CHOICES,
        projects=Project.objects.filter(programme=programme).order_by("title"),
        kind=kind,
        status=status,
        project=project,
        today=today,
    )


@programme_view(access.can_open_projects)
def register_edit(request, programme, pk=None):
    item = get_object_or_404(RegisterItem, programme=programme, pk=pk) if pk else None
    project = None
    project_id = id_from_query(request.GET.get("project"))
    if item is None and project_id is not None:
        project = Project.objects.filter(programme=programme, pk=project_id).first()
    if item is not None and not access.can_edit_register_item(request.user, item):
        raise Http404("Nothing here")
    if item is None and not access.can_add_to_register(request.user, programme, project):
        raise Http404("Nothing here")
    limit_to = None if may_manage(request.user, programme) else (project or item.project)
    back = _register_or_project(request.user, programme, item, project=limit_to)
    return edit_record(
        request,
        programme,
        RegisterItemForm,
        item,
        title="Edit the register entry" if item else "Log a risk or issue",
        back=back,
        done=back,
        project=limit_to,
        initial={"project": project.pk} if project else None,
    )


def _register_or_project(user, programme, item, project=None) -> str:
    """Where a register entry's screens lead back to: the register for those who read it,
    else the project page (a project manager reads only their project's register)."""
    if may_read(user, programme):
        return reverse("programme:register", args=[programme.slug])
    return reverse("programme:project", args=[programme.slug, (project or item.project).pk])


@programme_view(access.can_open_projects)
def register_raise(request, programme, pk):
    item = get_object_or_404(RegisterItem, programme=programme, pk=pk, kind=RegisterItem.RISK)
    if request.method != "POST" or not access.can_edit_register_item(request.user, item):
        raise Http404("Nothing here")
    issue = services.raise_to_issue(item, by=request.user)
    messages.success(request, f"“{item.title}” is now an issue. The risk is closed.")
    return redirect("programme:register_edit", programme.slug, issue.pk)


@programme_view(access.can_open_projects)
@once_only
def register_action(request, programme, pk):
    issue = get_object_or_404(RegisterItem, programme=programme, pk=pk, kind=RegisterItem.ISSUE)
    if not access.can_edit_register_item(request.user, issue):
        raise Http404("Nothing here")
    form = ActionFromForm(
        request.POST or None,
        localities=action_lists_for(request.user, LocalityPage.objects.filter(programme=programme)),
        initial={"title": issue.title[:200]},
    )
    back = _register_or_project(request.user, programme, issue)
    if request.method == "POST" and form.is_valid():
        action = services.action_from_issue(issue, by=request.user, **form.cleaned_data)
        messages.success(request, f"Action added to {action.locality.title}'s list.")
        return redirect(back)
    return form_page(
        request,
        programme,
        form,
        title="Turn the issue into an action",
        intro=issue.title,
        back=back,
        status=400 if request.method == "POST" else 200,
        once=True,
    )
