"""A signed-in person finds their bookings again: the "My bookings" page and the event page
say what they hold, and never a booking someone else typed their address into (nor one of
theirs that someone else made with another address)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagement.models import LocalityPage
from events import services
from events.models import EventPage, Registration
from tests import factories as f
from tests.events.booking import book
from tests.events.test_registration import make_event, person

pytestmark = pytest.mark.django_db


def booking_of(user, n=1):
    return {**person(n), "name": user.first_name or "Sam", "email": user.email}


def test_my_bookings_lists_what_this_account_holds_and_nothing_else(client):
    programme = f.make_programme()
    soon = make_event(programme, capacity=1, days_ahead=5, title="Carers' design day")
    later = make_event(programme, capacity=5, days_ahead=20, title="Network meeting")
    other = make_event(programme, capacity=5, days_ahead=30, title="Someone else's day")
    cancelled = make_event(programme, capacity=5, days_ahead=40, title="Cancelled booking day")
    me, stranger = f.UserFactory(), f.UserFactory()
    book(event=soon, data=booking_of(stranger), user=stranger)  # takes the one place
    waiting = book(event=soon, data=booking_of(me), user=me)
    # Booked without signing in, confirmed by the link sent to my address: mine.
    by_link = services.register(event=later, data=booking_of(me))
    services.confirm(registration=by_link)
    # I typed a friend's address: the booking is not mine, and its link went to them.
    services.register(event=other, data=person(7), user=me)
    book(event=other, data=booking_of(stranger), user=stranger)
    gone = book(event=cancelled, data=booking_of(me), user=me)
    services.cancel(registration=gone)
    went = make_event(programme, days_ahead=60, title="Last spring's meeting")
    Registration.objects.create(
        event=went, user=me, status=Registration.CONFIRMED, **booking_of(me)
    )
    EventPage.objects.filter(pk=went.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=30, hours=-3),
    )

    url = reverse("events:mine")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(me)
    html = client.get(url).content.decode()
    assert html.index("Carers&#x27; design day") < html.index("Network meeting")
    assert "On the waiting list" in html and "Place confirmed" in html
    assert reverse("events:registration", args=[waiting.token]) in html
    assert "Someone else" not in html and "Cancelled booking day" not in html
    assert "Events you booked before" in html and "Last spring" in html
    assert 'href="/events/mine/">My bookings</a>' in client.get(soon.url).content.decode()

    client.force_login(stranger)
    html = client.get(url).content.decode()
    assert "Carers&#x27; design day" in html and "Someone else" in html
    assert "Network meeting" not in html and "Last spring" not in html


def test_the_event_page_says_what_you_hold_instead_of_offering_to_book_again(client):
    event = make_event(f.make_programme(), capacity=1)
    me, next_in_line = f.UserFactory(), f.UserFactory()
    mine = book(event=event, data=booking_of(me), user=me)
    book(event=event, data=booking_of(next_in_line), user=next_in_line)

    client.force_login(me)
    html = client.get(event.url).content.decode()
    assert "You have a place at this event." in html
    assert reverse("events:registration", args=[mine.token]) in html
    assert ">Register</a>" not in html and "Book a place for someone else" in html

    client.force_login(next_in_line)
    html = client.get(event.url).content.decode()
    assert "You are on the waiting list for this event." in html
    assert reverse("events:registration", args=[mine.token]) not in html

    client.logout()
    html = client.get(event.url).content.decode()
    assert "You have a place" not in html and "waiting list for this event" not in html


def test_the_event_page_says_who_may_book(client):
    programme = f.make_programme()
    ashcombe = f.make_locality(programme, title="Ashcombe")
    anyone = make_event(programme, days_ahead=5)
    invited = make_event(programme, days_ahead=6, open_to=EventPage.INVITED)
    teams = make_event(programme, days_ahead=7, open_to=EventPage.LOCALITIES)
    teams.open_localities.add(LocalityPage.objects.get(pk=ashcombe.pk))
    teams.save_revision().publish()
    said = {e.pk: client.get(e.url).content.decode() for e in (anyone, invited, teams)}
    assert "Anyone. You do not need an account." in said[anyone.pk]
    assert "Invited people only. Use the email address your invitation" in said[invited.pk]
    assert "Members of the Ashcombe team, signed in." in said[teams.pk]


def test_my_bookings_asks_the_same_number_of_questions_however_many(client):
    programme = f.make_programme()
    me = f.UserFactory()
    client.force_login(me)

    def grow_to(size):
        while Registration.held_by(me).count() < size:
            n = Registration.held_by(me).count()
            book(event=make_event(programme, days_ahead=5 + n), data=booking_of(me), user=me)
        client.get(reverse("events:mine"))
        with CaptureQueriesContext(connection) as asked:
            response = client.get(reverse("events:mine"))
        assert response.content.decode().count("See or cancel your place") == size
        return len(asked)

    assert grow_to(2) == grow_to(8)


def test_a_place_confirmed_before_the_address_was_on_an_account_is_listed_too(client):
    """Booked and confirmed by the emailed link while the address was on no account (or
    before bookings were linked to accounts); the person later signs up with that address
    and verifies it: the place is theirs, on My bookings, the event page and its own page."""
    event = make_event(f.make_programme(), capacity=2)
    earlier = book(event=event, data=person(1))
    assert earlier.user is None
    someone_typed_it = make_event(
        f.make_programme(), capacity=2, slug="typed", title="Someone typed my address"
    )
    services.register(event=someone_typed_it, data=person(1))  # never confirmed: not theirs
    me = f.UserFactory(email="p1@example.org")
    client.force_login(me)
    mine = client.get(reverse("events:mine")).content.decode()
    assert reverse("events:registration", args=[earlier.token]) in mine
    assert "You have no bookings coming up" not in mine
    assert someone_typed_it.title not in mine.split("<h2>Coming up</h2>")[1]
    assert "You have a place at this event." in client.get(event.url).content.decode()
    own_page = client.get(reverse("events:registration", args=[earlier.token])).content
    assert b">All your bookings</a>" in own_page
    assert b"All your bookings" not in own_page.split(b"</title>")[0]
    # An address on the account but not yet verified shows nothing.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=me).update(verified=False)
    assert earlier.token not in client.get(reverse("events:mine")).content.decode()


def test_booking_for_someone_else_fills_in_nothing_of_the_bookers_own(client):
    event = make_event(f.make_programme())
    me = f.UserFactory(first_name="Rose", last_name="Tamworth")
    client.force_login(me)
    own = client.get(reverse("events:register", args=[event.pk])).content.decode()
    assert f'value="{me.email}"' in own
    url = reverse("events:register", args=[event.pk]) + "?for=someone-else"
    html = client.get(url).content.decode()
    assert "Book a place for someone else at" in html and "Their email address" in html
    assert me.email not in html.split("<main")[1] and 'value="Rose Tamworth"' not in html
    refused = client.post(url, {"taking_part_as": "carer"}).content.decode()
    assert "Enter their name" in refused and "Enter their email address" in refused


def test_past_events_list_only_places_held_and_unpublished_events_are_not_links(client):
    programme = f.make_programme()
    me = f.UserFactory()
    went = make_event(programme, days_ahead=5, title="The spring meeting")
    waited = make_event(programme, days_ahead=6, title="The full meeting")
    for event, status in ((went, Registration.CONFIRMED), (waited, Registration.WAITING)):
        Registration.objects.create(event=event, user=me, status=status, **booking_of(me))
        EventPage.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - datetime.timedelta(days=30),
            ends_at=timezone.now() - datetime.timedelta(days=30, hours=-3),
        )
    withdrawn = make_event(programme, days_ahead=7, title="The moved meeting")
    Registration.objects.create(
        event=withdrawn, user=me, status=Registration.CONFIRMED, **booking_of(me)
    )
    withdrawn.unpublish()
    client.force_login(me)
    html = client.get(reverse("events:mine")).content.decode()
    assert "The spring meeting" in html and "The full meeting" not in html
    assert "The moved meeting" in html and f'href="{withdrawn.url}"' not in html


def test_a_place_booked_for_someone_with_an_account_is_theirs_not_the_bookers(client):
    import json

    from accounts import rights

    event = make_event(f.make_programme())
    carer, rose = f.UserFactory(), f.UserFactory(email="rose@example.org")
    booked = services.register(event=event, data={**person(1), "email": rose.email}, user=carer)
    placed = services.confirm(registration=booked)  # Rose follows the link emailed to her
    assert placed.user == rose
    client.force_login(rose)
    assert placed.token in client.get(reverse("events:mine")).content.decode()
    client.force_login(carer)
    assert placed.token not in client.get(reverse("events:mine")).content.decode()
    assert "You have a place" not in client.get(event.url).content.decode()
    assert json.loads(rights.export_person(carer.email))["events"] == []
    assert [r["email"] for r in json.loads(rights.export_person(rose.email))["events"]] == [
        rose.email
    ]


def test_bookings_held_by_whoever_typed_the_address_pass_to_its_owner():
    """Before bookings were held by their address's owner, one confirmed for someone else
    stayed with the booker: the migration hands it to the account the address is verified
    on, or to none."""
    import importlib

    from django.apps import apps

    hand_back = importlib.import_module(
        "events.migrations.0013_bookings_held_by_their_address"
    ).hand_back
    event = make_event(f.make_programme(), capacity=5)
    carer, rose = f.UserFactory(), f.UserFactory(email="rose@example.org")
    made = {
        "rose": Registration.objects.create(
            event=event, user=carer, status=Registration.CONFIRMED, **person(1)
        ),
        "stranger": Registration.objects.create(
            event=event, user=carer, status=Registration.WAITING, **person(2)
        ),
        "own": Registration.objects.create(
            event=event, user=carer, status=Registration.CONFIRMED, **booking_of(carer)
        ),
        "typed": Registration.objects.create(
            event=event, user=carer, status=Registration.PENDING, **person(3)
        ),
    }
    Registration.objects.filter(pk=made["rose"].pk).update(email=rose.email)
    hand_back(apps, None)
    held = {k: Registration.objects.get(pk=r.pk).user for k, r in made.items()}
    assert held == {"rose": rose, "stranger": None, "own": carer, "typed": carer}


def test_passing_a_place_to_another_address_in_the_admin_passes_it_from_the_account(client):
    event = make_event(f.make_programme())
    owner, jo = f.UserFactory(), f.UserFactory(email="jo@example.org")
    place = book(event=event, data=booking_of(owner), user=owner)
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    edit = reverse("wagtailsnippets_events_registration:edit", args=[place.pk])
    form = {
        "name": "Jo",
        "email": "Jo@Example.org",
        "taking_part_as": "carer",
        "access_needs": "",
        "dietary_needs": "",
        "overnight_notes": "",
        "attended": "",
    }
    assert client.post(edit, form).status_code == 302
    place.refresh_from_db()
    assert (place.email, place.user) == ("jo@example.org", jo)
    assert not Registration.held_by(owner).exists()
    form["email"] = "nobody-yet@example.org"
    client.post(edit, form)
    place.refresh_from_db()
    assert place.user is None
