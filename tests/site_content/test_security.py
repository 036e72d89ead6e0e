"""Security headers on every public page type, session limits, and the sign-in rate limit."""

import time

import pytest
from django.urls import reverse

from tests import factories as f


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    from events.models import EventPage  # noqa: F401 - page types below include events

    programme = f.make_programme()
    locality = f.make_locality(programme)
    for url in [
        "/",
        programme.url,
        locality.url,
        reverse("account_login"),
        reverse("guide:examples"),
        "/no-such-page/",
    ]:
        response = client.get(url)
        policy = response.get("Content-Security-Policy", "")
        assert (
            "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
        ), url
        assert "frame-ancestors 'none'" in policy, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url


@pytest.mark.django_db
def test_sessions_end_after_the_absolute_limit(client, settings):
    user = f.UserFactory()
    client.force_login(user)
    assert client.get(reverse("workspace:index")).status_code == 200
    session = client.session
    session["_session_started"] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 5
    session.save()
    response = client.get(reverse("workspace:index"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_sign_in_is_blocked_exactly_after_the_limit(client, settings):
    from django.core.cache import cache

    from config.settings import base

    cache.clear()
    # The limits people meet in production (the test settings allow more from one address).
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed": base.ACCOUNT_RATE_LIMITS["login_failed"],
    }
    f.UserFactory(email="target@example.org")
    limit = 5  # "5/5m/key"
    for _ in range(limit):
        page = client.post(
            reverse("account_login"), {"login": "target@example.org", "password": "x"}
        )
        assert "wrong too many times" not in page.content.decode()
    blocked = client.post(
        reverse("account_login"), {"login": "target@example.org", "password": "x"}
    )
    assert blocked.status_code in (200, 429)
    assert "That password has been wrong too many times. Wait 5 minutes" in blocked.content.decode()
