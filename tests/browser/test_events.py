"""Events in a browser: find, register with access needs, confirmation with a calendar file,
cancel with the private link, and the waiting list moving up."""

import datetime
import re

import pytest
from django.core import mail
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Registration

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_find_register_cancel_and_promotion(live_server, page, demo, axe):
    base = live_server.url
    page.goto(f"{base}/living-well-in-later-life/")
    page.get_by_role("link", name=re.compile("^Events")).click()
    axe(page, "event list")
    page.get_by_role("link", name="Network meeting: what we have learned so far").click()
    expect(page.get_by_role("heading", name="Agenda")).to_be_visible()
    expect(page.get_by_text("01632 960999")).to_have_count(0)  # joining details are not public
    axe(page, "event page")
    page.get_by_role("link", name="Register").click()
    axe(page, "registration form")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page, "registration form with errors")
    page.get_by_label("Your name").fill("Pat Example")
    page.get_by_label("Email address").fill("pat@example.org")
    page.get_by_label("Carer", exact=True).check()
    page.get_by_label("Access needs (optional)").fill("A hearing loop, please")
    page.get_by_label("How many people are coming with you?").select_option("1")
    page.get_by_role("button", name="Register").click()
    # Anyone can type any address, so what happened goes to the address, not the page.
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_text("pat@example.org")).to_be_visible()
    expect(page.get_by_text("01632 960999")).to_have_count(0)
    axe(page, "registration sent to your email")

    # The booking holds a place once Pat confirms it from the link in the email.
    asking = next(m for m in mail.outbox if m.to == ["pat@example.org"])
    path = re.search(r"/events/registration/\S+/", asking.body).group(0)
    page.goto(base + path)
    expect(page.get_by_role("heading", name=re.compile("Confirm your booking"))).to_be_visible()
    axe(page, "confirm your booking")
    page.get_by_role("button", name="Confirm my booking").click()
    expect(page.get_by_text("your booking is confirmed")).to_be_visible()
    message = [m for m in mail.outbox if m.to == ["pat@example.org"]][-1]
    assert message.attachments[0][0] == "event.ics"
    expect(page.get_by_text("Place confirmed")).to_be_visible()
    expect(page.get_by_text("01632 960999")).to_be_visible()
    page.get_by_role("link", name="Cancel my place").click()
    expect(page.get_by_role("heading", name=re.compile("Are you sure"))).to_be_visible()
    axe(page, "cancel your place: are you sure")
    page.get_by_role("link", name="No, keep my place").click()
    expect(page.get_by_text("Place confirmed")).to_be_visible()
    page.get_by_role("link", name="Cancel my place").click()
    page.get_by_role("button", name="Yes, cancel my place").click()
    expect(page.get_by_text("Your place has been cancelled")).to_be_visible()
    # Back after cancelling: a page, not the browser's "resubmit the form?" error.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Yes, cancel my place")).to_have_count(0)

    # A full session: when someone cancels, the first person waiting is offered the place.
    rose = Registration.objects.get(email="member@ashcombe.example.org")
    beth = Registration.objects.get(email="beth@example.org")
    assert beth.status == Registration.WAITING
    page.goto(f"{base}/events/registration/{rose.token}/")
    page.get_by_role("link", name="Cancel my place").click()
    page.get_by_role("button", name="Yes, cancel my place").click()
    beth.refresh_from_db()
    assert beth.status == Registration.OFFERED
    page.goto(f"{base}/events/registration/{beth.token}/")
    axe(page, "registration page")
    page.get_by_role("button", name="Accept the place").click()
    expect(page.get_by_text("The place is yours")).to_be_visible()

    sign_in(page, base, "lead@ashcombe.example.org")
    page.goto(base + beth.event.url)
    organisers = page.get_by_role("navigation", name="For the organisers")
    expect(organisers).to_be_visible()
    axe(page, "event page for its organisers")
    organisers.get_by_role("link", name="Who has booked").click()
    expect(page.get_by_role("table")).to_contain_text("Beth Example")
    axe(page, "attendee list")
    page.get_by_role("link", name="Notes, actions and messages").click()
    page.get_by_label("What was said").fill("People asked for a quiet room.")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_text("People asked for a quiet room.")).to_be_visible()
    axe(page, "record and follow up")


