"""Who came is recorded once the event has begun, and only for confirmed places: on the
organisers' attendee page and in the admin's booking editor alike (one rule, on the model)."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.models import ProgrammeRole
from events import services
from tests import factories as f
from tests.events.booking import book
from tests.events.test_registration import make_event, person

pytestmark = pytest.mark.django_db


def editor_form(registration, attended):
    return {
        "name": registration.name,
        "email": registration.email,
        "taking_part_as": registration.taking_part_as,
        "access_needs": "",
        "dietary_needs": "",
        "overnight_notes": "",
        "consent_to_contact": "on",
        "attended": attended,
    }


def test_nobody_is_marked_as_having_come_before_the_event(client):
    programme = f.make_programme()
    event = make_event(programme, capacity=1, days_ahead=3)
    came = book(event=event, data=person(1))
    waiting = book(event=event, data=person(2))
    url = reverse("events:attendees", args=[event.pk])
    client.force_login(f.add_programme_role(programme, ProgrammeRole.TEAM))
    html = client.get(url).content.decode()
    assert "Mark Person 1 as attended" not in html
    assert "You can mark who came once the event has started." in html
    assert client.post(url, {"registration": came.pk, "attended": "yes"}).status_code == 302
    came.refresh_from_db()
    assert came.attended is None
    with pytest.raises(services.RegistrationRefused, match="once the event has started"):
        services.record_attendance(registration=came, attended=True)

    # The admin's booking editor asks the same rule, and keeps what was typed.
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    edit = reverse("wagtailsnippets_events_registration:edit", args=[came.pk])
    response = client.post(edit, editor_form(came, "true"))
    assert "Who came can be recorded once the event has started." in response.content.decode()
    came.refresh_from_db()
    assert came.attended is None

    started = event.starts_at + datetime.timedelta(minutes=30)
    with mock.patch("django.utils.timezone.now", return_value=started):
        client.force_login(admin)
        waiting_edit = reverse("wagtailsnippets_events_registration:edit", args=[waiting.pk])
        response = client.post(waiting_edit, editor_form(waiting, "true"))
        assert "only for confirmed places" in response.content.decode()
        client.post(edit, editor_form(came, "true"))
        came.refresh_from_db()
        assert came.attended is True
        client.force_login(f.add_programme_role(programme, ProgrammeRole.TEAM))
        html = client.get(url).content.decode()
        assert "You can mark who came" not in html
        client.post(url, {"registration": came.pk, "attended": "no"})
        came.refresh_from_db()
        assert came.attended is False
    assert timezone.now() < event.starts_at


def test_a_day_of_an_event_over_several_days_begins_no_sooner_than_the_event(client):
    from tests.events.test_multi_day import DAYS, make_residential

    programme = f.make_programme()
    residential = make_residential(programme)  # from 10am on its first day
    came = book(event=residential, data={**person(1), "days": DAYS})
    url = reverse("events:attendees", args=[residential.pk])
    team = f.add_programme_role(programme, ProgrammeRole.TEAM)
    first_morning = residential.starts_at - datetime.timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=first_morning):
        client.force_login(team)
        assert "Mark Person 1 as attended on" not in client.get(url).content.decode()
        with pytest.raises(services.RegistrationRefused, match="once that day has begun"):
            services.record_attendance(registration=came, day=DAYS[0], attended=True)
    started = residential.starts_at + datetime.timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=started):
        client.force_login(team)
        html = client.get(url).content.decode()
        first = f"{DAYS[0]:%A} {DAYS[0].day} {DAYS[0]:%B}"
        second = f"{DAYS[1]:%A} {DAYS[1].day} {DAYS[1]:%B}"
        assert f"Mark Person 1 as attended on {first}" in html
        assert f"Mark Person 1 as attended on {second}" not in html
        # Not day by day (no day, or one that is not a date): refused, nothing recorded.
        for odd in ({}, {"day": "not-a-day"}):
            client.post(url, {"registration": came.pk, "attended": "yes", **odd})
            came.refresh_from_db()
            assert came.attended is None, odd
        with pytest.raises(services.RegistrationRefused, match="day by day"):
            services.record_attendance(registration=came, attended=True)
        services.record_attendance(registration=came, day=DAYS[0], attended=True)
        came.refresh_from_db()
        assert came.attended is True
