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


# The doors staff use: the rule sits on the model fields, so every model form passes it.


def _staff_edit(client, url, data, bad_field):
    client.force_login(get_user_model().objects.filter(is_superuser=True).first())
    answer = client.post(url, data)
    html = answer.content.decode()
    assert answer.status_code == 200, answer.status_code  # the form again, not saved
    assert "using letters, for example Sam" in html
    assert 'value="😀🎉"' in html  # what was typed is kept
    return answer


def test_wagtail_and_django_admin_refuse_an_account_name_without_letters(client):
    boss = f.UserFactory(is_superuser=True, is_staff=True, email="boss@example.org")
    person = f.UserFactory(email="mo@example.org", first_name="Mo", last_name="Member")
    typed = {"email": person.email, "first_name": "😀🎉", "last_name": "Member"}
    typed["is_active"] = "on"
    assert boss.is_superuser
    _staff_edit(client, f"/admin/users/edit/{person.pk}/", typed, "first_name")
    django_admin = {**typed, "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"}
    _staff_edit(client, f"/django-admin/accounts/user/{person.pk}/change/", django_admin, "")
    person.refresh_from_db()
    assert person.first_name == "Mo"
    new = {**typed, "email": "new@example.org", "password1": "x9!long-pass"}
    _staff_edit(client, "/admin/users/new/", {**new, "password2": "x9!long-pass"}, "")
    assert not get_user_model().objects.filter(email="new@example.org").exists()


def test_a_booking_or_topic_edited_in_the_admin_keeps_the_rule(client):
    f.UserFactory(is_superuser=True, is_staff=True)
    event = make_event(f.make_programme(), capacity=3)
    booking = Registration.objects.create(
        event=event, name="Ada Lovelace", email="ada@example.org", taking_part_as="carer"
    )
    url = f"/admin/snippets/events/registration/edit/{booking.pk}/"
    data = {"name": "😀🎉", "email": "ada@example.org", "taking_part_as": "carer"}
    _staff_edit(client, url, data, "name")
    booking.refresh_from_db()
    assert booking.name == "Ada Lovelace"
    topic = event.topics.create(topic="Transport to the day centre", name="Sam")
    url = f"/admin/snippets/events/topicsuggestion/edit/{topic.pk}/"
    _staff_edit(client, url, {"event": event.pk, "topic": topic.topic, "name": "😀🎉"}, "name")
    topic.refresh_from_db()
    assert topic.name == "Sam"


def test_a_topic_suggested_on_the_site_needs_a_name_in_letters_if_any():
    from events.forms import TopicForm

    assert "your name using letters" in str(
        TopicForm(data={"topic": "Buses", "name": "..."}).errors
    )
    assert TopicForm(data={"topic": "Buses", "name": ""}).is_valid()


@pytest.mark.parametrize("name", NOT_NAMES)
def test_an_invitation_from_a_csv_or_any_caller_needs_names_in_letters(name):
    from engagement.models import Invitation
    from engagement.people import csv_invites, services

    programme = f.make_programme()
    f.make_locality(programme, title="Riverside")
    admin = f.add_programme_role(programme, "admin")
    rows = (
        f"email,first name,last name,locality,role\nnew@example.org,{name},Smith,Riverside,Carer\n"
    )
    rows += f"two@example.org,Ann,{name},Riverside,Carer\n"
    results = csv_invites.invite_from_csv(by=admin, programme=programme, data=rows.encode())
    assert [r.done for r in results] == [False, False]
    assert "Write the first name using letters, for example Sam." in results[0].message
    assert "Write the last name using letters, for example Sam." in results[1].message
    assert not Invitation.objects.exists()
    with pytest.raises(services.Refused):
        services.invite(
            by=admin,
            place=programme.get_children().first().specific,
            email="x@example.org",
            role="carer",
            first_name=name,
        )


def test_a_name_is_one_line_and_a_strangers_typed_name_is_never_mailed(client, mailoutbox):
    """A booking made without signing in emails an address nobody has shown is theirs: it must
    not carry the words typed as the name (which could be a message to a stranger)."""
    from site_content.models import OutgoingEmail

    pitch = "Sam.\n\nYOUR PENSION IS ON HOLD. Verify at https://evil.example/verify"
    response, kept = _book(client, pitch)
    assert "Write your name on one line" in response.content.decode()
    assert not kept
    response, kept = _book(client, "Sam Example")
    assert response.status_code == 302 and kept
    sent = [e.body for e in OutgoingEmail.objects.all()] + [m.body for m in mailoutbox]
    assert sent and all("Sam Example" not in body for body in sent)
    assert any(body.startswith("Hello,\n") for body in sent)


def test_the_admins_user_editor_does_not_make_anyone_invent_a_last_name(client):
    f.UserFactory(is_superuser=True, is_staff=True)
    person = f.UserFactory(email="ngozi@example.org", first_name="Ngozi", last_name="")
    typed = {"email": person.email, "first_name": "Ngozi", "last_name": "", "is_active": "on"}
    client.force_login(get_user_model().objects.filter(is_superuser=True).first())
    answer = client.post(f"/admin/users/edit/{person.pk}/", typed)
    assert answer.status_code == 302, answer.content.decode()[:3000]


def test_the_teams_story_form_keeps_the_length_check_on_the_storytellers_name():
    """It swaps the names rule for one said about the storyteller: the 80-character limit
    stays (no maxlength in the browser any more, and PostgreSQL would refuse a longer one)."""
    from engagement.stories.forms import FacilitatedStoryForm

    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    form = FacilitatedStoryForm(data={"first_name": "A" * 81}, inquiry=inquiry)
    assert not form.is_valid()
    assert "80" in str(form.errors["first_name"])
    form = FacilitatedStoryForm(data={"first_name": "😀"}, inquiry=inquiry)
    form.is_valid()
    assert "the storyteller's first name using letters" in form.errors["first_name"][0]


@pytest.mark.parametrize(
    "name, said",
    [("Sam,\n\nYour account is locked", "on one line"), ("Sam \u202edlrow", "hidden character")],
)
def test_a_name_on_several_lines_or_with_hidden_marks_is_refused_at_every_door(name, said):
    from accounts.names import WrittenInLetters
    from engagement.people import services

    with pytest.raises(Exception, match=said):
        WrittenInLetters("the name")(name)
    programme = f.make_programme()
    locality = f.make_locality(programme, title="Riverside")
    admin = f.add_programme_role(programme, "admin")
    if said == "hidden character":  # typed words lose these marks before any check
        invitation, _note = services.invite(
            by=admin, place=locality, email="x@example.org", role="carer", first_name=name
        )
        assert invitation.first_name == "Sam dlrow"
        return
    with pytest.raises(services.Refused, match=said):
        services.invite(
            by=admin, place=locality, email="x@example.org", role="carer", first_name=name
        )
