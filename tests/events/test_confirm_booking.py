"""A booking holds a place only once the owner of its email address confirms it by the emailed
link: addresses that are not yours can neither fill an event nor show, through the places
left, whether someone is booked."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.retention import apply_retention
from engagement.models import ProgrammeRole
from events import services
from events.models import EventPage, Registration
from tests import factories as f
from tests.events.booking import book

from .test_registration import make_event, person


def form(n, **extra):
    return {**person(n), "companions": "0", **extra}


@pytest.fixture
def event(db):
    return make_event(f.make_programme(), capacity=3)


def places_left_said(client, event) -> str:
    page = client.get(event.url).content.decode()
    return page[page.index("<main") :]


def test_bookings_for_addresses_nobody_confirmed_take_no_places(event, client):
    url = reverse("events:register", args=[event.pk])
    before = places_left_said(client, event)
    for n in range(1, 6):
        assert client.post(url, form(n)).status_code == 302
    assert event.places_left() == 3
    assert set(Registration.objects.values_list("status", flat=True)) == {Registration.PENDING}
    # Someone who books honestly still gets a place, not a place on a waiting list.
    honest = book(event=event, data=person(9))
    assert honest.status == Registration.CONFIRMED
    assert before != places_left_said(client, event)


def test_booking_an_address_already_booked_looks_the_same_as_a_new_one(event, client):
    book(event=event, data=person(1))
    url = reverse("events:register", args=[event.pk])
    before = places_left_said(client, event)
    client.post(url, form(1, name="Someone else"))
    after_booked = places_left_said(client, event)
    client.post(url, form(2))
    assert before == after_booked == places_left_said(client, event)


def test_the_link_confirms_once_and_says_what_happened(event, client):
    client.post(reverse("events:register", args=[event.pk]), form(1))
    registration = Registration.objects.get()
    asking = mail.outbox[-1]
    link = reverse("events:registration", args=[registration.token])
    assert asking.to == ["p1@example.org"] and link in asking.body
    assert "No place is kept" in asking.body and "7 days" in asking.body
    page = client.get(link).content.decode()
    assert "<h1>Confirm your booking for Design day</h1>" in page
    assert "Not confirmed yet" in page
    first = client.post(link, {"action": "confirm"}, follow=True).content.decode()
    assert "your booking is confirmed" in first
    sent = len(mail.outbox)
    client.post(link, {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.status == Registration.CONFIRMED and len(mail.outbox) == sent
    assert mail.outbox[-1].subject == "Your place at Design day"


def test_confirming_when_the_event_is_full_puts_you_on_the_waiting_list(event, client):
    client.post(reverse("events:register", args=[event.pk]), form(1))
    pending = Registration.objects.get()
    for n in (2, 3, 4):
        book(event=event, data=person(n))
    link = reverse("events:registration", args=[pending.token])
    said = client.post(link, {"action": "confirm"}, follow=True).content.decode()
    pending.refresh_from_db()
    assert pending.status == Registration.WAITING and "on the waiting list" in said
    assert mail.outbox[-1].subject == "You are on the waiting list for Design day"


def test_the_owner_booking_again_replaces_what_someone_else_typed(event, client):
    url = reverse("events:register", args=[event.pk])
    client.post(url, form(1, name="Not me", access_needs="Something made up"))
    typed_by_someone = Registration.objects.get()
    client.post(url, form(1, name="Person 1"))
    mine = Registration.objects.get()
    assert mine.pk != typed_by_someone.pk and mine.name == "Person 1"
    old_link = reverse("events:registration", args=[typed_by_someone.token])
    assert client.get(old_link).status_code == 404


def test_a_link_not_used_in_time_deletes_the_booking(event, client):
    client.post(reverse("events:register", args=[event.pk]), form(1))
    registration = Registration.objects.get()
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    link = reverse("events:registration", args=[registration.token])
    response = client.post(link, {"action": "confirm"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("events:register", args=[event.pk])
    assert "not confirmed in time" in response.content.decode()
    assert not Registration.objects.exists() and event.places_left() == 3


def test_confirming_after_the_event_is_cancelled_is_refused(event, client):
    client.post(reverse("events:register", args=[event.pk]), form(1))
    registration = Registration.objects.get()
    EventPage.objects.filter(pk=event.pk).update(cancelled=True)
    link = reverse("events:registration", args=[registration.token])
    said = client.post(link, {"action": "confirm"}, follow=True).content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.PENDING and "has been cancelled" in said


def test_retention_deletes_bookings_never_confirmed(event):
    old = services.register(event=event, data=person(1))
    recent = services.register(event=event, data=person(2))
    placed = book(event=event, data=person(3))
    week_ago = timezone.now() - datetime.timedelta(days=8)
    Registration.objects.filter(pk__in=[old.pk, placed.pk]).update(created_at=week_ago)
    report = dict(apply_retention())
    assert report["bookings never confirmed deleted"] == 1
    assert set(Registration.objects.values_list("pk", flat=True)) == {recent.pk, placed.pk}


def test_signed_in_with_a_verified_address_of_your_own_books_at_once(event, client):
    url = reverse("events:register", args=[event.pk])
    user = f.UserFactory(email="p1@example.org")
    client.force_login(user)
    response = client.post(url, form(1))
    mine = Registration.objects.get(email="p1@example.org")
    assert mine.status == Registration.CONFIRMED
    assert response["Location"] == reverse("events:registration", args=[mine.token])
    # Another address, or one of their own not yet verified, still needs its link.
    client.post(url, form(2))
    EmailAddress.objects.create(user=user, email="p3@example.org", verified=False)
    client.post(url, form(3))
    assert set(
        Registration.objects.filter(email__in=["p2@example.org", "p3@example.org"]).values_list(
            "status", flat=True
        )
    ) == {Registration.PENDING}


def test_organisers_lists_leave_out_bookings_nobody_confirmed(event, client):
    services.register(event=event, data={**person(1), "access_needs": "Made up by someone"})
    book(event=event, data={**person(2), "access_needs": "Hearing loop"})
    client.force_login(f.add_programme_role(event.get_parent().specific, ProgrammeRole.TEAM))
    url = reverse("events:attendees", args=[event.pk])
    html = client.get(url).content.decode()
    assert "Hearing loop" in html and "Made up by someone" not in html
    csv = client.get(url + "?format=csv").content.decode()
    assert "Hearing loop" in csv and "Person 1" not in csv
    sent = services.message_registered(event=event, subject="Parking", message="Use gate B.")
    assert sent == 1


def test_cancelling_a_place_asks_first(event, client):
    mine = book(event=event, data=person(1))
    link = reverse("events:registration", args=[mine.token])
    assert 'href="?cancel=1"' in client.get(link).content.decode()
    asked = client.get(link, {"cancel": "1"})  # a page of its own: Back never resends a form
    page = asked.content.decode()
    assert asked.status_code == 200 and "Are you sure you want to cancel your place?" in page
    assert "offered to the next person" in page
    mine.refresh_from_db()
    assert mine.status == Registration.CONFIRMED
    client.post(link, {"action": "cancel", "confirm": "yes"})
    mine.refresh_from_db()
    assert mine.status == Registration.CANCELLED
    # Cancelled already: nothing more to ask (Back to the question shows the place as it is).
    again = client.post(link, {"action": "cancel"})
    assert again.status_code == 302
    back = client.get(link, {"cancel": "1"}).content.decode()
    assert "Are you sure" not in back
    assert client.post(link, {"action": "cancel"}).status_code == 302  # an old page's form


def test_the_form_fills_in_what_is_known_and_lets_the_browser_help(event, client):
    url = reverse("events:register", args=[event.pk])
    page = client.get(url).content.decode()
    assert 'autocomplete="name"' in page and 'autocomplete="email"' in page
    assert "You do not need an account" in page
    client.force_login(f.UserFactory(email="pat@example.org", first_name="Pat", last_name="Lee"))
    page = client.get(url).content.decode()
    assert 'value="Pat Lee"' in page and 'value="pat@example.org"' in page
    assert "You do not need an account" not in page


def test_the_event_and_the_check_your_email_page_say_who_to_ask(event, client):
    page = client.get(event.url).content.decode()
    assert "<dt>Questions</dt>" not in page and "Tell us what you need" in page
    EventPage.objects.filter(pk=event.pk).update(
        contact_name="Ashcombe carers' team",
        contact_email="carers@example.org",
        contact_phone="01632 960 123",
    )
    page = client.get(event.url).content.decode()
    assert "<dt>Questions</dt>" in page and 'href="mailto:carers@example.org"' in page
    assert 'href="tel:01632960123"' in page
    client.post(reverse("events:register", args=[event.pk]), form(1))
    emailed = client.get(reverse("events:emailed", args=[event.pk])).content.decode()
    assert "carers@example.org" in emailed and "Contact the event organiser." not in emailed


def test_event_times_read_as_people_write_them(event, client):
    page = client.get(event.url).content.decode()
    assert "10am to 3pm" in page and "a.m." not in page and "p.m." not in page


def test_a_booking_made_while_signed_in_with_another_address_is_theirs_to_export_and_erase(
    event,
):
    """Signed in as pat@, booking with a work address that is also Pat's (verified on the
    account): the booking is Pat's too."""
    import json

    from accounts import rights

    pat = f.UserFactory(email="pat@example.org", first_name="Pat", last_name="Lee")
    EmailAddress.objects.create(user=pat, email="pat.work@example.org", verified=True)
    book(event=event, data={**person(1), "email": "pat.work@example.org"}, user=pat)
    exported = json.loads(rights.export_person("pat@example.org"))["events"]
    assert [row["name"] for row in exported] == ["Person 1"]
    rights.erase_person("pat@example.org")
    erased = Registration.objects.get()
    assert erased.name == "Erased" and erased.user is None
    assert erased.email.endswith("@erased.invalid")


