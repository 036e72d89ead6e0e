"""People's rights: export a person's data, and erase them so that nothing in the database
names them, while figures and other people's records stay."""

import json

import pytest
from django.db import connection
from django.urls import reverse

from accounts import rights
from accounts.models import AuditEvent
from engagement.models import LocalityMembership, ProgressEntry
from events.models import Registration


def every_value_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            chunks.append(repr(cursor.fetchall()))
    return "\n".join(chunks).lower()


@pytest.fixture
def person(demo_for_module, db, client):
    # Rose is in a locality team, wrote entries, is registered for an event with access needs,
    # and has signed in (so the audit log names her too).
    client.post(
        reverse("account_login"),
        {"login": "member@ashcombe.example.org", "password": "common-ground-demo"},
    )
    client.logout()
    # She also told a story with a recording, gave her email and left her phone number in it.
    from django.core.files.uploadedfile import SimpleUploadedFile

    files_before = _files()

    from engagement.models import InquiryPage
    from engagement.stories import services as story_services

    story_services.receive_story(
        inquiry=InquiryPage.objects.get(slug="when-support-worked-well"),
        data={
            "text": "Rose Tamworth here, ring me on 07700 900555 about the sitting service.",
            "teller": "A carer",
            "consent_learning": True,
            "first_name": "Rose",
            "email": "member@ashcombe.example.org",
        },
        files={"recording": SimpleUploadedFile("rose.wav", b"RIFF-recording-of-rose")},
    )
    return {
        "email": "member@ashcombe.example.org",
        "name": "Rose Tamworth",
        "phone": "07700 900555",
        "files_before": files_before,
    }


def _files() -> set:
    """Every uploaded file, public or private (earlier tests' files stay on disk)."""
    from pathlib import Path

    from django.conf import settings

    return {
        p
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
        for p in Path(root).rglob("*")
        if p.is_file()
    }


def test_export_has_everything_about_the_person(person):
    from django.contrib.auth import get_user_model

    from engagement.models import LocalityPage
    from engagement.workspace import services

    rose = get_user_model().objects.get(email=person["email"])
    services.create_action(
        locality=LocalityPage.objects.get(slug="ashcombe"),
        creator=rose,
        data={"title": "Book the rota meeting", "owner": rose},
    )
    data = json.loads(rights.export_person(person["email"]))
    assert {
        "list": "Ashcombe",
        "title": "Book the rota meeting",
        "due": None,
        "status": "Open",
    } in (data["engagement"]["actions_owned"])
    assert data["account"]["first_name"] == "Rose"
    assert data["engagement"]["locality_teams"] == ["Rose Tamworth – Carer (Ashcombe)"]
    assert "progress_entries" in data["engagement"]
    assert data["events"][0]["access_needs"] == "Step-free access"
    assert data["audit_log"]


