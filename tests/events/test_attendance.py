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
