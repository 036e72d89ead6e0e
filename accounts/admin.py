from allauth.account.decorators import secure_admin_login
from allauth.mfa import admin as mfa_admin  # registers allauth's, replaced below
from allauth.mfa.models import Authenticator
from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import powers
from .models import User

# Django's admin signs people in only through allauth's sign-in (its rate limits and the
# second factor), never with its own password form.
admin.site.login = secure_admin_login(admin.site.login)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
# sign in with an email address): any search there was a server error.
admin.site.unregister(UserSession)


@admin.register(UserSession)
class UserSessionAdmin(BaseUserSessionAdmin):
    search_fields = ["user__email", "ip"]


# allauth's authenticator admin shows and edits each second factor's secret (the TOTP key,
# the recovery codes' seed): with it anyone could make that person's codes. Here an admin
# sees only who set up what and when, and can remove a lost one so its owner sets up anew.
admin.site.unregister(Authenticator)
assert mfa_admin  # imported for its registration, which this replaces


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