def test_export_gives_every_detail_held(person):
    """Each item a person may ask for a copy of: their panel seat with its training and
    payments, their story's details, their bookings, topics they suggested, the emails sent
    to them and what they did (with the address they did it from)."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from engagement.models import (
        InquiryStrength,
        LocalityPage,
        MemberTraining,
        Panel,
        PanelMember,
        Payment,
        Story,
        StoryChange,
    )
    from events.models import EventPage, TopicSuggestion
    from site_content.models import OutgoingEmail

    rose = get_user_model().objects.get(email=person["email"])
    seat = PanelMember.objects.create(
        panel=Panel.objects.get(slug="living-well-experts"),
        user=rose,
        show_name_publicly=True,
        boards="Carers' forum",
    )
    MemberTraining.objects.create(member=seat, name="Safeguarding", completed_on="2026-05-01")
    Payment.objects.create(member=seat, amount=Decimal("20.00"), owed_on="2026-06-01")
    event = Registration.objects.get(email=person["email"]).event
    TopicSuggestion.objects.create(event=event, topic="Respite at weekends", name="rose tamworth")
    TopicSuggestion.objects.create(event=event, topic="Buses", name="Rose Other")
    booked = Registration.objects.filter(email=person["email"]).values("event")
    elsewhere = EventPage.objects.exclude(pk__in=booked).first()
    # Signed in, with no name typed: hers, wherever it was sent.
    TopicSuggestion.objects.create(event=elsewhere, topic="Quiet rooms", user=rose)
    # Her name at an event she did not book: a namesake's, not hers to read.
    TopicSuggestion.objects.create(event=elsewhere, topic="Parking", name="Rose Tamworth")
    story = Story.objects.get(email=person["email"])
    Story.objects.filter(pk=story.pk).update(
        setting="own_home",
        feeling="good",
        locality=LocalityPage.objects.get(slug="ashcombe"),
        consenter_name="Jo Tamworth",
        consenter_relationship="Daughter",
    )
    story.strengths.add(InquiryStrength.objects.create(inquiry=story.inquiry, name="Kindness"))
    StoryChange.objects.create(story=story, what="consent_quote", from_value="", to_value="yes")
    OutgoingEmail.objects.create(
        to=person["email"],
        subject="Booked",
        body="Your place is confirmed. See it at https://cg.example/events/booking/k3y/ any time.",
    )

    data = json.loads(rights.export_person(person["email"]))

    [panel] = data["engagement"]["panels"]
    assert panel["panel"] == "Living Well experts panel"
    assert (panel["name_shown_publicly"], panel["boards"]) == (True, "Carers' forum")
    assert panel["training"] == [{"name": "Safeguarding", "completed_on": "2026-05-01"}]
    assert panel["payments"] == [
        {"kind": "Payment", "amount": "20.00", "owed_on": "2026-06-01", "paid_on": None}
    ]
    [told] = data["engagement"]["stories_told"]
    assert told["who_told_it"] == "A carer"
    assert (told["setting"], told["feeling"]) == ("At home", "☺ Good")
    assert told["how_collected"] == "Online form"
    assert told["how_consent_was_given"] == "Ticked on the online form"
    assert told["may_be_used_for_learning"] is True
    assert told["consent_given_on_their_behalf"] is False
    assert (told["consenter_name"], told["consenter_relationship"]) == ("Jo Tamworth", "Daughter")
    assert (told["locality"], told["strengths"]) == ("Ashcombe", ["Kindness"])
    assert told["safeguarding"] == "Not flagged"
    assert [name.endswith(".wav") for name in told["files"]] == [True]
    assert [(c["what"], c["to"]) for c in told["changes"]][-1] == ("consent_quote", "yes")
    [booking] = data["events"]
    assert booking["email"] == person["email"]
    assert booking["taking_part_as"] and booking["booked"]
    assert "may_contact_about_the_event" in booking and booking["status"]
    assert [(t["event"], t["topic"], t["name"]) for t in data["event_topics"]] == [
        (event.title, "Respite at weekends", "rose tamworth"),
        (elsewhere.title, "Quiet rooms", ""),
    ]
    assert all(t["suggested"] for t in data["event_topics"])
    [sent] = data["emails_sent_to_them"]
    # Its words, but not its links, which act as keys for whoever holds them.
    assert sent["body"] == "Your place is confirmed. See it at [link removed] any time."
    assert sent["written"]
    assert {e["network_address"] for e in data["audit_log"]} == {"127.0.0.1"}


def others_write_about(person):
    """Text other people wrote that names her: a colleague's progress entry (and its
    revision), an action, an event note, and a published page (its revisions, log and search
    index)."""
    from engagement.models import Action, LocalityPage
    from engagement.workspace import services
    from events.models import EventRecord

    mention = f"Ask {person['name']} ({person['email']}) about the rota."
    first, last = person["name"].split()
    # As people really write a name: surname first, a non-breaking space, markup between.
    variants = (
        f"Thanks to {last}, {first} and to {first}\u00a0{last}; <b>{first}</b> {last}; "
        f"{first}\u200b{last}; Mrs {first[0]}. {last}."
    )
    colleague = ProgressEntry.objects.exclude(author__email=person["email"]).first()
    services.save_entry(
        locality=colleague.locality,
        editor=colleague.author,
        data={"what_we_learned": mention, "next_steps": variants},
        tags=colleague.tags.all(),
        submit=False,
        entry=colleague,
    )
    Action.objects.filter(pk=Action.objects.first().pk).update(description=mention)
    event = Registration.objects.filter(email=person["email"]).get().event
    EventRecord.objects.create(event=event, kind="note", text=mention)
    page = LocalityPage.objects.get(slug="ashcombe")
    page.summary = f"{mention} {variants}"
    page.save_revision().publish()


def test_erasure_leaves_no_trace_but_keeps_figures(person):
    Registration.objects.filter(email=person["email"]).update(
        access_needs=f"Call {person['phone']}"
    )
    others_write_about(person)
    entries_before = ProgressEntry.objects.count()
    places_before = Registration.objects.filter(email=person["email"]).get().event.places_taken()
    haystack = every_value_text()
    assert person["email"] in haystack and person["name"].lower() in haystack
    rights.erase_person(person["email"])
    haystack = every_value_text()
    for needle in (person["email"], person["name"].lower(), person["phone"]):
        assert needle.lower() not in haystack, needle
    # Her surname is nowhere at all: no other way of writing her name survived.
    assert person["name"].split()[-1].lower() not in haystack
    # Nor in any file uploaded since (her recording is deleted with her story).
    for path in _files() - person["files_before"]:
        content = path.read_bytes().lower()
        for needle in (person["email"], person["name"].lower(), "rose"):
            assert needle.encode() not in content, (path, needle)
    assert ProgressEntry.objects.count() == entries_before
    assert Registration.objects.get(name="Erased").event.places_taken() == places_before
    assert LocalityMembership.objects.filter(locality__slug="ashcombe").count() == 5


def test_admin_screen_for_programme_admins(person, client, django_user_model):
    admin = django_user_model.objects.get(email="admin@example.org")
    client.force_login(admin)
    url = reverse("people_data")
    export = client.post(url, {"email": person["email"], "action": "export"})
    assert export["Content-Type"] == "application/json" and b"Rose" in export.content
    refused = client.post(url, {"email": person["email"], "action": "erase"})
    assert "Tick the box to confirm" in refused.content.decode()
    client.post(url, {"email": person["email"], "action": "erase", "confirm": "on"})
    assert not django_user_model.objects.filter(email=person["email"]).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.ERASURE).exists()


def test_the_scrub_walks_every_model_with_text_so_none_is_forgotten():
    from django.apps import apps

    from accounts.scrub import PASSED_OVER, scrubbed_models, text_fields

    walked = {model._meta.label_lower for model, _, _ in scrubbed_models()}
    for model in apps.get_models():
        label = model._meta.label_lower
        if any(text_fields(model)) and not model._meta.proxy:
            assert label in walked or label in PASSED_OVER, label
    for label in (
        "engagement.action",
        "engagement.progressentry",
        "engagement.entryrevision",
        "engagement.storychange",
        "events.eventrecord",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailsearch.indexentry",
        "guide.practiceexample",
    ):
        assert label in walked, label


def _someone_elses_story(text):
    from engagement.models import Story
    from tests.factories import make_inquiry, make_locality, make_programme, make_story

    inquiry = make_inquiry(make_locality(make_programme("Another programme")))
    # Learning only: a public version holding an address would never be approved to publish.
    return make_story(inquiry, status=Story.LEARNING_ONLY, text=text, redacted=text)


@pytest.mark.django_db
def test_erasure_replaces_the_person_and_not_words_that_contain_their_name():
    """Erasing "Sam" (no surname given) or "Anna Park" changes only what names them as a
    whole: not "same", not "in a park", not a longer address that ends with theirs."""
    from engagement.models import Story
    from site_content.models import OutgoingEmail
    from tests.factories import UserFactory

    UserFactory(email="sam@example.net", first_name="Sam", last_name="")
    UserFactory(email="anna@example.net", first_name="Anna", last_name="Park")
    story = _someone_elses_story(
        "The same two carers came. Sam was kind. Write to sam@example.net, not "
        "xsam@example.net. We met in a park; Anna Park, A. Park and Park, Anna helped."
    )
    OutgoingEmail.objects.create(to="victim1@example.net", subject="Victim", body="Hello")
    OutgoingEmail.objects.create(to="a@example.org, 1@example.net", subject="One", body="Hi")
    rights.erase_person("sam@example.net")
    rights.erase_person("anna@example.net")
    text = Story.objects.get(pk=story.pk).text
    assert text == (
        "The same two carers came. Sam was kind. Write to [name removed], not "
        "xsam@example.net. We met in a park; [name removed], [name removed] and "
        "[name removed] helped."
    )
    assert Story.objects.get(pk=story.pk).redacted_text == text
    # An address that only ends with the erased one is another person's: not theirs to
    # export, not theirs to erase.
    exported = rights.export_person("1@example.net")
    assert "Victim" not in exported and '"One"' in exported
    rights.erase_person("1@example.net")
    assert list(OutgoingEmail.objects.values_list("subject", flat=True)) == ["Victim"]


@pytest.mark.parametrize(
    ("name", "text", "after"),
    [
        ("Anna Park", "In the park. Anna came. A Park and Ride.", "same"),
        ("Anna Park", "<p>car park</p><p>anna said", "same"),
        ("Alice Hall", "A Hall was booked.", "same"),
        ("Anna Smith", "Anna Smith-Jones came.", "same"),
        ("sam@example.net", "Write to sam@example.net.au.", "same"),
        ("Sam Lee", "Sam Lee's dog", "[name removed]'s dog"),
        (
            "Mary O'Neill",
            "Mary O\u2019Neill and Mary O&#x27;Neill",
            "[name removed] and [name removed]",
        ),
        (
            "Zo\u00eb \u00d6zt\u00fcrk",
            "ZO\u00cb \u00d6ZT\u00dcRK will call",
            "[name removed] will call",
        ),
        ("Rose Tamworth", "Tamworth, Rose and R. Tamworth", "[name removed] and [name removed]"),
        ("Rose Tamworth", "the Tamworth Rose Garden", "same"),
        ("Rose Tamworth", "<p>Thanks, Rose</p><p>Tamworth agreed.</p>", "same"),
        (
            "Rose Tamworth",
            "Rose&#xa0;Tamworth, Rose&ensp;Tamworth",
            "[name removed], [name removed]",
        ),
        ("Jos\u00e9 N\u00fa\u00f1ez", "Jose\u0301 Nu\u0301n\u0303ez led", "[name removed] led"),
        ("Mary O'Neill", "Mary O\u02bcNeill", "[name removed]"),
        # Capitals are often written without accents, and "ß" as "SS".
        ("Zo\u00eb \u00d6zt\u00fcrk", "ZOE OZTURK will call", "[name removed] will call"),
        (
            "\u0396\u03c9\u03ae \u03a0\u03b1\u03c0\u03ac",
            "\u0396\u03a9\u0397 \u03a0\u0391\u03a0\u0391 came",
            "[name removed] came",
        ),
        ("Hanna Wei\u00df", "HANNA WEISS and Hanna Weiss", "[name removed] and [name removed]"),
        # A surname of several words, written first.
        (
            "Ana Mar\u00eda Garc\u00eda L\u00f3pez",
            "Garc\u00eda L\u00f3pez, Ana Mar\u00eda rang",
            "[name removed] rang",
        ),
        (
            "Ana Garc\u00eda L\u00f3pez",
            "L\u00f3pez, Ana and Garc\u00eda L\u00f3pez, Ana",
            "L\u00f3pez, Ana and [name removed]",
        ),
        # Still only whole: another word that loses its accent is not the name.
        ("Zo\u00eb Park", "Zoe Parker came", "same"),
        (
            "sam@example.net",
            "sam&#64;example.net or sam%40example.net",
            "[name removed] or [name removed]",
        ),
    ],
)
def test_a_name_is_replaced_only_where_it_stands_whole(name, text, after):
    from accounts.scrub import replace_names

    assert replace_names(text, [name]) == (text if after == "same" else after)


@pytest.mark.django_db
def test_erasure_finds_a_name_with_accents_in_any_case_and_in_page_content():
    """SQLite matches only A to Z in any case, and keeps other letters in JSON as escapes:
    an accented name written in capitals, or in a page's content, is still found."""
    from wagtail.blocks import StreamValue
    from wagtail.models import Revision

    from engagement.models import Story
    from guide.models import GuideChapterPage, GuidePage
    from tests.factories import UserFactory, home_page

    UserFactory(email="zoe@example.net", first_name="Zo\u00eb", last_name="\u00d6zt\u00fcrk")
    story = _someone_elses_story("Only ZO\u00cb \u00d6ZT\u00dcRK will call.")
    guide = GuidePage(title="Guide", slug="guide-erasure", introduction="A guide.")
    home_page().add_child(instance=guide)
    chapter = GuideChapterPage(title="Thanks", slug="thanks", summary="Who helped.")
    chapter.body = StreamValue(
        chapter.body.stream_block, [("text", "<p>Zo\u00eb \u00d6zt\u00fcrk led it.</p>")]
    )
    guide.add_child(instance=chapter)
    chapter.save_revision().publish()
    rights.erase_person("zoe@example.net")
    assert Story.objects.get(pk=story.pk).text == "Only [name removed] will call."
    body = str(GuideChapterPage.objects.get(pk=chapter.pk).body)
    assert "[name removed] led it." in body
    for revision in Revision.objects.filter(object_id=str(chapter.pk)):
        content = json.dumps(revision.content, ensure_ascii=False).lower()
        assert "\u00f6zt\u00fcrk" not in content and "\\u00f6zt" not in content


