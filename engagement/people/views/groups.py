"""Working groups: the programme's list, a group's private space, its members and closing."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Case, F, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from engagement import access
from engagement.core.guarded import guarded
from engagement.models import Action, GroupMembership, GroupNote, ProgrammePage, WorkingGroup
from engagement.people import services
from engagement.people.forms import AddMemberForm, CloseGroupForm, GroupForm, GroupNoteForm
from engagement.people.views.team import invite_form, people_in, remove_from, send_invitation
from site_content.once import once_only


def _group(pk):
    return WorkingGroup.objects.select_related("programme").filter(pk=pk).first()


group_view = guarded(_group, access.can_view_group, param="pk", missing="No group here")
manage_view = guarded(_group, access.can_manage_group, param="pk", missing="No group here")
programme_view = guarded(
    lambda slug: ProgrammePage.objects.live().filter(slug=slug).first(),
    lambda user, programme: (
        access.groups_for(user).filter(programme=programme).exists()
        or access.can_create_group(user, programme.pk)
    ),
    param="slug",
    missing="No programme here",
)


def group_page(request, group, template, form, **context):
    """A page of ``group`` with its one ``form``: 400 when the form has errors."""
    return render(
        request,
        template,
        {"group": group, "programme": group.programme, **context, "form": form},
        status=400 if form.errors else 200,
    )


@programme_view
def group_list(request, programme):
    groups = access.groups_for(request.user).filter(programme=programme)
    return render(
        request,
        "engagement/people/group_list.html",
        {
            "programme": programme,
            "groups": groups,
            "can_create": access.can_create_group(request.user, programme.pk),
        },
    )


@programme_view
@once_only
def group_new(request, programme):
    if not access.can_create_group(request.user, programme.pk):
        raise Http404("No programme here")
    form = GroupForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        group = services.create_group(by=request.user, programme=programme, **form.cleaned_data)
        messages.success(request, f"{group.name} has been set up. Now bring people in.")
        return redirect("people:group_members", group.pk)
    return render(
        request,
        "engagement/people/group_form.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@group_view
@once_only
def group_home(request, group):
    form = GroupNoteForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if group.is_closed:
            messages.error(request, f"{group.name} has closed, so nothing new can be added.")
            return redirect("people:group", group.pk)
        if form.is_valid():
            services.add_note(
                by=request.user,
                group=group,
                text=form.cleaned_data["text"],
                written_on=form.cleaned_data["written_on"],
                upload=form.cleaned_data.get("file"),
            )
            messages.success(request, "Added to the group's log.")
            return redirect("people:group", group.pk)
    return group_page(
        request,
        group,
        "engagement/people/group_home.html",
        form,
        members=group.members.select_related("user", "locality"),
        notes=group.notes.select_related("author")[:50],
        actions=group.actions.select_related("owner").order_by(
            Case(When(status__in=Action.ACTIVE, then=0), default=1),
            F("due_date").asc(nulls_last=True),
            "pk",
        ),
        today=timezone.localdate(),
        meetings=_meetings(group),
        can_write=access.can_write_in_group(request.user, group),
        can_manage=access.can_manage_group(request.user, group),
    )


def _meetings(group):
    """The group's meetings: published events that name it (EventPage.group)."""
    return list(group.events.live().order_by("starts_at"))


@group_view
def note_file(request, group, note_pk):
    note = get_object_or_404(GroupNote, pk=note_pk, group=group)
    if not note.file:
        raise Http404("No file here")
    return FileResponse(note.file.open("rb"), as_attachment=True, filename=note.original_name)


@manage_view
def group_edit(request, group):
    if group.is_closed:
        messages.error(request, f"{group.name} has closed, so its details stay as they were.")
        return redirect("people:group", group.pk)
    form = GroupForm(request.POST or None, instance=group, programme=group.programme)
    if request.method == "POST" and form.is_valid():
        services.update_group(by=request.user, group=group, **form.cleaned_data)
        messages.success(request, "The group's details have been saved.")
        return redirect("people:group", group.pk)
    return group_page(request, group, "engagement/people/group_form.html", form)


@manage_view
def group_members(request, group):
    may_add_conveners = access.can_invite(request.user, group, as_lead=True)
    people = access.group_candidates(group).order_by("first_name", "last_name", "email")
    add_form = AddMemberForm(
        request.POST if "add" in request.POST else None,
        people=people,
        may_add_conveners=may_add_conveners,
    )
    invite = invite_form(request, group, request.POST if "invite" in request.POST else None)
    if request.method == "POST" and group.is_closed:
        messages.error(request, f"{group.name} has closed, so no one new can join it.")
        return redirect("people:group_members", group.pk)
    if request.method == "POST":
        try:
            if "add" in request.POST and add_form.is_valid():
                place = services.add_to_group(
                    by=request.user,
                    group=group,
                    user=add_form.cleaned_data["person"],
                    role=add_form.cleaned_data["role"],
                )
                messages.success(request, f"{place.user.display_name} is now in {group.name}.")
                return redirect("people:group_members", group.pk)
            if "invite" in request.POST and invite.is_valid():
                send_invitation(request, group, invite.cleaned_data)
                return redirect("people:group_members", group.pk)
        except services.Refused as refusal:
            (add_form if "add" in request.POST else invite).add_error(None, str(refusal))
    if not may_add_conveners:
        invite.fields["role"].choices = [
            c for c in GroupMembership.ROLE_CHOICES if c[0] == GroupMembership.MEMBER
        ]
    return render(
        request,
        "engagement/people/group_members.html",
        {
            "group": group,
            "programme": group.programme,
            **people_in(request.user, group, group.members.select_related("user", "locality")),
            "add_form": add_form,
            "invite_form": invite,
        },
        status=400 if (add_form.errors or invite.errors) else 200,
    )


@manage_view
def group_remove(request, group, member_pk):
    places = GroupMembership.objects.filter(group=group)
    back = ("people:group_members", group.pk)
    return remove_from(request, places, member_pk, back, team=group.name, gone_from=group.name)


@manage_view
def group_close(request, group):
    if group.is_closed:
        messages.info(request, f"{group.name} closed on {group.closed_on:%-d %B %Y}.")
        return redirect("people:group", group.pk)
    form = CloseGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.close_group(
            by=request.user,
            group=group,
            report=form.cleaned_data["closing_report"],
            is_learning=form.cleaned_data["report_is_learning"],
        )
        messages.success(request, f"{group.name} is closed. Its space stays readable.")
        return redirect("people:group", group.pk)
    open_actions = group.actions.filter(status__in=Action.ACTIVE).count()
    template = "engagement/people/group_close.html"
    return group_page(request, group, template, form, open_actions=open_actions)
