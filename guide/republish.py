"""A published guide rebuilds itself when a story it quotes changes in public: withdrawn,
declined, held for safeguarding, its consent to be quoted taken back, or its public version or
credit edited. The storyteller's words leave the public guide once the worker has rebuilt it,
not whenever an editor next publishes.

It listens to every save of a story (the site's forms, both admins, commands, tasks), so no
door is missed. The rebuild leaves out what the gate now refuses, as any build does."""

from __future__ import annotations

from django.db import transaction

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


def guides_quoting(story_pk: int) -> list:
    """Built guides with a live chapter quoting the story. Read from the chapters themselves,
    not from Wagtail's reference index, which a background task brings up to date and which
    may lag behind (or never have been built, in a database loaded from elsewhere)."""
    guides = {}
    for chapter in live_chapters_quoting(story_pk):
        guide = chapter.get_parent().specific
        guides[guide.pk] = guide
    return [g for g in guides.values() if g.live and g.is_built]


def rebuild(guides, reason: str) -> list[int]:
    """Queue a build (leaving out what is refused) of each guide, unless one is already
    waiting to start (it reads everything as it is now)."""
    queued = []
    for guide in guides:
        if GuideBuild.objects.filter(guide=guide, status=GuideBuild.QUEUED).exists():
            continue
        build = GuideBuild.objects.create(guide=guide, skip_refused=True, reason=reason)
        publish_guide.enqueue(build.pk)
        queued.append(build.pk)
    return queued


def rebuild_guides_quoting(story_pk: int, reference: str) -> list[int]:
    """Rebuild each built guide quoting the story."""
    return rebuild(
        guides_quoting(story_pk), f"Rebuilt on its own: story {reference} changed in public"
    )


def deleted(sender, instance, **kwargs):
    """A story deleted (its teller erased, or an old withdrawn story cleared away): a built
    guide that still shows it is rebuilt without it."""
    if _public_face(instance) is None:
        return
    pk, reference = instance.pk, instance.reference
    transaction.on_commit(
        lambda: rebuild(guides_quoting(pk), f"Rebuilt on its own: story {reference} was deleted")
    )


def person_erased(sender, **kwargs):
    """A person erased: their name may have been scrubbed from any text a guide shows (a
    quote, a practice example, a learning entry), by updates no other signal sees. Every
    built guide is rebuilt from the scrubbed text."""
    from .models import GuidePage

    transaction.on_commit(
        lambda: rebuild(
            [g for g in GuidePage.objects.live().select_related("published_site") if g.is_built],
            "Rebuilt on its own: a person's details were erased",
        )
    )
