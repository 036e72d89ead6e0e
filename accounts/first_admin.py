"""The first admin account of a new installation, ready to sign in through the one door:
a superuser whose email address is verified and who has an authenticator (TOTP) and recovery
codes, so the second-factor rule for staff holds from the first sign-in."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction


class AccountExists(Exception):
    """An account with this email address is already there; nothing was changed."""


@dataclass(frozen=True)
class FirstAdmin:
    user: object
    totp_secret: str
    totp_url: str
    recovery_codes: list[str]


@transaction.atomic
def create_first_admin(email: str, password: str, first_name="", last_name="") -> FirstAdmin:
    """Create the superuser with a verified, primary email address, an enrolled TOTP
    authenticator and recovery codes. The password must pass the password validators.
    Raises AccountExists (and changes nothing) when the address is taken."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip()).lower()
    if (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        raise AccountExists(email)
    user = User(email=email, first_name=first_name, last_name=last_name)
    validate_password(password, user)  # ValidationError: nothing is saved
    user = User.objects.create_superuser(
        email, password, first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).generate_codes()
    return FirstAdmin(user, secret, get_mfa_adapter().build_totp_url(user, secret), codes)
