"""Appreciative inquiry: telling a story, screening, moderation, the private link, facilitated
entry, analysis, CSV, closing the loop and the email queue."""

import datetime
import io
import json
import re
import wave

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from engagement.models import ProgrammeRole, Story, StoryChange
from engagement.stories import learning, services
from site_content.mail import send_due
from site_content.models import OutgoingEmail
from tests.factories import (
    UserFactory,
    add_member,
    add_programme_role,
    make_inquiry,
    make_locality,
    make_programme,
    make_story,
)

pytestmark = pytest.mark.django_db
QUEUED = "site_content.mail.QueuedEmailBackend"


@pytest.fixture
def world():
    cache.clear()
    programme = make_programme()
    locality = make_locality(programme)
    other = make_locality(programme)
    lead = add_programme_role(programme, ProgrammeRole.TEAM)
    programme.safeguarding_lead = lead
    programme.save()
    inquiry = make_inquiry(locality)
    return {
        "programme": programme,
        "locality": locality,
        "other": other,
        "inquiry": inquiry,
        "lead": lead,
        "moderator": add_programme_role(programme, ProgrammeRole.TEAM),
        "admin": add_programme_role(programme, ProgrammeRole.ADMIN),
        "member": add_member(locality),
        "outsider": add_member(other),
    }


def story_post(inquiry, **overrides):
    data = {
        "text": "The carers come at the same time every day and know my name.",
        "teller": "An older person",
        "consent_learning": "on",
        "consent_quote": "on",
        "email": "Storyteller@Example.net",
        "strengths": [str(inquiry.strengths.first().pk)],
        "feeling": "good",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * 800)
    return buffer.getvalue()


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


# --- Telling a story ---------------------------------------------------------------------


def test_telling_a_story_saves_it_and_emails_a_private_link(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = QUEUED
    inquiry = world["inquiry"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stories:tell", args=[inquiry.pk]), story_post(inquiry))
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == Story.RECEIVED and story.email == "storyteller@example.net"
    assert list(story.strengths.all()) == [inquiry.strengths.first()]
    assert story.consent_learning and story.consent_quote and not story.consent_first_name
    assert story.link_is_usable
    assert len(mail.outbox) == 1 and story.token in mail.outbox[0].body
    assert OutgoingEmail.objects.get().status == OutgoingEmail.SENT
    thanks = client.get(response["Location"]).content.decode()
    assert "We have emailed you a private link" in thanks
    assert "call 999" in thanks  # who to contact if someone is at risk, always
    # Reloaded (or reached by sending the same story again): it says the same.
    assert "We have emailed you a private link" in client.get(response["Location"]).content.decode()
    assert StoryChange.objects.filter(story=story, what="consent", to_value="learning, quote")


def test_voice_recording_or_picture_instead_of_words(world, client):
    inquiry = world["inquiry"]
    recording = SimpleUploadedFile("my story.m4a", wav_bytes(), content_type="audio/mp4")
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]),
        story_post(inquiry, text="", recording=recording),
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.recording.name.endswith(".wav")  # named by its content, not its label


