"""An inquiry's analysis counts, counted once per change of its stories.

Every change to an inquiry's stories (a story saved or deleted, its themes or ticks set, a
locality that stories named deleted) writes a fresh stamp for the inquiry in the same
transaction (``StoryCountStamp``). The counts are cached under the stamp, so the analysis
page counts 50,000 stories once after a change and then reads the answer; a change never
meets old counts, whichever process or server answers. ``direct_counts`` is the count itself,
kept for the first request after a change, for the tests that compare, and for the bench
(``settings.ANALYSIS_DIRECT_COUNT`` makes every request count directly).

Story changes that skip model signals (``bulk_create``, ``QuerySet.update``) must call
``stories_changed`` themselves.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from engagement.models import LocalityPage, Story, StoryCountStamp

# Old stamps' entries are never read again; this only bounds how long they take up room.
CACHE_SECONDS = 7 * 24 * 60 * 60


def direct_counts(inquiry, *, locality_id=None, teller="") -> dict:
    """Counted now, over approved stories (optionally of one locality or kind of
    storyteller): stories per teller value, per theme id (the team's coding) and per strength
    id (the storytellers' own ticks). Each is one grouped query, whatever the size."""
    where = {"inquiry_id": inquiry.pk}
    if locality_id:
        where["locality_id"] = locality_id
    if teller:
        where["teller"] = teller
    through = {f"story__{k}": v for k, v in where.items()}

    def per(model, key):
        rows = (
            model.objects.filter(
                **through, story__status__in=[Story.LEARNING_ONLY, Story.PUBLISHABLE]
            )
            .exclude(story__safeguarding=Story.FLAGGED)
            .values(key)
            .annotate(n=Count("story_id"))
            .order_by()
        )
        return {row[key]: row["n"] for row in rows}

    stories = Story.objects.approved().filter(**where)
    return {
        "by_teller": dict(stories.values_list("teller").annotate(n=Count("pk")).order_by()),
        "themes": per(Story.themes.through, "inquirytheme_id"),
        "ticks": per(Story.strengths.through, "inquirystrength_id"),
    }


def direct_tellers(inquiry) -> list[str]:
    """Every "Who are you?" value the inquiry's stories were told under, in any state."""
    return sorted(
        inquiry.stories.order_by().values_list("teller", flat=True).distinct(),
    )


def counts(inquiry, *, locality_id=None, teller="") -> dict:
    """``direct_counts``, from the cache while the inquiry's stories are unchanged."""
    return _cached(
        inquiry,
        f"counts:{locality_id or ''}:{teller}",
        lambda: direct_counts(inquiry, locality_id=locality_id, teller=teller),
    )


def tellers(inquiry) -> list[str]:
    """``direct_tellers``, from the cache while the inquiry's stories are unchanged."""
    return _cached(inquiry, "tellers", lambda: direct_tellers(inquiry))


def _cached(inquiry, what: str, count):
    if settings.ANALYSIS_DIRECT_COUNT:
        return count()
    # The stamp is read before counting: counts made after a change has committed may be
    # kept under the stamp before it, never old counts under the new one.
    stamp = (
        StoryCountStamp.objects.filter(inquiry_pk=inquiry.pk)
        .values_list("stamp", flat=True)
        .first()
    )
    digest = hashlib.sha256(what.encode()).hexdigest()[:32]  # any teller text, a safe key
    key = f"inquiry-figures:{inquiry.pk}:{stamp or '-'}:{digest}"
    found = cache.get(key)
    if found is None:
        found = count()
        cache.set(key, found, CACHE_SECONDS)
    return found


def stories_changed(*inquiry_pks) -> None:
    """Give each inquiry a fresh stamp (call inside the transaction that changes its stories)."""
    StoryCountStamp.renew(*inquiry_pks)


def _story_saved_or_deleted(sender, instance, **kwargs):
    stories_changed(instance.inquiry_id)


def _links_changed(sender, instance, action, **kwargs):
    # From either side: a story's themes or ticks, or a theme's or strength's stories; all
    # three have the inquiry's id.
    if action in ("post_add", "post_remove", "post_clear"):
        stories_changed(instance.inquiry_id)


def _locality_deleted(sender, instance, **kwargs):
    # Its stories lose their locality (SET_NULL, an update that sends no story signal).
    stories_changed(
        *Story.objects.filter(locality_id=instance.pk)
        .order_by()
        .values_list("inquiry_id", flat=True)
        .distinct()
    )


def connect() -> None:
    """Every change to stories through the models renews the stamp: services, admin edits,
    rights erasure, retention deletes (a queryset delete sends these for each story)."""
    post_save.connect(_story_saved_or_deleted, sender=Story, dispatch_uid="figures-story-save")
    post_delete.connect(_story_saved_or_deleted, sender=Story, dispatch_uid="figures-story-del")
    for through in (Story.themes.through, Story.strengths.through):
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"figures-{through}")
    pre_delete.connect(_locality_deleted, sender=LocalityPage, dispatch_uid="figures-locality")
