"""Wagtail's ``publish_scheduled``, with the chapter checks of every other way to publish: a
chapter revision due to go live whose content may not go live now (a quoted story no longer
approved, say) is taken off the schedule and named, and the rest go live as Wagtail does."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Revision

from guide import going_live
from guide.models import GuideChapterPage


class Command(WagtailCommand):
    def handle(self, *args, **options):
        if not options.get("dryrun"):
            self.unschedule_what_may_not_go_live()
        super().handle(*args, **options)

    def unschedule_what_may_not_go_live(self) -> None:
        due = Revision.objects.filter(
            approved_go_live_at__lt=timezone.now(),
            content_type=ContentType.objects.get_for_model(GuideChapterPage),
        )
        for revision in due:
            if refused := going_live.refusal([revision.as_object()]):
                Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                self.stderr.write(f"Not published, and taken off the schedule: {refused}")
