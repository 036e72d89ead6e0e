"""Events over several days: the booking asks which days and about overnight accommodation;
organisers record attendance day by day; overnight needs are kept, shown, exported, erased
and wiped like access needs."""

import datetime
import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts import rights
from engagement.models import ProgrammeRole
from events import services
from events.models import LONDON, AttendanceDay, EventPage, Registration
from tests import factories as f
from tests.events.booking import book

from .test_registration import make_event, person

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2030, 3, 4)
DAYS = [MONDAY + datetime.timedelta(days=n) for n in range(3)]
NOON_ON_THE_LAST_DAY = datetime.datetime.combine(DAYS[2], datetime.time(12), tzinfo=LONDON)


def make_residential(parent, first=MONDAY, slug="residential"):
    event = EventPage(
        title="Residential",
        slug=slug,
        kind="residential",
        purpose="Three days together.",
        starts_at=datetime.datetime.combine(first, datetime.time(10), tzinfo=LONDON),
        ends_at=datetime.datetime.combine(
            first + datetime.timedelta(days=2), datetime.time(15), tzinfo=LONDON
        ),
        capacity=10,
    )
    parent.add_child(instance=event)
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def residential():
    return make_residential(f.make_programme())


def booking(n=1, **extra):
    return {**person(n), "companions": "0", **extra}


def test_the_form_asks_about_days_and_nights_only_for_several_days(residential, client):
    assert residential.is_multi_day and residential.days == DAYS
    page = client.get(reverse("events:register", args=[residential.pk])).content.decode()
    assert "Which days will you come?" in page and "Monday 4 March" in page
    assert "I need somewhere to stay overnight" in page
    one_day = make_event(residential.get_parent())
    page = client.get(reverse("events:register", args=[one_day.pk])).content.decode()
    assert "Which days will you come?" not in page and "overnight" not in page


def test_booking_days_and_overnight_needs(residential, client):
    url = reverse("events:register", args=[residential.pk])
    missing = client.post(url, booking(overnight="on", overnight_notes="Ground-floor room"))
    html = missing.content.decode()
    assert missing.status_code == 400 and "Choose the days you will come" in html
    assert "Ground-floor room" in html and 'value="Person 1"' in html  # what was typed is kept
    outside = client.post(url, booking(days=["2031-01-01"]))
    assert "Choose days on which the event runs" in outside.content.decode()
    too_long = client.post(url, booking(days=[DAYS[0].isoformat()], overnight_notes="x" * 1001))
    assert "Keep your overnight accommodation needs to 1,000" in too_long.content.decode()
    assert not Registration.objects.exists()
    done = client.post(
        url,
        booking(
            days=[DAYS[0].isoformat(), DAYS[2].isoformat()],
            overnight="on",
            overnight_notes="Ground-floor room",
        ),
    )
    assert done.status_code == 302
    registration = Registration.objects.get()
    assert registration.overnight and registration.overnight_notes == "Ground-floor room"
    assert [(d.day, d.coming, d.attended) for d in registration.attendance_days.all()] == [
        (DAYS[0], True, None),
        (DAYS[2], True, None),
    ]
    assert done["Location"] == reverse("events:emailed", args=[residential.pk])
    own_page = client.get(reverse("events:registration", args=[registration.token]))
    own_page = own_page.content.decode()
    assert "Monday 4 March" in own_page and "Ground-floor room" not in own_page


def test_a_one_day_event_keeps_no_overnight_needs():
    event = make_event(f.make_programme())
    made = book(
        event=event,
        data={**person(1), "overnight": True, "overnight_notes": "x", "days": [MONDAY]},
    )
    assert not made.overnight and made.overnight_notes == ""
    assert not made.attendance_days.exists()


