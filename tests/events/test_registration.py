"""Registration: exact capacity, waiting list, cancellation, offers that expire, bad input,
calendars and the organisers' list."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from engagement.models import ProgrammeRole
from events import services
from events.models import LONDON, EventPage, Registration
from tests import factories as f
from tests.events.booking import book


def make_event(parent, capacity=3, days_ahead=10, **kwargs):
    start = f.morning(days_ahead)
    event = EventPage(
        title=kwargs.pop("title", "Design day"),
        slug=kwargs.pop("slug", f"event-{capacity}-{days_ahead}"),
        kind="design_day",
        purpose="Plan together.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=5),
        capacity=capacity,
        **kwargs,
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def person(n, companions=0):
    return {
        "name": f"Person {n}",
        "email": f"p{n}@example.org",
        "taking_part_as": "carer",
        "companions": companions,
        "access_needs": "",
        "dietary_needs": "",
        "consent_to_contact": True,
    }


@pytest.fixture
def event(db):
    return make_event(f.make_programme())


def test_capacity_counts_companions_and_waiting_list_is_in_order(event):
    a = book(event=event, data=person(1, companions=1))
    b = book(event=event, data=person(2))
    c = book(event=event, data=person(3))
    d = book(event=event, data=person(4))
    assert [r.status for r in (a, b, c, d)] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert event.places_taken() == 3 and event.places_left() == 0
    services.cancel(registration=b)
    c.refresh_from_db()
    d.refresh_from_db()
    assert c.status == Registration.OFFERED and d.status == Registration.WAITING
    assert event.places_taken() == 3  # an offer holds the place
    services.accept_offer(registration=c)
    c.refresh_from_db()
    assert c.status == Registration.CONFIRMED


def test_an_offer_expires_and_passes_on(event):
    book(event=event, data=person(1, companions=2))
    waiting = [book(event=event, data=person(n)) for n in (2, 3)]
    first = Registration.objects.get(email="p1@example.org")
    services.cancel(registration=first)
    offered = Registration.objects.get(pk=waiting[0].pk)
    assert offered.status == Registration.OFFERED
    Registration.objects.filter(pk=offered.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(services.RegistrationRefused, match="time to accept this place has passed"):
        services.accept_offer(registration=offered)
    assert Registration.objects.get(pk=offered.pk).status == Registration.EXPIRED
    assert Registration.objects.get(pk=waiting[1].pk).status == Registration.OFFERED


def test_a_full_events_form_says_it_is_for_the_waiting_list(event, client):
    url = f"/events/{event.pk}/register/"
    assert "<h1>Register for Design day</h1>" in client.get(url).content.decode()
    book(event=event, data=person(1, companions=2))
    html = client.get(url).content.decode()
    assert "<h1>Join the waiting list for Design day</h1>" in html
    assert '<button class="button" type="submit">Join the waiting list</button>' in html


def test_no_one_jumps_the_waiting_list(event):
    book(event=event, data=person(1, companions=2))
    book(event=event, data=person(2, companions=2))  # waits
    Registration.objects.filter(email="p1@example.org").update(companions=1)  # a place frees up
    late = book(event=event, data=person(3))
    assert late.status == Registration.WAITING


@pytest.mark.parametrize(
    ("setup", "data", "message"),
    [
        ("past", person(1), "already happened"),
        ("cancelled", person(1), "has been cancelled"),
        ("twice", person(1), "already registered"),
        ("crowd", person(1, companions=9), "up to 2 people"),
    ],
)
def test_bad_registrations_are_refused_and_nothing_is_duplicated(db, setup, data, message):
    programme = f.make_programme()
    event = make_event(
        programme, days_ahead=-2 if setup == "past" else 5, cancelled=setup == "cancelled"
    )
    if setup == "twice":
        book(event=event, data=person(1))
    with pytest.raises(services.RegistrationRefused, match=message):
        book(event=event, data=data)
    assert Registration.objects.count() == (1 if setup == "twice" else 0)


def test_registration_form_errors_and_tampered_link(event, client):
    url = reverse("events:register", args=[event.pk])
    response = client.post(url, {"name": "", "email": "not-an-email", "companions": "7"})
    html = response.content.decode()
    assert response.status_code == 400
    for text in [
        "Enter your name",
        "Enter an email address like name@example.org",
        "Choose how you are taking part",
        "You can bring up to 2 people with you.",
    ]:
        assert text in html
    assert 'value="not-an-email"' in html
    bad_link = client.get(reverse("events:registration", args=["made-up-token"]))
    assert bad_link.status_code == 404 and "This link does not work" in bad_link.content.decode()


def test_confirmation_email_has_calendar_and_link_shows_joining_details(
    event, client, django_capture_on_commit_callbacks
):
    EventPage.objects.filter(pk=event.pk).update(
        online_joining="Video link: https://example.org/join"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:register", args=[event.pk]),
            {
                "name": "Ann",
                "email": "Ann@Example.org",
                "taking_part_as": "carer",
                "companions": "1",
                "access_needs": "Step-free access",
            },
        )
    registration = Registration.objects.get()
    assert response.status_code == 302 and registration.email == "ann@example.org"
    # Typed by someone not signed in: the address's owner confirms by the emailed link first.
    assert registration.status == Registration.PENDING and event.places_left() == 3
    asking = mail.outbox[0]
    assert asking.subject.startswith("Confirm your booking") and not asking.attachments
    link = reverse("events:registration", args=[registration.token])
    assert link in asking.body
    page = client.get(link).content.decode()
    assert "Confirm my booking" in page and "https://example.org/join" not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.status == Registration.CONFIRMED and event.places_left() == 1
    message = mail.outbox[1]
    assert message.to == ["ann@example.org"] and registration.token in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "event.ics" and mimetype == "text/calendar"
    assert Calendar.from_ical(content).walk("VEVENT")[0]["SUMMARY"] == event.title
    page = client.get(link).content.decode()
    assert "https://example.org/join" in page and "Confirm my booking" not in page
    assert "https://example.org/join" not in client.get(event.url).content.decode()


def test_icalendar_times_across_a_clock_change(db):
    programme = f.make_programme()
    start = datetime.datetime(
        2027, 3, 28, 10, 0, tzinfo=LONDON
    )  # the morning after clocks go forward
    event = EventPage(
        title="Spring meeting",
        slug="spring",
        kind="workshop",
        purpose="p",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    programme.add_child(instance=event)
    event.save_revision().publish()
    winter = EventPage(
        title="Winter meeting",
        slug="winter",
        kind="workshop",
        purpose="p",
        starts_at=datetime.datetime(2027, 1, 10, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2027, 1, 10, 12, 0, tzinfo=LONDON),
    )
    programme.add_child(instance=winter)
    winter.save_revision().publish()
    from django.test import Client

    body = Client().get(reverse("events:feed", args=[programme.slug])).content
    cal = Calendar.from_ical(body)
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    events = {e["SUMMARY"]: e for e in cal.walk("VEVENT")}
    spring = events["Spring meeting"]["DTSTART"].dt
    assert spring.hour == 10 and spring.utcoffset() == datetime.timedelta(hours=1)
    assert spring.astimezone(datetime.UTC).hour == 9
    january = events["Winter meeting"]["DTSTART"].dt
    assert january.hour == 10 and january.utcoffset() == datetime.timedelta(0)


def test_attendee_list_for_organisers_only(event, client):
    book(event=event, data={**person(1), "access_needs": "Hearing loop", "dietary_needs": "Vegan"})
    url = reverse("events:attendees", args=[event.pk])
    client.force_login(f.UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(f.add_programme_role(event.get_parent().specific, ProgrammeRole.TEAM))
    html = client.get(url).content.decode()
    assert "Hearing loop" in html and "Vegan" in html
    rows = client.get(url + "?format=csv").content.decode().splitlines()
    assert rows[0].startswith('"Name","Email","Status"') and "Hearing loop" in rows[1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a real database server (run in CI)"
)
def test_two_people_cannot_both_take_the_last_place():
    from tests.browser.conftest import ensure_base_data

    ensure_base_data()
    event = make_event(f.make_programme(), capacity=1)
    barrier = threading.Barrier(2)
    results = []

    def attempt(n):
        from django.db import connections

        try:
            barrier.wait()
            results.append(book(event=event, data=person(n)).status)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["confirmed", "waiting"]
    assert event.places_taken() == 1


def test_expire_command_passes_lapsed_offers_on(event, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    book(event=event, data=person(1, companions=2))
    waiting = [book(event=event, data=person(n, companions=2)) for n in (2, 3)]
    services.cancel(registration=Registration.objects.get(email="p1@example.org"))
    assert Registration.objects.get(pk=waiting[1].pk).status == Registration.WAITING
    Registration.objects.filter(pk=waiting[0].pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("expire_event_offers", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Registration.objects.get(pk=waiting[0].pk).status == Registration.EXPIRED
    assert Registration.objects.get(pk=waiting[1].pk).status == Registration.OFFERED
    assert [m.to for m in mail.outbox] == [["p3@example.org"]]


def test_registration_rate_limit_blocks_exactly_at_limit_plus_one(event, client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_register": "2/h/ip"}
    url = reverse("events:register", args=[event.pk])

    def post(n):
        return client.post(
            url,
            {
                "name": f"Person {n}",
                "email": f"p{n}@example.org",
                "taking_part_as": "carer",
                "companions": "0",
            },
        )

    assert post(1).status_code == 302 and post(2).status_code == 302
    refused = post(3)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Nothing you typed has been lost" in page and "p3@example.org" in page
    assert event.registrations.count() == 2


def test_a_local_events_organisers_are_its_lead_and_facilitators_not_every_member(db, client):
    """A carer in the team books as anyone does: the other carers' access needs, the list
    and the messages are for the people who run the event."""
    locality = f.make_locality(f.make_programme())
    event = make_event(locality)
    book(event=event, data={**person(1), "access_needs": "Hearing loop"})
    attendees = reverse("events:attendees", args=[event.pk])
    record = reverse("events:record", args=[event.pk])
    for role, lead, allowed in [
        ("carer", False, False),
        ("person_using_services", False, False),
        ("carer", True, True),
        ("facilitator", False, True),
    ]:
        client.force_login(f.add_member(locality, role=role, lead=lead))
        page = client.get(attendees)
        assert (page.status_code == 200) is allowed, (role, lead)
        assert ("Hearing loop" in page.content.decode()) is allowed, (role, lead)
        assert (client.get(attendees + "?format=csv").status_code == 200) is allowed
        assert (client.get(record).status_code == 200) is allowed, (role, lead)
        # The event page leads its organisers (and only them) to both.
        shown = client.get(event.url).content.decode()
        assert (f'href="{attendees}"' in shown and f'href="{record}"' in shown) is allowed
