"""Deployable by the book: the README names every environment variable the settings read,
and the files in deploy/ agree with the settings and with each other."""

import io
import math
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
DEPLOY = ROOT / "deploy"

READ = re.compile(
    r"""(?:environ\.get\(\s*|environ\[\s*|getenv\(\s*|_required\(\s*)["']([A-Z][A-Z0-9_]*)["']"""
)
ANY_READ = re.compile(r"(?:environ\.get\(|environ\[|getenv\()\s*([^\s,)\]]+)")


def names_read(path: Path) -> set[str]:
    return set(READ.findall(path.read_text()))


def settings_sources():
    return sorted((ROOT / "config" / "settings").glob("*.py"))


def test_every_environment_variable_the_settings_read_is_in_the_readme():
    names = set()
    for source in [*settings_sources(), DEPLOY / "gunicorn.conf.py"]:
        names |= names_read(source)
    # Read through a table (RETENTION_ENV) rather than by a literal name.
    names |= {name for name, _, _ in settings.RETENTION_ENV.values()}
    names |= {"FIRST_ADMIN_PASSWORD", "CG_ENV_FILE", "DJANGO_SETTINGS_MODULE"}
    assert {"STATIC_ROOT", "DB_CONN_MAX_AGE", "LOG_LEVEL", "SECURE_HSTS_SECONDS"} <= names
    missing = sorted(n for n in names if f"`{n}`" not in README)
    assert not missing, f"environment variables not in the README: {missing}"


def test_no_setting_reads_the_environment_by_a_name_this_test_cannot_see():
    indirect = []
    for source in settings_sources():
        for argument in ANY_READ.findall(source.read_text()):
            if not argument.startswith(('"', "'")):
                indirect.append((source.name, argument))
    # Only the two helpers that take the name as an argument (required secrets, retention
    # days); every name they are given is checked above.
    assert sorted(indirect) == [("base.py", "name"), ("production.py", "name")]


def test_the_example_environment_file_uses_documented_names_only():
    names = re.findall(r"^([A-Z][A-Z0-9_]*)=", (DEPLOY / "env.example").read_text(), re.M)
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL", "EMAIL_HOST"} <= set(names)
    assert [n for n in names if f"`{n}`" not in README] == []


# --- nginx ---------------------------------------------------------------------------------


def rendered(**options):
    out = io.StringIO()
    call_command("nginx_config", stdout=out, **options)
    return out.getvalue()


def test_the_sample_nginx_block_is_what_the_command_writes(settings):
    settings.STATIC_ROOT = "/srv/common-ground/staticfiles"
    settings.MEDIA_ROOT = "/srv/common-ground/media"
    sample = (DEPLOY / "nginx" / "common-ground.conf").read_text()
    assert sample == rendered(server_name="commonground.example"), (
        "deploy/nginx/common-ground.conf is out of date: write it again with "
        "`manage.py nginx_config` (see the comment at its top)"
    )


def test_the_body_limit_takes_the_largest_form_and_refuses_more():
    conf = rendered(server_name="cg.example.org")
    mib = int(re.search(r"client_max_body_size (\d+)m;", conf).group(1))
    assert mib == math.ceil(settings.UPLOAD_REQUEST_MAX_BYTES / 2**20)
    largest_form = max(
        settings.STORY_RECORDING_MAX_BYTES + settings.STORY_PICTURE_MAX_BYTES,
        2 * settings.ATTACHMENT_MAX_BYTES,  # a review round's document and its Easy Read
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
    )
    assert largest_form < settings.UPLOAD_REQUEST_MAX_BYTES <= largest_form + 4 * 2**20


def test_public_media_is_image_renditions_only_and_private_files_are_never_aliased(settings):
    settings.MEDIA_ROOT = "/srv/cg/media"
    settings.PRIVATE_MEDIA_ROOT = "/srv/cg/private_media"
    settings.STATIC_ROOT = "/srv/cg/staticfiles"
    conf = rendered(server_name="cg.example.org")
    aliases = re.findall(r"location (\S+) \{\s*alias (\S+);", conf)
    assert aliases == [
        ("/static/", "/srv/cg/staticfiles/"),
        ("/media/images/", "/srv/cg/media/images/"),
    ]
    # Every location and its alias end in a slash (no /media../ path escape).
    assert all(loc.endswith("/") and path.endswith("/;"[0]) for loc, path in aliases)
    assert "private_media" not in conf and "/documents" not in conf
    assert re.search(r"location /media/ \{\s*return 404;", conf)
    # /healthz over plain HTTP, everything else redirected to HTTPS.
    plain = conf.split("ssl_certificate")[0]
    assert "location = /healthz" in plain and "return 301 https://$host$request_uri" in plain
    assert "proxy_set_header X-Forwarded-Proto $scheme" in conf


def test_other_ports_and_no_ipv6_for_a_test_machine():
    conf = rendered(server_name="localhost", http_port=8080, https_port=8443, no_ipv6=True)
    assert "listen 8443 ssl http2;" in conf and "[::]" not in conf
    assert "return 301 https://$host:8443$request_uri" in conf


# --- processes and scheduled jobs ----------------------------------------------------------


def timer_jobs():
    jobs = {}
    for timer in sorted((DEPLOY / "systemd").glob("*.timer")):
        text = timer.read_text()
        unit = re.search(r"^Unit=(\S+)$", text, re.M).group(1)
        service = (DEPLOY / "systemd" / re.sub(r"@[^.]+", "@", unit)).read_text()
        command = re.search(r"^ExecStart=.*manage\.py (.+)$", service, re.M).group(1)
        if "@" in unit:
            command = command.replace("%i", unit.split("@")[1].removesuffix(".service"))
        jobs[command] = re.search(r"^OnCalendar=(.+)$", text, re.M).group(1)
    return jobs


def test_one_list_of_scheduled_jobs_timers_crontab_and_readme_agree():
    jobs = timer_jobs()
    # Only the backup is the operator's; everything else is a periodic task on the worker.
    assert set(jobs) == {"backup /var/backups/common-ground"}
    cron = re.findall(r"^[^#].*deploy/manage (.+)$", (DEPLOY / "crontab").read_text(), re.M)
    assert sorted(cron) == sorted(jobs)
    for command in jobs:
        assert command.split()[0] in get_commands()
        assert f"| `{command}` |" in README


def test_the_worker_is_a_supervised_unit_and_every_periodic_task_is_in_the_readme():
    from site_content.background.periodic import registered

    unit = (DEPLOY / "systemd" / "common-ground-worker.service").read_text()
    assert re.search(r"^ExecStart=\S+/python manage\.py run_worker$", unit, re.M)
    assert "Restart=always" in unit and "run_worker" in get_commands()
    assert "common-ground-worker.service" in README
    for periodic in registered():
        assert f"| `{periodic.name}` |" in README, periodic.name


@pytest.mark.parametrize("unit", ["common-ground.service", "common-ground-worker.service"])
def test_the_units_run_as_the_app_user_with_the_environment_file(unit):
    text = (DEPLOY / "systemd" / unit).read_text()
    assert "User=common-ground" in text
    assert "EnvironmentFile=/etc/common-ground/env" in text


def test_gunicorn_and_nginx_give_a_request_the_same_time():
    namespace = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own file
    conf = rendered(server_name="cg.example.org")
    seconds = int(re.search(r"proxy_read_timeout (\d+)s;", conf).group(1))
    assert namespace["timeout"] == seconds
    assert namespace["bind"] == "127.0.0.1:8000" and "server 127.0.0.1:8000;" in conf
    assert namespace["forwarded_allow_ips"] == "127.0.0.1"
