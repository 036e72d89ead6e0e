import logging

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = "Programmes and localities"

    def ready(self):
        from accounts.retention import register_retention_rule
        from accounts.rights import register_contributor
        from accounts.second_factor import register_rule
        from engagement import access
        from engagement.core import audit, rights
        from engagement.demo import panels, programme, second, stories, workspace
        from engagement.models import Milestone, Partner, ProgrammePhase
        from engagement.panels.privacy import FEEDBACK
        from engagement.people.privacy import GROUP_WORK, INVITATION
        from engagement.stories import figures as story_figures
        from engagement.stories import learning as story_learning
        from engagement.stories.privacy import STORY
        from engagement.workspace.privacy import PROGRESS_ENTRY
        from site_content.demo import register_demo_loader
        from site_content.listings import register_home_section
        from site_content.page_cache import watch as watch_for_pages
        from site_content.privacy import register_record

        register_contributor("engagement", rights.EngagementData())
        register_rule(access.is_any_programme_staff)
        register_demo_loader(10, "programme, localities and workspaces", workspace.load)
        register_demo_loader(12, "experts-by-experience panel", panels.load)
        register_demo_loader(15, "appreciative inquiries and stories", stories.load)
        register_demo_loader(16, "programme management", programme.load)
        register_demo_loader(17, "a second programme, with working groups", second.load)
        register_retention_rule("withdrawn_stories", rights.delete_old_withdrawn_stories)
        register_home_section(10, "engagement/includes/home_inquiries.html", _home_inquiries)
        for record in (STORY, FEEDBACK, PROGRESS_ENTRY, INVITATION, GROUP_WORK):
            register_record(record)
        audit.connect()
        # The programme page's cached sections show these.
        watch_for_pages(ProgrammePhase, Milestone, Partner)
        story_learning.connect()
        story_figures.connect()
        post_migrate.connect(_recheck_public_versions, sender=self)


def _recheck_public_versions(sender, **kwargs):
    """At every migrate (each deploy): stories' public versions checked again against the
    rule as configured now, so a changed setting applies to stories saved before it."""
    from django.db import DatabaseError, transaction

    from .models import Story

    using = kwargs.get("using", "default")
    try:
        with transaction.atomic(using=using):
            Story.objects.using(using).recheck_public_versions()
    except DatabaseError:
        # Migrated back to before the column existed, say: said, so a real failure is seen.
        logging.getLogger(__name__).warning(
            "Stories' public versions were not checked again after migrate", exc_info=True
        )


def _home_inquiries(request):
    from wagtail.models import Site

    from .models import InquiryPage

    site = Site.find_for_request(request)
    root = site.root_page if site else None
    inquiries = list(InquiryPage.open_under(root)[:6]) if root else []
    return {"inquiries": inquiries} if inquiries else None