@pytest.mark.django_db
def test_erasure_drops_cached_pages_that_name_the_person(client):
    """A programme page is cached for a day; the scrub's updates are seen by no save signal,
    so the erasure empties the cache itself."""
    from tests.factories import UserFactory, make_programme

    UserFactory(email="cassia@example.net", first_name="Cassia", last_name="Quibblewood")
    programme = make_programme()
    programme.purpose = "Thanks to Cassia Quibblewood for the idea."
    programme.save_revision().publish()
    assert "Cassia Quibblewood" in client.get(programme.url).content.decode()
    rights.erase_person("cassia@example.net")
    assert "Cassia Quibblewood" not in client.get(programme.url).content.decode()


def test_erasure_removes_panel_seats_and_training_but_keeps_payments(person):
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from engagement.models import MemberTraining, Panel, PanelMember, Payment

    rose = get_user_model().objects.get(email=person["email"])
    panel = Panel.objects.get(slug="living-well-experts")
    paid = PanelMember.objects.create(
        panel=panel, user=rose, show_name_publicly=True, boards="Carers' forum"
    )
    MemberTraining.objects.create(member=paid, name="Safeguarding", completed_on="2026-05-01")
    Payment.objects.create(member=paid, amount=Decimal("20.00"), owed_on="2026-06-01")
    other_panel = Panel.objects.create(
        programme=panel.programme, name="Second panel", slug="second", facilitator=panel.facilitator
    )
    unpaid = PanelMember.objects.create(panel=other_panel, user=rose, boards="Parish council")
    MemberTraining.objects.create(member=unpaid, name="Plain English", completed_on="2026-05-02")

    rights.erase_person(person["email"])

    assert not PanelMember.objects.filter(pk=unpaid.pk).exists()
    assert not MemberTraining.objects.filter(member__in=[paid.pk, unpaid.pk]).exists()
    seat = PanelMember.objects.get(pk=paid.pk)
    assert (seat.boards, seat.show_name_publicly) == ("", False)
    assert seat.user.email.endswith("@erased.invalid") and not seat.user.get_full_name()
    payment = Payment.objects.get(member=seat)
    assert (payment.amount, str(payment.owed_on)) == (Decimal("20.00"), "2026-06-01")
