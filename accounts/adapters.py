"""django-allauth adapter: where account behaviour differs from allauth's defaults."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": (
            "The email address or the password is not right. Check both and try again, or "
            "reset your password if you have forgotten it."
        ),
        "account_inactive": "This account has been closed. Ask the programme team if you "
        "need it again.",
    }

    def clean_email(self, email):
        return super().clean_email(email).strip().lower()
