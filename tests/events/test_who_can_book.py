"""An event can be open to everyone, to the teams of chosen localities, or to invited people
only; the booking service refuses anyone else, with a plain reason, whichever door they use."""

import pytest
from django.urls import reverse

from events import services
from events.models import EventPage, Registration
from tests import factories as f

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
        services.register(event=event, data={**BOOKING, "email": "pat@example.org"})
    url = reverse("events:register", args=[event.pk])
    assert "invited people only" in client.get(url).content.decode()
    refused = client.post(url, {**BOOKING, "email": "pat@example.org"})
    assert refused.status_code == 400 and "not on the list" in refused.content.decode()
    assert 'value="pat@example.org"' in refused.content.decode()  # what was typed is kept
    # On the list (whatever the capitals): booked.
    assert client.post(url, BOOKING).status_code == 302
    assert Registration.objects.get().email == "jo@example.org"


def test_the_teams_of_chosen_localities_only(client):
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    event = make_event(programme, open_to=EventPage.LOCALITIES)
    event.open_localities.set([here])
    event.save_revision().publish()
    url = reverse("events:register", args=[event.pk])
    # Not signed in: told to sign in, and no form to fill in for nothing.
    page = client.get(url).content.decode()
    assert f"for the {here.title} team. Sign in" in page and "<form" not in page.split("<main")[1]
    with pytest.raises(services.RegistrationRefused, match="Sign in"):
        services.register(event=event, data=BOOKING)
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
    assert services.register(event=event, data=BOOKING).status == Registration.CONFIRMED
