"""What an account records, for the privacy notice and the data-protection pack (accounts
imports no other app, so site_content, which may import accounts, declares it)."""

from django.conf import settings

from .privacy import Part, Record, days

ACCOUNT_READERS = ("you", "the website's administrators")


def _kept():
    hours = settings.SESSION_COOKIE_AGE // 3600
    return [
        "We keep your account until you ask us to close it, or the website's administrators "
        "close it (for example when your programme has ended).",
        f"You are signed out after {hours} hour{'s' if hours != 1 else ''} without using the site.",
        f"We keep the audit log (below) for {days('audit_log')}.",
        f"We delete emails we sent you {days('sent_email')} after sending them.",
    ]


ACCOUNT = Record(
    key="account",
    order=50,
    title="When you have an account",
    who_gives="Members of locality teams, panels and programme teams, who sign in.",
    why="To let you sign in, to keep your work safe, and to show who did what.",
    parts=(
        Part(
            "Your email address and your name",
            ("email", "first_name", "last_name"),
            ("you", "the website's administrators", "people in the teams you are part of"),
        ),
        Part(
            "Your password, kept only in a scrambled form that cannot be read back",
            ("password1", "password2"),
            (),
        ),
        Part(
            "The secret your authenticator app shares with us, if you use one",
            (),
            (
                "no one through the website; the people who run the server could read it in "
                "the database",
            ),
        ),
        Part(
            "The audit log: when you signed in or a sign-in failed (with the email address "
            "typed), changes to your roles, your decisions about stories, and the downloads "
            "and exports of people's information you made; each with the internet address it "
            "came from",
            (),
            ("the website's administrators", "programme administrators, for their programme"),
        ),
    ),
    kept=_kept,
    published="Never.",
    rights=(
        "Ask the website's administrators for a copy of everything we hold about you, to "
        "correct it, or to close your account and erase your details. They can do each of "
        "these from the admin.",
    ),
    forms=("allauth.account.forms.SignupForm",),
    flow=(
        "The person signs up, or is invited, and confirms their email.",
        "Their account signs them in to the workspaces, panels and admin they are part of.",
    ),
    risks=(
        (
            "Someone signs in as another person.",
            "Passwords are checked against common ones, sign-in tries are limited, and staff "
            "must use a second step.",
        ),
    ),
    easy_read=(
        "If you have an account, we keep your email and your name.",
        "We keep your password safe. No one can read it.",
    ),
    picture="🔑",
    easy_title="If you have an account",
)
