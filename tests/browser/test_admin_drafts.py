"""Leaving a half-made page in the Wagtail admin and starting it again offers its draft (the
one Wagtail autosaves as people type), rather than only "this slug is already in use"."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import settled, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_half_made_page_is_offered_back_when_started_again(
    live_server, page, demo, axe, settings
):
    from site_content.models import HomePage, StandardPage

    # The draft is saved by the button, not by an autosave racing it (the same draft either way).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    base = live_server.url
    home = HomePage.objects.get()
    add = f"{base}/admin/pages/add/site_content/standardpage/{home.pk}/"
    sign_in(page, base, "admin@example.org")
    page.goto(add)
    page.locator("#id_title").fill("Carers' week")
    page.locator("#id_title").press("Tab")
    # The address follows the title (in the browser, a moment later): save only once it has.
    expect(page.locator("#id_slug")).to_have_value("carers-week")
    page.locator("#id_introduction").fill("A week for carers.")
    # Saved as a draft and left, as Wagtail's autosave leaves a page someone walks away from.
    page.get_by_role("button", name="Save draft").click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/"), timeout=15000)
    draft = StandardPage.objects.get(title="Carers' week", live=False)

    # Away, then back to make the same page again.
    page.goto(f"{base}/admin/")
    page.goto(add)
    expect(page.get_by_text("You started “Carers' week”")).to_be_visible()
    settled(page)
    axe(page, "a new page, with the unfinished draft offered")
    # Saving the same page again is refused for its address, and the draft is offered.
    page.locator("#id_title").fill("Carers' week")
    page.locator("#id_title").press("Tab")
    # The address follows the title; save only once it has.
    expect(page.locator("#id_slug")).to_have_value("carers-week")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("link", name="Continue the draft")).to_be_visible()
    settled(page)
    axe(page, "a new page refused for its address, with the draft offered")
    page.get_by_role("link", name="Continue the draft").click()
    expect(page).to_have_url(f"{base}/admin/pages/{draft.pk}/edit/")
    expect(page.locator("#id_title")).to_have_value("Carers' week")
    assert StandardPage.objects.filter(title="Carers' week").count() == 1
