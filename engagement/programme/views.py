"""Programme management pages under /workspace/programme/<slug>/: overview (vision,
blueprint, benefits, tranches), the projects dossier, the risk and issue register, the
stakeholder map and communications plan, board reports, and advisory-group consultations."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from engagement import access
from engagement.core.charts import stakeholder_map_svg
from engagement.core.guarded import guarded
from engagement.models import (
    Benefit,
    BoardReport,
    CommsItem,
    Consultation,
    ConsultationPoint,
    LocalityPage,
    ProgrammePage,
    Project,
    RegisterItem,
    Stakeholder,
    Tranche,
)
from engagement.programme import services
from engagement.programme.forms import (
    BenefitForm,
    BoardReportForm,
    CommsItemForm,
    ConsultationForm,
    PointForm,
    PointResponseForm,
    ProjectForm,
    RegisterItemForm,
    StakeholderForm,
    TrancheForm,
)
from engagement.workspace.hub import ActionFromForm, action_lists_for


def programme_view(check):
    """Load the programme from the URL; 404 unless ``check(user, programme)``."""
    return guarded(
        lambda slug: ProgrammePage.objects.live().filter(slug=slug).first(), check, param="slug"
    )


def _reads(user, programme):
    return access.can_read_programme(user, programme.pk)


def _manages(user, programme):
    return access.can_manage_programme(user, programme.pk)


def _form_page(request, programme, form, *, title, intro="", back, status=200):
    return render(
        request,
        "engagement/programme/form_page.html",
        {"programme": programme, "form": form, "title": title, "intro": intro, "back": back},
        status=status,
    )


def _edit(request, programme, form_class, instance, *, title, back, done, **form_kwargs):
    """Create or edit one record with a programme form; redirect to ``done`` when saved."""
    form = form_class(request.POST or None, instance=instance, programme=programme, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.programme = programme
        obj.save()
        form.save_m2m()
        messages.success(request, "Saved.")
        return redirect(done(obj) if callable(done) else done)
    return _form_page(
        request,
        programme,
        form,
        title=title,
        back=back,
        status=400 if request.method == "POST" else 200,
    )


# --- Overview: vision, blueprint, benefits, tranches -------------------------------------


@programme_view(_reads)
def overview(request, programme):
    return render(
        request,
        "engagement/programme/overview.html",
        {
            "programme": programme,
            "benefits": services.benefit_rows(programme),
            "tranches": programme.tranches.prefetch_related("projects"),
            "can_manage": _manages(request.user, programme),
            "today": timezone.localdate(),
        },
    )


@programme_view(_manages)
def benefit_edit(request, programme, pk=None):
    benefit = get_object_or_404(Benefit, programme=programme, pk=pk) if pk else None
    back = reverse("programme:overview", args=[programme.slug])
    return _edit(
        request,
        programme,
        BenefitForm,
        benefit,
        title="Edit the benefit" if benefit else "Add a benefit",
        back=back,
        done=back + "#benefits",
    )


@programme_view(_manages)
def tranche_edit(request, programme, pk=None):
    tranche = get_object_or_404(Tranche, programme=programme, pk=pk) if pk else None
    back = reverse("programme:overview", args=[programme.slug])
    return _edit(
        request,
        programme,
        TrancheForm,
        tranche,
        title="Edit the tranche" if tranche else "Add a tranche",
        back=back,
        done=back + "#tranches",
    )


# --- Projects ----------------------------------------------------------------------------


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
    return render(
        request,
        "engagement/programme/projects.html",
        {
            "programme": programme,
            "projects": projects,
            "statuses": Project.STATUS_CHOICES,
            "status": status,
            "can_manage": _manages(request.user, programme),
        },
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
    items = project.register.select_related("owner")
    return render(
        request,
        "engagement/programme/project.html",
        {
            "programme": programme,
            "project": project,
            "items": items,
            "benefits": project.benefits.all(),
            "can_edit": access.can_edit_project(request.user, project),
        },
    )


@programme_view(_manages)
def project_new(request, programme):
    return _edit(
        request,
        programme,
        ProjectForm,
        None,
        title="Add a project",
        back=reverse("programme:projects", args=[programme.slug]),
        done=lambda p: reverse("programme:project", args=[programme.slug, p.pk]),
    )


@programme_view(access.can_open_projects)
def project_edit(request, programme, pk):
    project = _project(programme, pk)
    if not access.can_edit_project(request.user, project):
        raise Http404("Nothing here")
    url = reverse("programme:project", args=[programme.slug, project.pk])
    return _edit(
        request, programme, ProjectForm, project, title=f"Edit {project.title}", back=url, done=url
    )


# --- The risk and issue register ---------------------------------------------------------


@programme_view(_reads)
def register(request, programme):
    items = programme.register.select_related("owner", "project")
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", RegisterItem.OPEN)
    project = request.GET.get("project", "")
    listed = items
    if kind in dict(RegisterItem.KIND_CHOICES):
        listed = listed.filter(kind=kind)
    if status in dict(RegisterItem.STATUS_CHOICES):
        listed = listed.filter(status=status)
    else:
        status = ""
    if project.isdigit():
        listed = listed.filter(project_id=int(project))
    today = timezone.localdate()
    return render(
        request,
        "engagement/programme/register.html",
        {
            "programme": programme,
            "items": listed,
            "heat_map": services.heat_map(items),
            "overdue": services.overdue(items, today).select_related("owner"),
            "kinds": RegisterItem.KIND_CHOICES,
            "statuses": RegisterItem.STATUS_CHOICES,
            "projects": Project.objects.filter(programme=programme).order_by("title"),
            "kind": kind,
            "status": status,
            "project": project,
            "today": today,
            "can_manage": _manages(request.user, programme),
        },
    )


@programme_view(access.can_open_projects)
def register_edit(request, programme, pk=None):
    item = get_object_or_404(RegisterItem, programme=programme, pk=pk) if pk else None
    project = None
    if item is None and request.GET.get("project", "").isdigit():
        project = Project.objects.filter(programme=programme, pk=request.GET["project"]).first()
    if item is not None and not access.can_edit_register_item(request.user, item):
        raise Http404("Nothing here")
    if item is None and not access.can_add_to_register(request.user, programme, project):
        raise Http404("Nothing here")
    limit_to = None if _manages(request.user, programme) else (project or item.project)
    back = (
        reverse("programme:register", args=[programme.slug])
        if _reads(request.user, programme)
        else reverse("programme:project", args=[programme.slug, limit_to.pk])
    )
    return _edit(
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


@programme_view(access.can_open_projects)
def register_raise(request, programme, pk):
    item = get_object_or_404(RegisterItem, programme=programme, pk=pk, kind=RegisterItem.RISK)
    if request.method != "POST" or not access.can_edit_register_item(request.user, item):
        raise Http404("Nothing here")
    issue = services.raise_to_issue(item, by=request.user)
    messages.success(request, f"“{item.title}” is now an issue. The risk is closed.")
    return redirect("programme:register_edit", programme.slug, issue.pk)


@programme_view(access.can_open_projects)
def register_action(request, programme, pk):
    issue = get_object_or_404(RegisterItem, programme=programme, pk=pk, kind=RegisterItem.ISSUE)
    if not access.can_edit_register_item(request.user, issue):
        raise Http404("Nothing here")
    form = ActionFromForm(
        request.POST or None,
        localities=action_lists_for(request.user, LocalityPage.objects.filter(programme=programme)),
        initial={"title": issue.title[:200]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.action_from_issue(
            issue,
            locality=data["locality"],
            title=data["title"],
            owner=data["owner"],
            due_date=data["due_date"],
            by=request.user,
        )
        messages.success(request, f"Action added to {data['locality'].title}'s list.")
        return redirect("programme:register", programme.slug)
    return _form_page(
        request,
        programme,
        form,
        title="Turn the issue into an action",
        intro=issue.title,
        back=reverse("programme:register", args=[programme.slug]),
        status=400 if request.method == "POST" else 200,
    )


# --- Stakeholders and communications -----------------------------------------------------


@programme_view(_reads)
def stakeholders(request, programme):
    people = list(programme.stakeholders.all())
    return render(
        request,
        "engagement/programme/stakeholders.html",
        {
            "programme": programme,
            "stakeholders": people,
            "map": stakeholder_map_svg(people, labelledby="map-caption"),
            "comms": programme.comms.select_related("owner"),
            "can_manage": _manages(request.user, programme),
            "today": timezone.localdate(),
        },
    )


@programme_view(_manages)
def stakeholder_edit(request, programme, pk=None):
    person = get_object_or_404(Stakeholder, programme=programme, pk=pk) if pk else None
    back = reverse("programme:stakeholders", args=[programme.slug])
    return _edit(
        request,
        programme,
        StakeholderForm,
        person,
        title="Edit the stakeholder" if person else "Add a stakeholder",
        back=back,
        done=back,
    )


@programme_view(_manages)
def comms_edit(request, programme, pk=None):
    item = get_object_or_404(CommsItem, programme=programme, pk=pk) if pk else None
    back = reverse("programme:stakeholders", args=[programme.slug])
    return _edit(
        request,
        programme,
        CommsItemForm,
        item,
        title="Edit the plan" if item else "Plan a communication",
        back=back,
        done=back + "#comms",
    )


# --- Board reports -----------------------------------------------------------------------


@programme_view(_reads)
def report_list(request, programme):
    return render(
        request,
        "engagement/programme/reports.html",
        {
            "programme": programme,
            "reports": programme.board_reports.select_related("written_by"),
            "can_manage": _manages(request.user, programme),
        },
    )


@programme_view(_manages)
def report_new(request, programme):
    form = BoardReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report = services.write_board_report(programme, by=request.user, **form.cleaned_data)
        messages.success(request, "The board report is ready to print.")
        return redirect("programme:board_report", programme.slug, report.pk)
    return _form_page(
        request,
        programme,
        form,
        title="Write a board report",
        intro="The report takes the status of every project and tranche, the benefits, the top "
        "risks and the open issues as they are now, and keeps them as they were today.",
        back=reverse("programme:board_reports", args=[programme.slug]),
        status=400 if request.method == "POST" else 200,
    )


@programme_view(_reads)
def report_detail(request, programme, pk):
    report = get_object_or_404(BoardReport, programme=programme, pk=pk)
    return render(
        request,
        "engagement/programme/report.html",
        {
            "programme": programme,
            "report": report,
            "data": report.snapshot,
            "decisions": [d for d in report.decisions_needed.splitlines() if d.strip()],
        },
    )


# --- Advisory groups ---------------------------------------------------------------------


@programme_view(_reads)
def consultations(request, programme):
    return render(
        request,
        "engagement/programme/consultations.html",
        {
            "programme": programme,
            "consultations": programme.consultations.prefetch_related("points__response"),
            "can_manage": _manages(request.user, programme),
        },
    )


@programme_view(_manages)
def consultation_new(request, programme):
    return _edit(
        request,
        programme,
        ConsultationForm,
        None,
        title="Record a consultation",
        back=reverse("programme:consultations", args=[programme.slug]),
        done=lambda c: reverse("programme:consultation", args=[programme.slug, c.pk]),
    )


@programme_view(_reads)
def consultation_detail(request, programme, pk):
    consultation = get_object_or_404(Consultation, programme=programme, pk=pk)
    manages = _manages(request.user, programme)
    point_form = PointForm(request.POST if request.POST.get("form") == "point" else None)
    if request.method == "POST" and manages and point_form.is_valid():
        ConsultationPoint.objects.create(
            consultation=consultation, raised=point_form.cleaned_data["raised"].strip()
        )
        messages.success(request, "Point added.")
        return redirect("programme:consultation", programme.slug, consultation.pk)
    return render(
        request,
        "engagement/programme/consultation.html",
        {
            "programme": programme,
            "consultation": consultation,
            "points": consultation.points.select_related("response__action"),
            "point_form": point_form,
            "can_manage": manages,
        },
        status=400 if request.method == "POST" else 200,
    )


@programme_view(_manages)
def point_respond(request, programme, pk, point_pk):
    point = get_object_or_404(
        ConsultationPoint, consultation__programme=programme, consultation_id=pk, pk=point_pk
    )
    existing = getattr(point, "response", None)
    form = PointResponseForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.respond_to_point(
            point,
            by=request.user,
            decision=data["decision"],
            reason=data["reason"],
            what_changed=data["what_changed"],
            action=existing.action if existing else None,
        )
        messages.success(request, "Response saved.")
        return redirect("programme:consultation", programme.slug, pk)
    return _form_page(
        request,
        programme,
        form,
        title="Respond to the point",
        intro=point.raised,
        back=reverse("programme:consultation", args=[programme.slug, pk]),
        status=400 if request.method == "POST" else 200,
    )


def you_said(request, slug, pk):
    """The public "you said, we did" page of a consultation the programme chose to publish."""
    consultation = get_object_or_404(
        Consultation.objects.select_related("programme"),
        programme__slug=slug,
        pk=pk,
        public=True,
    )
    if not consultation.programme.live:
        raise Http404("Nothing here")
    return render(
        request,
        "engagement/programme/you_said.html",
        {
            "consultation": consultation,
            "points": consultation.points.select_related("response__action"),
        },
    )