def test_organisers_record_and_see_attendance_day_by_day(residential, client):
    made = book(
        event=residential,
        data={
            **person(1),
            "days": DAYS[:2],
            "overnight": True,
            "overnight_notes": "Room next to my husband",
        },
    )
    waiting = Registration.objects.create(
        event=residential, status=Registration.WAITING, **person(2)
    )
    url = reverse("events:attendees", args=[residential.pk])
    # Not organisers: nothing, not even that the page exists; the public pages say nothing.
    client.force_login(f.add_member(f.make_locality(f.make_programme(title="Other"))))
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"registration": made.pk, "day": DAYS[0], "attended": "yes"}).status_code
        == 404
    )
    assert "Room next to my husband" not in client.get(residential.url).content.decode()
    team = f.add_programme_role(residential.get_parent().specific, ProgrammeRole.TEAM)
    client.force_login(team)
    html = client.get(url).content.decode()
    assert "Needs accommodation: Room next to my husband" in html
    # Before the event, nobody can be marked as having come.
    assert "Mark Person 1 as attended" not in html
    assert "You can mark who came once the event has started." in html
    client.post(url, {"registration": made.pk, "day": DAYS[0].isoformat(), "attended": "yes"})
    assert not made.attendance_days.filter(attended=True).exists()
    with pytest.raises(services.RegistrationRefused, match="once that day has begun"):
        services.record_attendance(registration=made, day=DAYS[0], attended=True)
    # The last day of the residential, at noon: all three days have begun.
    with mock.patch("django.utils.timezone.now", return_value=NOON_ON_THE_LAST_DAY):
        client.force_login(team)
        marking_attendance(client, url, made, waiting)


def marking_attendance(client, url, made, waiting):
    html = client.get(url).content.decode()
    assert "Mark Person 1 as attended on Wednesday 6 March" in html
    assert "Mark Person 2 as attended" not in html  # only confirmed places
    for day in (DAYS[0], DAYS[2]):  # came on a day they had not said, too
        assert (
            client.post(
                url, {"registration": made.pk, "day": day.isoformat(), "attended": "yes"}
            ).status_code
            == 302
        )
    client.post(url, {"registration": waiting.pk, "day": DAYS[0].isoformat(), "attended": "yes"})
    client.post(url, {"registration": made.pk, "day": "not-a-day", "attended": "yes"})
    made.refresh_from_db()
    assert made.attended is True
    rows = {d.day: (d.coming, d.attended) for d in made.attendance_days.all()}
    assert rows == {DAYS[0]: (True, True), DAYS[1]: (True, None), DAYS[2]: (False, True)}
    assert not AttendanceDay.objects.filter(registration=waiting).exists()
    html = client.get(url).content.decode()
    assert 'Attended<span class="visually-hidden">: Person 1 on Monday 4 March' in html
    assert "Mark Person 1 as attended on Tuesday 5 March" in html
    csv = client.get(url + "?format=csv").content.decode().splitlines()
    assert "Overnight needs" in csv[0] and "Room next to my husband" in csv[1]
    assert "2030-03-04 2030-03-06" in csv[1]  # days attended
    # Undo a day.
    client.post(url, {"registration": made.pk, "day": DAYS[0].isoformat(), "attended": "no"})
    assert made.attendance_days.get(day=DAYS[0]).attended is False


def test_overnight_needs_are_wiped_with_access_needs():
    programme = f.make_programme()
    past = make_residential(programme, first=datetime.date.today() - datetime.timedelta(days=90))
    recent = make_residential(
        programme, first=datetime.date.today() - datetime.timedelta(days=4), slug="recent"
    )
    for n, event in enumerate((past, recent)):
        Registration.objects.create(
            event=event,
            status="confirmed",
            overnight=True,
            overnight_notes="Ground-floor room",
            **person(n),
        )
    call_command("apply_retention", stdout=StringIO())
    old = Registration.objects.get(event=past)
    assert not old.overnight and old.overnight_notes == ""
    kept = Registration.objects.get(event=recent)
    assert kept.overnight and kept.overnight_notes == "Ground-floor room"


