"""A form that creates something does it once, however many times it is sent (a double click,
a resend, three tabs): the form's key is claimed with the record. A refused form gives the key
back, so the corrected form is saved."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from engagement.models import Action, ProgrammeRole, ProgressEntry
from site_content.models import SentForm
from tests import factories as f
from tests.events.booking import book
from tests.events.test_registration import make_event, person

pytestmark = pytest.mark.django_db


def key_in(client, url) -> str:
    page = client.get(url).content.decode()
    return re.search(r'name="once" value="([0-9a-f]{32})"', page)[1]


@pytest.fixture
def team(client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    client.force_login(f.add_member(locality, role="carer", lead=True))
    return programme, locality


def test_a_progress_entry_sent_three_times_is_saved_once(team, client):
    programme, locality = team
    url = reverse("workspace:entry_new", args=[locality.slug])
    phase = programme.phases.first()
    typed = {
        "once": key_in(client, url),
        "entry_date": phase.start_date.isoformat(),
        "phase": phase.pk,
        "what_we_did": "Ran a drop-in at the library",
        "submit": "1",
    }
    first, *again = (client.post(url, typed) for _ in range(3))
    assert ProgressEntry.objects.count() == 1
    assert first.status_code == 302
    for response in again:  # taken where the first went, and told why
        assert response.status_code == 302 and response["Location"] == first["Location"]
    shown = client.get(again[-1]["Location"]).content.decode()
    assert "more than once" in shown
    # Back, then send again: the browser fetched the form afresh (a new key) and filled in
    # what was typed. The same words from the same browser are the same entry.
    back = dict(typed, once=key_in(client, url))
    resent = client.post(url, back)
    assert resent.status_code == 302 and resent["Location"] == first["Location"]
    assert ProgressEntry.objects.count() == 1
    other = dict(typed, once=key_in(client, url), what_we_did="Met the day centre manager")
    assert client.post(url, other).status_code == 302  # new words on a new form: a new entry
    assert ProgressEntry.objects.count() == 2


def test_a_story_sent_again_after_going_back_is_kept_once(client):
    from engagement.models import Story

    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    url = reverse("stories:tell", args=[inquiry.pk])
    typed = {"text": "The carer knew how I like my tea.", "teller": "A carer"}
    typed["consent_learning"] = "on"
    first = client.post(url, {**typed, "once": key_in(client, url)})
    again = client.post(url, {**typed, "once": key_in(client, url)})
    assert first.status_code == again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Story.objects.count() == 1
    # Someone else's browser telling the same words is their own story.
    from django.test import Client

    other = Client()
    assert other.post(url, {**typed, "once": key_in(other, url)}).status_code == 302
    assert Story.objects.count() == 2


def test_a_refused_form_gives_its_key_back(team, client):
    _programme, locality = team
    url = reverse("workspace:action_new", args=[locality.slug])
    key = key_in(client, url)
    refused = client.post(url, {"once": key, "title": ""})
    assert refused.status_code == 400 and not Action.objects.exists()
    assert not SentForm.objects.filter(key=key).exists()
    corrected = client.post(url, {"once": key, "title": "Ask the bus company", "status": "open"})
    assert corrected.status_code == 302
    assert client.post(url, {"once": key, "title": "Ask the bus company", "status": "open"})
    assert Action.objects.count() == 1


def test_a_form_without_a_key_works_as_before(team, client):
    _programme, locality = team
    url = reverse("workspace:action_new", args=[locality.slug])
    for odd in ({}, {"once": "not-a-key"}, {"once": "A" * 32}):
        data = {"title": "Ask the bus company", "status": "open", **odd}
        assert client.post(url, data).status_code == 302
    assert Action.objects.count() == 3


def test_a_message_to_the_people_registered_is_sent_once(client):
    programme = f.make_programme()
    event = make_event(programme, days_ahead=20)
    book(event=event, data=person(1))
    client.force_login(f.add_programme_role(programme, ProgrammeRole.TEAM))
    url = reverse("events:record", args=[event.pk])
    typed = {"once": key_in(client, url), "form": "message", "subject": "Parking"}
    typed["message"] = "Use the side gate."
    for _ in range(2):
        client.post(url, typed)
    assert len([m for m in mail.outbox if "Parking" in m.subject]) == 1


def test_old_keys_are_let_go(team, client):
    _programme, locality = team
    old = SentForm.objects.create(key="0" * 32, went_to="/")
    SentForm.objects.filter(pk=old.pk).update(created_at="2020-01-01T00:00:00Z")
    url = reverse("workspace:action_new", args=[locality.slug])
    client.post(url, {"once": key_in(client, url), "title": "One", "status": "open"})
    assert not SentForm.objects.filter(pk=old.pk).exists()
    assert SentForm.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_three_sends_at_the_same_moment_save_one_action():
    import threading

    from django.db import connection
    from django.test import Client

    from tests.browser.conftest import ensure_base_data

    ensure_base_data()  # an earlier transactional test may have emptied every table
    programme = f.make_programme()
    locality = f.make_locality(programme)
    lead = f.add_member(locality, role="carer", lead=True)
    url = reverse("workspace:action_new", args=[locality.slug])
    opener = Client()
    opener.force_login(lead)
    typed = {"once": key_in(opener, url), "title": "Ask the bus company", "status": "open"}
    start, answers = threading.Barrier(3), []

    def send():
        try:
            client = Client()
            client.force_login(lead)
            start.wait()
            answers.append(client.post(url, typed).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302, 302, 302]
    assert Action.objects.filter(title="Ask the bus company").count() == 1


def test_a_form_sent_before_signing_in_keeps_its_key_for_after(client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    lead = f.add_member(locality, role="carer", lead=True)
    url = reverse("workspace:action_new", args=[locality.slug])
    client.force_login(lead)
    typed = {"once": key_in(client, url), "title": "Ask the bus company", "status": "open"}
    client.logout()
    signed_out = client.post(url, typed)  # nothing saved, no key kept; the words given back
    assert signed_out.status_code == 403 and "Ask the bus company" in signed_out.content.decode()
    assert f"/accounts/login/?next={url}" in signed_out.content.decode()
    assert not SentForm.objects.exists() and not Action.objects.exists()
    client.force_login(lead)
    assert client.post(url, typed).status_code == 302
    assert Action.objects.count() == 1


def test_edit_forms_carry_no_key_so_each_edit_is_saved(team, client):
    _programme, locality = team
    action = Action.objects.create(locality=locality, title="First")
    url = reverse("workspace:action_edit", args=[locality.slug, action.pk])
    assert 'name="once"' not in client.get(url).content.decode()


def test_a_programme_record_and_a_board_report_are_added_once(client):
    programme = f.make_programme()
    client.force_login(f.add_programme_role(programme, ProgrammeRole.ADMIN))
    url = reverse("programme:comms_new", args=[programme.slug])
    typed = {"once": key_in(client, url), "audience": "Carers", "message": "Tell us"}
    typed.update(channel="Newsletter", planned_on="2026-12-01")
    for _ in range(2):
        assert client.post(url, typed).status_code == 302
    assert programme.comms.count() == 1
    edit = reverse("programme:comms_edit", args=[programme.slug, programme.comms.get().pk])
    assert 'name="once"' not in client.get(edit).content.decode()
    url = reverse("programme:board_report_new", args=[programme.slug])
    typed = {"once": key_in(client, url), "title": "Board report", "period": "Autumn"}
    typed["executive_summary"] = "On track."
    for _ in range(2):
        assert client.post(url, typed).status_code == 302
    assert programme.board_reports.count() == 1


def story_form(client):
    """An open inquiry's story form, and a story filled in as the form came (with its key)."""
    inquiry = f.make_inquiry(f.make_programme())
    url = reverse("stories:tell", args=[inquiry.pk])
    typed = {
        "once": key_in(client, url),
        "text": "The carers come at the same time every day and know my name.",
        "teller": "An older person",
        "consent_learning": "on",
        "strengths": [str(inquiry.strengths.first().pk)],
        "feeling": "good",
    }
    return inquiry, url, typed


