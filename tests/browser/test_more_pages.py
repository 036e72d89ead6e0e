"""axe on the remaining pages people meet: the closed inquiry page, turning a proposition into
an action, the letter list, the register form, advisory groups and the reports list."""

import datetime

import pytest
from playwright.sync_api import expect

from engagement.models import Consultation, InquiryPage, Proposition, RegisterItem

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_remaining_pages_have_no_axe_violations(live_server, page, demo, axe):
    base = live_server.url
    inquiry = InquiryPage.objects.get(slug="when-support-worked-well")
    InquiryPage.objects.filter(pk=inquiry.pk).update(closes_on=datetime.date(2020, 1, 1))
    page.goto(f"{base}/stories/{inquiry.pk}/tell/")
    expect(page.get_by_role("heading", name="not taking stories")).to_be_visible()
    axe(page, "closed inquiry")

    # A form left open while the person signed in elsewhere: the site's own page, not Django's.
    page.goto(f"{base}/accounts/login/")
    page.context.clear_cookies()
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label("Password").fill("not-this-one")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your form was not sent")).to_be_visible()
    axe(page, "a form sent with an old security token")

    sign_in(page, base, "coordinator@example.org")
    proposition = Proposition.objects.filter(inquiry=inquiry).first()
    page.goto(f"{base}/workspace/inquiries/{inquiry.pk}/propositions/{proposition.pk}/action/")
    page.get_by_label("What will be done").fill("")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page, "proposition to action, with errors")
    page.goto(f"{base}/workspace/inquiries/{inquiry.pk}/letters/")
    axe(page, "letter list")

    slug = "living-well-in-later-life"
    item = RegisterItem.objects.first()
    for path, label in (
        (f"/workspace/programme/{slug}/register/{item.pk}/", "register entry form"),
        (f"/workspace/programme/{slug}/board-reports/", "board reports list"),
        (f"/workspace/programme/{slug}/consultations/", "advisory groups"),
        (
            f"/workspace/programme/{slug}/consultations/{Consultation.objects.first().pk}/",
            "a consultation",
        ),
    ):
        page.goto(base + path)
        expect(page.locator("h1")).to_be_visible()
        axe(page, label)
