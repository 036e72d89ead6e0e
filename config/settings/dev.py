"""Local development and the embedded demo (make run)."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-common-ground"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo's staff account signs in without a second factor (production and the test of this
# rule require it).
MFA_REQUIRED_FOR_STAFF = False
# The worker runs in its own process beside the development server: both must see the same
# cache (the programme page's and the analysis page's cached parts), as in production.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "common_ground_cache",
    }
}
