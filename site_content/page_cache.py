"""One version for what is rendered from published pages, so cached fragments are dropped at
once when a page, a page's view restrictions or a watched model changes.

Fragments are cached under this version (``{% cache ... pages_version %}``); any change
makes a new version, and fragments under the old one are never read again (they expire).
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move

from accounts.rights import person_erased

KEY = "site_content:pages_version"


def pages_version() -> str:
    """The current version; a new one if the cache has lost it."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, uuid.uuid4().hex, None)
        version = cache.get(KEY)
    return version


def bump_pages_version() -> None:
    """Make a new version now, and again when the transaction commits (so a page rendered
    from the old data before the commit is not cached under the new version)."""
    cache.set(KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex, None))


def _on_change(sender, **kwargs):
    bump_pages_version()


def _on_model_change(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        bump_pages_version()


def _on_erasure(sender, **kwargs):
    """A person erased: the cache holds rendered pages, which may name them, and the scrub's
    updates are seen by no save signal. Everything cached is dropped (now, and again once
    the erasure is committed, so nothing rendered before it is kept)."""
    cache.clear()
    bump_pages_version()
    transaction.on_commit(cache.clear)


def watch(*models) -> None:
    """Also make a new version when one of ``models`` is saved or deleted (for records a
    page shows that are saved apart from the page)."""
    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(_on_change, sender=model, weak=False, dispatch_uid=f"pv-{model}")


def connect() -> None:
    # Every page model's save (publish, unpublish and revisions save the page) and delete.
    for signal in (post_save, post_delete):
        signal.connect(_on_model_change, weak=False, dispatch_uid="pages-version")
    page_unpublished.connect(_on_change, weak=False, dispatch_uid="pages-version")
    post_page_move.connect(_on_change, weak=False, dispatch_uid="pages-version")
    watch(Site, PageViewRestriction, PageViewRestriction.groups.through)
    person_erased.connect(_on_erasure, weak=False, dispatch_uid="pages-version")
