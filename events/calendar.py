"""iCalendar (RFC 5545) files: one per event, and feeds per programme or locality."""

import datetime

from icalendar import Calendar, Event

from site_content.links import absolute_url, site_host


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Common Ground//Events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(page) -> Event:
    item = Event()
    item.add("uid", f"event-{page.pk}@{site_host()}")
    item.add("summary", page.title)
    item.add("dtstart", page.local_start)
    item.add("dtend", page.local_end)
    item.add(
        "dtstamp",
        (
            page.last_published_at
            or page.first_published_at
            or page.latest_revision_created_at
            or datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        ).astimezone(datetime.UTC),
    )
    item.add("description", page.purpose)
    location = ", ".join(x for x in [page.venue, page.address.replace("\n", ", ")] if x)
    if location:
        item.add("location", location)
    item.add("url", absolute_url(page.url or ""))
    if page.cancelled:
        item.add("status", "CANCELLED")
    return item


def event_calendar(page) -> bytes:
    cal = _calendar(page.title)
    cal.add_component(_event(page))
    cal.add_missing_timezones()
    return cal.to_ical()


def feed(name: str, pages) -> bytes:
    cal = _calendar(name)
    for page in pages:
        cal.add_component(_event(page))
    cal.add_missing_timezones()
    return cal.to_ical()
