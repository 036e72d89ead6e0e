"""Stories in a browser: tell one with the keyboard alone, get the private link from the email,
change consent, withdraw; a locality member enters a story collected in person; the team's
report. axe on every page on the way."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from engagement.models import InquiryPage, Story

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, element_id, limit=250):
    """Press Tab until the element with ``element_id`` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Could not reach #{element_id} with the Tab key")


def test_tell_a_story_with_the_keyboard_then_change_consent_and_withdraw(
    live_server, page, demo, axe
):
    base = live_server.url
    inquiry = InquiryPage.objects.get(slug="when-support-worked-well")
    page.goto(f"{base}{inquiry.url}")
    axe(page, "inquiry page")
    expect(page.get_by_role("heading", name="What people have told us")).to_be_visible()
    page.get_by_role("link", name="Tell us your story").click()
    axe(page, "story form")

    # Send it empty, with the keyboard: the error summary lists each problem.
    tab_to(page, "send-story")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page, "story form with errors")

    tab_to(page, "id_text")
    page.keyboard.type("The lunch club driver waits until I am inside with the lights on.")
    tab_to(page, "id_feeling_0")
    page.keyboard.press("Space")  # very good
    tab_to(page, "id_strengths_0")
    page.keyboard.press("Space")
    tab_to(page, "id_teller_0")
    page.keyboard.press("Space")  # an older person
    tab_to(page, "id_consent_learning")
    page.keyboard.press("Space")
    tab_to(page, "id_consent_quote")
    page.keyboard.press("Space")
    tab_to(page, "id_email")
    page.keyboard.type("teller@example.net")
    page.keyboard.press("Enter")  # Enter in a text field sends the form
    expect(page.get_by_role("heading", name="Thank you for your story")).to_be_visible()
    expect(page.get_by_text("If you or someone else is at risk of harm")).to_be_visible()
    axe(page, "thank-you page")

    story = Story.objects.get(email="teller@example.net")
    assert story.feeling == "very_good" and story.teller == "An older person"
    assert story.consent_quote and story.strengths.count() == 1

    message = next(m for m in mail.outbox if m.to == ["teller@example.net"])
    path = re.search(r"/stories/mine/\S+/", message.body).group(0)
    page.goto(base + path)
    expect(page.get_by_text("The lunch club driver waits")).to_be_visible()
    axe(page, "private link page")
    with page.expect_download() as got:
        page.get_by_role("button", name="Download everything we hold about this story").click()
    assert got.value.suggested_filename.endswith(".txt")
    page.get_by_label("You may quote my story, without my name, in things you publish").uncheck()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("We have saved how we may use your story")).to_be_visible()
    story.refresh_from_db()
    assert not story.consent_quote

    page.get_by_role("button", name="Take my story back").click()
    axe(page, "withdraw confirmation")
    page.get_by_role("button", name="Yes, take my story back").click()
    expect(page.get_by_text("Your story has been taken back")).to_be_visible()
    story.refresh_from_db()
    assert story.status == Story.WITHDRAWN and story.text == ""

    page.goto(f"{base}/stories/mine/not-a-real-link/")
    expect(page.get_by_role("heading", name="This link does not work")).to_be_visible()
    axe(page, "link that does not work")
    page.goto(f"{base}/stories/{inquiry.pk}/paper-form/")
    expect(page.get_by_role("heading", name="Tell us your story")).to_be_visible()
    axe(page, "Easy Read paper form")


