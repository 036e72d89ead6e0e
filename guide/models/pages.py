"""The guide's editorial tree in Wagtail: the guide, its chapters and Easy Read versions."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from guide.blocks import ChapterStreamBlock, EasyReadPointBlock
from guide.models.examples import Theme


class GuidePage(Page):
    """The root of the published how-to guide."""

    introduction = models.TextField(help_text="What the guide is for, in plain English.")

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["site_content.HomePage"]
    subpage_types = ["guide.GuideChapterPage"]
    max_count = 1

    @property
    def listing_summary(self) -> str:
        return self.introduction

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = GuideChapterPage.objects.child_of(self).live().public()
        context["themes"] = Theme.objects.all()
        return context


class GuideChapterPage(Page):
    """A chapter of the guide: learning, practical steps, examples and tools."""

    summary = models.TextField(help_text="One or two sentences shown in lists.")
    body = StreamField(ChapterStreamBlock(), use_json_field=True)
    source_localities = models.ManyToManyField(
        "engagement.LocalityPage",
        blank=True,
        related_name="guide_chapters",
        help_text="Localities whose work this chapter draws on.",
    )

    source_events = models.ManyToManyField(
        "events.EventPage",
        blank=True,
        related_name="guide_chapters",
        help_text="Events whose notes and agreed actions this chapter draws on.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("source_localities"), FieldPanel("source_events")],
            heading="Where this came from",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["guide.GuidePage"]
    subpage_types = ["guide.GuideEasyReadPage"]

    def easy_read(self):
        return GuideEasyReadPage.objects.child_of(self).live().public().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["easy_read"] = self.easy_read()
        return context


class GuideEasyReadPage(Page):
    """An Easy Read version of its parent chapter: short sentences, a picture beside each."""

    points = StreamField([("point", EasyReadPointBlock())], use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("points")]
    parent_page_types = ["guide.GuideChapterPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    @property
    def chapter(self):
        return self.get_parent().specific
