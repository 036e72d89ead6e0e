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
    UserFactory,
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
    client.force_login(UserFactory(is_superuser=True))  # the guide's editors read it here
    page = client.get(chapter.url).content.decode()
    assert OK in page
    assert "Withdrawn: nowhere" not in page and "Unquoted: nowhere" not in page
    assert "Original by Mrs Jones" not in page


def test_the_story_chooser_offers_only_quotable_stories(stories, client):
    """The chapter's story chooser lists and accepts only stories approved for publication
    whose tellers agreed to be quoted, showing only their public version."""
    from django.urls import reverse

    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    listing = client.get(reverse("story_quote_chooser:choose")).content.decode()
    assert OK[:40] in listing
    for needle in ("Withdrawn: nowhere", "Unquoted: nowhere", "Learning only", "Mrs Jones"):
        assert needle not in listing
    chosen = reverse("story_quote_chooser:chosen", args=[stories["ok"].pk])
    assert client.get(chosen).status_code == 200
    for other in ("unconsented", "withdrawn", "learning", "received"):
        url = reverse("story_quote_chooser:chosen", args=[stories[other].pk])
        assert client.get(url).status_code == 404, other


def test_the_story_chooser_finds_old_stories_and_keeps_to_the_editors_programmes(stories, client):
    """Any quotable story can be found, however many newer ones there are (a search by its
    words), and only by staff of its programme."""
    from django.contrib.auth.models import Permission
    from django.urls import reverse

    inquiry = stories["inquiry"]
    for n in range(30):
        make_story(inquiry, status=Story.PUBLISHABLE, redacted=f"A newer story number {n}.")
    team = add_programme_role(inquiry.programme, ProgrammeRole.TEAM)
    team.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(team)
    first_page = client.get(reverse("story_quote_chooser:choose")).content.decode()
    assert OK[:40] not in first_page  # 20 newest a page
    found = client.get(reverse("story_quote_chooser:choose_results"), {"q": OK[5:25]})
    assert OK[:40] in found.content.decode()
    by_reference = client.get(
        reverse("story_quote_chooser:choose_results"), {"q": stories["ok"].reference}
    )
    assert OK[:40] in by_reference.content.decode()
    outsider = add_programme_role(make_programme("Elsewhere"), ProgrammeRole.ADMIN)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    found = client.get(reverse("story_quote_chooser:choose_results"), {"q": OK[5:25]})
    assert OK[:40] not in found.content.decode()
    chosen = reverse("story_quote_chooser:chosen", args=[stories["ok"].pk])
    assert client.get(chosen).status_code == 404


def test_where_a_story_is_quoted_comes_from_the_reference_index(stories):
    from wagtail.models import ReferenceIndex

    from guide.trace import story_usages

    chapter = _chapter_quoting(stories["ok"])
    assert ReferenceIndex.get_references_to(stories["ok"]).exists()
    assert story_usages(stories["ok"]) == [
        ("Guide chapter “Stories”", f"/guides/{chapter.get_parent().slug}/chapters/stories.html")
    ]
    assert story_usages(stories["learning"]) == []


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


@pytest.mark.parametrize("odd", ["²", "abc", "1" * 23, "S²", "-1", " "])
def test_the_story_chooser_answers_odd_searches_and_addresses_without_failing(stories, client, odd):
    from django.urls import reverse

    from tests.factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for name in ("choose", "choose_results"):
        response = client.get(reverse(f"story_quote_chooser:{name}"), {"q": odd})
        assert response.status_code == 200, (name, odd)
        assert "Original by Mrs Jones" not in response.content.decode()
    chosen = reverse("story_quote_chooser:chosen", args=["1"]).replace("/1/", f"/{odd}/")
    assert client.get(chosen).status_code == 404


def test_the_editor_names_a_quoted_story_that_may_not_be_published_by_its_reference_only(
    stories, client
):
    """A chapter saved while a story could be quoted, which then was declined (with a public
    version written): the page editor shows its reference, never that version, and saving
    the chapter asks for another story."""
    from wagtail.blocks import StructBlockValidationError

    from guide.blocks import StoryQuoteBlock
    from tests.factories import UserFactory

    declined = stories["declined"]
    Story.objects.filter(pk=declined.pk).update(redacted_text="Declined public version")
    chapter = _chapter_quoting(stories["ok"], declined)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    editor = client.get(f"/admin/pages/{chapter.pk}/edit/").content.decode()
    assert OK[:30] in editor and "Declined public version" not in editor
    assert f"{declined.reference}: not approved for publication" in editor
    block = StoryQuoteBlock()
    assert block.clean({"story": stories["ok"], "heading": ""})["story"] == stories["ok"]
    for key in ("declined", "withdrawn", "unconsented", "learning"):
        with pytest.raises(StructBlockValidationError) as refused:
            block.clean({"story": Story.objects.get(pk=stories[key].pk), "heading": ""})
        assert "not approved for publication" in str(refused.value.block_errors["story"]), key


def test_choosing_several_stories_at_once_keeps_to_the_stories_one_may_quote(stories, client):
    from django.contrib.auth.models import Permission

    team = add_programme_role(stories["inquiry"].programme, ProgrammeRole.TEAM)
    team.user_permissions.add(Permission.objects.get(codename="access_admin"))
    outsider = add_programme_role(make_programme("Elsewhere"), ProgrammeRole.ADMIN)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    ids = "&".join(f"id={s.pk}" for s in Story.objects.all())
    url = f"{reverse('story_quote_chooser:chosen_multiple')}?{ids}"
    client.force_login(team)
    answer = client.get(url).content.decode()
    assert stories["ok"].reference in answer
    for key in ("declined", "withdrawn", "unconsented", "learning", "received", "flagged"):
        assert stories[key].reference not in answer, key
    client.force_login(outsider)
    assert stories["ok"].reference not in client.get(url).content.decode()


