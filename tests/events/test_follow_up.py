"""During and after: notes and group work, agreed actions, "since last time", messages,
congress topics, and events in the guide's trail."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from engagement.models import Action, LocalityPage, ProgrammeRole
from events.models import LONDON, EventPage, EventRecord, TopicSuggestion
from tests import factories as f
from tests.events.booking import book
from tests.site_content.test_sent_once import key_in

from .test_registration import make_event, person


@pytest.fixture
def setup(db, client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    owner = f.add_member(locality, role="provider")
    first = make_event(
        programme, days_ahead=-30, slug="nm-1", title="Network meeting 1", series="nm"
    )
    second = make_event(
        programme, days_ahead=20, slug="nm-2", title="Network meeting 2", series="nm"
    )
    organiser = f.add_programme_role(programme, ProgrammeRole.TEAM)
    client.force_login(organiser)
    return {
        "programme": programme,
        "locality": locality,
        "owner": owner,
        "first": first,
        "second": second,
        "client": client,
    }


def test_records_actions_and_since_last_time(setup):
    c, first = setup["client"], setup["first"]
    url = reverse("events:record", args=[first.pk])
    bad = c.post(url, {"form": "record", "kind": "group_work", "text": "Group 1 said: more buses"})
    assert (
        bad.status_code == 400 and "Enter the question the groups discussed" in bad.content.decode()
    )
    assert "Group 1 said: more buses" in bad.content.decode()
    c.post(
        url,
        {
            "form": "record",
            "kind": "group_work",
            "question": "What would help?",
            "text": "Group 1 said: more buses",
        },
    )
    assert EventRecord.objects.get().question == "What would help?"
    outsider = f.UserFactory()
    refused = c.post(
        url,
        {
            "form": "action",
            "title": "Ask the bus company",
            "locality": setup["locality"].pk,
            "owner": outsider.pk,
        },
    )
    assert refused.status_code == 400 and not Action.objects.exists()
    c.post(
        url,
        {
            "form": "action",
            "title": "Ask the bus company",
            "locality": setup["locality"].pk,
            "owner": setup["owner"].pk,
            "due_date": "2027-03-01",
        },
    )
    action = Action.objects.get()
    assert action.source == first and action.locality == setup["locality"]
    Action.objects.filter(pk=action.pk).update(status=Action.DONE)
    html = c.get(setup["second"].url).content.decode()
    assert "Since last time" in html and "Ask the bus company" in html and "Done" in html


def test_message_goes_to_people_with_places(setup):
    event = setup["second"]
    book(event=event, data=person(1))
    EventPage.objects.filter(pk=event.pk).update(capacity=1)
    book(event=event, data=person(2))  # waiting: not messaged
    setup["client"].post(
        reverse("events:record", args=[event.pk]),
        {"form": "message", "subject": "Parking", "message": "Use the side gate."},
    )
    sent = [m for m in mail.outbox if "Parking" in m.subject]
    assert [m.to for m in sent] == [["p1@example.org"]]


def test_congress_topics(setup, client, settings):
    congress = EventPage(
        title="Spring congress",
        slug="spring-congress",
        kind="congress",
        purpose="p",
        starts_at=setup["second"].starts_at,
        ends_at=setup["second"].ends_at,
    )
    setup["programme"].add_child(instance=congress)
    congress.save_revision().publish()
    client.logout()
    url = reverse("events:suggest", args=[congress.pk])
    assert client.post(url, {"topic": ""}).status_code == 400
    client.post(url, {"topic": "Transport to day centres", "name": "Sam"})
    assert TopicSuggestion.objects.get().topic == "Transport to day centres"
    # The same form sent again (a double click) is saved once.
    key = key_in(client, url)
    for _ in range(2):
        client.post(url, {"topic": "Step-free venues", "once": key})
    assert TopicSuggestion.objects.filter(topic="Step-free venues").count() == 1
    # Many sends from one connection are refused for a while, keeping what was typed.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "topic_suggest": "3/h/ip"}
    cache.clear()
    answers = [client.post(url, {"topic": f"Idea {n}"}) for n in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert "Idea 3" in answers[-1].content.decode()
    assert "in a short time" in answers[-1].content.decode()
    assert not TopicSuggestion.objects.filter(topic="Idea 3").exists()
    assert client.get(reverse("events:suggest", args=[setup["first"].pk])).status_code == 404


def test_a_topic_sent_signed_in_notes_the_account_which_the_organisers_do_not_see(setup, client):
    congress = make_event(setup["programme"], days_ahead=40, slug="congress")
    EventPage.objects.filter(pk=congress.pk).update(kind="congress")
    client.force_login(setup["owner"])
    client.post(reverse("events:suggest", args=[congress.pk]), {"topic": "Quiet rooms"})
    client.logout()
    client.post(reverse("events:suggest", args=[congress.pk]), {"topic": "Buses"})
    accounts = dict(TopicSuggestion.objects.values_list("topic", "user"))
    assert accounts == {"Quiet rooms": setup["owner"].pk, "Buses": None}
    # The admin's edit screen offers no choice of account (a list of people's names).
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    quiet = TopicSuggestion.objects.get(topic="Quiet rooms")
    page = client.get(reverse("wagtailsnippets_events_topicsuggestion:edit", args=[quiet.pk]))
    assert page.status_code == 200 and "Quiet rooms" in page.content.decode()
    assert 'name="user"' not in page.content.decode()


def test_events_in_the_guide_trail(db, tmp_path, settings):
    from django.core.management import call_command

    from guide.export import export
    from guide.models import GuideChapterPage
    from tests.guide.conftest import use_private_guide_dirs

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    docs, _ = use_private_guide_dirs(tmp_path, settings)
    meeting = EventPage.objects.get(slug="network-meeting")
    chapter = GuideChapterPage.objects.get(slug="planning-support")
    chapter.source_events.add(meeting)
    Action.objects.create(locality=LocalityPage.objects.first(), title="Follow up", source=meeting)
    export(docs)
    text = (docs / "chapters" / "planning-support.md").read_text()
    day = f"{meeting.starts_at.astimezone(LONDON):%-d %B %Y}"
    assert f"- Event: Network meeting: what we have learned so far, {day} (1 action agreed)" in text


def test_since_last_time_keeps_to_the_programme_and_public_events(setup):
    """A series is only a name: another programme's event of the same name, and a private
    event, are never "last time" on a public page."""
    from wagtail.models import PageViewRestriction

    c, first = setup["client"], setup["first"]
    Action.objects.create(
        title="Ask the bus company",
        locality=setup["locality"],
        source=first,
    )
    other = make_event(
        f.make_programme(), days_ahead=25, slug="nm-elsewhere", title="Theirs", series="nm"
    )
    assert setup["second"].previous_in_series().pk == first.pk
    assert other.previous_in_series() is None
    assert "Ask the bus company" not in c.get(other.url).content.decode()
    PageViewRestriction.objects.create(page=first, restriction_type=PageViewRestriction.LOGIN)
    assert setup["second"].previous_in_series() is None
    assert "Ask the bus company" not in c.get(setup["second"].url).content.decode()