def test_peoples_rights_export_and_erase_overnight_needs(residential):
    book(
        event=residential,
        data={**person(1), "days": DAYS[1:], "overnight": True, "overnight_notes": "Quiet room"},
    )
    data = json.loads(rights.export_person("p1@example.org"))["events"][0]
    assert data["needs_overnight_accommodation"] is True
    assert data["overnight_needs"] == "Quiet room"
    assert data["days_coming"] == [DAYS[1].isoformat(), DAYS[2].isoformat()]
    rights.erase_person("p1@example.org")
    erased = Registration.objects.get()
    assert not erased.overnight and erased.overnight_notes == "" and erased.name == "Erased"


def test_the_privacy_notice_describes_overnight_needs(client):
    from site_content.privacy import records

    record = next(r for r in records() if r.key == "event_registration")
    for name in ("overnight", "overnight_notes"):
        assert record.part_for(name).special
    assert record.part_for("days") and record.part_for("booking_locality")
    assert "overnight accommodation needs" in " ".join(record.kept())


@pytest.mark.parametrize(
    "ends, days",
    [
        (datetime.time(23, 30), 1),
        (datetime.time(0, 30), 1),  # the next morning, after midnight: still the evening
        (datetime.time(5, 59), 1),
        (datetime.time(6, 0), 2),
        (datetime.time(15, 0), 2),
    ],
)
def test_an_evening_that_runs_past_midnight_is_one_day(ends, days):
    start = datetime.datetime.combine(MONDAY, datetime.time(19), tzinfo=LONDON)
    next_day = MONDAY + datetime.timedelta(days=1) if ends < datetime.time(19) else MONDAY
    event = EventPage(
        title="Winter social",
        kind="peer_support",
        purpose="An evening together.",
        starts_at=start,
        ends_at=datetime.datetime.combine(next_day, ends, tzinfo=LONDON),
    )
    assert len(event.days) == days and event.days[0] == MONDAY
    assert event.is_multi_day == (days > 1)


def test_the_events_page_says_in_plain_words_what_each_kind_of_event_is(residential, client):
    """Diagnostic day, congress, residential: the programme's own words, each explained once on
    the event's page for someone who has not been to one."""
    from events.models.kinds import KIND_CHOICES, KIND_MEANINGS

    assert set(KIND_MEANINGS) == {code for code, _label in KIND_CHOICES}
    page = client.get(residential.url).content.decode()
    assert (
        "<strong>Residential</strong>. An event over two or three days, with somewhere to " in page
    )


def test_the_event_list_offers_only_the_kinds_it_has_events_of(residential, client):
    """Thirteen kinds, most with no event behind them, led nowhere: the filter lists the kinds
    this place holds."""
    programme = residential.get_parent()
    html = client.get(reverse("events:list", args=[programme.slug])).content.decode()
    assert '<a href="?kind=residential">Residential</a>' in html
    assert "?kind=congress" not in html and "?kind=diagnostic_day" not in html
    filtered = client.get(reverse("events:list", args=[programme.slug]), {"kind": "residential"})
    assert residential.title in filtered.content.decode()


def test_the_booking_link_shows_every_day_and_after_cancelling_a_way_back(residential):
    """The person's own page shows the whole span of a several-day event, never the needs they
    gave (anyone holding the link could read them), and once cancelled, no calendar link but
    a way back to the event."""
    from django.test import Client

    from events import services
    from tests.events.booking import book

    mine = book(
        event=residential,
        data={**person(1), "access_needs": "A hearing loop, please", "days": DAYS},
    )
    client = Client()
    link = reverse("events:registration", args=[mine.token])
    page = client.get(link).content.decode()
    assert "A hearing loop" not in page
    assert "Monday 4 March 2030, 10am to Wednesday 6 March 2030, 3pm" in page
    assert "anyone with it can see and cancel your place" in page
    services.cancel(registration=mine)
    page = client.get(link).content.decode()
    assert "Add to your calendar" not in page
    assert f'<a href="{residential.url}">Back to {residential.title}</a>' in page
