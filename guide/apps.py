from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save, pre_save


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = "Guide"

    def ready(self):
        from accounts.rights import person_erased
        from engagement.core.usage import register_usage_provider
        from site_content.demo import register_demo_loader
        from site_content.listings import register_home_section

        from . import demo, republish, trace

        register_usage_provider(trace.entry_usages)
        register_usage_provider(trace.story_usages)
        register_demo_loader(20, "practice examples and the guide", demo.load)
        register_home_section(20, "guide/includes/home_guides.html", _home_guides)
        post_delete.connect(_forget_site, sender="guide.PublishedSite")
        pre_save.connect(republish.remember, sender="engagement.Story")
        post_save.connect(republish.compare, sender="engagement.Story")
        post_delete.connect(republish.deleted, sender="engagement.Story")
        pre_save.connect(republish.remember_entry, sender="engagement.ProgressEntry")
        post_save.connect(republish.compare_entry, sender="engagement.ProgressEntry")
        post_delete.connect(republish.deleted_entry, sender="engagement.ProgressEntry")
        pre_save.connect(republish.remember_locality, sender="engagement.LocalityPage")
        post_save.connect(republish.compare_locality, sender="engagement.LocalityPage")
        person_erased.connect(republish.person_erased)
        from wagtail.signals import page_published

        from .models import GuideChapterPage

        page_published.connect(republish.approve_learning, sender=GuideChapterPage)

        from datetime import timedelta

        from site_content.background.periodic import register_periodic

        from .tasks import publish_scheduled_pages

        register_periodic(
            publish_scheduled_pages, every=timedelta(minutes=5),
            what="publishes pages whose go-live time has come, unpublishes expired ones",
        )  # fmt: skip


def _forget_site(sender, instance, **kwargs):
    """A guide page deleted: once that is committed, the worker deletes its builds from the
    bucket (retrying while the bucket does not answer)."""
    from django.conf import settings
    from django.db import transaction

    from .tasks import delete_built_guide

    if settings.GUIDE_SITES_IN_STORAGE:
        folder = instance.prefix.split("/", 1)[0]  # the guide's folder (sites.folder_of)
        transaction.on_commit(lambda: delete_built_guide.enqueue(folder))


def _home_guides(request):
    from .views import published_guides

    guides = published_guides()
    return {"guides": guides} if guides else None