def test_a_picture_needs_a_description(world, client):
    inquiry = world["inquiry"]
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]),
        story_post(inquiry, text="", picture=SimpleUploadedFile("me.png", PNG)),
    )
    assert response.status_code == 400
    assert "Say what the picture shows" in response.content.decode()
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "field,name,content,message",
    [
        ("recording", "story.mp3", b"<script>alert(1)</script>", "must be one of these kinds"),
        ("picture", "me.jpg", b"%PDF-1.4 not a picture", "must be one of these kinds"),
        ("recording", "empty.mp3", b"", "is empty"),
    ],
)
def test_uploads_are_checked_by_content(world, client, field, name, content, message):
    inquiry = world["inquiry"]
    data = story_post(inquiry, **{field: SimpleUploadedFile(name, content)})
    data["picture_description"] = "A photo"
    response = client.post(reverse("stories:tell", args=[inquiry.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "The carers come at the same time" in page  # what they typed is kept
    assert not Story.objects.exists()


def test_a_file_chosen_is_asked_for_again_when_something_else_needs_changing(world, client):
    """No browser can be given a chosen file back: the picture is asked for again on its own
    field and in the error summary, and the unticked consent box is tied to its error."""
    inquiry = world["inquiry"]
    data = story_post(inquiry, consent_learning=None, picture=SimpleUploadedFile("me.png", PNG))
    data["picture_description"] = "A red square"
    response = client.post(reverse("stories:tell", args=[inquiry.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400 and "A red square" in page
    assert 'href="#id_picture"' in page and "Choose the file for" in page
    consent = re.search(r'<input type="checkbox" name="consent_learning"[^>]*>', page)[0]
    assert 'aria-invalid="true"' in consent and "id_consent_learning-error" in consent
    assert not Story.objects.exists()


def test_oversized_upload_is_refused_with_the_limit(world, client, settings):
    settings.STORY_RECORDING_MAX_BYTES = 1000
    inquiry = world["inquiry"]
    from engagement.stories import forms as story_forms

    field = story_forms.StoryForm.base_fields["recording"]
    old = field.max_bytes
    field.max_bytes = 1000
    try:
        data = story_post(inquiry, recording=SimpleUploadedFile("big.wav", wav_bytes()))
        response = client.post(reverse("stories:tell", args=[inquiry.pk]), data)
    finally:
        field.max_bytes = old
    assert response.status_code == 400
    assert "It must be 1000" in response.content.decode()


def test_empty_form_lists_every_problem_and_keeps_choices(world, client):
    inquiry = world["inquiry"]
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]),
        {"consent_first_name": "on", "feeling": "good"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    for message in (
        "Tell us your story: write it here, or send a recording or a picture",
        "Choose who you are",
        "Tick that the team may read your story",
        "To show your first name, also tick that we may quote your story",
        "Enter your first name, or untick showing it",
    ):
        assert message in page
    assert 'value="good" checked' in page or 'value="good"\n' in page or "checked" in page


def test_a_bot_filling_the_hidden_field_is_dropped_quietly(world, client):
    inquiry = world["inquiry"]
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]),
        story_post(inquiry, website="http://spam.example"),
    )
    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    assert not Story.objects.exists()


def test_rate_limit_blocks_exactly_at_limit_plus_one_and_keeps_the_text(world, client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "story_submit": "3/h/ip"}
    inquiry = world["inquiry"]
    url = reverse("stories:tell", args=[inquiry.pk])
    for i in range(3):
        assert client.post(url, story_post(inquiry, text=f"Story {i}")).status_code == 302
    response = client.post(url, story_post(inquiry, text="The fourth one, kept safe"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "Nothing you typed has been lost" in page and "The fourth one, kept safe" in page
    assert Story.objects.count() == 3


def test_closed_inquiry_takes_no_stories(world, client):
    inquiry = make_inquiry(
        world["locality"],
        opens_on=datetime.date(2020, 1, 1),
        closes_on=datetime.date(2020, 2, 1),
    )
    response = client.post(reverse("stories:tell", args=[inquiry.pk]), story_post(inquiry))
    assert "not taking stories" in response.content.decode()
    assert not Story.objects.exists()


def test_open_inquiries_are_listed_on_locality_programme_and_home(world, client):
    inquiry = world["inquiry"]
    closed = make_inquiry(
        world["locality"], opens_on=datetime.date(2020, 1, 1), closes_on=datetime.date(2020, 2, 1)
    )
    for url in (world["locality"].url, world["programme"].url, "/"):
        page = client.get(url).content.decode()
        assert inquiry.title in page, url
        assert closed.title not in page, url


# --- Safeguarding ------------------------------------------------------------------------


def test_a_disclosure_is_flagged_held_and_sent_to_the_lead(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        story = make_story(world["inquiry"], text="The night carer hits me and I am scared of her.")
    assert story.safeguarding == Story.FLAGGED
    assert set(story.flagged_words) >= {"hits me", "scared of"}
    to_lead = [m for m in mail.outbox if world["lead"].email in m.to]
    assert len(to_lead) == 1 and "hits me" not in to_lead[0].body  # where to look, not what
    services.move(story, Story.IN_REVIEW, by=world["moderator"])
    with pytest.raises(services.StoryRefused, match="safeguarding lead"):
        services.move(story, Story.LEARNING_ONLY, by=world["moderator"])
    with pytest.raises(services.StoryRefused, match="Only the programme's safeguarding lead"):
        services.decide_safeguarding(story, by=world["moderator"], clear=True, note="fine")
    assert not Story.objects.visible().filter(pk=story.pk).exists()
    services.decide_safeguarding(
        story, by=world["lead"], clear=True, note="Spoke to the provider; resolved."
    )
    assert AuditEvent.objects.filter(kind=AuditEvent.SAFEGUARDING).exists()
    assert StoryChange.objects.filter(story=story, what="safeguarding", to_value="cleared")
    services.move(story, Story.LEARNING_ONLY, by=world["moderator"])


def test_without_a_named_lead_programme_admins_decide(world):
    world["programme"].safeguarding_lead = None
    world["programme"].save()
    story = make_story(world["inquiry"], text="I feel unsafe at night.")
    story.refresh_from_db()
    from engagement import access

    assert access.can_decide_safeguarding(world["admin"], story)
    assert not access.can_decide_safeguarding(world["moderator"], story)


# --- Moderation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path,allowed",
    [
        ([Story.IN_REVIEW], True),
        ([Story.IN_REVIEW, Story.PUBLISHABLE], True),
        ([Story.IN_REVIEW, Story.LEARNING_ONLY, Story.PUBLISHABLE], True),
        ([Story.PUBLISHABLE], False),
        ([Story.LEARNING_ONLY], False),
        ([Story.IN_REVIEW, Story.WITHDRAWN], False),
        ([Story.IN_REVIEW, Story.PUBLISHABLE, Story.DECLINED], False),
    ],
)
def test_moderation_transitions(world, path, allowed):
    story = make_story(world["inquiry"])
    moves = []
    try:
        for to in path:
            services.move(
                story, to, by=world["moderator"], redacted_text="A redacted version", reason="x"
            )
            moves.append(to)
    except services.StoryRefused:
        pass
    assert (moves == path) is allowed
    story.refresh_from_db()
    logged = list(story.changes.filter(what="status").values_list("to_value", flat=True))
    assert logged == [Story.RECEIVED, *moves]


def test_publication_needs_consent_a_public_version_and_best_interests(world):
    moderator = world["moderator"]
    no_quote = make_story(world["inquiry"], status=Story.IN_REVIEW, consent_quote=False)
    with pytest.raises(services.StoryRefused, match="not agreed to be quoted"):
        services.move(no_quote, Story.PUBLISHABLE, by=moderator, redacted_text="x")
    blank = make_story(world["inquiry"], status=Story.IN_REVIEW)
    with pytest.raises(services.StoryRefused, match="Write the public version"):
        services.move(blank, Story.PUBLISHABLE, by=moderator, redacted_text="  ")
    behalf = make_story(
        world["inquiry"],
        status=Story.IN_REVIEW,
        on_behalf=True,
        consenter_name="His son",
        consenter_relationship="Son",
        best_interests_note="He loved company.",
    )
    with pytest.raises(services.StoryRefused, match="best interests"):
        services.move(behalf, Story.PUBLISHABLE, by=moderator, redacted_text="Music helps.")
    services.move(behalf, Story.LEARNING_ONLY, by=moderator)  # learning only is fine
    services.move(
        behalf,
        Story.PUBLISHABLE,
        by=moderator,
        redacted_text="Music helps.",
        best_interests="He wanted other homes to have music; his son and GP agreed.",
    )
    with pytest.raises(services.StoryRefused, match="Say why"):
        services.move(blank, Story.DECLINED, by=moderator, reason="")
    assert AuditEvent.objects.filter(kind=AuditEvent.MODERATION).count() >= 4


def test_warnings_find_personal_details(world):
    story = make_story(
        world["inquiry"],
        first_name="Maud",
        text="Maud here. Mrs Okafor at 14 Mill Lane, AB1 2CD (born 3 March 1941) rang "
        "01632 960123 and emailed maud@example.net. My son Peter drove me.",
    )
    found = " ".join(services.warnings(story))
    for expected in ("Maud", "Mrs Okafor", "14 Mill Lane", "AB1 2CD", "3 March 1941"):
        assert expected in found, expected
    assert "01632 960123" in found and "maud@example.net" in found and "son Peter" in found
    assert services.warnings(story, "The carers were kind.") == []


def test_moderation_screen_for_staff_and_refusal_for_others(world, client):
    story = make_story(world["inquiry"], text="Mrs Okafor helped me.")
    url = reverse("story_admin:moderate", args=[story.pk])
    client.force_login(world["member"])
    assert client.get(url).status_code in (302, 403)
    from django.contrib.auth.models import Permission

    moderator = world["moderator"]
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    page = client.get(url).content.decode()
    assert "name: “Mrs Okafor”" in page
    client.post(url, {"action": Story.IN_REVIEW, "redacted_text": "A neighbour helped me."})
    response = client.post(url, {"action": Story.PUBLISHABLE, "redacted_text": "Someone helped."})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.PUBLISHABLE and story.redacted_text == "Someone helped."
    assert story.text == "Mrs Okafor helped me."  # the original stays private and unchanged
    refused = client.post(url, {"action": Story.RECEIVED}, follow=True).content.decode()
    assert "cannot be moved" in refused
    # The history says what the screen says, not the codes kept behind it.
    history = client.get(url).content.decode().split("<tbody>")[-1]
    labels = dict(Story.STATUS_CHOICES)
    assert labels[Story.IN_REVIEW] in history and labels[Story.PUBLISHABLE] in history
    assert f"<td>{Story.IN_REVIEW}</td>" not in history
    assert moderator.display_name in history


# --- The storyteller's private link ------------------------------------------------------


def test_private_link_changes_consent_and_withdraws(world, client):
    story = make_story(world["inquiry"], status=Story.PUBLISHABLE, email="me@example.net")
    Story.objects.filter(pk=story.pk).update(
        safeguarding_decision="Kept: her neighbour, Zebedee Quill, shouts at her."
    )
    url = reverse("stories:mine", args=[story.token])
    assert "The carer knew how I like my tea" in client.get(url).content.decode()
    client.post(url, {"action": "consent"})  # both boxes unticked
    story.refresh_from_db()
    assert not story.consent_quote
    assert not Story.objects.publishable().filter(pk=story.pk).exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.CONSENT).exists()
    confirm = client.post(url, {"action": "withdraw"})
    assert "Are you sure" in confirm.content.decode()
    client.post(url, {"action": "withdraw", "confirm": "yes"})
    story.refresh_from_db()
    assert story.status == Story.WITHDRAWN and story.text == "" and story.redacted_text == ""
    assert story.safeguarding_decision == ""  # the lead's note may quote the story
    assert "gone from this website now" in client.get(url).content.decode()


def test_private_link_download(world, client):
    """Everything held about the story, as the person's data export gives it: what was
    collected in person and who agreed for them included."""
    story = make_story(
        world["inquiry"],
        email="me@example.net",
        postal_address="4 Quince Court",
        consent_taken_by="Rose Tamworth",
        on_behalf=True,
        consenter_name="Aled Pryce",
        consenter_relationship="son",
        picture_description="My garden",
    )
    response = client.post(reverse("stories:mine", args=[story.token]), {"action": "download"})
    assert response["Content-Type"] == "application/json"
    held = json.loads(response.content)
    assert "The carer knew how I like my tea" in held["story"]
    assert held["email"] == "me@example.net" and held["postal_address"] == "4 Quince Court"
    assert held["consent_taken_by"] == "Rose Tamworth" and held["consenter_name"] == "Aled Pryce"
    assert held["picture_description"] == "My garden"


def test_the_safeguarding_words_give_a_way_to_reach_the_team(world, client):
    """ "Tell the person who runs this inquiry" comes with how: the team's shared email or
    phone from its locality page, when it has one."""
    from engagement.models import LocalityPage

    inquiry = world["inquiry"]
    story = make_story(inquiry, email="me@example.net")
    url = reverse("stories:mine", args=[story.token])
    assert "To tell the team that runs this inquiry" not in client.get(url).content.decode()
    LocalityPage.objects.filter(pk=inquiry.locality_id).update(
        contact_email="team@ashcombe.example.org"
    )
    page = client.get(url).content.decode()
    assert "To tell the team that runs this inquiry: email" in page
    assert 'href="mailto:team@ashcombe.example.org"' in page


def test_private_link_download_as_text_anyone_can_read(world, client):
    """The first download is a text file any phone opens: names in words, yes or no, dates
    as people write them; the same record as the data file."""
    story = make_story(world["inquiry"], email="me@example.net", postal_address="4 Quince Court")
    url = reverse("stories:mine", args=[story.token])
    page = client.get(url).content.decode()
    assert 'value="download_text"' in page and "download the same as data" in page
    response = client.post(url, {"action": "download_text"})
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f'filename="my-story-{story.reference}.txt"' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith(f"What we hold about your story {story.reference}\n")
    assert "Postal address: 4 Quince Court" in text and "Email: me@example.net" in text
    assert "May be used for learning: yes" in text or "May be used for learning: no" in text
    assert f"Sent: {timezone.localtime(story.created_at):%-d %B %Y}" in text
    assert "Withdrawn at: nothing" in text and "The carer knew how I like my tea" in text
    assert '"may_be_used_for_learning"' not in text


@pytest.mark.parametrize("how", ["expired", "revoked", "wrong", "no email"])
def test_links_that_do_not_work(world, client, how):
    story = make_story(world["inquiry"], email="" if how == "no email" else "me@example.net")
    token = story.token
    if how == "expired":
        Story.objects.filter(pk=story.pk).update(link_expires_at=timezone.now())
    elif how == "revoked":
        Story.objects.filter(pk=story.pk).update(link_revoked=True)
    elif how == "wrong":
        token = token[:-2] + "xx"
    response = client.get(reverse("stories:mine", args=[token]))
    assert response.status_code == 404 and "This link does not work" in response.content.decode()


# --- Facilitated stories -----------------------------------------------------------------


def test_facilitated_entry_records_how_consent_was_given(world, client):
    inquiry = world["inquiry"]
    client.force_login(world["member"])
    url = reverse("inquiries:story_new", args=[inquiry.pk])
    data = story_post(
        inquiry,
        email="",
        collected=Story.DROP_IN,
        consent_method="verbal",
        consent_taken_by="Our facilitator",
        on_behalf="on",
    )
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Enter who gave consent on the person" in refused.content.decode()
    data.update(
        consenter_name="Her daughter",
        consenter_relationship="Daughter",
        best_interests_note="She would want others to hear it.",
        scan=SimpleUploadedFile("form.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"),
    )
    assert client.post(url, data).status_code == 302
    story = Story.objects.get()
    assert story.entered_by == world["member"] and story.on_behalf
    assert story.collected == Story.DROP_IN and story.consent_method == "verbal"
    assert story.scan.name.endswith(".pdf")
    client.force_login(world["outsider"])
    assert client.get(url).status_code == 404


# --- Analysis, CSV, report ---------------------------------------------------------------


def test_analysis_counts_themes_beside_ticks_with_filters(world, client):
    inquiry = world["inquiry"]
    listened, choice = list(inquiry.strengths.all())[:2]
    theme = inquiry.themes.create(name="Staff who know me")
    a = make_story(inquiry, status=Story.LEARNING_ONLY, strengths=[listened], teller="A carer")
    make_story(
        inquiry,
        status=Story.LEARNING_ONLY,
        strengths=[listened, choice],
        locality=world["other"],
    )
    make_story(inquiry, strengths=[choice])  # not approved: not counted
    learning.code_story(a, [theme.pk], by=world["member"])
    figures = learning.analysis(inquiry)
    assert figures["total"] == 2
    assert {t.name: t.n for t in figures["themes"]} == {"Staff who know me": 1}
    ticks = {s.name: s.n for s in figures["ticks"]}
    assert ticks[listened.name] == 2 and ticks[choice.name] == 1
    carers = learning.analysis(inquiry, teller="A carer")
    assert carers["total"] == 1
    other = learning.analysis(inquiry, locality_id=world["other"].pk)
    assert other["total"] == 1 and {t.name: t.n for t in other["themes"]}["Staff who know me"] == 0
    client.force_login(world["member"])
    page = client.get(reverse("inquiries:analysis", args=[inquiry.pk]) + "?teller=carer")
    assert page.status_code == 200 and "1 approved story" in page.content.decode()


def test_csv_has_personal_details_only_for_those_who_may_see_them(world, client):
    programme_wide = make_inquiry(world["programme"])
    make_story(
        programme_wide,
        status=Story.LEARNING_ONLY,
        first_name="Ivy",
        email="ivy@example.net",
        text='=HYPERLINK("http://evil.example")',
    )
    make_story(programme_wide, status=Story.IN_REVIEW, text="Not yet approved")
    url = reverse("inquiries:csv", args=[programme_wide.pk])
    client.force_login(world["moderator"])
    staff_csv = client.get(url).content.decode()
    assert "ivy@example.net" in staff_csv and "Not yet approved" not in staff_csv
    assert "'=HYPERLINK" in staff_csv  # a spreadsheet will not run it
    client.force_login(world["member"])  # a locality team member, programme-wide inquiry
    member_csv = client.get(url).content.decode()
    assert "ivy@example.net" not in member_csv and "Ivy" not in member_csv
    assert "HYPERLINK" in member_csv
    assert AuditEvent.objects.filter(kind=AuditEvent.EXPORT).count() == 2


def test_proposition_becomes_an_action_and_done_closes_the_loop(
    world, client, django_capture_on_commit_callbacks
):
    inquiry = world["inquiry"]
    theme = inquiry.themes.create(name="Being asked")
    told = make_story(inquiry, status=Story.LEARNING_ONLY, email="told@example.net")
    again = make_story(inquiry, status=Story.LEARNING_ONLY, email="Told@example.net")
    letter = make_story(inquiry, status=Story.LEARNING_ONLY, postal_address="1 Elm Row")
    for s in (told, again, letter):
        learning.code_story(s, [theme.pk], by=world["member"])
    proposition = learning.add_proposition(
        inquiry, text="Assessments start with what people want.", theme_ids=[theme.pk], by=None
    )
    client.force_login(world["member"])
    url = reverse("inquiries:proposition_action", args=[inquiry.pk, proposition.pk])
    assert client.post(url, {"title": ""}).status_code == 400
    client.post(url, {"locality": world["locality"].pk, "title": "Change the first page"})
    action = learning.actions_of(inquiry).get()
    assert action.source == proposition and action.locality == world["locality"]
    from engagement.workspace.services import set_action_status

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        set_action_status(action=action, status="done")
    assert [m.to for m in mail.outbox] == [["told@example.net"]]
    assert "Change the first page" in mail.outbox[0].body
    # Reopened and done again (as often as anyone likes): the storytellers were told once.
    with django_capture_on_commit_callbacks(execute=True):
        for status in ("open", "done", "open", "done"):
            set_action_status(action=action, status=status)
    assert len(mail.outbox) == 1
    client.force_login(add_member(world["locality"], lead=True))  # the lead writes the letters
    letters = client.get(reverse("inquiries:letters", args=[inquiry.pk]))
    assert "1 Elm Row" in letters.content.decode()
    report = client.get(reverse("inquiries:report", args=[inquiry.pk])).content.decode()
    assert "Change the first page" in report and "Done" in report


@pytest.mark.parametrize(
    "title, description",
    [
        ("Ring Mrs Okafor back", ""),  # a title and a name
        ("Change the first page", "Ask Rosalind how it reads"),  # another storyteller
        ("Change the first page", "Her number is 07700 900111"),
        ("Visit 12 Elm Row", ""),
        # A link could ask one storyteller to come forward, to anyone, in the team's name.
        ("Tell us more at https://ashcombe-stories.example/s10", ""),
        ("Change the first page", "See www.ashcombe-stories.example"),
        ("Change the first page", "Details on ashcombe-stories.example/s10"),
        ("Change the first page", "Write to us at ashcombe-stories.org"),
        ("Confirm your details at ashcombe-help.online for a voucher", ""),
        ("Change the first page", "See ftp://files.example or //evil.example"),
        ("Change the first page", "See evil\uff0ecom"),  # a full-width dot
    ],
)
def test_the_what_changed_email_leaves_out_words_that_may_name_someone(
    world, title, description, django_capture_on_commit_callbacks
):
    """Nobody reviews this email before it goes to people outside the team: an action whose
    words may hold someone's personal details is told without them."""
    inquiry = world["inquiry"]
    theme = inquiry.themes.create(name="Being asked")
    teller = make_story(inquiry, status=Story.LEARNING_ONLY, email="teller@example.net")
    make_story(inquiry, first_name="Rosalind")  # told a story too, not behind this action
    learning.code_story(teller, [theme.pk], by=None)
    proposition = learning.add_proposition(inquiry, text="Ask.", theme_ids=[theme.pk], by=None)
    action = learning.action_from_proposition(
        proposition, locality=world["locality"], title=title, by=None
    )
    action.description = description
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        told = learning.close_the_loop(action)
    (body,) = [m.body for m in mail.outbox if m.to == ["teller@example.net"]]
    assert told["words_left_out"] and told["emailed"] == 1
    assert "something the team planned has now been done" in body
    assert title not in body and (not description or description not in body)
    action.title, action.description = "Change the first page", "Plain words first."
    assert "Plain words first." in learning.what_changed(action, inquiry)


# --- Email that survives the mail server being down -------------------------------------


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_server_down_story_still_saved_and_retried(
    world, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = "tests.engagement.stories.test_stories.BrokenBackend"
    inquiry = world["inquiry"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("stories:tell", args=[inquiry.pk]), story_post(inquiry))
    assert response.status_code == 302 and Story.objects.count() == 1
    queued = OutgoingEmail.objects.get()
    assert queued.status == OutgoingEmail.RETRYING and queued.attempts == 1
    assert "mail server down" in queued.last_error
    assert send_due() == {}  # not due yet: back-off
    later = timezone.now() + datetime.timedelta(minutes=2)
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due(later) == {"sent": 1}
    assert len(mail.outbox) == 1


def test_email_gives_up_after_the_last_attempt(world, settings):
    settings.EMAIL_DELIVERY_BACKEND = "tests.engagement.stories.test_stories.BrokenBackend"
    settings.EMAIL_MAX_ATTEMPTS = 3
    from site_content.mail import deliver

    email = OutgoingEmail.objects.create(to="a@example.net", subject="s", body="b")
    assert [deliver(email.pk) for _ in range(4)] == [
        "retrying",
        "retrying",
        "failed",
        "nothing to do",
    ]


def test_a_moderator_can_switch_off_a_private_link(world, client):
    from django.contrib.auth.models import Permission

    story = make_story(world["inquiry"], email="me@example.net")
    link = reverse("stories:mine", args=[story.token])
    assert client.get(link).status_code == 200
    moderator = world["moderator"]
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    client.post(reverse("story_admin:moderate", args=[story.pk]), {"action": "switch_off_link"})
    client.logout()
    assert client.get(link).status_code == 404
    assert StoryChange.objects.filter(story=story, what="private link", to_value="off")


def test_story_files_are_private_and_served_only_to_the_team(world, client, settings):
    inquiry = world["inquiry"]
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]),
        story_post(inquiry, recording=SimpleUploadedFile("voice.wav", wav_bytes())),
    )
    assert response.status_code == 302
    story = Story.objects.get()
    services.move(story, Story.IN_REVIEW, by=world["moderator"])
    services.move(story, Story.LEARNING_ONLY, by=world["moderator"])
    assert story.recording.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert client.get(f"{settings.MEDIA_URL}{story.recording.name}").status_code == 404
    url = reverse("inquiries:story_file", args=[inquiry.pk, story.pk, "recording"])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(world["outsider"])
    assert client.get(url).status_code == 404
    client.force_login(world["member"])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"RIFF")


