"""A locality member's day, and the coordinator's dashboard, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from engagement.models import Action, ProgressEntry

from .conftest import date_group, fill_date, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_saves_draft_finishes_it_and_completes_an_action(live_server, page, demo):
    base = live_server.url
    sign_in(page, base, "member@ashcombe.example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ashcombe workspace")

    # A half-written entry is saved as a draft.
    page.get_by_role("link", name="Log progress").first.click()
    page.get_by_label("What we did").fill("Talked to six carers at the market about short breaks.")
    page.get_by_role("button", name="Save as draft").click()
    expect(page.get_by_text("Your draft has been saved")).to_be_visible()
    draft = ProgressEntry.objects.get(what_we_did__startswith="Talked to six carers")
    assert draft.status == ProgressEntry.DRAFT

    # Finished later: submitting without a phase shows the error summary and keeps the text.
    page.get_by_role("link", name="Finish this draft").click()
    fill_date(page, "Date", "", exact=True)
    page.get_by_role("button", name="Save to the log").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("What we did")).to_have_value(re.compile("six carers"))
    page.get_by_role("link", name="Enter the date").click()
    day = date_group(page, "Date", exact=True).get_by_label("Day", exact=True)
    expect(day).to_be_focused()

    fill_date(page, "Date", "2026-11-20", exact=True)
    page.get_by_label("Phase").select_option(label="Making it happen")
    page.get_by_label("What we learned").fill("Carers want to book breaks months ahead.")
    page.get_by_label("Carers", exact=True).check()
    page.get_by_label("This is learning for the guide").check()
    page.get_by_role("button", name="Save to the log").click()
    expect(page.get_by_text("saved to the log")).to_be_visible()
    draft.refresh_from_db()
    assert draft.status == ProgressEntry.SUBMITTED and draft.is_learning
    assert draft.revisions.count() == 2

    # It is in the log.
    page.get_by_role("link", name="Progress log").first.click()
    expect(page.get_by_role("link", name=re.compile("Talked to six carers"))).to_be_visible()

    # Create an action and mark it done.
    page.get_by_role("link", name="Actions", exact=True).click()
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Title").fill("Ask the library about a monthly room")
    page.get_by_label("Owner").select_option(label="Rose Tamworth")
    fill_date(page, "Due date", "2027-01-31")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_text("has been saved")).to_be_visible()
    page.get_by_role("button", name=re.compile("Mark done “Ask the library")).click()
    expect(page.get_by_text("is now done")).to_be_visible()
    assert Action.objects.get(title="Ask the library about a monthly room").status == Action.DONE


def test_coordinator_opens_the_dashboard(live_server, page, demo):
    base = live_server.url
    sign_in(page, base, "coordinator@example.org")
    page.get_by_role("link", name=re.compile("progress across localities")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("progress across localities")
    expect(page.get_by_role("table")).to_contain_text("Millthorpe")
    expect(page.locator("svg[role=img]").first).to_be_visible()
