import os

import pytest

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
