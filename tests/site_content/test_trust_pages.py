"""Trust you can read: the privacy notice, its Easy Read version, the accessibility statement
and the data-protection pack are written from the platform's own facts (what each app
registers it records, the field x role table, the retention settings), so they change when
those do; what only the organisation can say is filled in in the admin, and until it is,
every page says plainly that it is missing."""

import datetime
import html
import importlib
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import strip_tags

from engagement import access
from engagement.core.readability import check as readability
from site_content.accessibility import PLATFORM_PROBLEMS
from site_content.checks import go_live_details
from site_content.dp_pack import pack_html, pack_markdown
from site_content.models import (
    AccessibilityStatementPage,
    DataProtectionDetails,
    PrivacyNoticePage,
    SecurityContact,
)
from site_content.privacy import records
from tests import factories as f

pytestmark = pytest.mark.django_db

FILLED = {
    "organisation_name": "Brookvale Care Partnership",
    "contact": "Email privacy@brookvale.example.org",
    "dpo": "The data protection officer, dpo@brookvale.example.org",
    "lawful_basis": "We use your story because you agree to it.",
    "special_category_condition": "We use health information because you agree to it.",
    "processors": "Our web host\nOur email service",
}


@pytest.fixture
def pages():
    home = f.home_page()
    privacy = home.add_child(instance=PrivacyNoticePage(title="Privacy notice", slug="privacy"))
    statement = home.add_child(
        instance=AccessibilityStatementPage(title="Accessibility statement", slug="accessibility")
    )
    return privacy, statement


def fill_details(**values):
    details = DataProtectionDetails.load()
    for name, value in {**FILLED, **values}.items():
        setattr(details, name, value)
    details.save()
    return details


def text_of(response) -> str:
    """The page's main content as a reader meets it: each block on its own."""
    assert response.status_code == 200
    body = response.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    main = re.sub(r"<span[^>]*aria-hidden[^>]*>.*?</span>", "", main)
    main = re.sub(r"</(p|li|td|th|h1|h2|h3|dd|dt)>", "\n\n", main)
    return html.unescape(strip_tags(main))


def row_of(response, words: str) -> str:
    body = response.content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return html.unescape(next(r for r in rows if words in html.unescape(r)))


# --- The privacy notice --------------------------------------------------------------------


def test_the_notice_covers_each_way_people_give_information(client, pages):
    text = text_of(client.get("/privacy/"))
    keys = {r.key for r in records()}
    assert {"story", "event_registration", "panel_feedback", "progress_entry", "account"} <= keys
    for record in records():
        assert record.title in text
        for part in record.parts:
            assert part.what in text
        for line in record.kept():
            assert line in text
        assert record.published in text


def test_the_notice_names_copies_downloads_and_logs(client, pages, settings):
    """What leaves the website's pages (backups, spreadsheets, the audit log, the web
    server's notes) is said, with the audit log's own period from the settings."""
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "audit_log": 400}
    text = text_of(client.get("/privacy/"))
    for said in (
        "makes a copy of everything (a backup)",
        "download its stories as a spreadsheet",
        "with their access needs",
        "tries that failed (with the email address typed)",
        "We keep it for 400 days.",
        "The web server notes each page",
    ):
        assert said in text, said
    assert ".." not in text
    easy = text_of(client.get("/privacy/easy-read/"))
    assert "Every night we make a copy of everything" in easy


def test_a_retention_setting_changes_the_notice_and_the_pack(client, pages, settings):
    assert "28 days after the event ends" in text_of(client.get("/privacy/"))
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "event_needs": 11}
    text = text_of(client.get("/privacy/"))
    assert "11 days after the event ends" in text and "28 days after the event" not in text
    assert "| 11 | `RETAIN_EVENT_NEEDS_DAYS` |" in pack_markdown()
    assert "11 days after the event" in text_of(client.get("/privacy/easy-read/"))


def test_the_field_by_role_table_changes_the_notice_and_the_access_check(
    client, pages, monkeypatch
):
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    inquiry = f.make_inquiry(programme)  # programme-wide
    elsewhere = f.add_member(there)
    row = row_of(client.get("/privacy/"), "Your story in your own words")
    assert "the other local teams in it" not in row
    assert not access.may_read_story_part(elsewhere, inquiry, "original text")

    widened = {*access.STORY_READERS["original text"], access.stories.PROGRAMME_TEAMS}
    monkeypatch.setitem(access.STORY_READERS, "original text", widened)
    row = row_of(client.get("/privacy/"), "Your story in your own words")
    assert "the other local teams in it" in row
    # The same table answers the access check: the notice describes what really happens.
    assert access.may_read_story_part(f.add_member(there), inquiry, "original text")
    assert here  # a second locality: "other teams" means something