def test_the_page_history_names_a_quoted_story_without_its_moderation(stories, client):
    """Wagtail's revision comparison shows a quoted story by its name: its reference only,
    never where it stands in moderation."""
    from tests.factories import UserFactory

    chapter = _chapter_quoting(stories["ok"])
    first = chapter.latest_revision
    chapter.body = StreamValue(
        chapter.body.stream_block,
        [("story_quote", {"story": str(stories["declined"].pk), "heading": ""})],
    )
    second = chapter.save_revision()
    assert str(stories["declined"]) == f"Story {stories['declined'].reference}"
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:revisions_compare", args=[chapter.pk, first.pk, second.pk])
    answer = client.get(url).content.decode()
    assert stories["declined"].reference in answer
    for status in ("declined", "approved", "publishable"):
        assert f"({status})" not in answer.lower(), status


def _with_link(story):
    """The storyteller's private link works while it has a date to last until."""
    import datetime

    from django.utils import timezone

    soon = timezone.now() + datetime.timedelta(days=30)
    Story.objects.filter(pk=story.pk).update(link_expires_at=soon)
    story.refresh_from_db()
    return story


def test_a_public_version_holding_a_contact_detail_is_published_nowhere(stories, client):
    """Whichever door writes the public version (the moderation screen, a model form in the
    admin, code saving only that field), a phone number, email address or postcode in it keeps
    the story off every public page, and approving it for publication is refused in words."""
    inquiry, ok = stories["inquiry"], _with_link(stories["ok"])
    with pytest.raises(services.StoryRefused) as refused:
        make_story(inquiry, status=Story.PUBLISHABLE, redacted="Ring me on 07700 900123.")
    assert str(refused.value).startswith(
        "Take the phone number “07700 900123” out of the public version (or the name shown "
        "with it) before approving it"
    )
    assert OK in client.get(inquiry.url).content.decode()
    mine = reverse("stories:mine", args=[ok.token])
    assert "This is what may be published" in client.get(mine).content.decode()
    moderator = UserFactory(is_superuser=True)
    services.save_public_version(ok, "Call me on 07700 900123 at AB1 2CD.", by=moderator)
    ok.refresh_from_db()
    assert "07700 900123" in ok.public_version_holds and "AB1 2CD" in ok.public_version_holds
    assert not Story.objects.publishable().filter(pk=ok.pk).exists()
    assert "its public version holds a contact detail" in " ".join(ok.publication_refusals())
    assert "07700 900123" not in client.get(inquiry.url).content.decode()
    page = client.get(mine).content.decode()
    assert "This is what may be published" not in page and "It is not published" in page
    # Saved through any other door, only the one field: the same.
    ok.redacted_text = OK
    ok.save(update_fields=["redacted_text"])
    assert Story.objects.publishable().filter(pk=ok.pk).exists()
    ok.redacted_text = f"{OK} Email ivy@example.net"
    ok.save(update_fields=["redacted_text"])
    assert not Story.objects.publishable().filter(pk=ok.pk).exists()


def test_a_storyteller_who_takes_back_consent_to_quote_is_not_told_it_may_be_quoted(
    stories, client
):
    ok = _with_link(stories["ok"])
    services.change_consent(ok, quote=False, first_name=False)
    page = client.get(reverse("stories:mine", args=[ok.token])).content.decode()
    assert "Parts of it may be quoted" not in page and "It is not published" in page
    assert OK not in page


def test_a_contact_detail_in_the_name_under_the_quote_is_published_nowhere(stories, client):
    """A first name shown under the quote is public too: "Sam 07700 900123" keeps the story
    off every public page, and approval is refused."""
    inquiry = stories["inquiry"]
    with pytest.raises(services.StoryRefused):
        make_story(
            inquiry,
            status=Story.PUBLISHABLE,
            redacted="The carer knew how I like my tea.",
            first_name="Sam 07700 900123",
            consent_first_name=True,
        )
    ok = stories["ok"]
    ok.first_name, ok.consent_first_name = "Ivy ivy@example.net", True
    ok.save(update_fields=["first_name", "consent_first_name"])
    assert "ivy@example.net" in ok.public_version_holds
    assert not Story.objects.publishable().filter(pk=ok.pk).exists()
    assert "ivy@example.net" not in client.get(inquiry.url).content.decode()
    ok.consent_first_name = False  # the name no longer shown: published again
    ok.save(update_fields=["consent_first_name"])
    assert Story.objects.publishable().filter(pk=ok.pk).exists()


def test_a_changed_list_of_public_contacts_applies_to_stories_saved_before_it(stories, settings):
    """The programme's own switchboard was allowed in public versions; taken off the list,
    the stories that quote it come off public pages at the next migrate (each deploy), and
    the same when the list grows."""
    from django.core.management import call_command

    settings.GUIDE_PUBLIC_CONTACTS = ["01632 960000"]
    ok = stories["ok"]
    ok.redacted_text = f"{OK} The team's number is 01632 960000."
    ok.save(update_fields=["redacted_text"])
    assert Story.objects.publishable().filter(pk=ok.pk).exists()
    settings.GUIDE_PUBLIC_CONTACTS = []
    call_command("migrate", verbosity=0)
    ok.refresh_from_db()
    assert "01632 960000" in ok.public_version_holds
    assert not Story.objects.publishable().filter(pk=ok.pk).exists()
    settings.GUIDE_PUBLIC_CONTACTS = ["01632 960000"]
    assert Story.objects.recheck_public_versions() == 1
    assert Story.objects.publishable().filter(pk=ok.pk).exists()
