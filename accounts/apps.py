from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from wagtail.users import apps as wagtail_users_apps


class AccountsConfig(AppConfig):
    # This module holds other apps' configurations too: "accounts" in INSTALLED_APPS is
    # this one (its ready() connects the audit signals and system checks).
    default = True
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import addresses, audit, checks  # noqa: F401 - signal receivers; system checks
        from .retention import register_retention_rule
        from .rights import delete_old_audit_events

        register_retention_rule("audit_log", delete_old_audit_events)


class DjangoAdminConfig(admin_apps.AdminConfig):
    """Django's admin, without Wagtail's documents and images: those are uploaded only in
    the Wagtail admin, whose forms check every file (a second, unchecked upload door
    otherwise)."""

    default = False  # named in INSTALLED_APPS; AccountsConfig stays this module's default

    def ready(self):
        super().ready()
        from django.contrib import admin
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        for model in (get_document_model(), get_image_model()):
            if admin.site.is_registered(model):
                admin.site.unregister(model)


class WagtailUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's users app, with user forms that keep accounts/powers.py's rule."""

    default = False
    user_viewset = "accounts.wagtail_users.UserViewSet"
