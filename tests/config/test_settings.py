"""Production settings refuse to start without their secrets and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_HOST")
        and k != "EMAIL_TO_LOG"
    }
    full_env.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_is_named():
    result = run_manage("check", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_example_environment_files_placeholder_key_is_refused():
    placeholder = next(
        line.split("=", 1)[1]
        for line in (ROOT / "deploy/env.example").read_text().splitlines()
        if line.startswith("SECRET_KEY=")
    )
    result = run_manage("check", SECRET_KEY=placeholder, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is still the example's placeholder" in result.stderr


def test_missing_allowed_hosts_is_named():
    result = run_manage("check", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_check_deploy_has_no_warnings(tmp_path):
    # An empty database: the go-live details (site_content.checks) are tested on their own.
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-long-random-production-secret-" + "k3y" * 20,
        ALLOWED_HOSTS="commonground.example",
        EMAIL_HOST="smtp.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SECRETS = {"SECRET_KEY": "a-long-random-production-secret-" + "k3y" * 20, "ALLOWED_HOSTS": "x.org"}


def test_production_refuses_to_start_without_a_way_to_send_email():
    result = run_manage("check", **SECRETS)
    assert result.returncode != 0
    assert "Set EMAIL_HOST" in result.stderr and "EMAIL_TO_LOG=true" in result.stderr


def test_email_to_the_log_only_on_purpose_and_said_at_start():
    result = run_manage("check", EMAIL_TO_LOG="true", **SECRETS)
    assert result.returncode == 0, result.stderr
    assert "written to the server log" in result.stderr


def test_outgoing_mail_connections_have_a_timeout():
    shown = "from django.conf import settings; print(settings.EMAIL_TIMEOUT)"
    result = run_manage("shell", "-c", shown, EMAIL_HOST="smtp.example.org", **SECRETS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "10"
    stuck = run_manage(
        "shell", "-c", shown, EMAIL_HOST="smtp.example.org", EMAIL_TIMEOUT="3", **SECRETS
    )
    assert stuck.stdout.strip().splitlines()[-1] == "3"


def test_errors_are_emailed_to_admins_through_the_mail_server_not_the_queue():
    shown = (
        "from django.conf import settings; "
        "print(settings.LOGGING['handlers']['mail_admins']['email_backend']); "
        "print(settings.ADMINS)"
    )
    result = run_manage(
        "shell",
        "-c",
        shown,
        EMAIL_HOST="smtp.example.org",
        ADMINS="Site Ops <ops@example.org>, oncall@example.org",
        **SECRETS,
    )
    assert result.returncode == 0, result.stderr
    backend, admins = result.stdout.strip().splitlines()[-2:]
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert admins == str([("Site Ops", "ops@example.org"), ("oncall@example.org",) * 2])
