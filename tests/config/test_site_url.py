"""Links in emails point at the address the site is really served on: `make run` sets
SITE_URL from PORT unless SITE_URL is set."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def site_url(**env):
    full = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT", "MAKEFLAGS")}
    full.update(DJANGO_SETTINGS_MODULE="config.settings.dev", **env)
    run = subprocess.run(  # noqa: S603
        ["make", "-s", "--no-print-directory", "site-url"],  # noqa: S607
        cwd=ROOT,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def test_the_port_sets_the_address_links_use():
    assert site_url(PORT="8123") == "http://127.0.0.1:8123/"
    assert site_url() == "http://127.0.0.1:8000/"


def test_a_site_url_set_by_the_operator_wins():
    assert site_url(PORT="8123", SITE_URL="https://cg.example.org") == "https://cg.example.org/"
