"""Every email's queue row is written in the same transaction as the record it is about: a
rollback takes both away, and nothing waits for a commit callback to write the row."""

import datetime

import pytest
from django.db import transaction

from engagement.models import Action, Panel, PanelMember, ProgrammeRole, ReviewRound, Story
from engagement.panels import services as panel_services
from engagement.stories import learning as story_learning
from engagement.workspace import services as workspace_services
from events import services as event_services
from events.models import Registration
from site_content.models import OutgoingEmail
from tests import factories as f
from tests.events.booking import book
from tests.events.test_registration import make_event, person

pytestmark = pytest.mark.django_db


class Crash(Exception):
    """Stands for anything that stops a request after the service has run."""


@pytest.fixture(autouse=True)
def queued(settings):
    settings.EMAIL_BACKEND = "site_content.mail.QueuedEmailBackend"


def _panel():
    programme = f.make_programme()
    facilitator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    panel = Panel.objects.create(programme=programme, name="P", slug="p", facilitator=facilitator)
    seat = PanelMember.objects.create(
        panel=panel, user=f.add_programme_role(programme, ProgrammeRole.EXPERT)
    )
    return panel, facilitator, seat


def _open_round(panel, facilitator, seat):
    return panel_services.open_round(
        panel=panel,
        creator=facilitator,
        data={
            "title": "Leaflet",
            "page": f.home_page(),
            "closes_on": datetime.date.today() + datetime.timedelta(days=7),
        },
        questions=["Is it clear?"],
        invited=[seat],
    )


def test_panel_invitation_row_is_written_with_the_round(django_capture_on_commit_callbacks):
    panel, facilitator, seat = _panel()
    with django_capture_on_commit_callbacks(execute=False):
        review = _open_round(panel, facilitator, seat)
        # Written before any commit callback runs: the row is part of the same transaction.
        assert OutgoingEmail.objects.filter(
            to=seat.user.email, subject__contains="Leaflet"
        ).exists()
    assert review.pk


def test_a_rollback_takes_the_round_and_its_invitations_away():
    panel, facilitator, seat = _panel()
    with pytest.raises(Crash), transaction.atomic():
        _open_round(panel, facilitator, seat)
        raise Crash
    assert not ReviewRound.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_published_answers_are_queued_with_the_publication():
    panel, facilitator, seat = _panel()
    review = _open_round(panel, facilitator, seat)
    q = review.questions.get()
    panel_services.submit_feedback(
        review_round=review,
        member=seat,
        entered_by=seat.user,
        how_given="online",
        answers={q.pk: ("yes", "Fine")},
    )
    OutgoingEmail.objects.all().delete()
    with pytest.raises(Crash), transaction.atomic():
        panel_services.publish_responses(review_round=review)
        assert OutgoingEmail.objects.filter(subject__contains="answered").count() == 1
        raise Crash
    assert not OutgoingEmail.objects.exists()
    assert ReviewRound.objects.get(pk=review.pk).status != ReviewRound.PUBLISHED


def test_event_registration_and_its_calendar_are_queued_together():
    event = make_event(f.make_programme())
    with pytest.raises(Crash), transaction.atomic():
        book(event=event, data=person(1))
        email = OutgoingEmail.objects.get(to="p1@example.org", subject__startswith="Your place")
        assert [a["name"] for a in email.attachments] == ["event.ics"]
        raise Crash
    assert not Registration.objects.exists() and not OutgoingEmail.objects.exists()


def test_messages_to_people_registered_are_queued_in_one_transaction():
    event = make_event(f.make_programme())
    book(event=event, data=person(1))
    book(event=event, data=person(2))
    OutgoingEmail.objects.all().delete()
    sent = event_services.message_registered(event=event, subject="Parking", message="Use gate B")
    assert sent == 2
    assert OutgoingEmail.objects.filter(subject__endswith="Parking").count() == 2


def test_storytellers_hear_in_the_transaction_that_marks_the_action_done():
    programme = f.make_programme()
    locality = f.make_locality(programme)
    inquiry = f.make_inquiry(programme)
    story = f.make_story(inquiry, status=Story.LEARNING_ONLY, email="teller@example.net")
    theme = inquiry.themes.create(name="Being listened to")
    story_learning.code_story(story, [theme.pk], by=None)
    proposition = story_learning.add_proposition(
        inquiry, text="Listen first", theme_ids=[theme.pk], by=None
    )
    action = story_learning.action_from_proposition(
        proposition, locality=locality, title="Listening training", by=None
    )
    OutgoingEmail.objects.all().delete()  # the thank-you for the story itself
    with pytest.raises(Crash), transaction.atomic():
        workspace_services.set_action_status(action=action, status=Action.DONE)
        told = OutgoingEmail.objects.get(to="teller@example.net")
        assert told.subject == "What changed because of your story"
        raise Crash
    assert not OutgoingEmail.objects.exists()
    assert Action.objects.get(pk=action.pk).status != Action.DONE


def test_a_line_break_in_a_subject_becomes_a_space_so_the_email_can_be_sent():
    """A subject is one line; the mail library refuses a break in one at every retry."""
    from django.core import mail

    from site_content.mail import deliver, queue_email

    queue_email("alan@example.org", "Notes from the day\r\nBcc: x@example.net", "Hello")
    row = OutgoingEmail.objects.get()
    assert row.subject == "Notes from the day Bcc: x@example.net"
    deliver(row.pk)
    assert [m.subject for m in mail.outbox] == ["Notes from the day Bcc: x@example.net"]
    assert mail.outbox[0].to == ["alan@example.org"] and not mail.outbox[0].bcc
