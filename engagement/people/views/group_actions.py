"""A working group's actions: what the group will do, who and by when. The actions are the
same records as a locality's (one Action hub); only the list they sit on differs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from engagement import access
from engagement.models import Action
from engagement.people import services
from engagement.people.forms import GroupActionForm
from engagement.people.views.groups import group_page, group_view
from engagement.workspace.services import StaleEdit
from site_content.fields import restarted_form
from site_content.once import once_only


def _writable(request, group) -> bool:
    if access.can_write_in_group(request.user, group):
        return True
    if group.is_closed:
        messages.error(request, f"{group.name} has closed, so its actions can no longer change.")
        return False
    raise PermissionDenied("You cannot change this group's actions")


@group_view
@once_only
def action_form(request, group, action_pk=None):
    action = get_object_or_404(Action, pk=action_pk, group=group) if action_pk is not None else None
    if not _writable(request, group):
        return redirect("people:group", group.pk)
    form = GroupActionForm(request.POST or None, instance=action, group=group)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in GroupActionForm.Meta.fields}
        try:
            if action is None:
                action = services.add_group_action(by=request.user, group=group, data=data)
            else:
                action = services.update_group_action(
                    by=request.user,
                    action=action,
                    data=data,
                    expected_version=form.cleaned_data.get("version"),
                )
        except StaleEdit:
            action.refresh_from_db()
            form = restarted_form(
                GroupActionForm, request.POST, action.version, instance=action, group=group
            )
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The action “{action.title}” has been saved.")
            return redirect(f"{group_url(group)}#actions-h")
    template = "engagement/people/group_action_form.html"
    return group_page(request, group, template, form, action=action)


@require_POST
@group_view
def action_done(request, group, action_pk):
    action = get_object_or_404(Action, pk=action_pk, group=group)
    if _writable(request, group):
        try:
            services.update_group_action(
                by=request.user, action=action, data={"status": Action.DONE}
            )
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"“{action.title}” is now done.")
    return redirect(f"{group_url(group)}#actions-h")


def group_url(group) -> str:
    return reverse("people:group", args=[group.pk])