def test_a_story_told_twice_in_a_hurry_is_one_story(client):
    from engagement.models import Story

    inquiry, url, typed = story_form(client)
    answers = [client.post(url, typed) for _ in range(2)]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert Story.objects.filter(inquiry=inquiry).count() == 1


def test_going_back_after_saving_and_sending_something_else_is_a_new_send(client):
    from engagement.models import Story

    inquiry, url, typed = story_form(client)
    assert client.post(url, typed).status_code == 302
    # Back to the form the browser kept (the same key), and a second, different story.
    other = dict(typed, text="My daughter's carer helped her find a job she loves.")
    assert client.post(url, other).status_code == 302
    assert client.post(url, other).status_code == 302  # and that one sent twice
    texts = sorted(Story.objects.filter(inquiry=inquiry).values_list("text", flat=True))
    assert texts == sorted([typed["text"], other["text"]])


def test_a_figure_and_a_proposition_sent_twice_are_saved_once(team, client):
    from engagement.models import MilestoneReport, Proposition

    programme, locality = team
    url = reverse("workspace:milestones", args=[locality.slug])
    milestone = programme.milestones.first()
    typed = {"once": key_in(client, url), "milestone": milestone.pk, "value": "12"}
    typed["reported_on"] = "2026-11-30"
    for _ in range(2):
        assert client.post(url, typed).status_code == 302
    assert MilestoneReport.objects.filter(locality=locality).count() == 1
    inquiry = f.make_inquiry(locality)
    page = reverse("inquiries:analysis", args=[inquiry.pk])
    typed = {"once": key_in(client, page), "text": "Everyone has a named person."}
    for _ in range(2):
        client.post(reverse("inquiries:proposition_add", args=[inquiry.pk]), typed)
    assert Proposition.objects.filter(inquiry=inquiry).count() == 1


def test_a_priority_a_group_and_an_advisory_point_sent_twice_are_saved_once(team, client):
    from django.utils import timezone

    from engagement.models import Consultation, Priority, WorkingGroup

    programme, locality = team
    url = reverse("workspace:priority_new", args=[locality.slug])
    typed = {"once": key_in(client, url), "title": "Paid work for ten people"}
    for _ in range(2):
        assert client.post(url, typed).status_code == 302
    assert Priority.objects.filter(locality=locality).count() == 1
    edit = reverse("workspace:priority_edit", args=[locality.slug, Priority.objects.get().pk])
    assert 'name="once"' not in client.get(edit).content.decode()

    client.force_login(f.add_programme_role(programme, ProgrammeRole.ADMIN))
    url = reverse("people:group_new", args=[programme.slug])
    typed = {"once": key_in(client, url), "name": "Transport", "kind": "network"}
    typed.update(remit="To meet.", starts_on="2026-09-01")
    for _ in range(2):
        assert client.post(url, typed).status_code == 302
    assert WorkingGroup.objects.filter(programme=programme, name="Transport").count() == 1

    consultation = Consultation.objects.create(
        programme=programme, group="Advisory group", held_on=timezone.localdate()
    )
    url = reverse("programme:consultation", args=[programme.slug, consultation.pk])
    typed = {"once": key_in(client, url), "form": "point", "raised": "Letters are too long."}
    for _ in range(2):
        assert client.post(url, typed).status_code == 302
    assert consultation.points.count() == 1