def test_a_late_confirmation_joins_the_waiting_list_at_the_back(event, client):
    """Typed first but confirmed last: the queue is in the order people confirmed."""
    url = reverse("events:register", args=[event.pk])
    client.post(url, form(1))
    early = Registration.objects.get()
    for n in (2, 3, 4):
        book(event=event, data=person(n))  # the event is now full
    waiting = book(event=event, data=person(5))
    client.post(reverse("events:registration", args=[early.token]), {"action": "confirm"})
    early.refresh_from_db()
    assert early.status == Registration.WAITING
    first = Registration.objects.get(email="p2@example.org")
    services.cancel(registration=first)
    waiting.refresh_from_db()
    early.refresh_from_db()
    assert waiting.status == Registration.OFFERED and early.status == Registration.WAITING


def test_a_booking_made_for_someone_else_is_theirs_once_they_confirm(event, client):
    import json

    from accounts import rights

    booker = f.UserFactory(email="booker@example.org")
    client.force_login(booker)
    client.post(reverse("events:register", args=[event.pk]), form(7))
    theirs = Registration.objects.get(email="p7@example.org")
    client.logout()
    client.post(reverse("events:registration", args=[theirs.token]), {"action": "confirm"})
    theirs.refresh_from_db()
    assert theirs.status == Registration.CONFIRMED and theirs.user is None
    assert json.loads(rights.export_person("booker@example.org"))["events"] == []
    rights.erase_person("booker@example.org")
    theirs.refresh_from_db()
    assert theirs.name == "Person 7"


def test_confirming_asks_again_who_may_book(db, client):
    event = make_event(
        f.make_programme(), open_to=EventPage.INVITED, invited_emails="p1@example.org"
    )
    client.post(reverse("events:register", args=[event.pk]), form(1))
    pending = Registration.objects.get()
    EventPage.objects.filter(pk=event.pk).update(invited_emails="someone.else@example.org")
    link = reverse("events:registration", args=[pending.token])
    said = client.post(link, {"action": "confirm"}, follow=True).content.decode()
    pending.refresh_from_db()
    assert pending.status == Registration.PENDING and "your booking is confirmed" not in said


def test_confirm_on_a_booking_not_waiting_for_it_says_nothing_false(event, client):
    mine = book(event=event, data=person(1))
    services.cancel(registration=mine)
    link = reverse("events:registration", args=[mine.token])
    said = client.post(link, {"action": "confirm"}, follow=True).content.decode()
    assert "your booking is confirmed" not in said and "<h1>Your booking for" in said
