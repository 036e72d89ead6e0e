"""A built guide rebuilds itself when a story it quotes changes in public: the storyteller's
words leave the published guide without an editor publishing again."""

from pathlib import Path

import pytest
from django.core.management import call_command

from engagement.models import Story
from engagement.stories import services
from guide.models import GuideBuild, GuidePage
from guide.republish import guides_quoting

pytestmark = pytest.mark.usefixtures("demo_db")


def site_text(site: Path) -> str:
    return "\n".join(p.read_text() for p in site.rglob("*.html"))


def quoted_story(guide) -> Story:
    for story in Story.objects.publishable():
        if guide in guides_quoting(story.pk):
            return story
    raise AssertionError("the demo guide quotes no story")


def test_a_withdrawn_story_leaves_the_built_guide_on_its_own(
    guide_dirs, django_capture_on_commit_callbacks
):
    _docs, site = guide_dirs
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    guide = GuidePage.objects.get(slug="living-well")
    story = quoted_story(guide)
    words = story.redacted_text.splitlines()[0][:60]
    assert words in site_text(site)
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(story)
    build = GuideBuild.objects.filter(guide=guide).first()
    assert build.reason == f"Rebuilt on its own: story {story.reference} changed in public"
    assert build.status == GuideBuild.DONE and build.skip_refused
    assert words not in site_text(site)


def test_a_change_nobody_can_see_starts_no_build(guide_dirs, django_capture_on_commit_callbacks):
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    guide = GuidePage.objects.get(slug="living-well")
    story = quoted_story(guide)
    before = GuideBuild.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        story.picture_description = "A drawing of a garden."  # not in the guide
        story.save()
        unquoted = next(s for s in Story.objects.exclude(pk=story.pk) if not guides_quoting(s.pk))
        services.withdraw(unquoted)  # in no guide
    assert GuideBuild.objects.count() == before


def test_an_edited_public_version_is_republished(guide_dirs, django_capture_on_commit_callbacks):
    _docs, site = guide_dirs
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    story = quoted_story(GuidePage.objects.get(slug="living-well"))
    with django_capture_on_commit_callbacks(execute=True):
        services.save_public_version(
            story, "A carer said the new rota changed everything.", by=None
        )
    assert "the new rota changed everything" in site_text(site)


def test_the_rebuild_does_not_wait_for_wagtails_reference_index(
    guide_dirs, django_capture_on_commit_callbacks
):
    """The usage index is brought up to date by a background task; a guide quoting a story
    is found from its chapters even when the index is empty."""
    from wagtail.models import ReferenceIndex

    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    guide = GuidePage.objects.get(slug="living-well")
    story = quoted_story(guide)
    ReferenceIndex.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(story)
    assert (
        GuideBuild.objects.filter(guide=guide)
        .first()
        .reason.endswith(f"story {story.reference} changed in public")
    )


def test_erasing_a_quoted_teller_takes_their_words_out_of_the_built_guide(
    guide_dirs, django_capture_on_commit_callbacks
):
    from accounts import rights

    _docs, site = guide_dirs
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    guide = GuidePage.objects.get(slug="living-well")
    story = quoted_story(guide)
    Story.objects.filter(pk=story.pk).update(email="quoted.teller@example.net")
    words = story.redacted_text.splitlines()[0][:60]
    assert words in site_text(site)
    with django_capture_on_commit_callbacks(execute=True):
        rights.erase_person("quoted.teller@example.net")
    assert not Story.objects.filter(pk=story.pk).exists()
    build = GuideBuild.objects.filter(guide=guide).first()
    assert build.status == GuideBuild.DONE, build.message
    assert words not in site_text(site)


def test_a_name_scrubbed_by_an_erasure_leaves_the_built_guide(
    guide_dirs, django_capture_on_commit_callbacks
):
    """The scrub changes text with updates no model signal sees: the guide is rebuilt."""
    from accounts import rights
    from guide.models import PracticeExample

    _docs, site = guide_dirs
    example = PracticeExample.objects.filter(guide__slug="living-well").first()
    PracticeExample.objects.filter(pk=example.pk).update(
        outcomes=example.outcomes + " Rose Tamworth set it up."
    )
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "Rose Tamworth" in site_text(site)
    with django_capture_on_commit_callbacks(execute=True):
        rights.erase_person("member@ashcombe.example.org")
    build = GuideBuild.objects.filter(guide__slug="living-well").first()
    assert build.reason == "Rebuilt on its own: a person's details were erased"
    assert build.status == GuideBuild.DONE, build.message
    assert "Rose Tamworth" not in site_text(site)