def test_story_form_reflows_at_320px(live_server, page, demo):
    inquiry = InquiryPage.objects.get(slug="when-support-worked-well")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{live_server.url}/stories/{inquiry.pk}/tell/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_facilitated_story_analysis_and_report(live_server, page, demo, axe):
    base = live_server.url
    inquiry = InquiryPage.objects.get(slug="when-support-worked-well")
    sign_in(page, base, "member@ashcombe.example.org")
    page.goto(f"{base}/workspace/inquiries/{inquiry.pk}/")
    expect(page.get_by_role("heading", name=re.compile("what made it good"))).to_be_visible()
    axe(page, "analysis page")
    page.get_by_role("link", name="Add a story collected in person").click()
    axe(page, "facilitated story form")
    page.get_by_label("At a drop-in").check()
    page.get_by_label("Easy Read consent form").check()
    page.get_by_label("Who took the consent?").fill("Rose Tamworth")
    page.get_by_label("The story", exact=True).fill("The library volunteers read the paper to me.")
    page.get_by_label("A carer").check()
    page.get_by_label("The team may read the story to learn from it").check()
    page.get_by_role("button", name="Save the story").click()
    expect(page.get_by_text(re.compile(r"Story S\d+ is saved"))).to_be_visible()
    story = Story.objects.get(text__startswith="The library volunteers")
    assert story.collected == Story.DROP_IN and story.consent_method == "easy_read"
    assert story.entered_by.email == "member@ashcombe.example.org"

    page.get_by_role("link", name="Stories").first.click()
    axe(page, "story list")
    page.get_by_role("link", name=re.compile(r"^S\d+")).first.click()
    axe(page, "story detail")
    page.goto(f"{base}/workspace/inquiries/{inquiry.pk}/report/")
    expect(page.get_by_role("heading", name="In people's words")).to_be_visible()
    axe(page, "report page")


def test_moderation_in_the_admin(live_server, page, demo):
    base = live_server.url
    sign_in(page, base, "facilitator@example.org")
    page.goto(f"{base}/admin/story_moderation/?safeguarding=flagged")
    page.get_by_role("link", name=re.compile(r"^S\d+")).first.click()
    page.get_by_label("Clear it: no one is at risk, or the risk is dealt with").check()
    page.get_by_label("What you decided and why").fill("Spoke to the provider; resolved.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your safeguarding decision is recorded")).to_be_visible()
    assert Story.objects.filter(safeguarding=Story.CLEARED).count() == 1
    # The public version starts empty; the moderator may start from the storyteller's words.
    box = page.get_by_label("Public version")
    expect(box).to_have_value("")
    page.get_by_role("button", name="Start from the storyteller's words").click()
    expect(box).not_to_have_value("")
    box.fill("Someone from the provider came and sorted it out.")
    page.get_by_role("button", name="Save the public version").click()
    expect(page.get_by_text("The public version is saved")).to_be_visible()


def test_a_team_elsewhere_reads_only_the_de_identified_story(live_server, page, demo, axe):
    from django.contrib.auth import get_user_model

    from engagement.stories import services

    base = live_server.url
    inquiry = InquiryPage.objects.get(slug="carers-stories")
    coordinator = get_user_model().objects.get(email="coordinator@example.org")
    story = services.receive_story(
        inquiry=inquiry,
        data={
            "text": "Marjorie Quill at the carers' centre rang me every week.",
            "teller": "A carer",
            "consent_learning": True,
            "consent_quote": True,
        },
        files={},
    )
    services.move(story, Story.IN_REVIEW, by=coordinator)
    services.move(
        story,
        Story.LEARNING_ONLY,
        by=coordinator,
        redacted_text="A worker at the carers' centre rang me every week.",
    )
    sign_in(page, base, "member@ashcombe.example.org")
    page.goto(f"{base}/workspace/inquiries/{inquiry.pk}/stories/")
    expect(page.get_by_text("A worker at the carers' centre rang me")).to_be_visible()
    expect(page.get_by_text("Marjorie Quill")).to_have_count(0)
    axe(page, "story list, de-identified")
    page.get_by_role("link", name=story.reference).click()
    expect(page.get_by_text("You are reading the de-identified version")).to_be_visible()
    expect(page.get_by_text("Marjorie Quill")).to_have_count(0)
    axe(page, "story detail, de-identified")
