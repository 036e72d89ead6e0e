"""/healthz: for the proxy and the load balancer, whatever host they ask with and over plain
HTTP, it says whether the database answers, never with a redirect."""

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["guide.example.org"])
def test_health_check_answers_any_host_over_plain_http():
    response = Client(HTTP_HOST="10.0.0.5:8000").get("/healthz")
    assert response.status_code == 200
    assert response.content == b"database: ok\n"
    assert response["Cache-Control"] == "no-store"
    # Every other path still redirects to HTTPS and checks the host.
    assert Client(HTTP_HOST="guide.example.org").get("/").status_code == 301
    assert Client(HTTP_HOST="10.0.0.5:8000").get("/").status_code == 400


def test_health_check_says_when_the_database_does_not_answer(monkeypatch, client):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"database: not answering\n"
