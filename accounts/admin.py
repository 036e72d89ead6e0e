import allauth.mfa.admin  # noqa: F401 - registers allauth's screen, replaced below
from allauth.account.decorators import secure_admin_login
from allauth.mfa.models import Authenticator
from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models.constants import LOOKUP_SEP

from . import powers
from .models import User

# Django's admin signs people in only through allauth's sign-in (its rate limits and the
# second factor), never with its own password form.
admin.site.login = secure_admin_login(admin.site.login)


class KeepsSecrets:
    """Django's admin lets a list be filtered, from the address, by any field of its own
    model (``?password__startswith=pbkdf2``): one guess at a time, that reads a secret out
    through the count of what is listed. ``secret_fields`` are never filtered on."""

    secret_fields: tuple[str, ...] = ()

    def lookup_allowed(self, lookup, value, request=None):
        if lookup.split(LOOKUP_SEP)[0] in self.secret_fields:
            return False
        return super().lookup_allowed(lookup, value, request)


class ShowsOnly(KeepsSecrets):
    """A record an admin may look at (its ``fields``, never its secrets) and delete, but
    neither add nor edit."""

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(KeepsSecrets, BaseUserAdmin):
    secret_fields = ("password",)
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    # Who may give power, and change whose account: accounts/powers.py.
    def get_readonly_fields(self, request, obj=None):
        found = super().get_readonly_fields(request, obj)
        return found if request.user.is_superuser else (*found, *powers.POWERS)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not powers.may_change_account(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not powers.may_change_account(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)


# allauth's sessions admin searches by username, which this project's users do not have (they
# sign in with an email address): any search there was a server error. Its edit screen also
# showed each session's key, with which anyone could take over that session (second factor
# and all). Here an admin sees whose session it is and from where, and can end it.
admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(ShowsOnly, BaseUserSessionAdmin):
    search_fields = ["user__email", "ip"]
    secret_fields = ("session_key", "data")
    fields = ["user", "created_at", "last_seen_at", "ip", "user_agent"]


# allauth's authenticator admin shows and edits each second factor's secret (the TOTP key,
# the recovery codes' seed): with it anyone could make that person's codes. Here an admin
# sees only who set up what and when, and can remove a lost one so its owner sets up anew.
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(ShowsOnly, admin.ModelAdmin):
    secret_fields = ("data",)
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
