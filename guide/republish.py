"""A published guide rebuilds itself when a story it quotes changes in public: withdrawn,
declined, held for safeguarding, its consent to be quoted taken back, or its public version or
credit edited. The storyteller's words leave the public guide once the worker has rebuilt it,
not whenever an editor next publishes. The same holds for a progress entry's learning it shows
(unmarked as learning, its words edited: new words wait until an editor publishes a chapter
quoting them, ``approve_learning``) and for a locality taking back its agreement to
publish.

It listens to every save of a story, an entry and a locality (the site's forms, both admins,
commands, tasks), so no door is missed. The rebuild leaves out what the gate now refuses, as
any build does."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from engagement.models import ProgressEntry, Story

from . import gate_rules
from .models import GuideBuild
from .tasks import publish_guide
from .trace import live_chapters_quoting, live_chapters_with_entries


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
    return _built_guides_of(live_chapters_quoting([story_pk]))


def _built_guides_of(chapters) -> list:
    guides = {}
    for chapter in chapters:
        guide = chapter.get_parent().specific
        guides[guide.pk] = guide
    return [g for g in guides.values() if g.live and g.is_built]


def _entry_face(entry) -> tuple | None:
    """What a built guide shows of a progress entry's learning, or None when it may show
    nothing."""
    if gate_rules.entry_reasons(entry) or gate_rules.personal_details(entry.what_we_learned):
        return None
    return (entry.what_we_learned, entry.entry_date, entry.locality_id)


def approve_learning(sender, instance, revision=None, **kwargs):
    """A chapter published (by any of Wagtail's ways to publish): the learning it quotes is
    in the guide in the words the editor saw in it, that is, of entries unchanged since the
    revision going live was made (a scheduled chapter goes live days later: words changed
    meanwhile still wait for an editor)."""
    quoted = [
        block["value"].get("entry")
        for block in instance.body.raw_data
        if block["type"] == "learning" and block["value"].get("entry")
    ]
    if quoted:
        unchanged = ProgressEntry.objects.filter(
            pk__in=quoted, status=ProgressEntry.SUBMITTED, is_learning=True
        )
        if revision is not None:
            unchanged = unchanged.filter(updated_at__lte=revision.created_at)
        unchanged.exclude(learning_published=F("what_we_learned")).update(
            learning_published=F("what_we_learned")
        )


def remember_entry(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = sender.objects.select_related("locality").filter(pk=instance.pk).first()
    instance._guide_face_before = _entry_face(before) if before else None


def compare_entry(sender, instance, created=False, raw=False, **kwargs):
    """After an entry is saved: if what a guide showed of it has changed, rebuild every
    built guide that shows it, once the change is committed."""
    if raw or created:
        return
    before = getattr(instance, "_guide_face_before", None)
    if before is None or _entry_face(instance) == before:
        return
    pk = instance.pk
    transaction.on_commit(
        lambda: rebuild(
            _built_guides_of(live_chapters_with_entries([pk])),
            f"Rebuilt on its own: progress entry {pk} changed",
        )
    )


def deleted_entry(sender, instance, using=None, **kwargs):
    """An entry deleted: a built guide whose live chapters show its learning is rebuilt
    without it. (Whether its locality had agreed is not asked: that would be a query for each
    entry when a locality is deleted with all of them, and a rebuild too many is harmless.)"""
    if instance.status != type(instance).SUBMITTED or not instance.is_learning:
        return  # never shown
    _gather_deletion("entry", instance.pk, f"progress entry {instance.pk}", using)


def _gather_deletion(kind: str, pk: int, label: str, using) -> None:
    """Deleting a locality deletes its pages, stories and entries with it, one signal each:
    they are gathered on the connection, and the chapters are read once when the deletion
    commits, however many there were. (After a rollback, what was gathered goes with the next
    deletion: at worst a rebuild that finds nothing changed.)"""
    connection = transaction.get_connection(using)
    gathered = connection.__dict__.setdefault("_guide_deletions", {"story": {}, "entry": {}})
    gathered[kind][pk] = label
    transaction.on_commit(lambda: rebuild_after_deletions(gathered), using=using)


def rebuild_after_deletions(gathered) -> list[int]:
    stories, entries = dict(gathered["story"]), dict(gathered["entry"])
    gathered["story"].clear()
    gathered["entry"].clear()
    # Left from a deletion that was rolled back: still there, so not deleted.
    for model, gone in ((Story, stories), (ProgressEntry, entries)):
        for pk in model.objects.filter(pk__in=list(gone)).values_list("pk", flat=True):
            gone.pop(pk)
    if not stories and not entries:
        return []  # another callback of the same commit took them, or nothing went
    chapters = live_chapters_quoting(stories) if stories else []
    chapters += live_chapters_with_entries(entries) if entries else []
    labels = [*stories.values(), *entries.values()]
    what = f"{labels[0]} was" if len(labels) == 1 else f"{len(labels)} stories and entries were"
    return rebuild(_built_guides_of(chapters), f"Rebuilt on its own: {what} deleted")


def remember_locality(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    before = sender.objects.filter(pk=instance.pk).values_list("agreed_to_publish").first()
    instance._agreed_before = before[0] if before else False


def compare_locality(sender, instance, raw=False, update_fields=None, **kwargs):
    """A locality that takes back its agreement to publish: every built guide showing its
    learning is rebuilt without it. A draft saved in Wagtail (which writes only its own
    bookkeeping fields) has changed nothing yet."""
    if update_fields is not None and "agreed_to_publish" not in update_fields:
        return
    if raw or not getattr(instance, "_agreed_before", False) or instance.agreed_to_publish:
        return
    entries = list(instance.progress_entries.values_list("pk", flat=True))
    title = instance.title
    transaction.on_commit(
        lambda: rebuild(
            _built_guides_of(live_chapters_with_entries(entries)),
            f"Rebuilt on its own: {title} took back its agreement to publish",
        )
    )


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


def deleted(sender, instance, using=None, **kwargs):
    """A story deleted (its teller erased, an old withdrawn story cleared away, its locality
    deleted): a built guide that still shows it is rebuilt without it."""
    if instance.publication_refusals():
        return
    _gather_deletion("story", instance.pk, f"story {instance.reference}", using)


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
