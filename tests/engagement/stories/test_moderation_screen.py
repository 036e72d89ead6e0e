"""The Wagtail moderation screen: approving never copies the storyteller's own words to where
other teams read them, and odd characters in what a moderator types never break it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from engagement.models import ProgrammeRole, Story
from tests import factories as f

pytestmark = pytest.mark.django_db
SECRET = "Mrs Okafor at 14 Mill Lane told me this"


@pytest.fixture
def setting():
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    inquiry = f.make_inquiry(programme)  # programme-wide: every locality's team reads it
    story = f.make_story(inquiry, status=Story.IN_REVIEW, text=SECRET, locality=here)
    moderator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return {"inquiry": inquiry, "story": story, "moderator": moderator, "there": there}


def public_box(page: str) -> str:
    """What the public version's box holds."""
    after = page.split('name="redacted_text"', 1)[1].split(">", 1)[1]
    return after.split("</textarea>", 1)[0].strip()


def test_approving_for_learning_as_shown_gives_other_teams_nothing_of_the_original(setting, client):
    story, inquiry = setting["story"], setting["inquiry"]
    url = reverse("story_admin:moderate", args=[story.pk])
    client.force_login(setting["moderator"])
    page = client.get(url).content.decode()
    assert SECRET in page  # the moderator reads the original ...
    assert SECRET not in public_box(page)  # ... but the public version starts empty
    client.post(url, {"action": Story.LEARNING_ONLY, "redacted_text": public_box(page)})
    story.refresh_from_db()
    assert story.status == Story.LEARNING_ONLY and story.redacted_text == ""

    client.force_login(f.add_member(setting["there"]))
    listing = client.get(reverse("inquiries:stories", args=[inquiry.pk]))
    detail = client.get(reverse("inquiries:story", args=[inquiry.pk, story.pk]))
    csv = client.get(reverse("inquiries:csv", args=[inquiry.pk]))
    assert listing.status_code == detail.status_code == csv.status_code == 200
    for response in (listing, detail, csv):
        assert SECRET not in b"".join(response).decode()
    assert "does not have one yet" in detail.content.decode()


def test_the_moderator_may_start_from_a_copy_and_nothing_is_saved_until_they_say(setting, client):
    story = setting["story"]
    url = reverse("story_admin:moderate", args=[story.pk])
    client.force_login(setting["moderator"])
    assert "Start from the storyteller" in client.get(url).content.decode()
    page = client.post(url, {"action": "copy_original", "redacted_text": ""}).content.decode()
    assert SECRET in public_box(page)
    story.refresh_from_db()
    assert story.redacted_text == "" and story.status == Story.IN_REVIEW
    client.post(url, {"action": "save", "redacted_text": "Someone told me this"})
    story.refresh_from_db()
    assert story.redacted_text == "Someone told me this"
    assert "Start from the storyteller" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "field", ["redacted_text", "reason", "best_interests", "safeguarding_note"]
)
def test_control_characters_in_what_a_moderator_types_are_taken_out(setting, client, field):
    story = setting["story"]
    url = reverse("story_admin:moderate", args=[story.pk])
    client.force_login(setting["moderator"])
    action = {"reason": Story.DECLINED, "safeguarding_note": "safeguarding"}.get(field, "save")
    data = {"action": action, "redacted_text": "Kind\x00 words", field: "A\x00 reason\x07"}
    response = client.post(url, data)
    assert response.status_code in (200, 302)
    story.refresh_from_db()
    stored = [story.redacted_text, story.decline_reason, story.best_interests_publication]
    assert not any("\x00" in value or "\x07" in value for value in stored)
    if field == "reason":
        assert story.status == Story.DECLINED and story.decline_reason == "A reason"
    if field == "redacted_text":
        assert story.redacted_text == "A reason"


def test_starting_from_a_copy_never_replaces_what_the_moderator_typed(setting, client):
    url = reverse("story_admin:moderate", args=[setting["story"].pk])
    client.force_login(setting["moderator"])
    typed = {"action": "copy_original", "redacted_text": "Someone told me this"}
    assert public_box(client.post(url, typed).content.decode()) == "Someone told me this"


def test_public_versions_copied_by_the_old_screen_are_cleared_on_upgrade():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("engagement.migrations.0021_clear_copied_public_versions")
    inquiry = f.make_inquiry(f.make_programme())
    copied = f.make_story(inquiry, status=Story.LEARNING_ONLY, text=SECRET)  # box as it came
    edited = f.make_story(inquiry, status=Story.LEARNING_ONLY, text=SECRET, redacted="Someone")
    published = f.make_story(inquiry, status=Story.PUBLISHABLE, text="Kind words.")
    migration.clear_copies(apps, None)
    for story in (copied, edited, published):
        story.refresh_from_db()
    assert copied.redacted_text == "" and copied.changes.filter(to_value="cleared").exists()
    assert edited.redacted_text == "Someone"
    assert published.redacted_text == "Kind words."
