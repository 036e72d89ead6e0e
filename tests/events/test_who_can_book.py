"""An event can be open to everyone, to the teams of chosen localities, or to invited people
only; the booking service refuses anyone else, with a plain reason, whichever door they use."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import services
from events.models import EventPage, Registration
from tests import factories as f
from tests.events.booking import book

from .test_registration import make_event

pytestmark = pytest.mark.django_db

BOOKING = {
    "name": "Jo Bloggs",
    "email": "jo@example.org",
    "taking_part_as": "carer",
    "access_needs": "",
    "dietary_needs": "",
    "companions": 0,
    "consent_to_contact": True,
}


def test_invited_people_only(client):
    programme = f.make_programme()
    event = make_event(
        programme,
        open_to=EventPage.INVITED,
        invited_emails="Jo@Example.org\n  sam@example.org  \n",
    )
    # Someone not on the list: refused at the service, and through the form.
    with pytest.raises(services.RegistrationRefused, match="invited people only"):
        book(event=event, data={**BOOKING, "email": "pat@example.org"})
    url = reverse("events:register", args=[event.pk])
    assert "invited people only" in client.get(url).content.decode()
    # Through the form, only the address's owner is told (by email): whoever typed it learns
    # nothing from the page about who is on the list.
    refused = client.post(url, {**BOOKING, "email": "pat@example.org"}, follow=True)
    page = refused.content.decode()
    assert "Check your email" in page and "not on the list" not in page
    assert "pat@example.org" in page  # the address they typed, to spot a mistake
    assert not Registration.objects.exists()
    # On the list (whatever the capitals): booked, and the same page.
    booked = client.post(url, BOOKING, follow=True).content.decode()
    assert "Check your email" in booked
    assert Registration.objects.get().email == "jo@example.org"
    # Someone signed in with their own address is told on the page.
    client.force_login(f.UserFactory(email="pat@example.org"))
    refused = client.post(url, {**BOOKING, "email": "pat@example.org"})
    assert refused.status_code == 400 and "not on the list" in refused.content.decode()
    assert 'value="pat@example.org"' in refused.content.decode()  # what was typed is kept


def test_the_teams_of_chosen_localities_only(client):
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    event = make_event(programme, open_to=EventPage.LOCALITIES)
    event.open_localities.set([here])
    event.save_revision().publish()
    url = reverse("events:register", args=[event.pk])
    # Not signed in: told to sign in, and no form to fill in for nothing.
    page = client.get(url).content.decode()
    assert (
        f"for the {here.title} team. If you are in it, sign in" in page
        and "<form" not in page.split("<main")[1]
    )
    with pytest.raises(services.RegistrationRefused, match="sign in"):
        book(event=event, data=BOOKING)
    # Another locality's member: refused.
    outsider = f.add_member(there)
    client.force_login(outsider)
    assert client.post(url, BOOKING).status_code == 400
    assert not Registration.objects.exists()
    # A member of the chosen locality: booked.
    member = f.add_member(here)
    client.force_login(member)
    assert client.post(url, {**BOOKING, "email": member.email}).status_code == 302
    assert Registration.objects.get().user == member


def test_everyone_is_the_default():
    event = make_event(f.make_programme())
    assert event.open_to == EventPage.EVERYONE
    assert book(event=event, data=BOOKING).status == Registration.CONFIRMED


def test_the_page_never_says_whether_someone_else_has_booked(client, mailoutbox):
    """A carers' session: typing someone's address must not reveal that they are coming (or
    book a place the typist could then change). The owner of the address hears by email."""
    from django.core import mail

    event = make_event(f.make_programme())
    url = reverse("events:register", args=[event.pk])
    book(event=event, data=BOOKING)
    mail.outbox.clear()
    again = client.post(url, {**BOOKING, "name": "Someone else"}, follow=True)
    stranger = client.post(url, {**BOOKING, "email": "new@example.org"}, follow=True)
    assert (
        again.redirect_chain
        == stranger.redirect_chain
        == [(reverse("events:emailed", args=[event.pk]), 302)]
    )
    said = again.content.decode()
    assert "already registered" not in said and "/events/registration/" not in said
    assert "/events/registration/" not in stranger.content.decode()
    assert Registration.objects.filter(email="jo@example.org").count() == 1
    (to_jo,) = [m for m in mail.outbox if m.to == ["jo@example.org"]]
    jo = Registration.objects.get(email="jo@example.org")
    assert "already registered" in to_jo.body and jo.token in to_jo.body
    # Jo, signed in with her own address, is told on the page and kept what she typed.
    client.force_login(f.UserFactory(email="jo@example.org"))
    own = client.post(url, BOOKING)
    assert own.status_code == 400 and "already registered" in own.content.decode()


def test_a_member_cannot_book_someone_outside_the_team_into_a_team_event():
    """The place is for the person whose address it is: a team's event asks about them when
    they confirm, not about the member who typed their address."""
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    event = make_event(programme, open_to=EventPage.LOCALITIES)
    event.open_localities.set([here])
    event.save_revision().publish()
    member = f.add_member(here)
    for outsider in ("stranger@example.org", f.add_member(there).email):
        pending = services.register(event=event, data={**BOOKING, "email": outsider}, user=member)
        assert pending.status == Registration.PENDING
        with pytest.raises(services.RegistrationRefused, match="team"):
            services.confirm(registration=pending)
        assert Registration.objects.get(pk=pending.pk).status == Registration.PENDING
    # A member whose own address is not confirmed yet books for themselves: following the
    # emailed link shows the address is theirs.
    from allauth.account.models import EmailAddress

    unconfirmed = f.add_member(here)
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    own = services.register(
        event=event, data={**BOOKING, "email": unconfirmed.email.upper()}, user=unconfirmed
    )
    assert services.confirm(registration=own).status == Registration.CONFIRMED
    # A colleague in the team, booked by the member: their place once they confirm.
    colleague = f.add_member(here)
    pending = services.register(
        event=event, data={**BOOKING, "email": colleague.email}, user=member
    )
    assert services.confirm(registration=pending).status == Registration.CONFIRMED


def test_an_invited_list_takes_commas_and_refuses_what_is_not_an_address(client):
    """A list pasted from an email ("a@x.org, b@x.org") is read as the addresses it holds; a
    line that is not an address is refused in the page editor, naming it, so no invited
    person is turned away by a typing slip."""
    event = make_event(
        f.make_programme(),
        open_to=EventPage.INVITED,
        invited_emails="public@example.org, coordinator@example.org; jo@example.org",
    )
    assert event.invited() == {"public@example.org", "coordinator@example.org", "jo@example.org"}
    book(event=event, data={**BOOKING, "email": "coordinator@example.org"})
    event.invited_emails = "jo@example.org\nnot an email\nsam@example,org"
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    message = refused.value.message_dict["invited_emails"][0]
    assert "“not an email”" in message and "“sam@example”" in message
    assert "jo@example.org" not in message
    # An address an erasure replaced is passed over, so the page can still be saved.
    event.invited_emails = "jo@example.org\n[name removed]"
    event.full_clean()
    assert event.invited() == {"jo@example.org"}
