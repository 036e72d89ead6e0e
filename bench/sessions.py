"""Print session cookies for the benchmark's signed-in pages, and each page's SQL query count.

Run with production settings against the bench database (bench/run.sh does this).
"""

import json
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def session_for(email):
    user = get_user_model().objects.get(email=email)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


pages = json.loads(sys.argv[1])
lead = (
    get_user_model()
    .objects.filter(memberships__is_lead=True, memberships__locality__slug="bench-locality-001")
    .first()
)
cookies = {"lead": session_for(lead.email), "admin": session_for("bench-admin@bench.example.org")}
out = {}
for name, (path, who) in pages.items():
    client = Client()
    if who:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookies[who]
    client.get(path, secure=True)  # warm caches, as the load run will be
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, secure=True)
    out[name] = {
        "status": response.status_code,
        "queries": len(ctx),
        "cookie": cookies.get(who, ""),
    }
print(json.dumps(out))
