"""The trail from guide content back to its sources, and from a source forward to the guide."""

from engagement.models import ProgressEntry

from .models import GuideChapterPage


def _published_at(chapter) -> str:
    """Where a chapter is read once its guide is published."""
    guide = chapter.get_parent()
    return f"/guides/{guide.slug}/chapters/{chapter.slug}.html"


def chapters_using_entry(entry: ProgressEntry) -> list[GuideChapterPage]:
    """Chapters (live or draft) whose body quotes this progress entry."""
    found = []
    for chapter in GuideChapterPage.objects.order_by("path"):
        for block in chapter.body.raw_data:
            if block["type"] == "learning" and block["value"].get("entry") == entry.pk:
                found.append(chapter)
                break
    return found


def entry_usages(obj) -> list[tuple[str, str]]:
    if not isinstance(obj, ProgressEntry):
        return []
    usages = []
    for chapter in chapters_using_entry(obj):
        state = "" if chapter.live else " (draft chapter)"
        usages.append((f"Guide chapter “{chapter.title}”{state}", _published_at(chapter)))
    return usages


def story_usages(obj) -> list[tuple[str, str]]:
    """Guide chapters that quote a story (live or draft)."""
    from engagement.models import Story

    if not isinstance(obj, Story):
        return []
    usages = []
    for chapter in GuideChapterPage.objects.order_by("path"):
        for block in chapter.body.raw_data:
            if block["type"] == "story_quote" and str(block["value"].get("story")) == str(obj.pk):
                state = "" if chapter.live else " (draft chapter)"
                usages.append(
                    (
                        f"Guide chapter “{chapter.title}”{state}",
                        _published_at(chapter),
                    )
                )
                break
    return usages
