"""The trail from guide content back to its sources, and from a source forward to the guide.
"Where is this used" comes from Wagtail's reference index: the chapters' chooser blocks
record what they quote (a learning entry, a story) whenever a chapter is saved."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex

from engagement.models import ProgressEntry

from .models import GuideChapterPage


def _published_at(chapter) -> str:
    """Where a chapter is read once its guide is published."""
    guide = chapter.get_parent()
    return f"/guides/{guide.slug}/chapters/{chapter.slug}.html"


def chapters_quoting(obj) -> list[GuideChapterPage]:
    """Chapters (live or draft) whose body quotes ``obj``, from the reference index."""
    chapter_type = ContentType.objects.get_for_model(GuideChapterPage)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(content_type=chapter_type)
        .values_list("object_id", flat=True)
    )
    return list(GuideChapterPage.objects.filter(pk__in=[int(i) for i in ids]).order_by("path"))


def live_chapters_quoting(story_pks) -> list[GuideChapterPage]:
    """Live chapters whose body quotes any of these stories, read from the bodies themselves
    (a quote saved by older code holds the story's number as text)."""
    return _live_chapters_with("story_quote", "story", story_pks)


def live_chapters_with_entries(entry_pks) -> list[GuideChapterPage]:
    """Live chapters whose body shows any of these progress entries' learning."""
    return _live_chapters_with("learning", "entry", entry_pks)


def _live_chapters_with(block_type: str, key: str, pks) -> list[GuideChapterPage]:
    wanted = {str(pk) for pk in pks}
    return [
        chapter
        for chapter in GuideChapterPage.objects.live().only("body", "path", "depth")
        if any(
            block["type"] == block_type and str(block["value"].get(key)) in wanted
            for block in chapter.body.raw_data
        )
    ]


def chapters_using_entry(entry: ProgressEntry) -> list[GuideChapterPage]:
    return chapters_quoting(entry)


def _usages(obj) -> list[tuple[str, str]]:
    return [
        (
            f"Guide chapter “{chapter.title}”{'' if chapter.live else ' (draft chapter)'}",
            _published_at(chapter),
        )
        for chapter in chapters_quoting(obj)
    ]


def entry_usages(obj) -> list[tuple[str, str]]:
    return _usages(obj) if isinstance(obj, ProgressEntry) else []


def story_usages(obj) -> list[tuple[str, str]]:
    """Guide chapters that quote a story (live or draft)."""
    from engagement.models import Story

    return _usages(obj) if isinstance(obj, Story) else []