def test_every_email_goes_through_the_queue_with_its_attachments(
    settings, client, django_capture_on_commit_callbacks
):
    """allauth's and events' emails are queued too; a calendar attachment survives."""
    from django.core.mail import EmailMessage

    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = "tests.engagement.stories.test_stories.BrokenBackend"
    UserFactory(email="reset-me@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "reset-me@example.org"})
        message = EmailMessage("Your place", "See you there", to=["a@example.net", "b@example.net"])
        message.attach("event.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n", "text/calendar")
        message.send()
    assert response.status_code == 302  # the reset page answers even with mail down
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"retrying"}
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due(timezone.now() + datetime.timedelta(minutes=5)) == {"sent": 2}
    sent = {tuple(m.to): m for m in mail.outbox}
    assert ("reset-me@example.org",) in sent
    ics = sent[("a@example.net", "b@example.net")].attachments[0]
    assert ics[0] == "event.ics" and "BEGIN:VCALENDAR" in str(ics[1])


def test_rate_limit_sees_the_client_behind_a_trusted_proxy_only(world, client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "story_submit": "1/h/ip"}
    url = reverse("stories:tell", args=[world["inquiry"].pk])

    def post(forwarded):
        return client.post(
            url, story_post(world["inquiry"]), HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    # No trusted proxy: a forged header cannot dodge the limit.
    assert post("203.0.113.1") == 302 and post("203.0.113.2") == 429
    cache.clear()
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert post("203.0.113.1") == 302 and post("203.0.113.2") == 302
    assert post("203.0.113.1") == 429


def test_the_moderation_list_shows_a_programmes_stories_to_its_staff_only(world, client):
    from django.contrib.auth.models import Permission

    flagged = make_story(world["inquiry"], text="He shouts at me at night.")
    other_programme = make_programme()
    elsewhere = make_story(make_inquiry(other_programme), text="Elsewhere")
    access = Permission.objects.get(codename="access_admin")
    moderator = world["moderator"]
    moderator.user_permissions.add(access)
    client.force_login(moderator)
    url = reverse("story_moderation:index")
    page = client.get(url + "?safeguarding=flagged").content.decode()
    assert flagged.reference in page and elsewhere.reference not in page
    assert reverse("story_admin:moderate", args=[flagged.pk]) in page
    # The inquiry filter offers this programme's inquiries, not another's names.
    assert world["inquiry"].title in page and elsewhere.inquiry.title not in page
    other = client.get(url, {"inquiry": elsewhere.inquiry.pk}).content.decode()
    assert elsewhere.reference not in other
    outsider = world["outsider"]
    outsider.user_permissions.add(access)
    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403)


