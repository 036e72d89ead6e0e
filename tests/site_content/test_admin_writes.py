"""Writes keep their consequences whatever screen makes them: in the Wagtail admin, the
fields that only a service may change are read-only, so posting them changes nothing."""

import pytest
from django.urls import reverse

from engagement.models import Action, ProgressEntry
from events.models import Registration
from tests import factories as f
from tests.events.booking import book
from tests.events.test_registration import make_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    return client


def test_an_action_cannot_be_marked_done_from_the_admin(admin_client):
    locality = f.make_locality(f.make_programme())
    action = f.make_action(locality, title="Book the hall")
    url = reverse("wagtailsnippets_engagement_action:edit", args=[action.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="status"' not in page
    response = admin_client.post(
        url,
        {
            "locality": locality.pk,
            "title": "Book the big hall",
            "description": "",
            "owner": "",
            "due_date": "",
            "source_note": "",
            "status": Action.DONE,
            "completed_at": "2020-01-01 10:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    action.refresh_from_db()
    assert action.title == "Book the big hall"
    assert action.status == Action.OPEN and action.completed_at is None


def test_a_progress_entry_is_changed_only_in_the_workspace(admin_client):
    locality = f.make_locality(f.make_programme())
    entry = f.make_entry(locality, f.add_member(locality), what_we_did="What we really did")
    url = reverse("wagtailsnippets_engagement_progressentry:edit", args=[entry.pk])
    admin_client.post(url, {"what_we_did": "Rewritten without a revision"})
    entry.refresh_from_db()
    assert entry.what_we_did == "What we really did"
    assert ProgressEntry.objects.count() == 1


def test_a_place_cannot_be_cancelled_or_confirmed_from_the_admin(admin_client):

    event = make_event(f.make_programme(), capacity=1)
    held = book(event=event, data=person(1))
    waiting = book(event=event, data=person(2))
    assert (held.status, waiting.status) == ("confirmed", "waiting")
    url = reverse("wagtailsnippets_events_registration:edit", args=[waiting.pk])
    admin_client.post(
        url,
        {
            "name": "Person Two",
            "email": "p2@example.org",
            "taking_part_as": "carer",
            "access_needs": "",
            "dietary_needs": "",
            "status": "confirmed",
            "companions": 3,
            "attended": "",
        },
    )
    waiting.refresh_from_db()
    assert waiting.name == "Person Two"
    assert waiting.status == "waiting" and waiting.companions == 0
    assert event.places_taken() == 1
    assert Registration.objects.filter(status="confirmed").count() == 1
