"""Wagtail's user screens keep the same rule as Django's admin (accounts/powers.py)."""

from django.core.exceptions import PermissionDenied
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
