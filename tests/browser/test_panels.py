"""Experts by experience in a browser: open a round, give feedback by keyboard, respond, and
read "you said, we did"."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from engagement.models import PointResponse, ReviewRound

from .conftest import fill_date, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_round_from_opening_to_you_said_we_did(live_server, browser, demo, axe):
    base = live_server.url
    facilitator = browser.new_page()
    sign_in(facilitator, base, "facilitator@example.org")
    facilitator.goto(f"{base}/workspace/panels/living-well-experts/")
    axe(facilitator, "panel page")
    facilitator.get_by_role("link", name="Open a review").click()
    facilitator.get_by_label("Title").fill("Is the privacy notice clear?")
    facilitator.get_by_label("Or a page of the site (optional)").select_option(
        label="Privacy notice"
    )
    closes = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    fill_date(facilitator, "Closing date", closes)
    facilitator.get_by_label("Edith Marlow").check()
    facilitator.get_by_role("button", name="Open the review and invite members").click()
    expect(facilitator.get_by_text("The review is open")).to_be_visible()
    expect(facilitator.get_by_role("heading", name="Plain English check")).to_be_visible()
    review = ReviewRound.objects.get(title="Is the privacy notice clear?")

    # The member answers with the keyboard alone.
    member = browser.new_page()
    sign_in(member, base, "expert@example.org")
    member.goto(f"{base}/workspace/reviews/{review.pk}/")
    axe(member, "round page")
    member.get_by_role("link", name="Give your feedback").click()
    axe(member, "feedback form")
    member.get_by_role("button", name="Send my feedback").focus()
    member.keyboard.press("Enter")
    expect(member.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(member, "feedback form with errors")
    expect(member.get_by_text("Answer at least one question")).to_be_visible()
    first_radio = member.get_by_role("radio", name="Yes").first
    first_radio.focus()
    member.keyboard.press("ArrowDown")  # "Mostly"
    member.keyboard.press("Tab")
    member.keyboard.type("Say who can see my details.")
    # The other questions are left out: every answer is optional.
    member.get_by_role("button", name="Send my feedback").focus()
    member.keyboard.press("Enter")
    expect(member.get_by_text("Your feedback has been saved")).to_be_visible()
    # Coming back, they read what they sent (not an empty form).
    member.get_by_role("link", name="See the feedback you sent").click()
    expect(member.get_by_text("Say who can see my details.")).to_be_visible()
    axe(member, "feedback already sent")

    # The owner (programme team) responds and publishes.
    facilitator.goto(f"{base}/workspace/reviews/{review.pk}/")
    facilitator.get_by_role("link", name=re.compile("Respond to this point")).first.click()
    facilitator.get_by_label("Accepted", exact=True).check()
    facilitator.get_by_label("What we changed").fill("We added a list of who can see your details.")
    facilitator.get_by_role("button", name="Save the response").click()
    facilitator.get_by_role("button", name=re.compile("Publish")).click()
    expect(facilitator.get_by_role("heading", name="What happens when you publish")).to_be_visible()
    axe(facilitator, "publish: what will happen")
    facilitator.get_by_role("button", name="Publish now").click()
    expect(facilitator.get_by_role("heading", name=re.compile("You said"))).to_be_visible()
    assert PointResponse.objects.filter(answer__feedback__round=review).count() == 1

    member.goto(f"{base}/workspace/reviews/{review.pk}/you-said-we-did/")
    expect(member.get_by_text("We added a list of who can see your details.")).to_be_visible()
    expect(member.get_by_text("Say who can see my details.")).to_be_visible()
    axe(member, "you said, we did")

    member.goto(f"{base}/workspace/panels/living-well-experts/my-involvement/")
    expect(member.get_by_text("You have answered 2 reviews")).to_be_visible()
    axe(member, "my involvement")
    facilitator.goto(f"{base}/workspace/panels/living-well-experts/involvement/")
    axe(facilitator, "involvement and payments")
    facilitator.get_by_role("button", name=re.compile("Mark as paid")).first.click()
    expect(facilitator.get_by_text("Marked as paid")).to_be_visible()


def test_publishing_before_the_closing_date_asks_first(live_server, page, demo, axe):
    review = ReviewRound.objects.filter(status=ReviewRound.OPEN).first()
    sign_in(page, live_server.url, "facilitator@example.org")
    page.goto(f"{live_server.url}/workspace/reviews/{review.pk}/")
    page.get_by_role("button", name=re.compile("Publish")).click()
    expect(page.get_by_role("heading", name="Publish before the closing date?")).to_be_visible()
    axe(page, "publish before the closing date")
    page.get_by_role("link", name="Wait for their feedback").click()
    review.refresh_from_db()
    assert review.status == ReviewRound.OPEN
