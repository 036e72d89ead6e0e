"""A progress entry's learning shown in a guide passes the publication gate wherever it is
read: on the live chapter page (its editors' copy) at every view, and in the built guide,
which rebuilds itself when the entry or its locality's agreement changes."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import RequestFactory

from engagement.models import LocalityPage, ProgrammePage, ProgressEntry
from guide.models import GuideBuild, GuideChapterPage, GuidePage
from tests import factories as f
from tests.guide.test_republish import site_text

pytestmark = pytest.mark.usefixtures("demo_db")

WORDS = "Tea rounds on Tuesdays brought the quieter neighbours in"


def _shown_entry():
    """A live chapter of the demo guide, and the entry whose learning it shows (with words
    of our own, written without signals, as if they had always been there)."""
    guide = GuidePage.objects.get(slug="living-well")
    for chapter in GuideChapterPage.objects.live().child_of(guide):
        for block in chapter.body:
            if block.block_type == "learning" and block.value["entry"] is not None:
                entry = block.value["entry"]
                ProgressEntry.objects.filter(pk=entry.pk).update(
                    what_we_learned=WORDS, learning_published=WORDS
                )
                entry.refresh_from_db()
                return guide, chapter, entry
    raise AssertionError("the demo guide shows no learning entry")


def _another_programmes_guide(guide, entry):
    other = ProgrammePage.objects.exclude(pk=entry.locality.programme_id).first()
    GuidePage.objects.filter(pk=guide.pk).update(programme=other or f.make_programme("Other"))


CHANGES = {
    "no longer marked as learning": lambda g, e: ProgressEntry.objects.filter(pk=e.pk).update(
        is_learning=False
    ),
    "a phone number written in": lambda g, e: ProgressEntry.objects.filter(pk=e.pk).update(
        what_we_learned=f"{WORDS}. Ring Edna on 07700 900123."
    ),
    "the locality took back its agreement": lambda g, e: LocalityPage.objects.filter(
        pk=e.locality_id
    ).update(agreed_to_publish=False),
    "the guide is another programme's": _another_programmes_guide,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_live_chapter_shows_an_entry_only_while_the_gate_allows(client, change):
    client.force_login(f.UserFactory(is_superuser=True))  # the guide's editors read it here
    guide, chapter, entry = _shown_entry()
    assert WORDS in client.get(chapter.url).content.decode()
    CHANGES[change](guide, entry)
    page = client.get(chapter.url).content.decode()
    assert WORDS not in page
    assert "07700 900123" not in page


def _built(guide_dirs):
    _docs, site = guide_dirs
    guide, _chapter, entry = _shown_entry()
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert WORDS in site_text(site)
    return site, guide, entry


def test_an_entry_unmarked_as_learning_leaves_the_built_guide_on_its_own(
    guide_dirs, django_capture_on_commit_callbacks
):
    site, guide, entry = _built(guide_dirs)
    with django_capture_on_commit_callbacks(execute=True):
        entry.is_learning = False
        entry.save()
    build = GuideBuild.objects.filter(guide=guide).first()
    assert build.reason == f"Rebuilt on its own: progress entry {entry.pk} changed"
    assert build.status == GuideBuild.DONE and build.skip_refused
    assert WORDS not in site_text(site)


def test_a_locality_taking_back_its_agreement_leaves_the_built_guide_on_its_own(
    guide_dirs, django_capture_on_commit_callbacks
):
    site, guide, entry = _built(guide_dirs)
    locality = entry.locality
    with django_capture_on_commit_callbacks(execute=True):
        locality.agreed_to_publish = False
        locality.save_revision().publish()
    build = GuideBuild.objects.filter(guide=guide).first()
    assert build.reason == (
        f"Rebuilt on its own: {locality.title} took back its agreement to publish"
    )
    assert WORDS not in site_text(site)


def test_an_entry_deleted_leaves_the_built_guide_on_its_own(
    guide_dirs, django_capture_on_commit_callbacks
):
    site, guide, entry = _built(guide_dirs)
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    build = GuideBuild.objects.filter(guide=guide).first()
    assert build.status == GuideBuild.DONE, build.message  # the chapter goes without it
    assert WORDS not in site_text(site)


def test_a_change_the_guide_does_not_show_starts_no_build(
    guide_dirs, django_capture_on_commit_callbacks
):
    _site, _guide, entry = _built(guide_dirs)
    before = GuideBuild.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        entry.next_steps = "Book the hall for spring."
        entry.save()
        entry.locality.save_revision().publish()  # agreement unchanged
        draft = LocalityPage.objects.get(pk=entry.locality_id)
        draft.agreed_to_publish = False
        draft.save_revision()  # a draft: the live page still agrees
    assert GuideBuild.objects.count() == before


def _locality_quoted_n_times(n: int) -> LocalityPage:
    """A locality with ``n`` learning entries, each shown by a block of a live chapter."""
    guide, chapter, entry = _shown_entry()
    programme = ProgrammePage.objects.get(pk=entry.locality.programme_id)
    locality = f.make_locality(programme, title=f"Quoted {n} times")
    author = f.add_member(locality)
    blocks = list(chapter.body.raw_data)
    for number in range(n):
        quoted = f.make_entry(locality, author, is_learning=True, what_we_learned=f"{WORDS} {n}")
        blocks.append(
            {"type": "learning", "value": {"entry": quoted.pk, "heading": f"Learning {number}"}}
        )
    chapter.body = blocks
    chapter.save_revision().publish()
    return LocalityPage.objects.get(pk=locality.pk)


def _queries_to_delete(locality, capture_callbacks) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries, capture_callbacks(execute=True):
        locality.delete()
    return len(queries)


def test_deleting_a_locality_reads_the_chapters_once_however_many_entries_they_quote(
    django_capture_on_commit_callbacks,
):
    """Its entries go with it, one signal each: they are gathered, and the chapters read once
    when the deletion commits. What the guide's check costs (the deletion's queries with it,
    less those without it) does not grow with the entries. (Wagtail's reference index still
    takes a query or two for each entry: that is its own.)"""
    from django.db.models.signals import post_delete

    from guide import republish

    cost = {}
    for n in (2, 8):
        checked = _queries_to_delete(
            _locality_quoted_n_times(n), django_capture_on_commit_callbacks
        )
        post_delete.disconnect(republish.deleted_entry, sender=ProgressEntry)
        try:
            bare = _queries_to_delete(
                _locality_quoted_n_times(n), django_capture_on_commit_callbacks
            )
        finally:
            post_delete.connect(republish.deleted_entry, sender=ProgressEntry)
        cost[n] = checked - bare
    assert cost[2] > 0, "the deletion never looked at the guide"
    assert cost[8] == cost[2], cost


def test_a_deletion_rolled_back_is_not_reported_as_deleted(guide_dirs):
    """What a rolled-back deletion gathered stays on the connection until the next commit: a
    record still there is left out, so no build names it as deleted."""
    from guide import republish

    _site, guide, entry = _built(guide_dirs)
    gathered = {"story": {}, "entry": {entry.pk: f"progress entry {entry.pk}"}}
    before = GuideBuild.objects.count()
    assert republish.rebuild_after_deletions(gathered) == []
    assert GuideBuild.objects.count() == before
    assert gathered == {"story": {}, "entry": {}}


def test_words_edited_after_publishing_wait_for_an_editor(
    guide_dirs, client, django_capture_on_commit_callbacks
):
    """A member's new words for learning a chapter quotes do not go into the guide on their
    own: the entry leaves the guide (old words too) until an editor, who sees the new words
    marked in the chapter's preview, publishes the chapter again."""
    site, guide, entry = _built(guide_dirs)
    chapter = next(c for c in GuideChapterPage.objects.live() if entry in _entries_of(c))
    new = "New words nobody has read: the bus driver knew everyone"
    with django_capture_on_commit_callbacks(execute=True):
        entry.what_we_learned = new
        entry.save()
    build = GuideBuild.objects.filter(guide=guide).first()
    assert build.reason == f"Rebuilt on its own: progress entry {entry.pk} changed"
    assert new not in site_text(site) and WORDS not in site_text(site)
    client.force_login(f.UserFactory(is_superuser=True))
    assert new not in client.get(chapter.url).content.decode()
    # Wagtail's preview, as the editor sees it when about to publish.
    chapter = GuideChapterPage.objects.get(pk=chapter.pk)  # its blocks read the entry afresh
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    editor = RequestFactory().get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={cookie}")
    preview = chapter.make_preview_request(editor).content.decode()
    assert new in preview and "New words, not in the guide yet" in preview
    chapter.save_revision().publish()
    entry.refresh_from_db()
    assert entry.learning_published == new
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert new in site_text(site)
    assert "New words, not in the guide yet" not in client.get(chapter.url).content.decode()


def _entries_of(chapter):
    return [b.value["entry"] for b in chapter.body if b.block_type == "learning"]


def test_a_chapter_going_live_later_does_not_approve_words_changed_since(guide_dirs):
    """A chapter scheduled (or sent for approval) goes live from a revision made earlier:
    words an entry was given after that revision still wait for an editor."""
    _site, _guide, entry = _built(guide_dirs)
    chapter = next(c for c in GuideChapterPage.objects.live() if entry in _entries_of(c))
    revision = chapter.save_revision()
    ProgressEntry.objects.filter(pk=entry.pk).update(
        what_we_learned="Changed after the revision was made",
        updated_at=revision.created_at + datetime.timedelta(seconds=5),
    )
    revision.publish()
    entry.refresh_from_db()
    assert entry.learning_published == WORDS
