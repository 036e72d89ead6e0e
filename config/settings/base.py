"""Settings shared by every environment. Safe on its own: no secrets, DEBUG off.

Environment variables are read here and in production.py only; the rest of the code reads
django.conf.settings.
"""

import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "accounts",
    "site_content",
    "engagement",
    "events",
    "guide",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.WagtailUsersConfig",  # wagtail.users, with accounts/powers.py's rule
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "accounts.apps.DjangoAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: /healthz answers before the HTTPS redirect and the host check.
    "site_content.middleware.HealthCheckMiddleware",
    "site_content.middleware.NulPathMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "site_content.middleware.TypedTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.audit.AuditRequestMiddleware",  # who and from where, for signals' audit entries
    "site_content.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.AbsoluteSessionLimitMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    "accounts.middleware.AdminAccessMiddleware",
    "site_content.admin_scope.AdminScopeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "site_content.middleware.ContentSecurityPolicyMiddleware",
    "site_content.middleware.AdminQueryMiddleware",
    "site_content.middleware.StorageFaultMiddleware",
    "site_content.middleware.ButtonAddressMiddleware",
    "site_content.middleware.SignedOutWhileTypingMiddleware",
]

# No inline or third-party scripts on the site's own pages (see site_content/middleware.py).
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite by default (the embedded mode); PostgreSQL or any other server through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A kept connection is checked before each request, so after a database restart the
        # app reconnects by itself instead of failing until it is restarted.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock when a transaction starts, so two registrations for the last
    # place are taken one after the other (PostgreSQL uses row locks instead).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace:index"

# --- django-allauth: email is the login, verified before first sign-in, no usernames ---
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.NameSignupForm"  # and a name
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords lock one account for a while; a whole office or care home on one
    # connection is locked out only after many more.
    "login_failed": "30/5m/ip,5/5m/key",
    # Wrong passwords for a private page (site_content.views.page_password).
    "page_password": "5/5m/ip,5/5m/key",
    # Public forms that need no account, through the same limiter (allauth.core.ratelimit).
    "story_submit": os.environ.get("STORY_RATE_LIMIT", "10/h/ip"),
    "event_register": os.environ.get("REGISTRATION_RATE_LIMIT", "20/h/ip"),
    "topic_suggest": os.environ.get("TOPIC_RATE_LIMIT", "10/h/ip"),
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Common Ground: "
# Inquiry analysis counts every request afresh instead of once per change of the stories
# (engagement.stories.figures): for the bench's comparison row only, never needed to be right.
ANALYSIS_DIRECT_COUNT = os.environ.get("ANALYSIS_DIRECT_COUNT", "").strip().lower() == "true"
# Behind a proxy: how many proxies you run (they append to X-Forwarded-For), or the header
# your proxy sets to the client's address. Rate limits and the audit log use the result.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
# Second factor: TOTP apps and recovery codes. Staff (everyone who can open the Wagtail admin)
# must set one up before they can use anything else (accounts.middleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# People can see where they are signed in and sign out everywhere else. Activity tracking is
# off: it would write to the database on every request.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_TOTP_ISSUER = "Common Ground"
MFA_REQUIRED_FOR_STAFF = True
# The set-up page keeps one secret until it is confirmed (accounts/forms.py says why).
MFA_FORMS = {"activate_totp": "accounts.forms.SteadyActivateTOTPForm"}
# The Wagtail admin signs people in through allauth, so its rate limits and MFA apply.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Private pages ask people to sign in through allauth too (not Wagtail's own password form).
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Passwords are reset and changed through allauth alone (its rate limits, its emails).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# An email address is changed only through allauth too: it must be verified before it signs
# anyone in, and allauth's own record of the address changes with it.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# allauth's words made plain, read before allauth's own catalogue (accounts/locale; make words).
LOCALE_PATHS = [BASE_DIR / "accounts" / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# A private page's or document collection's password form, in the site's own layout.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "site_content/password_required.html"  # noqa: S105 - a template
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "site_content/password_required.html"  # noqa: S105
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Workspace attachments never live under MEDIA_URL: they are served by a view that checks
# permission first.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Shared storage: S3-compatible object storage for public media and private files, so every
# app server reads the same files. Off unless OBJECT_STORAGE_BUCKET is set (local disk above
# stays the default). Private files keep being served only through the permission checks,
# which read them from the bucket and pass them on; the bucket itself is never public.
OBJECT_STORAGE_BUCKET = os.environ.get("OBJECT_STORAGE_BUCKET", "")
# A bucket that stops answering must not hold a request (and a gunicorn worker) for minutes:
# seconds to connect and to wait for an answer, and tries in all (botocore's own retries).
OBJECT_STORAGE_CLIENT = {
    "connect_timeout": 5,
    "read_timeout": 20,
    "retries": {"max_attempts": 2, "mode": "standard"},
}
if OBJECT_STORAGE_BUCKET:
    from botocore.config import Config

    _bucket = {
        "client_config": Config(**OBJECT_STORAGE_CLIENT),
        "bucket_name": OBJECT_STORAGE_BUCKET,
        "endpoint_url": os.environ.get("OBJECT_STORAGE_ENDPOINT") or None,
        "region_name": os.environ.get("OBJECT_STORAGE_REGION") or None,
        "access_key": os.environ.get("OBJECT_STORAGE_ACCESS_KEY") or None,
        "secret_key": os.environ.get("OBJECT_STORAGE_SECRET_KEY") or None,
        "file_overwrite": False,
        "default_acl": None,  # the bucket's own policy decides; objects are never made public
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            "location": "media",
            # Public media (page images) by address: a CDN or a bucket policy that lets anyone
            # read media/ only; without one, short-lived signed addresses.
            "custom_domain": os.environ.get("OBJECT_STORAGE_MEDIA_DOMAIN") or None,
            "querystring_auth": not os.environ.get("OBJECT_STORAGE_MEDIA_DOMAIN"),
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }

    # Built guides: every build under a new prefix, and a database pointer switched to it
    # when complete (guide.sites). Served through the app, which reads the pointer.
    STORAGES["guides"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_bucket, "location": "guides", "file_overwrite": True},
    }
