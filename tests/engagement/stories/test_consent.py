"""Consent is enforced at every place a story can appear: the inquiry page, the team's story
pages, the report, the CSV, the guide block (page preview) and the guide build. Each place
is checked with a story that may appear and stories that may not, one test per place."""

import pytest
from django.urls import reverse
from wagtail.blocks import StreamValue

from engagement.models import ProgrammeRole, Story
from engagement.stories import services
from guide.export import export
from guide.models import GuideChapterPage, GuidePage
from tests.factories import (
    add_member,
    add_programme_role,
    home_page,
    make_inquiry,
    make_locality,
    make_programme,
    make_story,
)
from tests.guide.conftest import use_private_guide_dirs

pytestmark = pytest.mark.django_db

OK = "Quoted with consent, redacted."


@pytest.fixture
def stories():
    programme = make_programme()
    locality = make_locality(programme)
    lead = add_programme_role(programme, ProgrammeRole.TEAM)
    programme.safeguarding_lead = lead
    programme.save()
    inquiry = make_inquiry(locality)
    out = {
        "inquiry": inquiry,
        "member": add_member(locality),
        "ok": make_story(
            inquiry, status=Story.PUBLISHABLE, text="Original by Mrs Jones", redacted=OK
        ),
        "learning": make_story(
            inquiry, status=Story.LEARNING_ONLY, text="Learning only: never quoted"
        ),
        "received": make_story(inquiry, text="Not moderated yet: nowhere"),
        "declined": make_story(inquiry, text="Declined: nowhere"),
        "flagged": make_story(inquiry, text="Flagged: he hits me, nowhere"),
    }
    services.move(out["declined"], Story.IN_REVIEW, by=lead)
    services.move(out["declined"], Story.DECLINED, by=lead, reason="Not a story")
    withdrawn = make_story(inquiry, status=Story.PUBLISHABLE, redacted="Withdrawn: nowhere")
    services.withdraw(withdrawn)
    unconsented = make_story(inquiry, status=Story.PUBLISHABLE, redacted="Unquoted: nowhere")
    services.change_consent(unconsented, quote=False, first_name=False)
    out.update(withdrawn=withdrawn, unconsented=unconsented)
    return out


NEVER_PUBLIC = [
    "Original by Mrs Jones",
    "Learning only: never quoted",
    "Not moderated yet",
    "Declined: nowhere",
    "Flagged",
    "Withdrawn: nowhere",
    "Unquoted: nowhere",
]


def test_inquiry_page_shows_only_consented_public_versions(stories, client):
    page = client.get(stories["inquiry"].url).content.decode()
    assert OK in page
    for text in NEVER_PUBLIC:
        assert text not in page, text


def test_team_story_pages_show_approved_stories_only(stories, client):
    client.force_login(stories["member"])
    inquiry = stories["inquiry"]
    listing = client.get(reverse("inquiries:stories", args=[inquiry.pk])).content.decode()
    assert "Original by Mrs Jones" in listing and "Learning only" in listing
    for text in ("Not moderated", "Declined", "Flagged", "Withdrawn", "Unquoted: nowhere"):
        assert text not in listing, text
    for key in ("received", "declined", "flagged", "withdrawn"):
        url = reverse("inquiries:story", args=[inquiry.pk, stories[key].pk])
        assert client.get(url).status_code == 404, key


def test_report_quotes_only_consented_public_versions(stories, client):
    client.force_login(stories["member"])
    report = client.get(reverse("inquiries:report", args=[stories["inquiry"].pk]))
    page = report.content.decode()
    assert OK in page and "3 approved stories" in page
    for text in NEVER_PUBLIC:
        assert text not in page, text


def test_csv_holds_approved_stories_only(stories, client):
    client.force_login(stories["member"])
    csv = client.get(reverse("inquiries:csv", args=[stories["inquiry"].pk]))
    text = csv.content.decode()
    assert "Original by Mrs Jones" in text and "Learning only" in text
    for needle in ("Not moderated", "Declined", "Flagged", "Withdrawn", "Unquoted"):
        assert needle not in text, needle


def _chapter_quoting(*stories_):
    guide = GuidePage.objects.first()
    if guide is None:
        guide = GuidePage(title="Guide", slug="guide-editor", introduction="A guide.")
        home_page().add_child(instance=guide)
        guide.save_revision().publish()
    chapter = GuideChapterPage(title="Stories", slug="stories", summary="What people said.")
    chapter.body = StreamValue(
        chapter.body.stream_block,
        [("story_quote", {"story": str(s.pk), "heading": ""}) for s in stories_],
    )
    guide.add_child(instance=chapter)
    chapter.save_revision().publish()
    return chapter


def test_guide_block_renders_only_consented_stories(stories, client):
    # The chapter was saved while every story could be quoted; then things changed.
    keys = ("ok", "withdrawn", "unconsented")
    chapter = _chapter_quoting(*(stories[k] for k in keys))
    page = client.get(chapter.url).content.decode()
    assert OK in page
    assert "Withdrawn: nowhere" not in page and "Unquoted: nowhere" not in page
    assert "Original by Mrs Jones" not in page


def test_guide_block_offers_only_publishable_stories(stories):
    from guide.blocks import publishable_story_choices

    assert [int(pk) for pk, _ in publishable_story_choices()] == [stories["ok"].pk]


def test_guide_build_rechecks_consent_and_drops_withdrawn_quotes(stories, tmp_path, settings):
    docs, _ = use_private_guide_dirs(tmp_path, settings)
    _chapter_quoting(stories["ok"], stories["unconsented"])
    result = export(docs)
    chapter = (docs / "chapters" / "stories.md").read_text()
    assert OK in chapter and "Unquoted: nowhere" not in chapter
    assert any("not agreed to be quoted" in s for s in result.skipped)
    # The storyteller withdraws: the next build leaves the quote out, and says so.
    services.withdraw(stories["ok"])
    result = export(docs)
    chapter = (docs / "chapters" / "stories.md").read_text()
    assert OK not in chapter
    assert any("withdrawn" in s for s in result.skipped)
    for path in docs.rglob("*.md"):
        text = path.read_text()
        for needle in NEVER_PUBLIC:
            assert needle not in text, (path, needle)


def test_gate_refuses_a_story_held_for_safeguarding():
    from guide import gate

    programme = make_programme()
    inquiry = make_inquiry(programme)
    story = make_story(inquiry, text="She is scared of the night staff.")
    reasons = " ".join(str(r) for r in gate.refusals(story, "x"))
    assert "safeguarding lead" in reasons and "not approved for publication" in reasons
