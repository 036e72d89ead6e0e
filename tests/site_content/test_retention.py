import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import AuditEvent
from events.models import Registration
from tests import factories as f
from tests.events.test_registration import make_event, person


@pytest.mark.django_db
def test_retention_removes_only_what_is_past_its_time(settings):
    from io import StringIO

    programme = f.make_programme()
    old = make_event(programme, days_ahead=-60, slug="old")
    recent = make_event(programme, days_ahead=-3, slug="recent")
    Registration.objects.create(
        event=old,
        status="confirmed",
        access_needs="Hearing loop",
        **{k: v for k, v in person(1).items() if k not in ("access_needs",)},
    )
    Registration.objects.create(
        event=recent,
        status="confirmed",
        access_needs="Wheelchair",
        **{k: v for k, v in person(2).items() if k not in ("access_needs",)},
    )
    gone = Registration.objects.create(event=recent, status="cancelled", **person(3))
    Registration.objects.filter(pk=gone.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    stale = AuditEvent.objects.create(kind=AuditEvent.EXPORT, detail="old")
    AuditEvent.objects.filter(pk=stale.pk).update(at=timezone.now() - datetime.timedelta(days=800))
    out = StringIO()
    call_command("apply_retention", stdout=out)
    report = out.getvalue()
    assert "access and food needs wiped from past events: 1" in report
    assert "cancelled, lapsed or waiting-list registrations deleted: 1" in report
    assert "audit log entries deleted: 1" in report
    assert Registration.objects.get(email="p1@example.org").access_needs == ""
    assert Registration.objects.get(email="p2@example.org").access_needs == "Wheelchair"
    call_command("apply_retention", stdout=StringIO())  # safe to run again


@pytest.mark.django_db
def test_waiting_list_bookings_go_with_the_other_bookings_that_never_became_a_place():
    from accounts.retention import apply_retention

    programme = f.make_programme()
    ended = make_event(programme, days_ahead=-60, slug="ended")
    coming = make_event(programme, days_ahead=10, slug="coming")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    waited = Registration.objects.create(event=ended, status="waiting", **person(1))
    offered = Registration.objects.create(event=ended, status="offered", **person(2))
    still_waiting = Registration.objects.create(event=coming, status="waiting", **person(3))
    came = Registration.objects.create(event=ended, status="confirmed", **person(4))
    Registration.objects.filter(pk__in=[waited.pk, offered.pk, still_waiting.pk, came.pk]).update(
        created_at=long_ago
    )
    recent = Registration.objects.create(event=ended, status="waiting", **person(5))
    report = dict(apply_retention())
    assert report["cancelled, lapsed or waiting-list registrations deleted"] == 2
    assert set(Registration.objects.values_list("pk", flat=True)) == {
        still_waiting.pk,  # its event has not happened yet
        came.pk,  # a record of who came
        recent.pk,  # made within the period, like a cancelled booking
    }


@pytest.mark.django_db
def test_the_admins_history_of_a_registration_gone_goes_too():
    """Wagtail's history labels each entry with the registration ("Name – Event"): once the
    registration is gone and the entry is older than the period, it is deleted too."""
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    from accounts.retention import apply_retention

    programme = f.make_programme()
    event = make_event(programme, days_ahead=-60, slug="ended")
    kept = Registration.objects.create(event=event, status="confirmed", **person(1))
    gone = Registration.objects.create(event=event, status="confirmed", **person(2))
    for registration in (kept, gone):
        log(registration, "wagtail.edit")
    log(gone, "wagtail.delete")
    gone.delete()
    fresh_gone = Registration.objects.create(event=event, status="confirmed", **person(3))
    log(fresh_gone, "wagtail.edit")
    fresh_pk = str(fresh_gone.pk)
    fresh_gone.delete()
    ModelLogEntry.objects.exclude(object_id=fresh_pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=400)
    )
    report = dict(apply_retention())
    assert report["admin history of registrations no longer held deleted"] == 2
    left = set(ModelLogEntry.objects.values_list("object_id", flat=True))
    assert left == {str(kept.pk), fresh_pk}  # held, or gone too recently


@pytest.mark.django_db
def test_who_suggested_a_topic_is_forgotten_once_the_event_is_long_past(settings):
    from accounts.retention import apply_retention
    from events.models import TopicSuggestion

    programme = f.make_programme()
    long_past = make_event(programme, days_ahead=-(settings.RETENTION_DAYS["topic_names"] + 2))
    recent = make_event(programme, days_ahead=-3, slug="recent")
    someone = f.UserFactory()
    for event in (long_past, recent):
        TopicSuggestion.objects.create(event=event, topic="Buses", name="Sam Lee", user=someone)
    report = dict(apply_retention())
    assert report["names removed from topics suggested for past events"] == 1
    assert list(
        TopicSuggestion.objects.order_by("event__starts_at").values_list("topic", "name", "user")
    ) == [("Buses", "", None), ("Buses", "Sam Lee", someone.pk)]