# Built guides go to the "guides" storage (the bucket) when there is one, else to
# GUIDE_SITE_DIR on this machine's disk.
GUIDE_SITES_IN_STORAGE = "guides" in STORAGES

# Attachments on progress entries.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt", "jpg", "jpeg", "png"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Every email (allauth's, events', stories') is saved to the outgoing queue in the same
# transaction as its record, and a background task hands it to EMAIL_DELIVERY_BACKEND with
# retries (site_content.mail). A mail server being down never fails a person's request.
EMAIL_BACKEND = "site_content.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Common Ground <no-reply@commonground.example>"
)

WAGTAIL_SITE_NAME = "Common Ground"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# When SITE_URL is set, migrate gives the Wagtail Site its host and port, so page URLs name it
# (site_content.site_address; `manage.py set_site_address` does it on demand).
SITE_ADDRESS_FROM_ENV = bool(os.environ.get("SITE_URL", "").strip())
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Every document and image upload is checked by content and scanned (site_content.uploads).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "site_content.forms_admin.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "site_content.forms_admin.CheckedImageForm"
# A virus scanner for uploads: ClamAV is used when installed with its signatures; set a
# command (it gets the file's path last; exit 0 clean, 1 infected) to use another.
UPLOAD_SCANNER_COMMAND = [c for c in os.environ.get("UPLOAD_SCANNER_COMMAND", "").split() if c]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always served through Wagtail's view, which applies collection privacy;
# never straight from the media folder.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nothing fetched from other hosts
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
# Sessions end after 8 hours however active (absolute) and after 2 hours without use (idle):
# the expiry moves on with every request, and the absolute limit is kept by
# accounts.middleware.AbsoluteSessionLimitMiddleware.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", 2 * 60 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", 8 * 60 * 60))
CSRF_COOKIE_HTTPONLY = False
# A form sent with an out-of-date security token gets a page in plain words.
CSRF_FAILURE_VIEW = "site_content.views.form_expired"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# One line per failure: the first time a failure happens it is logged with its traceback (and
# emailed to ADMINS, once); the same failure again within LOG_REPEAT_SECONDS is one line
# (site_content.log_filters). A twenty-second database outage is one traceback, not hundreds.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
LOG_REPEAT_SECONDS = int(os.environ.get("LOG_REPEAT_SECONDS", "300"))
# Who is emailed about errors: "Name <email>, Name <email>" or plain addresses.
ADMINS = [
    (name or address, address)
    for name, address in (parseaddr(a) for a in os.environ.get("ADMINS", "").split(","))
    if address
]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "Common Ground <errors@commonground.example>")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "repeat_as_one_line": {
            "()": "site_content.log_filters.RepeatedFailureFilter",
            "window": LOG_REPEAT_SECONDS,
            "then": "line",
        },
        "repeat_not_emailed": {
            "()": "site_content.log_filters.RepeatedFailureFilter",
            "window": LOG_REPEAT_SECONDS,
            "then": "drop",
        },
    },
    "formatters": {
        "one_line_repeats": {
            "()": "site_content.log_filters.RepeatAwareFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s: %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["repeat_as_one_line"],
            "formatter": "one_line_repeats",
        },
        # Straight to the mail server (EMAIL_DELIVERY_BACKEND, set again in production.py), not
        # through the queue: the queue is in the database, which may be what failed.
        "mail_admins": {
            "class": "site_content.log_filters.FailureEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "repeat_not_emailed"],
            "email_backend": "django.core.mail.backends.console.EmailBackend",
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL},
    # Django's own default handlers (a console for DEBUG, an email for every error) are
    # replaced: its records reach the root's handlers above, once.
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
}