def test_the_letters_link_is_shown_only_to_those_it_opens_for(world, client):
    """A programme-wide inquiry: any locality team analyses it; only its own team and the
    moderators see who told the stories, so only they are offered the letters."""
    inquiry = make_inquiry(world["programme"])
    url = reverse("inquiries:letters", args=[inquiry.pk])
    for who, shown in (("member", False), ("moderator", True)):
        client.force_login(world[who])
        page = client.get(reverse("inquiries:analysis", args=[inquiry.pk])).content.decode()
        assert (url in page) is shown
        assert (client.get(url).status_code == 200) is shown
        assert "What could be (propositions)" in page  # the inquiry's word, explained


def test_the_feeling_faces_are_not_read_out(world, client):
    page = client.get(reverse("stories:tell", args=[world["inquiry"].pk])).content.decode()
    assert '<span aria-hidden="true">☺☺</span> Very good' in page


def test_nothing_more_is_written_on_a_story_taken_back(world, client):
    """A moderation page left open after the storyteller took the story back cannot put a
    note quoting it, or a public version, on the bare record."""
    story = make_story(world["inquiry"], text="I feel unsafe at night.", email="me@example.net")
    services.withdraw(story)
    from django.contrib.auth.models import Permission

    world["lead"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(world["lead"])
    url = reverse("story_admin:moderate", args=[story.pk])
    said = client.post(
        url,
        {"action": "safeguarding", "decision": "keep", "safeguarding_note": "She said: unsafe"},
        follow=True,
    ).content.decode()
    assert "taken this story back" in said
    client.post(url, {"action": "save", "redacted_text": "Public words quoting it"})
    story.refresh_from_db()
    assert story.safeguarding_decision == "" and story.redacted_text == ""


def test_the_teams_form_for_a_story_told_in_person_speaks_about_the_storyteller(world, client):
    inquiry = world["inquiry"]
    client.force_login(add_member(world["locality"]))
    response = client.post(
        reverse("inquiries:story_new", args=[inquiry.pk]),
        {"consent_first_name": "on", "first_name": "🌈"},
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 400
    for message in (
        "Enter the story in the storyteller's words, or add a recording or a picture",
        "Choose who told the story",
        "Tick that the team may read the story, or it cannot be used",
        "To show their first name, also tick that we may quote their story",
        "Enter the storyteller's first name using letters, for example Sam",
    ):
        assert message in page
    for theirs in ("Choose who you are", "About you<", "your first name"):
        assert theirs not in page
    assert "How we may use the story" in page and "About the storyteller" in page


def test_the_inquiry_page_says_where_it_is_in_plain_words(world, client):
    inquiry = world["inquiry"]
    page = client.get(inquiry.url).content.decode()
    assert "We are collecting stories." in page
    assert "Discover:" not in page and "appreciative inquiry" not in page.lower()


def test_csv_quotes_every_cell_so_no_spreadsheet_splits_a_formula_out(world, client):
    """A spreadsheet set up to split on semicolons would read "Sam;=SUM(...)" as a second cell
    holding a formula, were the cell not in quotes."""
    import csv
    import io

    inquiry = make_inquiry(world["programme"])
    make_story(inquiry, status=Story.LEARNING_ONLY, text="Tea;=SUM(1+1)*cmd|' /C calc'!A0")
    client.force_login(world["moderator"])
    text = client.get(reverse("inquiries:csv", args=[inquiry.pk])).content.decode()
    lines = text.splitlines()
    assert all(line.startswith('"') and line.endswith('"') for line in lines if line)
    assert "\"Tea;=SUM(1+1)*cmd|' /C calc'!A0\"" in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] and all(len(row) == len(rows[0]) for row in rows)


def test_marks_that_turn_text_around_are_taken_out_of_what_people_type(world, client):
    from site_content.fields import clean_text

    assert clean_text("hello \u202edlrow\u202c and \u2066isolated\u2069") == (
        "hello dlrow and isolated"
    )
    # The joiners languages and emoji need within words stay.
    assert clean_text("می\u200cخواهم 👩\u200d👧") == "می\u200cخواهم 👩\u200d👧"


def test_a_storyteller_without_a_link_is_told_how_to_reach_the_team(world, client):
    """No email given: "contact the Ashcombe locality team" comes with the team's own email
    or phone from its locality page, on the thank-you page and on the paper form (with the
    closing date)."""
    from engagement.models import LocalityPage

    inquiry = world["inquiry"]
    LocalityPage.objects.filter(pk=inquiry.locality_id).update(
        contact_email="riverside-team@example.org", contact_phone="01632 960 123"
    )
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]), {**story_post(inquiry), "email": ""}
    )
    thanks = client.get(response["Location"]).content.decode()
    assert (
        f"If you change your mind, contact {inquiry.run_by} (email "
        '<a href="mailto:riverside-team@example.org">riverside-team@example.org</a> or phone '
        '<a href="tel:01632960123">01632 960 123</a>).' in thanks
    )
    paper = client.get(reverse("stories:paper_form", args=[inquiry.pk])).content.decode()
    assert "riverside-team@example.org" in paper
    assert f"by {inquiry.closes_on:%-d %B %Y}." in paper
