"""Wagtail's user screens keep the same rule as Django's admin (accounts/powers.py)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail import hooks

from . import powers

# Giving powers is refused in the forms themselves (accounts/wagtail_users.py), so that what
# was typed is kept; changing or deleting a superuser is refused here, before any form.


@hooks.register("before_edit_user")
def refuse_changing_a_superuser(request, account):
    if not powers.may_change_account(request.user, account):
        raise PermissionDenied
    return None


@hooks.register("before_delete_user")
def refuse_deleting_a_superuser(request, account):
    if not powers.may_change_account(request.user, account):
        raise PermissionDenied
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_changes_beyond_ones_powers(request, action_type, objects, action):
    """The user list's bulk actions keep the same rule: assigning a role (a group) is giving
    power, and a superuser's account is changed by superusers only."""
    if not issubclass(action.model, get_user_model()) or request.user.is_superuser:
        return None
    refused = ""
    if action_type == "assign_role":
        refused = "Only a superuser may add someone to a group."
    elif any(not powers.may_change_account(request.user, account) for account in objects):
        refused = "Only a superuser may change or delete a superuser's account."
    if refused:
        messages.error(request, f"{refused} Nothing was changed.")
        return redirect(action.next_url)
    return None
