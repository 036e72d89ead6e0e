from django.apps import AppConfig


class SiteContentConfig(AppConfig):
    name = "site_content"
    verbose_name = "Site content"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from accounts.retention import register_retention_rule
        from accounts.rights import register_contributor

        from . import (
            checks,  # noqa: F401 - registers the system checks
            chooser_ids,
            forms_admin,  # noqa: F401 - holds Wagtail's multiple uploads as the checks keep them
            image_search,
            page_cache,
        )
        from .account_privacy import ACCOUNT
        from .converters import IdConverter, TokenConverter
        from .privacy import register_record
        from .rights import OutgoingEmailData, delete_old_sent_email
        from .site_address import apply_after_migrate

        chooser_ids.install()
        image_search.install()
        register_converter(IdConverter, "id")
        register_converter(TokenConverter, "token")
        post_migrate.connect(apply_after_migrate, sender=self)

        register_contributor("emails_sent_to_them", OutgoingEmailData())
        register_retention_rule("sent_email", delete_old_sent_email)
        register_record(ACCOUNT)
        page_cache.connect()

        from datetime import timedelta

        from . import tasks
        from .background.periodic import register_periodic

        register_periodic(
            tasks.send_waiting_email, every=timedelta(minutes=5),
            what="sends email whose own task was lost, and retries that are due",
        )  # fmt: skip
        register_periodic(
            tasks.apply_retention_periods, every=timedelta(days=1),
            what="deletes personal data past its retention period",
        )  # fmt: skip
        register_periodic(
            tasks.delete_old_task_results, every=timedelta(days=1),
            what="deletes finished background tasks (failed ones after 30 days)",
        )  # fmt: skip
