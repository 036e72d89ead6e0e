"""Each programme sets the "Who are you?" choices storytellers pick from, in its own words;
the current five are a new programme's defaults, and stories told before keep their words."""

import pytest
from django.urls import reverse

from engagement.models import Story
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_story_form_offers_the_programmes_own_choices(client):
    programme = f.make_programme(title="Day services")
    programme.storyteller_kinds = (
        "A person with a learning disability\nA person with a mental health problem\n"
        "A family carer\nStaff"
    )
    programme.save_revision().publish()
    inquiry = f.make_inquiry(programme)
    html = client.get(reverse("stories:tell", args=[inquiry.pk])).content.decode()
    assert 'value="A person with a learning disability"' in html
    assert "An older person" not in html
    paper = client.get(reverse("stories:paper_form", args=[inquiry.pk])).content.decode()
    assert "A family carer" in paper and "An older person" not in paper
    data = {"text": "The day centre let me choose.", "consent_learning": "on"}
    refused = client.post(reverse("stories:tell", args=[inquiry.pk]), {**data, "teller": "A carer"})
    assert refused.status_code == 400
    assert "Choose who you are from the list" in refused.content.decode()
    client.post(reverse("stories:tell", args=[inquiry.pk]), {**data, "teller": "Staff"})
    story = Story.objects.get()
    assert story.teller == "Staff" and story.teller_label == "Staff"


def test_a_new_programme_has_the_usual_choices_and_old_codes_read_as_words():
    inquiry = f.make_inquiry(f.make_programme())
    assert [label for _, label in inquiry.teller_choices()][:2] == ["An older person", "A carer"]
    story = Story(teller="carer", first_name="Mary", consent_first_name=True)
    assert story.teller_label == "A carer" and story.public_attribution == "Mary, a carer"


def test_analysis_counts_by_the_programmes_choices(client):
    from engagement.stories import learning

    programme = f.make_programme()
    programme.storyteller_kinds = "A family carer\nStaff"
    programme.save()
    inquiry = f.make_inquiry(programme)
    f.make_story(inquiry, status=Story.LEARNING_ONLY, teller="Staff")
    f.make_story(inquiry, status=Story.LEARNING_ONLY, teller="carer")  # an old story
    figures = learning.analysis(inquiry)
    assert figures["by_teller"] == [("A family carer", 0), ("Staff", 1), ("A carer", 1)]


def test_a_new_inquiry_starts_with_its_programmes_strengths(client):
    programme = f.make_programme()
    programme.storyteller_strengths = "Doing real work\nBeing paid fairly\nMy own money\n"
    programme.save()
    inquiry = f.make_inquiry(programme)
    assert [s.name for s in inquiry.strength_choices()] == [
        "Doing real work",
        "Being paid fairly",
        "My own money",
    ]
    html = client.get(reverse("stories:tell", args=[inquiry.pk])).content.decode()
    assert "Being paid fairly" in html and "Being listened to" not in html
    other = f.make_inquiry(f.make_programme())
    assert [s.name for s in other.strength_choices()][0] == "Being listened to"


def test_stories_told_under_a_choice_since_removed_can_still_be_filtered(client):
    from engagement.models import ProgrammeRole

    programme = f.make_programme()
    inquiry = f.make_inquiry(programme)
    f.make_story(inquiry, status=Story.LEARNING_ONLY, teller="An older person")
    programme.storyteller_kinds = "A family carer\nStaff"
    programme.save()
    client.force_login(f.add_programme_role(programme, ProgrammeRole.TEAM))
    url = reverse("inquiries:stories", args=[inquiry.pk])
    html = client.get(url).content.decode()
    assert '<option value="An older person"' in html and '<option value="Staff"' in html
    filtered = client.get(url + "?teller=An+older+person").content.decode()
    assert 'value="An older person" selected' in filtered
