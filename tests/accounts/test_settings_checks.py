"""A retention period set wrongly in the environment stops the site at start with the
variable named, instead of failing later or keeping data for ever."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks

from accounts.checks import retention_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", [0, -3, "abc", "", "7.5"])
def test_a_bad_retention_period_is_an_error_naming_the_variable(settings, value):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "event_needs": value}
    errors = retention_settings()
    assert [e.id for e in errors] == ["commonground.E001"]
    assert "RETAIN_EVENT_NEEDS_DAYS" in errors[0].msg and f"“{value}”" in errors[0].msg
    assert errors[0].level == checks.ERROR


def test_good_retention_periods_pass(settings):
    assert retention_settings() == []


def test_the_site_will_not_start_with_text_for_days():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "RETAIN_AUDIT_DAYS": "two years",
    }
    run = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "RETAIN_AUDIT_DAYS is “two years”" in run.stderr
    assert "Traceback" not in run.stderr


def test_accounts_runs_its_own_configuration():
    """accounts/apps.py also holds Django's and Wagtail's configurations; "accounts" must
    still be AccountsConfig, whose ready() connects the audit log and the checks."""
    from django.apps import apps

    from accounts.apps import AccountsConfig, DjangoAdminConfig, WagtailUsersConfig

    assert type(apps.get_app_config("accounts")) is AccountsConfig
    assert type(apps.get_app_config("admin")) is DjangoAdminConfig
    assert type(apps.get_app_config("wagtailusers")) is WagtailUsersConfig