def test_residential_with_places_for_a_locality_days_and_overnight(live_server, page, demo, axe):
    """A member of Ashcombe books one of Ashcombe's places at the two-day residential, says
    which days and what room they need; the organisers see it and record each day."""
    from events import demo as demo_events
    from events.models import EventPage

    residential = EventPage.objects.get(slug=demo_events.RESIDENTIAL_SLUG)
    first, second = (f"{day:%A} {day.day} {day:%B}" for day in residential.days)
    base = live_server.url
    sign_in(page, base, "member@ashcombe.example.org")
    page.goto(f"{base}/living-well-in-later-life/{residential.slug}/")
    expect(page.get_by_text(re.compile(r"places? left for the Ashcombe team"))).to_be_visible()
    axe(page, "residential event page")
    page.get_by_role("link", name="Register").click()
    expect(page.get_by_text(re.compile(r"places? left for the Ashcombe team"))).to_be_visible()
    expect(page.get_by_role("group", name="Which days will you come?")).to_be_visible()
    axe(page, "residential registration form")
    page.get_by_label("Your name").fill("Rose Tamworth")
    page.get_by_label("Email address").fill("member@ashcombe.example.org")
    page.get_by_label("Carer", exact=True).check()
    page.get_by_label("I need somewhere to stay overnight").check()
    page.get_by_label("Overnight accommodation needs (optional)").fill("A room near the lift")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Choose the days you will come")).to_be_visible()
    expect(page.get_by_label("Overnight accommodation needs (optional)")).to_have_value(
        "A room near the lift"
    )
    axe(page, "residential registration form with errors")
    page.get_by_label(first).check()
    page.get_by_label(second).check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Place confirmed")).to_be_visible()
    expect(page.get_by_text("one of the places for Ashcombe")).to_be_visible()
    expect(page.get_by_text("A room near the lift")).to_have_count(0)
    axe(page, "registration page with days")
    # Rose finds her booking again from any page, and the event page says she has a place.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My bookings").click()
    expect(page.get_by_role("heading", name="Your event bookings")).to_be_visible()
    expect(
        page.get_by_role("link", name=f"See or cancel your place at {residential.title}")
    ).to_be_visible()
    axe(page, "your event bookings")
    page.get_by_role("link", name=residential.title, exact=True).click()
    expect(page.get_by_text("You have a place at this event.")).to_be_visible()
    expect(page.get_by_role("link", name="Register")).to_have_count(0)
    axe(page, "event page when booked")
    rose = Registration.objects.get(email="member@ashcombe.example.org", event=residential)
    assert rose.places_from.slug == "ashcombe" and rose.overnight

    # The residential begins today (moved by whole days): who came can now be marked.
    moved = datetime.timedelta(days=(residential.days[0] - timezone.localdate()).days)
    EventPage.objects.filter(pk=residential.pk).update(
        starts_at=F("starts_at") - moved, ends_at=F("ends_at") - moved
    )
    residential = EventPage.objects.get(pk=residential.pk)
    if residential.starts_at > timezone.now():  # before its start time today (a run at 1am)
        from zoneinfo import ZoneInfo

        midnight = datetime.datetime.combine(
            timezone.localdate(), datetime.time(), ZoneInfo("Europe/London")
        )
        EventPage.objects.filter(pk=residential.pk).update(starts_at=midnight)
        residential = EventPage.objects.get(pk=residential.pk)
    first = f"{residential.days[0]:%A} {residential.days[0].day} {residential.days[0]:%B}"
    page.context.clear_cookies()
    sign_in(page, base, "coordinator@example.org")
    page.goto(f"{base}/events/{rose.event_id}/attendees/")
    table = page.get_by_role("table").nth(1)
    expect(table).to_contain_text("Needs accommodation: A room near the lift")
    expect(page.get_by_role("table").first).to_contain_text("Ashcombe")
    page.get_by_role("button", name=f"Mark Rose Tamworth as attended on {first}").click()
    expect(
        page.get_by_role("button", name=re.compile(f"Attended ?: Rose Tamworth on {first}"))
    ).to_be_visible()
    axe(page, "attendee list of a residential")
    assert rose.attendance_days.get(day=residential.days[0]).attended is True
