from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import audit  # noqa: F401 - connects the sign-in signal receivers
        from .retention import register_retention_rule
        from .rights import delete_old_audit_events

        register_retention_rule("audit_log", delete_old_audit_events)
