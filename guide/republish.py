"""A published guide rebuilds itself when a story it quotes changes in public: withdrawn,
declined, held for safeguarding, its consent to be quoted taken back, or its public version or
credit edited. The storyteller's words leave the public guide once the worker has rebuilt it,
not whenever an editor next publishes.

It listens to every save of a story (the site's forms, both admins, commands, tasks), so no
door is missed. The rebuild leaves out what the gate now refuses, as any build does."""

from __future__ import annotations

from django.db import transaction

from engagement.models import Story

from .models import GuideBuild
from .tasks import publish_guide
from .trace import live_chapters_quoting


def _public_face(story) -> tuple | None:
    """What a built guide shows of a story, or None when it may show nothing."""
    if story.publication_refusals():
        return None
    return (story.redacted_text, story.public_attribution)


def remember(sender, instance, raw=False, **kwargs):
    """Before a story is saved: what the guide could show of it until now."""
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).first()
    instance._guide_face_before = _public_face(before) if before else None


def compare(sender, instance, created=False, raw=False, **kwargs):
    """After a story is saved: if what a guide shows of it has changed, rebuild every built
    guide that quotes it, once the change is committed."""
    if raw or created:
        return
    before = getattr(instance, "_guide_face_before", None)
    if before is None or _public_face(instance) == before:
        return  # no built guide could show it, or nothing public changed
    reference = instance.reference
    transaction.on_commit(lambda: rebuild_guides_quoting(instance.pk, reference))


def guides_quoting(story) -> list:
    """Built guides with a live chapter quoting the story. Read from the chapters themselves,
    not from Wagtail's reference index, which a background task brings up to date and which
    may lag behind (or never have been built, in a database loaded from elsewhere)."""
    guides = {}
    for chapter in live_chapters_quoting(story.pk):
        guide = chapter.get_parent().specific
        guides[guide.pk] = guide
    return [g for g in guides.values() if g.live and g.is_built]


def rebuild_guides_quoting(story_pk: int, reference: str) -> list[int]:
    """Queue a build (leaving out what is refused) of each built guide quoting the story,
    unless one is already waiting to start (it reads the story as it is now)."""
    story = Story.objects.filter(pk=story_pk).first()
    if story is None:
        return []
    queued = []
    for guide in guides_quoting(story):
        if GuideBuild.objects.filter(guide=guide, status=GuideBuild.QUEUED).exists():
            continue
        build = GuideBuild.objects.create(
            guide=guide,
            skip_refused=True,
            reason=f"Rebuilt on its own: story {reference} changed in public",
        )
        publish_guide.enqueue(build.pk)
        queued.append(build.pk)
    return queued
