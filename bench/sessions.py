"""Sign the benchmark's people in the way a person does, and print their session cookies and
each page's SQL query count. Exits non-zero if a page does not answer 200 with its text.

The programme admin must use a second factor in production (MFA_REQUIRED_FOR_STAFF), so the
bench admin has an authenticator app enrolled and signs in with a code from it; the
dashboard row then times the dashboard, not the set-up page it would otherwise be sent to.

Run with production settings against the bench database (bench/run.sh does this).
"""

import json
import sys

import django

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from allauth.mfa.adapter import get_adapter as mfa_adapter  # noqa: E402
from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import (  # noqa: E402
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

PASSWORD = "bench-only password, never on a real site"  # noqa: S105 - bench database only


def ready_to_sign_in(user, second_factor=False):
    """A password, a verified address and (if asked) an authenticator app; returns the app's
    secret."""
    if not user.check_password(PASSWORD):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not second_factor:
        return None
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        totp = TOTP.activate(user, generate_totp_secret()).instance
    return mfa_adapter().decrypt(totp.data["secret"])


def signed_in(user, secret=None):
    """A client signed in through allauth's own pages (with the second factor if any)."""
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, secure=True
    )
    if secret is not None:
        code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
        response = client.post(reverse("mfa_authenticate"), {"code": code}, secure=True)
    if response.status_code != 302 or "_auth_user_id" not in client.session:
        sys.exit(f"bench: {user.email} could not sign in ({response.status_code})")
    return client


pages = json.loads(sys.argv[1])
User = get_user_model()
lead = User.objects.filter(
    memberships__is_lead=True, memberships__locality__slug="bench-locality-001"
).first()
admin = User.objects.get(email="bench-admin@bench.example.org")
clients = {
    "": Client(),
    "lead": signed_in(lead, ready_to_sign_in(lead)),
    "admin": signed_in(admin, ready_to_sign_in(admin, second_factor=True)),
}
out = {}
failed = []
for name, (path, who, expected) in pages.items():
    client = clients[who]
    client.get(path, secure=True)  # warm caches, as the load run will be
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200 or expected.encode() not in body:
        failed.append(f"{name} ({path}): {response.status_code}, expected text {expected!r}")
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    out[name] = {"queries": len(ctx), "cookie": cookie.value if who else ""}
if failed:
    sys.exit("bench: these pages do not answer 200 with their text:\n  " + "\n  ".join(failed))
print(json.dumps(out))
