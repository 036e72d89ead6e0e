"""Account forms that change allauth's behaviour (wired through its settings)."""

from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal import auth
from django import forms


class SteadyActivateTOTPForm(ActivateTOTPForm):
    """Setting up an authenticator app: the secret on screen stays the same until it is
    confirmed, however often the page is opened or reloaded (allauth's own form makes a new
    one on every visit, so a code from the first QR code is then refused)."""

    def __init__(self, *args, **kwargs) -> None:
        self.user = kwargs.pop("user")
        forms.Form.__init__(self, *args, **kwargs)
        self.secret = auth.get_totp_secret(regenerate=False)
