"""The test suite. SQLite on a file (so --reuse-db works) unless DATABASE_URL is set."""

import atexit
import os
import shutil
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# pytest-django sends mail to the locmem outbox directly; tests of the queue switch
# EMAIL_BACKEND back to site_content.mail.QueuedEmailBackend, which delivers here.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
_tmp = tempfile.mkdtemp(prefix="cg-test-media-")
# Removed when the process that loaded these settings ends (every manage.py call and test
# run makes its own).
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)
MEDIA_ROOT = _tmp + "/public"
PRIVATE_MEDIA_ROOT = _tmp + "/private"
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
# Guides a test builds go to its process's own folder, not the checkout's site/ (two test
# processes, or a test run beside `make run`, never write the same files).
GUIDE_SITE_DIR = Path(_tmp) / "site"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        # A second name lets two runs share a checkout without sharing a database.
        "NAME": os.environ.get("TEST_SQLITE_NAME", str(BASE_DIR / ".test-db.sqlite3"))  # noqa: F405
    }
ACCOUNT_RATE_LIMITS = {  # noqa: F405
    **ACCOUNT_RATE_LIMITS,  # noqa: F405
    "login_failed": "50/5m/ip,5/5m/key",
    "story_submit": "1000/h/ip",
    "event_register": "1000/h/ip",
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks run where they are enqueued; tests of the worker switch to the database backend and
# run it in-process (tests/site_content/test_worker.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# `make test` exports SITE_URL; the test database keeps the Site its migration made.
SITE_ADDRESS_FROM_ENV = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that open the admin sign in without a second factor; tests/accounts/test_mfa.py turns
# the rule on and checks it.
MFA_REQUIRED_FOR_STAFF = False
