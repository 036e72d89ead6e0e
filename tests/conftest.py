import os
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from site_content.pdf import BROWSER_FLAGS

# Playwright's sync API runs an event loop in the test thread; Django refuses sync ORM calls
# from inside one unless this is set. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": BROWSER_FLAGS,
        "headless": True,
    }


@pytest.fixture
def user(db):
    from tests.factories import UserFactory

    return UserFactory()


@pytest.fixture(scope="module")
def demo_for_module(django_db_setup, django_db_blocker):
    """The demo, loaded once for all the tests of a module that ask for it.

    It is loaded inside a transaction. Each test's own transaction (from `db`) nests inside it
    as a savepoint, so what one test changes is undone before the next, and the demo itself
    is rolled back after the module's last test. Tests that commit (`transactional_db`, the
    browser tests) cannot share it: they load the demo themselves.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", stdout=StringIO())
            yield
            transaction.set_rollback(True)
        # Wagtail keeps the site's root paths in the cache; they named rows now gone.
        cache.clear()
