"""axe-core (WCAG 2.2 A and AA rules) on every page a person meets, and reflow at 320px."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import settled, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = {
    "home": "/",
    "programme": "/living-well-in-later-life/",
    "locality summary": "/living-well-in-later-life/ashcombe/",
    "sign in": "/accounts/login/",
    "about": "/about/",
    "report a security problem": "/security/",
    "create an account": "/accounts/signup/",
    "reset a password": "/accounts/password/reset/",
    "a confirmation link that does not work": "/accounts/confirm-email/not-a-key/",
    "a reset link that does not work": "/accounts/password/reset/key/zz-not-a-key/",
}
WORKSPACE = {
    "workspace home": "/workspace/ashcombe/",
    "progress form": "/workspace/ashcombe/log/new/",
    "progress log": "/workspace/ashcombe/log/",
    "actions": "/workspace/ashcombe/actions/",
    "action form": "/workspace/ashcombe/actions/new/",
    "milestones": "/workspace/ashcombe/milestones/",
    "development plan": "/workspace/ashcombe/plan/",
    "my bookings": "/events/mine/",
    "where I am signed in": "/accounts/sessions/",
    "my email addresses": "/accounts/email/",
    "type my password again": "/accounts/reauthenticate/",
}


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_public_pages(live_server, page, demo, axe):
    for label, path in PUBLIC.items():
        page.goto(live_server.url + path)
        axe(page, label)


def test_sign_in_with_errors(live_server, page, demo, axe):
    sign_in(page, live_server.url, "member@ashcombe.example.org", "wrong-password")
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    axe(page, "sign in with errors")


def test_workspace_pages(live_server, page, demo, axe):
    sign_in(page, live_server.url, "lead@ashcombe.example.org")
    for label, path in WORKSPACE.items():
        page.goto(live_server.url + path)
        axe(page, label)
    page.goto(live_server.url + WORKSPACE["progress form"])
    page.get_by_role("button", name="Save to the log").click()
    assert page.get_by_role("heading", name="There is a problem").is_visible()
    axe(page, "progress form with errors")
    # A form low on a long page: the summary takes the focus (so it is read out and in view).
    page.goto(live_server.url + WORKSPACE["milestones"])
    page.get_by_role("button", name="Record the figure").click()
    expect(page.locator(".error-summary")).to_be_focused()
    axe(page, "milestones with errors")
    # A figure recorded wrongly is put right on a page of its own.
    page.get_by_role("link", name=re.compile("^Correct the figure of")).first.click()
    expect(page.get_by_role("heading", name="Correct a figure")).to_be_visible()
    axe(page, "correct a figure")
    page.get_by_role("spinbutton", name="Figure").fill("")
    page.get_by_role("button", name="Save the corrected figure").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    axe(page, "correct a figure with errors")
    page.goto(live_server.url + "/workspace/ashcombe/log/")
    page.get_by_role("link", name="Notes from the steering group call").first.click()
    axe(page, "entry detail")


def test_dashboard(live_server, page, demo, axe):
    sign_in(page, live_server.url, "coordinator@example.org")
    page.goto(live_server.url + "/workspace/programme/living-well-in-later-life/dashboard/")
    axe(page, "dashboard")


def test_pages_reflow_at_320px_and_200_percent_text(live_server, page, demo):
    from engagement.models import ProgressEntry
    from events.models import EventPage

    # What people type has long words: a web address, a work email.
    long_link = "https://example.org/" + "a-long-address-with-no-spaces-" * 6
    entry = ProgressEntry.objects.filter(locality__slug="ashcombe").first()
    ProgressEntry.objects.filter(pk=entry.pk).update(what_we_did=f"We used {long_link} a lot.")
    event = EventPage.objects.live().first()
    EventPage.objects.filter(pk=event.pk).update(
        contact_name="Sam", contact_email="commissioning.and.partnerships.team@example.org"
    )
    long_content = {
        "an event with a long contact address": event.url,
        "an entry with a long link": f"/workspace/ashcombe/log/{entry.pk}/",
    }
    page.set_viewport_size({"width": 320, "height": 640})
    for label, path in {**PUBLIC, **long_content}.items():
        page.goto(live_server.url + path)
        assert no_sideways_scroll(page), f"{label} scrolls sideways at 320px"
    sign_in(page, live_server.url, "lead@ashcombe.example.org")
    for label, path in {**WORKSPACE, **long_content}.items():
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).count() == 1, label
        assert no_sideways_scroll(page), f"{label} scrolls sideways at 320px"
    # Text at 200%: the page still fits a 640px-wide window without sideways scrolling.
    page.set_viewport_size({"width": 640, "height": 800})
    page.goto(live_server.url + WORKSPACE["progress form"])
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert no_sideways_scroll(page)
    # A table scrolls in its own box; one pasted address in a row must not make it so wide
    # that every other column leaves the screen.
    from engagement.models import Action

    action = Action.objects.filter(locality__slug="ashcombe").first()
    Action.objects.filter(pk=action.pk).update(title=long_link)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/workspace/ashcombe/actions/")
    assert page.evaluate("document.querySelector('.table-wrap table').scrollWidth") < 700


TRUST = {
    "privacy notice": "/privacy/",
    "privacy notice in Easy Read": "/privacy/easy-read/",
    "accessibility statement": "/accessibility/",
}


def test_privacy_notice_easy_read_and_accessibility_statement(live_server, page, demo, axe):
    for label, path in TRUST.items():
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).count() == 1
        axe(page, label)
        page.set_viewport_size({"width": 320, "height": 640})
        axe(page, f"{label} at 320px")
        assert no_sideways_scroll(page), f"{label} scrolls sideways at 320px"
        page.set_viewport_size({"width": 640, "height": 800})
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert no_sideways_scroll(page), f"{label} scrolls sideways with text at 200%"
    # The story form links to the Easy Read notice, and the link works.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/living-well-in-later-life/carers-stories/")
    page.get_by_role("link", name="Tell us your story").first.click()
    page.get_by_role("link", name="Easy Read privacy notice").click()
    assert page.get_by_role("heading", name="Privacy notice: Easy Read").is_visible()


def test_suggest_a_topic(live_server, page, demo, axe):
    from events.models import EventPage

    event = EventPage.objects.live().first()
    EventPage.objects.filter(pk=event.pk).update(kind="congress")
    page.goto(f"{live_server.url}/events/{event.pk}/suggest/")
    axe(page, "suggest a topic")
    page.get_by_role("button", name="Send my topic").click()
    axe(page, "suggest a topic with errors")
    assert page.get_by_role("link", name="Easy Read version").is_visible()


def test_the_data_protection_pack_screen(live_server, page, demo, axe):
    sign_in(page, live_server.url, "admin@example.org")
    page.goto(live_server.url + "/admin/")
    assert page.get_by_text("Before going live:").is_visible()
    axe(page, "admin dashboard with what is missing before going live")
    page.goto(live_server.url + "/admin/data-protection-pack/")
    axe(page, "data-protection pack")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Markdown").click()
    assert "## 8. Risks and mitigations" in Path(download.value.path()).read_text()


def test_the_background_tasks_screen(live_server, page, demo, axe):
    """A failed task, and one stopped part way, each with Try again and Dismiss."""
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult, get_date_max

    common = {
        "task_path": "site_content.tasks.delete_old_task_results",
        "args_kwargs": {"args": [], "kwargs": {}},
        "backend_name": "default",
        "run_after": get_date_max(),
    }
    DBTaskResult.objects.create(
        status="FAILED",
        finished_at=timezone.now(),
        traceback="Traceback (most recent call last):\nConnectionRefusedError: no answer",
        **common,
    )
    DBTaskResult.objects.create(
        status="RUNNING", started_at=timezone.now() - datetime.timedelta(days=1), **common
    )
    sign_in(page, live_server.url, "admin@example.org")
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_text("1 background task stopped part way")).to_be_visible()
    page.get_by_role("link", name="Try again or dismiss").click()
    expect(page.locator("#failed-task-list")).to_contain_text("ConnectionRefusedError: no answer")
    expect(page.locator("#failed-task-list")).to_contain_text("Stopped part way")
    axe(page, "background tasks, a failed and a stopped task")
    page.get_by_role("button", name="Dismiss").first.click()
    expect(page.get_by_text("The task has been taken off the list.")).to_be_visible()
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("The task is back in the queue")).to_be_visible()
    expect(page.get_by_text("No task has failed or been stopped.")).to_be_visible()
    settled(page)
    axe(page, "background tasks, after trying again")


def test_the_pages_for_storage_that_does_not_answer(live_server, page, demo, axe, tmp_path):
    """A file that cannot be stored, and a page that cannot be read from the bucket, get a
    plain page each (status 503), with no violations."""
    from unittest import mock

    from botocore.exceptions import EndpointConnectionError
    from django.core.files.storage import FileSystemStorage

    from engagement.models import WorkingGroup
    from guide.models import GuidePage

    base = live_server.url
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Who came and what we agreed.")
    group = WorkingGroup.objects.get(name="Employment")
    sign_in(page, base, "lead@northfold.example.org")
    page.goto(f"{base}/workspace/groups/{group.pk}/")
    page.get_by_label("What happened").fill("Minutes attached.")
    page.get_by_label("A file (optional)").set_input_files(str(minutes))
    with mock.patch.object(FileSystemStorage, "_save", side_effect=OSError("disk full")):
        page.get_by_role("button", name="Add to the log").click()
        expect(page.get_by_role("heading", name="Your file could not be saved")).to_be_visible()
    axe(page, "a file that could not be stored")

    down = EndpointConnectionError(endpoint_url="http://bucket.example")
    with (
        mock.patch.object(GuidePage, "is_built", new=True),
        mock.patch("guide.sites.serve_page", side_effect=down),
    ):
        page.goto(f"{base}/guides/living-well/")
        heading = page.get_by_role("heading", name="This page cannot be shown just now")
        expect(heading).to_be_visible()
    axe(page, "a page the bucket could not give")


NARROW = {
    "coordinator@example.org": [
        "/workspace/programme/living-well-in-later-life/register/",
        "/workspace/programme/living-well-in-later-life/stakeholders/",
        "/workspace/programme/living-well-in-later-life/invite/",
        "/workspace/inquiries/{inquiry}/",
        "/workspace/inquiries/{inquiry}/report/",
    ],
    "lead@ashcombe.example.org": [
        "/workspace/",
        "/workspace/ashcombe/",
        "/workspace/ashcombe/milestones/",
        "/workspace/ashcombe/actions/",
    ],
}


def test_tables_and_charts_on_a_phone(live_server, page, demo, axe):
    """At 320px a wide table scrolls inside its own box, which the keyboard can reach and
    scroll, and a chart shrinks to the screen: no page scrolls sideways, axe finds nothing."""
    from engagement.models import InquiryPage

    inquiry = InquiryPage.objects.filter(programme__slug="living-well-in-later-life").first()
    page.set_viewport_size({"width": 320, "height": 640})
    for email, paths in NARROW.items():
        sign_in(page, live_server.url, email)
        for path in paths:
            path = path.format(inquiry=inquiry.pk)
            page.goto(live_server.url + path)
            assert page.locator("main h1").count() == 1, path
            axe(page, f"{path} at 320px")
            assert no_sideways_scroll(page), f"{path} scrolls sideways at 320px"
            # Each scrolling box is named by its table's caption, which stays on screen.
            boxes = page.eval_on_selector_all(
                ".table-wrap[tabindex]",
                """els => els.map(box => {
                  const caption = box.querySelector('caption');
                  const r = caption ? caption.getBoundingClientRect() : null;
                  return {named: !caption || (box.getAttribute('role') === 'region'
                            && box.getAttribute('aria-labelledby') === caption.id),
                          fits: !r || r.right <= window.innerWidth + 1};
                })""",
            )
            assert all(b["named"] and b["fits"] for b in boxes), (path, boxes)
        page.context.clear_cookies()


def test_the_inquiry_analysis_forms_with_errors(live_server, page, demo, axe):
    """A theme without a name: the page again, the summary focused, the words kept."""
    from engagement.models import InquiryPage

    inquiry = InquiryPage.objects.filter(programme__slug="living-well-in-later-life").first()
    sign_in(page, live_server.url, "coordinator@example.org")
    page.goto(f"{live_server.url}/workspace/inquiries/{inquiry.pk}/")
    page.get_by_label("What it means").fill("Staff who remember what matters")
    page.get_by_role("button", name="Add the theme").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.get_by_label("What it means")).to_have_value("Staff who remember what matters")
    axe(page, "inquiry analysis with an error")
    # The page's second form failing: one summary, first in <main> (above the h1, not down
    # by the form), whose link leads to the field.
    page.get_by_role("button", name="Add the proposition").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_count(1)
    assert page.evaluate(
        "document.querySelector('main').firstElementChild.matches('[data-error-summary]')"
    )
    assert page.title().startswith("Error: ")
    summary.get_by_role("link", name="Write the proposition").click()
    expect(page.get_by_label("New proposition")).to_be_focused()
    axe(page, "inquiry analysis with an error in its second form")


def test_the_error_summary_takes_the_focus(live_server, page, demo):
    """A form sent back with errors: focus moves to the summary, whose links lead to each
    field; skipping to the content does not paint the page yellow."""
    sign_in(page, live_server.url, "lead@ashcombe.example.org")
    page.goto(live_server.url + WORKSPACE["progress form"])
    page.get_by_role("button", name="Save to the log").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-error-summary]') !== null")
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    colour = page.evaluate("getComputedStyle(document.querySelector('main')).backgroundColor")
    assert colour in ("rgba(0, 0, 0, 0)", "transparent")


def test_the_guides_editorial_pages(live_server, page, demo, axe):
    """The guide as Wagtail shows its editors: the guide, a chapter with its blocks, and its
    Easy Read page; headings step down from the chapter's h1 without a gap."""
    from guide.models import GuideEasyReadPage

    easy = GuideEasyReadPage.objects.live().first()
    chapter = easy.get_parent()
    sign_in(page, live_server.url, "admin@example.org")  # the guide's editors read them
    for path in (chapter.get_parent().url, chapter.url, easy.url):
        page.goto(live_server.url + path)
        axe(page, path)
    page.goto(live_server.url + "/")
    programmes = page.locator("h2:has-text('Programmes') + ul").inner_text()
    assert chapter.get_parent().title not in programmes  # the guide is not a programme


def test_a_private_pages_password_form(live_server, page, demo, axe):
    """Wagtail's bare password page is replaced by one in the site's layout: a main
    landmark, a label, and the error summary for a wrong password."""
    from wagtail.models import Page, PageViewRestriction

    about = Page.objects.get(url_path="/home/about/")
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="tulip-42"
    )
    page.goto(live_server.url + "/about/")
    expect(page.get_by_role("heading", name="Password needed")).to_be_visible()
    axe(page, "password form")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    axe(page, "password form with an error")
    page.get_by_label("Password").fill("tulip-42")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(about.title)


def test_the_editing_button_never_covers_the_end_of_a_page_at_320px(live_server, page, demo):
    """Wagtail's editing button is fixed in a corner for editors; at 320px wide the last
    words of the page must still scroll clear of it."""
    sign_in(page, live_server.url, "coordinator@example.org")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/living-well-in-later-life/")
    button = page.locator("wagtail-userbar").get_by_role("button").first
    expect(button).to_be_visible()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last_words = page.locator(".site-footer p").last.bounding_box()
    corner = button.bounding_box()
    assert last_words["y"] + last_words["height"] <= corner["y"], (last_words, corner)