# --- The published guide (MkDocs) ---
# Every guide is built into its own folder here: GUIDE_SITE_DIR/<guide slug>/.
GUIDE_SITE_DIR = Path(os.environ.get("GUIDE_SITE_DIR", BASE_DIR / "site"))
# The guide that /guide/ leads to (a guide's slug); empty means the first guide in the tree.
GUIDE_DEFAULT = os.environ.get("GUIDE_DEFAULT", "")
# Contact details that may appear in the guide (e.g. an organisation's published switchboard).
GUIDE_PUBLIC_CONTACTS = [
    c.strip() for c in os.environ.get("GUIDE_PUBLIC_CONTACTS", "").split(";") if c.strip()
]

# --- Background tasks: stored in the database, run by `manage.py run_worker` (its own
# process; `make run` starts one beside the development server). The worker also enqueues the
# periodic tasks (site_content.background.periodic) when they are due.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The admin dashboard warns that the worker may be down when a task has waited this long.
TASKS_WAITING_WARN_SECONDS = 300
# A task still marked running after this long was stopped with its worker (killed, or the
# machine lost): the admin lists it to try again. Longer than the slowest task, a guide build.
TASK_STOPPED_SECONDS = 3600
# Finished tasks are deleted after these many days (failed ones are kept longer, for staff).
TASK_RESULTS_KEEP_DAYS = 2
FAILED_TASK_RESULTS_KEEP_DAYS = 30

# --- Experts by experience ---
# What a panel member is owed for answering a review round (GBP); set per programme policy.
PANEL_REVIEW_FEE = os.environ.get("PANEL_REVIEW_FEE", "20.00")

# --- Retention: how long personal data is kept (days); `manage.py apply_retention` applies it.
# Each value is read as it is set; a system check (accounts.checks) stops the site at start,
# naming the variable, when one is not a whole number of days, 1 or more.
RETENTION_ENV = {  # key: (environment variable, default days, what it applies to)
    "event_needs": (
        "RETAIN_EVENT_NEEDS_DAYS",
        "28",
        "Access and food needs are wiped this long after the event ends.",
    ),
    "ended_registrations": (
        "RETAIN_ENDED_REGISTRATIONS_DAYS",
        "180",
        "Bookings that never became a place (cancelled, lapsed, or still waiting or holding an "
        "offer when the event ended) are deleted this long after they were made; a waiting "
        "one not before its event has ended.",
    ),
    "unconfirmed_registrations": (
        "RETAIN_UNCONFIRMED_REGISTRATIONS_DAYS",
        "7",
        "A booking whose email address is not confirmed by its link is deleted this long after "
        "it was made (the link stops working then).",
    ),
    "topic_names": (
        "RETAIN_TOPIC_NAMES_DAYS",
        "180",
        "The name given with a topic suggested for an event, and the account it came from, "
        "are removed this long after the event ends (the topic stays).",
    ),
    "audit_log": ("RETAIN_AUDIT_DAYS", "730", "The audit log is kept this long."),
    "sent_email": (
        "RETAIN_SENT_EMAIL_DAYS",
        "30",
        "Sent email (it holds addresses and private links) is deleted this long after sending.",
    ),
    "withdrawn_stories": (
        "RETAIN_WITHDRAWN_STORIES_DAYS",
        "30",
        "A withdrawn story's remaining record (reference and dates) is deleted this long after.",
    ),
}


def _days(name: str, default: str):
    value = os.environ.get(name, default).strip()
    return int(value) if value.lstrip("-").isdigit() else value


RETENTION_DAYS = {key: _days(name, default) for key, (name, default, _) in RETENTION_ENV.items()}

# --- Email: sent by a background task after the record commits; retried with back-off.
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "8"))

# --- Appreciative inquiry: stories ---
# How long a storyteller's private link works (days from the story being sent).
STORY_LINK_DAYS = int(os.environ.get("STORY_LINK_DAYS", "365"))
STORY_RECORDING_MAX_BYTES = 20 * 1024 * 1024
STORY_PICTURE_MAX_BYTES = 10 * 1024 * 1024
STORY_MAX_CHARS = 20_000

# The largest request a form takes (the public story form with a recording and a picture, and
# its words): the proxy's client_max_body_size (`manage.py nginx_config` writes it from this).
UPLOAD_REQUEST_MAX_BYTES = STORY_RECORDING_MAX_BYTES + STORY_PICTURE_MAX_BYTES + 2 * 1024 * 1024