def _form_class(path):
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def test_every_field_of_every_registered_form_is_described():
    for record in records():
        assert record.forms, record.key
        for path in record.forms:
            form_class = _form_class(path)
            try:  # a form that sets its fields up as it is made (allauth's, from settings)
                names = form_class().fields
            except TypeError:  # needs its inquiry, event or round: the declared fields
                names = form_class.base_fields
            for name in names:
                assert name in record.not_kept or record.part_for(name), (record.key, name)


FIELD = re.compile(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"')


def _fields_on(client, url):
    body = client.get(url).content.decode()
    forms = [
        inside
        for tag, inside in re.findall(
            r'(<form[^>]*method="post"[^>]*>)(.*?)</form>', body, flags=re.S | re.I
        )
        if "data-session-form" not in tag  # "Stay signed in": the page it is on, no more
    ]
    names = set()
    for form in forms:
        names |= set(FIELD.findall(form))
    # A date is typed in three boxes (day, month, year): they are the one date field.
    names = {re.sub(r"_(day|month|year)$", "", n) for n in names}
    return names - {"csrfmiddlewaretoken"}


def test_every_field_of_every_public_form_is_described_as_rendered(client):
    """The forms as people meet them in the demo, with the fields made per question."""
    from engagement.models import InquiryPage, ReviewRound
    from events.models import EventPage

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_key = {r.key: r for r in records()}
    event = EventPage.objects.live().first()
    inquiry = InquiryPage.objects.live().first()
    seen = {}
    seen["story"] = _fields_on(client, f"/stories/{inquiry.pk}/tell/")
    seen["event_registration"] = _fields_on(client, f"/events/{event.pk}/register/")
    EventPage.objects.filter(pk=event.pk).update(kind="congress")
    seen["event_topic"] = _fields_on(client, f"/events/{event.pk}/suggest/")
    seen["account"] = _fields_on(client, "/accounts/signup/")
    client.login(username="member@ashcombe.example.org", password="common-ground-demo")
    seen["progress_entry"] = _fields_on(client, "/workspace/ashcombe/log/new/")
    client.logout()
    review_round = ReviewRound.objects.filter(status=ReviewRound.OPEN).first()
    asked = review_round.invited.exclude(pk__in=review_round.feedback.values("member_id")).first()
    client.force_login(asked.user)
    seen["panel_feedback"] = _fields_on(client, f"/workspace/reviews/{review_round.pk}/feedback/")
    client.logout()
    seen["invitation"] = _fields_on(client, _invitation_link())
    for key, names in seen.items():
        assert names, f"no form found for {key}"
        record = by_key[key]
        for name in names:
            assert name in record.not_kept or record.part_for(name), (key, name)
    assert any(n.startswith("rating_") for n in seen["panel_feedback"])


def _invitation_link():
    from django.contrib.auth import get_user_model
    from django.core import mail

    from engagement.models import LocalityPage
    from engagement.people import services

    admin = get_user_model().objects.get(email="days.admin@example.org")
    services.invite(
        by=admin,
        place=LocalityPage.objects.get(slug="northfold"),
        email="new.person@example.org",
        role="carer",
    )
    return re.search(r"https?://[^/\s]+(/workspace/invitations/\S+/)", mail.outbox[-1].body)[1]


def test_missing_organisation_details_are_said_plainly_never_blank(client, pages):
    text = text_of(client.get("/privacy/"))
    assert text.count("Not yet provided") == 6
    assert "has not yet said who is responsible for your information" in text
    assert "has not yet said which lawful basis" in text
    fill_details()
    text = text_of(client.get("/privacy/"))
    assert "Not yet provided" not in text
    for value in FILLED.values():
        for line in value.splitlines():
            assert line in text
    easy = text_of(client.get("/privacy/easy-read/"))
    assert "Brookvale Care Partnership looks after what you tell us" in easy


def test_organisation_text_is_shown_as_text(client, pages):
    fill_details(organisation_name='<script>alert("x")</script>Brookvale')
    body = client.get("/privacy/").content.decode()
    assert '<script>alert("x")' not in body and "&lt;script&gt;" in body


def _plain_enough(text):
    figures = readability(text)
    assert figures.reading_ease >= 60, (figures.reading_ease, figures.hardest)
    assert figures.average_sentence_length <= 20, figures.average_sentence_length


@pytest.mark.parametrize("filled", [False, True])
def test_notice_and_statement_pass_the_plain_english_check(client, pages, filled):
    if filled:
        fill_details()
    for url in ("/privacy/", "/accessibility/"):
        _plain_enough(text_of(client.get(url)))


def test_the_easy_read_notice_uses_short_sentences_and_the_story_forms_link_to_it(client, pages):
    text = text_of(client.get("/privacy/easy-read/"))
    figures = readability(text)
    assert figures.reading_ease >= 75 and figures.average_sentence_length <= 10
    for record in records():
        for line in record.easy_read_lines():
            assert line in text
    programme = f.make_programme()
    inquiry = f.make_inquiry(programme)
    form = client.get(f"/stories/{inquiry.pk}/tell/").content.decode()
    assert 'href="/privacy/easy-read/"' in form and 'href="/privacy/"' in form
    paper = client.get(f"/stories/{inquiry.pk}/paper-form/").content.decode()
    assert "http://testserver/privacy/easy-read/" in paper


# --- The accessibility statement -----------------------------------------------------------


def test_the_statement_follows_the_model_form(client, pages):
    _, statement = pages
    text = text_of(client.get("/accessibility/"))
    assert "WCAG 2.2 AA" in text
    assert "Equality and Human Rights Commission" in text
    assert "Equality Advisory and Support Service" in text
    for problem, why, criterion, plan in PLATFORM_PROBLEMS:
        assert problem in text and why in text and plan in text and criterion in text
    assert "automatic check (axe)" in text
    # Until the organisation says how to reach it and when it last checked: said plainly.
    assert "Not yet provided" in text
    assert statement.missing() == [
        "how to ask for another format or report a problem",
        "when the statement was prepared",
        "when the statement was last reviewed",
    ]
    statement.contact_email = "access@brookvale.example.org"
    statement.last_reviewed_on = datetime.date(2026, 11, 20)
    statement.prepared_on = datetime.date(2026, 1, 5)
    statement.known_problems = [
        ("problem", {"problem": "Our map has no text version.", "criterion": "1.1.1"})
    ]
    statement.save_revision().publish()
    fill_details()
    text = text_of(client.get("/accessibility/"))
    assert "Not yet provided" not in text
    assert "access@brookvale.example.org" in text
    assert "20 November 2026" in text and "5 January 2026" in text
    assert "Our map has no text version." in text and "Brookvale Care Partnership runs" in text


# --- Before going live: the system check and the dashboard ---------------------------------


def test_the_system_check_and_the_dashboard_list_what_is_missing(client, pages):
    warnings = go_live_details()
    assert {w.id for w in warnings} == {"commonground.W002"}
    said = " ".join(w.msg for w in warnings)
    assert "who is responsible for your information" in said
    assert "no security contact email is set" in said
    assert "accessibility statement does not yet say" in said
    assert "which companies handle information for them" in said

    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    assert "Before going live:" in dashboard and "who is responsible for your" in dashboard
    staff = f.UserFactory(is_staff=True)
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert "Before going live:" not in client.get("/admin/").content.decode()

    fill_details()
    contact = SecurityContact.load()
    contact.contact_email = "security@brookvale.example.org"
    contact.expires_on = timezone.localdate() + datetime.timedelta(days=200)
    contact.save()
    _, statement = pages
    statement.contact_email = "access@brookvale.example.org"
    statement.last_reviewed_on = statement.prepared_on = timezone.localdate()
    statement.save_revision().publish()
    assert go_live_details() == []
    client.force_login(admin)
    assert "Before going live:" not in client.get("/admin/").content.decode()
    # An unpublished notice or statement is not there for the public: said again.
    statement.unpublish()
    assert "no published accessibility statement" in " ".join(w.msg for w in go_live_details())


def test_an_expired_security_txt_is_reported_at_start(pages):
    contact = SecurityContact.load()
    contact.contact_email = "security@brookvale.example.org"
    contact.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    contact.save()
    assert any("has passed" in w.msg for w in go_live_details())


# --- The data-protection pack --------------------------------------------------------------


def test_the_pack_is_written_from_the_same_facts(client, pages):
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/data-protection-pack/").status_code == 200
    response = client.get("/admin/data-protection-pack/download.md")
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    for record in records():
        assert f"### {record.title}" in text
        for risk, _mitigation in record.risks:
            assert risk in text
    for heading in (
        "Data flows",
        "Special category data",
        "Retention settings",
        "Processors",
        "Security measures",
        "Risks and mitigations",
    ):
        assert heading in text
    assert "Your access needs and your food and drink needs" in text.split("Special category")[2]
    assert "`RETAIN_AUDIT_DAYS`" in text
    assert text.count("**Not yet provided**") == 6
    fill_details(organisation_name="<img src=x onerror=alert(1)>Brookvale")
    text = client.get("/admin/data-protection-pack/download.md").content.decode()
    assert "Not yet provided" not in text
    assert "<img" not in pack_html(text) and "&lt;img" in pack_html(text)
    # A | in a detail stays in its cell; links and pictures typed in are not followed.
    fill_details(
        organisation_name="Acme | Health Trust",
        dpo=r"Back \| slash",
        contact="![x](http://127.0.0.1:9/x.png) [c](javascript:alert(3)) <http://x.org>",
    )
    page = pack_html(client.get("/admin/data-protection-pack/download.md").content.decode())
    assert "<td>Acme | Health Trust</td>" in page
    assert "<td>Back \\| slash</td>" in page
    assert "<img" not in page and "<a " not in page and "javascript:alert(3)" in page
    assert client.get("/admin/data-protection-pack/download.exe").status_code == 404


def test_only_those_who_keep_the_details_may_download_the_pack(client, pages):
    from django.contrib.auth.models import Permission

    staff = f.UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    for url in ("/admin/data-protection-pack/", "/admin/data-protection-pack/download.md"):
        assert client.get(url).status_code in (302, 403)
    staff.user_permissions.add(Permission.objects.get(codename="change_dataprotectiondetails"))
    staff = type(staff).objects.get(pk=staff.pk)
    client.force_login(staff)
    assert client.get("/admin/data-protection-pack/download.md").status_code == 200


def test_the_pack_as_a_pdf_or_a_plain_message_without_chromium(client, pages, monkeypatch):
    import shutil

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    if shutil.which("chromium"):
        response = client.get("/admin/data-protection-pack/download.pdf")
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    monkeypatch.setattr("site_content.pdf.chromium", lambda: None)
    response = client.get("/admin/data-protection-pack/download.pdf", follow=True)
    assert "The PDF could not be made (Chromium is not installed)" in response.content.decode()


def test_what_the_notice_says_is_kept_after_a_story_is_taken_back_is_all_that_is(pages):
    """Every text of a withdrawn story is empty except the short record the notice names."""
    from django.db import models as m

    from engagement.models import Story, StoryChange
    from engagement.stories import services

    programme = f.make_programme()
    inquiry = f.make_inquiry(programme)
    story = f.make_story(
        inquiry,
        email="teller@example.net",
        first_name="Rhoda",
        on_behalf=True,
        consenter_name="Bill Teller",
        consenter_relationship="son",
        best_interests_note="She nodded yes.",
        best_interests_publication="She would want it shared.",
        flagged_words=["hurt"],
        decline_reason="Too short",
        postal_address="1 Elm Row",
        what_made_it_good="Kindness",
    )
    StoryChange.objects.create(story=story, what="status", note="Rhoda said her son hurt her")
    services.withdraw(story)
    story.refresh_from_db()
    # The short record: number and dates, who told it, where, how it felt, safety decisions.
    kept = {
        "reference",
        "token",
        "status",
        "teller",
        "setting",
        "feeling",
        "collected",
        "consent_method",
        "safeguarding",
        "safeguarding_decision",
    }
    for field in Story._meta.concrete_fields:
        if isinstance(field, m.CharField | m.TextField | m.JSONField) and field.name not in kept:
            assert not getattr(story, field.name), field.name
    assert not story.changes.exclude(note="").exists()


def test_the_check_at_start_writes_nothing(pages):
    assert go_live_details()
    assert not DataProtectionDetails.objects.exists()
    assert not SecurityContact.objects.exists()
