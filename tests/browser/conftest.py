import importlib

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.apps import apps as django_apps
from django.core.management import call_command

WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def ensure_base_data():
    """Put back what migrations create (root page, locale, home page, site, tags, the
    safeguarding word list).

    Transactional tests empty every table when they finish, so a later one starts bare.
    """
    from django.conf import settings
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    from site_content.models import HomePage

    seed_tags = importlib.import_module("engagement.migrations.0002_seed_tags").seed
    seed_tags(django_apps, None)
    importlib.import_module("engagement.migrations.0007_seed_safeguarding_terms").seed(
        django_apps, None
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if Page.objects.filter(depth=1).exists():
        return
    Locale.objects.get_or_create(
        language_code=get_supported_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Common Ground", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.fixture
def demo(transactional_db):
    ensure_base_data()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def axe():
    engine = Axe()

    def check(page, label):
        result = engine.run(page, options=WCAG)
        violations = [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in result.response["violations"]
        ]
        assert violations == [], f"axe violations on {label}: {violations}"

    return check


def sign_in(page, base, email, password="common-ground-demo"):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    # Wait for the answer, so the next page is opened signed in (or the errors are shown).
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def settled(page):
    """Once the admin's messages have finished fading in (axe reads colours mid-fade)."""
    page.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")


def fill_date(page, legend: str, iso: str, *, exact: bool = False):
    """Type a date (YYYY-MM-DD, or "" to empty it) into the day, month and year boxes of the
    date named ``legend``, as a person types it."""
    group = date_group(page, legend, exact=exact)
    parts = iso.split("-") if iso else ["", "", ""]
    for label, value in zip(("Year", "Month", "Day"), parts, strict=True):
        group.get_by_label(label, exact=True).fill(value.lstrip("0") if label != "Year" else value)
    return group


def date_group(page, legend: str, *, exact: bool = False):
    """The day, month and year boxes of the date named ``legend`` ("(optional)" after it
    or not)."""
    import re

    if exact:
        return page.get_by_role("group", name=re.compile(rf"^{re.escape(legend)}( \(optional\))?$"))
    return page.get_by_role("group", name=legend)
