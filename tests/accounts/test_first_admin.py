"""The first admin account in one command: verified email, authenticator and recovery codes
enrolled, signs in through allauth with its second factor."""

import io
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from tests.accounts.test_mfa import _current_code

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unusual passphrase 42"


def create(monkeypatch, email="Ops@Example.org", password=PASSWORD):
    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", password)
    out = io.StringIO()
    call_command("create_first_admin", "--email", email, "--first-name", "Ops", stdout=out)
    return out.getvalue()


def test_one_command_makes_a_verified_superuser_with_a_second_factor(monkeypatch, client):
    out = create(monkeypatch)
    user = User.objects.get()
    assert (user.email, user.is_staff, user.is_superuser) == ("ops@example.org", True, True)
    assert user.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("ops@example.org", True, True)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()

    secret = re.search(r"type the secret by hand: ([A-Z2-7=]+)", out).group(1)
    assert decrypt(totp.data["secret"]) == secret
    url = re.search(r"(otpauth://totp/\S+)", out).group(1)
    assert f"secret={secret}" in url and "issuer=Common%20Ground" in url
    assert PASSWORD not in out
    codes = re.search(r"Recovery codes.*\n  ([\d ]+)", out).group(1).split()
    assert len(codes) >= 8

    # It signs in through the one door with its password and a code from the app.
    response = client.post(
        reverse("account_login"), {"login": "ops@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_second_factor_rule_holds_from_the_first_sign_in(monkeypatch, client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    out = create(monkeypatch)
    secret = re.search(r"type the secret by hand: ([A-Z2-7=]+)", out).group(1)
    assert TOTP(Authenticator.objects.get(type="totp")).validate_code(_current_code(secret))
    client.force_login(User.objects.get())
    assert client.get("/admin/").status_code == 200  # not sent to set one up


def test_an_existing_account_is_named_and_nothing_changes(monkeypatch):
    create(monkeypatch)
    with pytest.raises(CommandError, match="already exists; nothing was changed"):
        create(monkeypatch, email="ops@example.org", password="another long passphrase 77")
    assert User.objects.get().check_password(PASSWORD)
    assert Authenticator.objects.count() == 2


def test_a_weak_password_is_refused_and_nothing_is_saved(monkeypatch):
    with pytest.raises(CommandError, match="password was refused"):
        create(monkeypatch, password="password")
    assert not User.objects.exists() and not Authenticator.objects.exists()


def test_the_password_is_never_a_command_line_argument(monkeypatch):
    monkeypatch.delenv("FIRST_ADMIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())  # not a terminal
    with pytest.raises(CommandError, match="Set FIRST_ADMIN_PASSWORD or run this in a terminal"):
        call_command("create_first_admin", "--email", "ops@example.org", stdout=io.StringIO())
    with pytest.raises(TypeError):
        call_command("create_first_admin", email="ops@example.org", password=PASSWORD)
    assert not User.objects.exists()
