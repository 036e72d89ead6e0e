"""Stories are read as their tellers allowed: one table (engagement.access.STORY_READERS)
says which part of a story each kind of reader sees, the checks read only that table, and
every page and download that shows a story is held to it, field by field and role by role."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from engagement import access
from engagement.models import ProgrammeRole, Story
from engagement.stories import services
from tests import factories as f

pytestmark = pytest.mark.django_db

ORIGINAL = "Mrs Okafor from Elm Row came every Tuesday and knew my tea."
REDACTED = "A neighbour came every Tuesday and knew how I like my tea."
OWN_WORDS = "Mrs Okafor listened"


@pytest.fixture
def world():
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    moderator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    wide = f.make_inquiry(programme)  # programme-wide: every locality's team takes part
    local = f.make_inquiry(here)
    stories = {}
    for name, inquiry in (("wide", wide), ("local", local)):
        story = f.make_story(
            inquiry,
            text=ORIGINAL,
            first_name="Ada",
            email=f"ada.{name}@example.net",
            postal_address="3 Quince Court",
            consent_taken_by="Rose Tamworth",
            what_made_it_good=OWN_WORDS,
        )
        story.picture.save("p.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
        story.scan.save("form.pdf", ContentFile(b"%PDF-1.4 Ada, 3 Quince Court"), save=True)
        services.move(story, Story.IN_REVIEW, by=moderator)
        services.move(story, Story.PUBLISHABLE, by=moderator, redacted_text=REDACTED)
        stories[name] = Story.objects.get(pk=story.pk)
    people = {
        "moderator": moderator,
        "inquiry lead": f.add_member(here, lead=True),
        "inquiry facilitator": f.add_member(here, role="facilitator"),
        "inquiry team": f.add_member(here, role="carer"),
        "other locality team": f.add_member(there),
        "expert": f.add_programme_role(programme, ProgrammeRole.EXPERT),
        "public": f.UserFactory(),
    }
    return stories, people


# What each person may read of the programme-wide story and the locality's own story.
EXPECTED = {
    "moderator": ("all", "all"),
    # A programme-wide inquiry is not theirs alone. Those who run the local one read who told
    # its stories; the rest of the team reads the stories and not who told them.
    "inquiry lead": ("de-identified", "all"),
    "inquiry facilitator": ("de-identified", "all"),
    "inquiry team": ("de-identified", "stories, not who told them"),
    "other locality team": ("de-identified", None),
    "expert": (None, None),
    "public": (None, None),
}


def reads(client, story):
    inquiry = story.inquiry
    detail = client.get(reverse("inquiries:story", args=[inquiry.pk, story.pk]))
    if detail.status_code != 200:
        return None
    pages = detail.content.decode()
    pages += client.get(reverse("inquiries:stories", args=[inquiry.pk])).content.decode()
    pages += client.get(reverse("inquiries:csv", args=[inquiry.pk])).content.decode()
    picture = client.get(reverse("inquiries:story_file", args=[inquiry.pk, story.pk, "picture"]))
    # The paper form holds the teller's name and address: it goes with their details.
    scan = client.get(reverse("inquiries:story_file", args=[inquiry.pk, story.pk, "scan"]))
    original = "Mrs Okafor" in pages or "Elm Row" in pages
    details = {
        "ada." in pages,
        "Quince Court" in detail.content.decode(),  # the story page, not only the CSV
        "Rose Tamworth" in detail.content.decode(),
        scan.status_code == 200,
    }
    assert len(details) == 1, "some details, not all"
    if original and picture.status_code == 200:
        return "all" if details == {True} else "stories, not who told them"
    assert not (original or True in details or picture.status_code == 200), "some, not all"
    assert "A neighbour came every Tuesday" in pages
    return "de-identified"


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_reads_only_what_the_table_allows(world, client, role):
    stories, people = world
    client.force_login(people[role])
    assert (reads(client, stories["wide"]), reads(client, stories["local"])) == EXPECTED[role]


def test_the_table_is_what_the_checks_read(world, monkeypatch):
    stories, people = world
    inquiry = stories["wide"].inquiry
    other = people["other locality team"]
    assert not access.may_read_story_part(other, inquiry, "original text")
    monkeypatch.setitem(access.STORY_READERS, "original text", {access.stories.PROGRAMME_TEAMS})
    assert access.may_read_story_part(other, inquiry, "original text")


def test_the_form_says_who_reads_the_story(client, world):
    stories, _ = world
    html = client.get(reverse("stories:tell", args=[stories["wide"].inquiry.pk])).content.decode()
    assert "the inquiry&#x27;s own team and the programme&#x27;s moderators" in html
    assert "anything that could identify you taken out" in html
