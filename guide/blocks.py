"""StreamField blocks for guide chapters. Each block also knows how to become Markdown
(guide.export calls ``to_markdown``), so adding a block means adding both sides here."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from guide.choosers import GroupReportChooserBlock, StoryChooserBlock
from guide.gate_rules import may_show_entry, may_show_group_report
from site_content.blocks import CalloutBlock


class PracticeExampleBlock(blocks.StructBlock):
    example = SnippetChooserBlock("guide.PracticeExample")
    note = blocks.TextBlock(required=False, help_text="Why this example matters here (optional).")

    class Meta:
        icon = "doc-full"
        template = "guide/blocks/practice_example.html"


class LearningBlock(blocks.StructBlock):
    entry = SnippetChooserBlock(
        "engagement.ProgressEntry",
        help_text="A submitted progress entry marked as learning for the guide.",
    )
    heading = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "guide/blocks/learning.html"

    def get_context(self, value, parent_context=None):
        # The same rule as the built guide: an entry the gate refuses now shows nothing.
        context = super().get_context(value, parent_context)
        entry = value["entry"]
        # The chapter page finds its guide once for all its blocks (GuideChapterPage).
        guide = (parent_context or {}).get("guide")
        chapter = (parent_context or {}).get("page")
        if guide is None and hasattr(chapter, "published_guide"):
            guide = chapter.published_guide()
        programme_id = getattr(guide, "programme_id", None)
        # The editor's preview shows words edited since the chapter was published, and says
        # so: publishing the chapter is what puts them in the guide.
        request = (parent_context or {}).get("request")
        previewing = bool(getattr(request, "is_preview", False))
        shown = entry and may_show_entry(entry, programme_id, new_words=previewing)
        context["entry"] = entry if shown else None
        context["new_words"] = shown and entry.what_we_learned != entry.learning_published
        return context

    def clean(self, value):
        # Tell the editor now, rather than at publishing time, when an entry cannot be used.
        cleaned = super().clean(value)
        entry = cleaned.get("entry")
        if entry is not None and (not entry.is_learning or entry.is_draft):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "entry": ValidationError(
                        "Choose a submitted entry marked “this is learning for the guide”."
                    )
                }
            )
        return cleaned


class GroupReportBlock(blocks.StructBlock):
    """A working group's closing report, offered as learning. The publication gate checks
    again at every build that the group has closed and still offers it."""

    group = GroupReportChooserBlock(
        help_text="A closed group whose closing report is marked as learning for the guide."
    )
    heading = blocks.CharBlock(required=False)

    class Meta:
        icon = "group"
        template = "guide/blocks/group_report.html"

    def get_context(self, value, parent_context=None):
        # The same rule as the built guide: a report the gate refuses now shows nothing.
        context = super().get_context(value, parent_context)
        group = value["group"]
        context["group"] = group if group is not None and may_show_group_report(group) else None
        return context

    def clean(self, value):
        cleaned = super().clean(value)
        group = cleaned.get("group")
        if group is not None and not (group.is_closed and group.report_is_learning):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "group": ValidationError(
                        "Choose a closed group whose report is marked as learning for the guide."
                    )
                }
            )
        return cleaned


def publishable_story_choices():
    """Named by migration 0003 (the quote was once a choice list); the chooser replaced it."""
    return []


class StoryQuoteBlock(blocks.StructBlock):
    """A quote from a story, in its public (redacted) version. The publication gate checks the
    storyteller's consent again at every build."""

    story = StoryChooserBlock(
        help_text="Any story approved for publication whose teller agreed to be quoted. "
        "Search by words of the story or its reference."
    )
    heading = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "guide/blocks/story_quote.html"

    def get_context(self, value, parent_context=None):
        from engagement.models import Story

        context = super().get_context(value, parent_context)
        # The same rule as the gate: a withdrawn or unconsented story shows nothing.
        chosen = value["story"]
        context["story"] = (
            Story.objects.publishable().filter(pk=chosen.pk).first() if chosen else None
        )
        return context

    def clean(self, value):
        from engagement.models import Story

        cleaned = super().clean(value)
        story = cleaned.get("story")
        if story is not None and not Story.objects.publishable().filter(pk=story.pk).exists():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "story": ValidationError(
                        f"Story {story.reference} is not approved for publication with its "
                        "teller's agreement to be quoted. Choose another story, or delete "
                        "this quote."
                    )
                }
            )
        return cleaned


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock()
    introduction = blocks.TextBlock(required=False)
    items = blocks.ListBlock(blocks.CharBlock(label="Item"))

    class Meta:
        icon = "list-ul"
        template = "guide/blocks/checklist.html"


class FigureBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(help_text="Describe the picture for people who cannot see it.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "guide/blocks/figure.html"


class ChapterStreamBlock(blocks.StreamBlock):
    # Headings from h2: the chapter's title is the page's only h1, and no level is skipped.
    text = blocks.RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    callout = CalloutBlock()
    practice_example = PracticeExampleBlock()
    learning = LearningBlock()
    story_quote = StoryQuoteBlock()
    group_report = GroupReportBlock()
    checklist = ChecklistBlock()
    figure = FigureBlock()


class EasyReadPointBlock(blocks.StructBlock):
    """One idea: a short sentence with a picture beside it."""

    text = blocks.TextBlock(help_text="One short sentence. One idea.")
    image = ImageChooserBlock(required=False)
    alt_text = blocks.CharBlock(required=False)

    class Meta:
        icon = "pick"
        template = "guide/blocks/easy_read_point.html"
