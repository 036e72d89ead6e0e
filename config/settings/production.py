"""Production: reads its secrets from the environment and refuses to start without them."""

import logging
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be set to run with production settings."
        )
    return value


SECRET_KEY = _required("SECRET_KEY")
if SECRET_KEY.startswith("change-me"):  # deploy/env.example's placeholder, left as it was
    raise ImproperlyConfigured(
        "SECRET_KEY is still the example's placeholder. Set it to 50 or more random "
        "characters, for example the output of: python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'"
    )
# Keys rotated out, comma-separated: what they signed (sessions, links in emails, backups'
# manifests) still verifies until they are removed from here.
SECRET_KEY_FALLBACKS = [
    k.strip() for k in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if k.strip()
]
ALLOWED_HOSTS = [h.strip() for h in _required("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Behind a TLS-terminating proxy. SECURE_SSL_REDIRECT can be turned off for a plain-HTTP
# benchmark on 127.0.0.1 only.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
X_FRAME_OPTIONS = "DENY"

# Sign-up, verification and password-reset links must reach people, not a log: production
# needs a mail server, unless the operator says on purpose that mail goes to the log.
# A mail server that accepts connections and never answers gives up after EMAIL_TIMEOUT.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
if os.environ.get("EMAIL_HOST", "").strip():
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"].strip()
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = True
elif os.environ.get("EMAIL_TO_LOG", "").strip().lower() == "true":
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
    logging.getLogger("config.settings").warning(
        "EMAIL_TO_LOG=true: emails, with their sign-in and password-reset links, are written "
        "to the server log instead of being sent. Set EMAIL_HOST to send them."
    )
else:
    raise ImproperlyConfigured(
        "Set EMAIL_HOST (the mail server) to run with production settings, or set "
        "EMAIL_TO_LOG=true to write emails, with their private links, to the server log."
    )

# Errors reach ADMINS through the real mail server, not the queue (it lives in the database).
LOGGING["handlers"]["mail_admins"]["email_backend"] = EMAIL_DELIVERY_BACKEND  # noqa: F405

# allauth's rate limits need a cache shared by every app process: the database cache
# (run `python manage.py createcachetable` once after migrating).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "common_ground_cache",
    }
}
