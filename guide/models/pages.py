"""The guide's editorial tree in Wagtail: the guide, its chapters and Easy Read versions."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from guide import framing
from guide.blocks import ChapterStreamBlock, EasyReadPointBlock
from guide.going_live import CheckedCopyForm
from guide.models.examples import Theme

# The file in a built guide's folder that names the guide page it was built for.
BUILT_FOR = "guide-page-id.txt"

DATE_FORMAT = RegexValidator(
    r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$",
    "Enter the date as YYYY-MM or YYYY-MM-DD, for example 2024-03.",
)


class EditorialCopy:
    """A guide's pages in the page tree are its editorial copy. Its editors read them here (a
    preview that leaves out what the publication gate refuses now); everyone else is sent to
    the published guide, which only the gate writes, or told it is not published yet."""

    def serve(self, request, *args, **kwargs):
        if self.permissions_for_user(request.user).can_edit():
            return super().serve(request, *args, **kwargs)
        guide = self.published_guide()
        if guide is None or not guide.live or not guide.is_built:
            raise Http404("This guide has not been published yet")
        return redirect(self.published_address(guide))


class GuidePage(EditorialCopy, Page):
    """The root of one published how-to guide: a programme's, or an organisation's (an
    imported compendium). Its chapters are its children; its themes, practice examples,
    glossary and useful websites point to it. It is published at /guides/<slug>/."""

    copy_form_class = CheckedCopyForm  # a copy that may not go live is refused

    introduction = models.TextField(help_text="What the guide is for, in plain English.")
    programme = models.ForeignKey(
        "engagement.ProgrammePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guides",
        help_text="The programme whose learning this guide publishes. Leave empty for a guide "
        "that is not a programme's, such as an imported regional compendium.",
    )
    editors = models.CharField(
        max_length=255, blank=True, help_text="Who edited the guide, as the cover shows it."
    )
    publication_date = models.CharField(
        max_length=10,
        blank=True,
        validators=[DATE_FORMAT],
        help_text="The date of this edition, as YYYY-MM or YYYY-MM-DD. Leave empty to show the "
        "date it was last published.",
    )
    about = models.TextField(
        "About this guide",
        default=framing.ABOUT,
        help_text="The “About this guide” page. Markdown: ## starts a heading, - a list item.",
    )
    how_to_use = models.TextField(
        "How to use this guide",
        default=framing.HOW_TO_USE,
        help_text="The “How to use this guide” page. Markdown, as above.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("programme"),
        MultiFieldPanel([FieldPanel("editors"), FieldPanel("publication_date")], heading="Edition"),
        FieldPanel("about"),
        FieldPanel("how_to_use"),
    ]
    parent_page_types = ["site_content.HomePage"]
    subpage_types = ["guide.GuideChapterPage"]

    @property
    def edition_said(self) -> str:
        """The edition's date as people say it: 2024-03 as "March 2024", 2024-03-05 as
        "5 March 2024" (as typed if it is neither)."""
        parts = self.publication_date.split("-")
        try:
            if len(parts) == 2:
                return datetime.date(int(parts[0]), int(parts[1]), 1).strftime("%B %Y")
            return datetime.date(*map(int, parts)).strftime("%-d %B %Y")
        except (TypeError, ValueError):
            return self.publication_date

    @property
    def published_url(self) -> str:
        return f"/guides/{self.slug}/"

    def published_guide(self):
        return self

    def published_address(self, guide) -> str:
        return guide.published_url

    @property
    def site_dir(self) -> Path:
        """This guide's own static folder: GUIDE_SITE_DIR/<slug>/."""
        return Path(settings.GUIDE_SITE_DIR) / self.slug

    @property
    def is_built(self) -> bool:
        """Whether this guide (this page, not another that once had the slug) has been built.
        In object storage: its PublishedSite pointer exists. On disk: the build writes the
        page's id into its folder."""
        if settings.GUIDE_SITES_IN_STORAGE:
            try:
                return self.published_site is not None
            except ObjectDoesNotExist:
                return False
        try:
            return (self.site_dir / BUILT_FOR).read_text().strip() == str(self.pk)
        except OSError:
            return False

    def clean(self):
        # The slug is the guide's address (/guides/<slug>/) and the name of its folder, so
        # it must be unique among all guides, not only among the pages beside it.
        clash = GuidePage.objects.filter(slug=self.slug).exclude(pk=self.pk).first()
        if self.slug and clash is not None:
            raise ValidationError(
                {
                    "slug": f"The guide “{clash.title}” already uses the address "
                    f"/guides/{self.slug}/. Choose another slug."
                }
            )
        super().clean()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapters"] = GuideChapterPage.objects.child_of(self).live().public()
        context["themes"] = Theme.objects.filter(guide=self)
        return context


class GuideChapterPage(EditorialCopy, Page):
    """A chapter of the guide: learning, practical steps, examples and tools."""

    copy_form_class = CheckedCopyForm  # a copy that may not go live is refused

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

    def published_guide(self):
        return GuidePage.objects.parent_of(self).first()

    def published_address(self, guide) -> str:
        return f"{guide.published_url}chapters/{self.slug}.html"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["easy_read"] = self.easy_read()
        context["guide"] = self.published_guide()
        return context


class GuideEasyReadPage(EditorialCopy, Page):
    """An Easy Read version of its parent chapter: short sentences, a picture beside each."""

    copy_form_class = CheckedCopyForm  # a copy that may not go live is refused

    points = StreamField([("point", EasyReadPointBlock())], use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("points")]
    parent_page_types = ["guide.GuideChapterPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    @property
    def chapter(self):
        return self.get_parent().specific

    def published_guide(self):
        return GuidePage.objects.ancestor_of(self).first()

    def published_address(self, guide) -> str:
        return f"{guide.published_url}chapters/{self.get_parent().slug}-easy-read.html"
