"""Every free-text field of every form the public can send has a length limit, and a too-long
answer gets a plain message with what was typed kept (access needs once took a million
characters)."""

import pytest
from django import forms
from django.urls import reverse

from engagement.stories.forms import ConsentForm, StoryForm
from events.forms import RegistrationForm, TopicForm
from tests import factories as f
from tests.events.test_registration import make_event, person

pytestmark = pytest.mark.django_db


def public_forms():
    programme = f.make_programme()
    event = make_event(programme)
    inquiry = f.make_inquiry(programme)
    return {
        "event registration": RegistrationForm(event=event),
        "congress topic": TopicForm(),
        "story": StoryForm(inquiry=inquiry),
        "story consent": ConsentForm(),
    }


def test_every_free_text_field_of_a_public_form_has_a_limit():
    for name, form in public_forms().items():
        for field_name, field in form.fields.items():
            if isinstance(field, forms.CharField) and not isinstance(
                field, forms.ChoiceField | forms.EmailField
            ):
                assert field.max_length, f"{name}: {field_name} takes text of any length"
                assert field.max_length <= 100_000, (name, field_name)


def test_a_million_characters_of_access_needs_get_a_plain_message(client):
    event = make_event(f.make_programme())
    data = {**person(1), "access_needs": "ramp " * 200_000}
    response = client.post(reverse("events:register", args=[event.pk]), data)
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Keep your access needs to 2,000 characters or fewer" in html
    assert 'value="Person 1"' in html  # what was typed is kept
    assert not event.registrations.exists()
