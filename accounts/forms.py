"""Account forms that change allauth's behaviour (wired through its settings)."""

from allauth.mfa.totp.forms import ActivateTOTPForm
from allauth.mfa.totp.internal import auth
from django import forms

from accounts.names import written_in_letters


class SteadyActivateTOTPForm(ActivateTOTPForm):
    """Setting up an authenticator app: the secret on screen stays the same until it is
    confirmed, however often the page is opened or reloaded (allauth's own form makes a new
    one on every visit, so a code from the first QR code is then refused)."""

    def __init__(self, *args, **kwargs) -> None:
        self.user = kwargs.pop("user")
        forms.Form.__init__(self, *args, **kwargs)
        self.secret = auth.get_totp_secret(regenerate=False)


class NameSignupForm(forms.Form):
    """Signing up asks for a name, so people are listed by name, never by email alone
    (allauth adds the email and password fields; ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(
        max_length=150,
        label="First name",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": "Enter your first name"},
        validators=[written_in_letters("your first name")],
    )
    last_name = forms.CharField(
        max_length=150,
        required=False,
        label="Last name (optional)",
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": "Enter your last name"},
        validators=[written_in_letters("your last name")],
    )
    field_order = ["first_name", "last_name"]

    def clean(self):
        cleaned = super().clean()
        # What an address can be, and what the account keeps: never cut short unsaid.
        if len(cleaned.get("email") or "") > 254:
            self.add_error("email", "An email address has 254 characters at the most.")
        return cleaned

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])
