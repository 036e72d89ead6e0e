"""axe on every screen of the Wagtail admin that lists, adds or shows something, walked from
the URL patterns (so a screen added later is scanned too), as the programme's admin: council
officers and the programme team work here every day."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Error as PlaywrightError

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Fragments fetched by a screen's own script, pickers opened inside a screen, and pages that
# are not screens (a deliberate error, signing out).
NOT_SCREENS = ("results/", "choose", "chosen", "test404", "failwhale", "logout", "dismissibles")
NOT_SCREENS += ("block-preview", "jsi18n", "api/", "search/results", "preview", "autocomplete")
NOT_SCREENS += ("^", "sprite", "login", "password_reset", "import/process", "quote-a-story")


def admin_screens() -> list[str]:
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            path = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, path)
            elif isinstance(pattern, URLPattern) and path.startswith("admin/"):
                if "<" in path or "(" in path or any(word in path for word in NOT_SCREENS):
                    continue
                found.append("/" + path)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def test_every_admin_screen_has_no_axe_violations(live_server, page, demo, axe):
    screens = admin_screens()
    assert "/admin/users/new/" in screens and "/admin/audit/" in screens
    sign_in(page, live_server.url, "admin@example.org")
    failures = []
    for path in screens:
        try:
            answer = page.goto(live_server.url + path)
        except PlaywrightError:  # a screen that answers a GET with no page (a form's target)
            continue
        if answer is None or answer.status != 200:
            continue  # a redirect elsewhere, or a screen this account may not open
        # Once the admin's fades have finished (a spinner that turns for ever is not waited for).
        page.evaluate(
            "Promise.race([Promise.all(document.getAnimations()"
            ".filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)"
            ".map((a) => a.finished)), new Promise((done) => setTimeout(done, 2000))])"
        )
        try:
            axe(page, path)
        except AssertionError as problem:
            failures.append(str(problem)[:600])
    # The moderation screen of a story (a screen with an id, so not among the patterns above).
    from engagement.models import Story

    story = Story.objects.filter(status=Story.IN_REVIEW).first() or Story.objects.first()
    page.goto(f"{live_server.url}/admin/stories/{story.pk}/")
    try:
        axe(page, "a story's moderation screen")
    except AssertionError as problem:
        failures.append(str(problem)[:600])
    assert failures == [], "\n".join(failures)
