"""A name asked for anywhere has letters in it: a row of emoji or full stops is refused in
plain words (it would be how every email and list greets the person), and a name in any
alphabet is welcome."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from engagement.models import Story
from events.models import Registration
from tests import factories as f
from tests.events.test_registration import make_event, person

pytestmark = pytest.mark.django_db

NOT_NAMES = ["😀🎉🌈", "...", "123", "— —"]
NAMES = ["Zoë", "Siobhán", "李明", "Ngozi-Adaeze", "Ōta"]


def _sign_up(client, name):
    data = {
        "first_name": name,
        "email": "new.person@example.org",
        "password1": "a-long-new-password",
        "password2": "a-long-new-password",
    }
    response = client.post(reverse("account_signup"), data)
    return response, get_user_model().objects.filter(first_name=name).exists()


def _book(client, name):
    event = make_event(f.make_programme(), capacity=3)
    data = {**person(1), "name": name, "companions": "0"}
    response = client.post(reverse("events:register", args=[event.pk]), data)
    return response, Registration.objects.filter(name=name).exists()


def _tell(client, name):
    cache.clear()
    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    data = {
        "text": "The carer knew how I like my tea.",
        "teller": "A carer",
        "consent_learning": "on",
        "consent_quote": "on",
        "consent_first_name": "on",
        "first_name": name,
    }
    response = client.post(reverse("stories:tell", args=[inquiry.pk]), data)
    return response, Story.objects.filter(first_name=name).exists()


ROUTES = {"sign up": (_sign_up, "your first name"), "book": (_book, "your name")}
ROUTES["tell a story"] = (_tell, "your first name")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", NOT_NAMES)
def test_a_name_without_letters_is_refused_in_plain_words(client, route, name):
    post, what = ROUTES[route]
    response, kept = post(client, name)
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert f"Enter {what} using letters, for example Sam" in html
    assert not kept


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_alphabet_are_welcome(client, route, name):
    post, _what = ROUTES[route]
    response, kept = post(client, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert kept


@pytest.mark.parametrize("name", NOT_NAMES)
def test_invitations_ask_for_a_name_in_letters_too(name):
    from engagement.people.forms import InvitationSignupForm, InviteForm

    invite = InviteForm(
        data={"first_name": name, "email": "new@example.org"}, roles=[], may_invite_leads=False
    )
    assert "Enter their first name using letters, for example Sam" in str(invite.errors)
    accept = InvitationSignupForm(
        data={"first_name": name, "last_name": name}, email="new@example.org"
    )
    assert "Enter your first name using letters, for example Sam" in str(accept.errors)
    assert "Enter your last name using letters, for example Sam" in str(accept.errors)
