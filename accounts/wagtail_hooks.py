"""Wagtail's user screens keep the same rule as Django's admin (accounts/powers.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail import hooks

from . import powers

REFUSED = (
    "Only a superuser may make someone staff or a superuser, or add them to a group. "
    "Nothing was saved."
)


def _refuse_powers(request, account):
    if request.method == "POST" and powers.powers_asked(request.user, account, request.POST):
        messages.error(request, REFUSED)
        return redirect(request.get_full_path())
    return None


@hooks.register("before_create_user")
def refuse_giving_powers_to_a_new_account(request):
    return _refuse_powers(request, None)


@hooks.register("before_edit_user")
def refuse_changing_a_superuser_or_giving_powers(request, account):
    if not powers.may_change_account(request.user, account):
        raise PermissionDenied
    return _refuse_powers(request, account)


@hooks.register("before_delete_user")
def refuse_deleting_a_superuser(request, account):
    if not powers.may_change_account(request.user, account):
        raise PermissionDenied
    return None
