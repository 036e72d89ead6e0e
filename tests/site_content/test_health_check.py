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


def _under_production_settings(database_url):
    """Ask /healthz and / under the real production settings (HTTPS redirect on, one allowed
    host), as the load balancer does: plain HTTP, its own address as the host."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    asked = (
        "from django.test import Client; c = Client(HTTP_HOST='10.0.0.5:8000'); "
        "r = c.get('/healthz'); print(r.status_code, r.content.decode().strip(), "
        "r.get('Location')); "
        "r = Client(HTTP_HOST='cg.example.org').get('/'); print(r.status_code, r['Location'])"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("SECURE_SSL_REDIRECT",)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="a-long-random-production-secret-" + "k3y" * 20,
        ALLOWED_HOSTS="cg.example.org",
        EMAIL_HOST="smtp.example.org",
        DATABASE_URL=database_url,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", asked],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-2:], result.stderr


def test_under_production_settings_it_answers_without_redirect_or_host_check(tmp_path):
    (health, home), _ = _under_production_settings(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert health == "200 database: ok None"
    assert home == "301 https://cg.example.org/"


def test_under_production_settings_a_database_down_is_503_and_no_traceback():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (health, _), stderr = _under_production_settings(f"postgres://app:app@127.0.0.1:{port}/app")
    assert health == "503 database: not answering None"
    assert "Traceback" not in stderr
