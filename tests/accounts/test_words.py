"""allauth's own words are said in the site's plain British English (accounts/locale)."""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.urls import reverse

from tests.factories import UserFactory

CATALOGUE = Path(__file__).resolve().parents[2] / "accounts/locale/en_GB/LC_MESSAGES"


def _said(catalogue) -> dict:
    return {m.id: m.string for m in catalogue if m.id}


def test_the_compiled_words_are_the_written_ones():
    """django.mo is what `make words` makes of django.po (run it after editing the .po)."""
    with open(CATALOGUE / "django.po", "rb") as po, open(CATALOGUE / "django.mo", "rb") as mo:
        assert _said(read_mo(mo)) == _said(read_po(po))


@pytest.mark.django_db
def test_allauth_pages_use_the_plain_words(client):
    signing_in = client.get(reverse("account_login")).content.decode()
    assert "Keep me signed in on this device" in signing_in and "Remember Me" not in signing_in
    assert "Forgotten your password?" in signing_in
    reset = client.get(reverse("account_reset_password")).content.decode()
    assert (
        "contact us" not in reset
        and "ask the person who invited you, or who told you about this site" in reset
    )
    someone = UserFactory(email="someone@example.org")
    someone.emailaddress_set.create(email="other@example.org", verified=False)
    client.force_login(someone)
    emails = client.get(reverse("account_email")).content.decode()
    assert "Make this my main address" in emails and "Make Primary" not in emails
    assert "Your email addresses" in emails


@pytest.mark.parametrize(
    ("agent", "said"),
    [
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36",
            "Chrome on a Linux computer",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on a Windows computer",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari on an iPhone",
        ),
        ("", "A browser we do not recognise"),
    ],
)
def test_a_browser_is_named_as_a_person_would(agent, said):
    from accounts.templatetags.account_tags import device_said

    assert device_said(agent) == said


@pytest.mark.django_db
def test_sign_in_and_sign_up_point_to_each_other_in_plain_words(client):
    signing_in = client.get(reverse("account_login")).content.decode()
    assert "No account yet?" in signing_in and "then please" not in signing_in
    signing_up = client.get(reverse("account_signup")).content.decode()
    assert "Already have an account?" in signing_up and "Then please" not in signing_up


@pytest.mark.django_db
def test_links_that_do_not_work_say_what_to_do_next(client):
    reset = client.get(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "not-a-key"}),
        follow=True,
    ).content.decode()
    assert "This link does not work" in reset and "Ask for a new link" in reset
    assert "invalid" not in reset
    confirm = client.get(reverse("account_confirm_email", args=["not-a-real-key"]))
    html = confirm.content.decode()
    assert "Ask for a new confirmation email" in html and "issue a new" not in html


@pytest.mark.django_db
def test_the_confirmation_page_names_nobody(client):
    """Whoever opens the emailed link may not be the person who typed the address."""
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    user = UserFactory(email="owner@example.org", first_name="Imelda", last_name="Quarrie")
    address = EmailAddress.objects.get(user=user)
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key
    html = client.get(reverse("account_confirm_email", args=[key])).content.decode()
    assert "Please confirm that owner@example.org is your email address." in html
    assert "Imelda" not in html and "Quarrie" not in html
    # Not through the en-GB catalogue alone: in allauth's own English it names nobody either.
    from django.utils import translation

    with translation.override("en-us"):
        html = client.get(reverse("account_confirm_email", args=[key])).content.decode()
    assert "owner@example.org" in html
    assert "Imelda" not in html and "Quarrie" not in html


@pytest.mark.django_db
def test_the_addresses_page_offers_only_buttons_that_can_do_something(client):
    user = UserFactory(email="only@example.org")
    client.force_login(user)
    one = client.get(reverse("account_email")).content.decode()
    assert "Confirmed" in one
    for pointless in ("action_primary", "action_send", "action_remove"):
        assert f'name="{pointless}"' not in one
    user.emailaddress_set.create(email="second@example.org", verified=False)
    two = client.get(reverse("account_email")).content.decode()
    assert "Not confirmed yet" in two
    for useful in ("action_primary", "action_send", "action_remove"):
        assert f'name="{useful}"' in two


@pytest.mark.django_db
def test_after_a_new_password_the_page_offers_to_sign_in(client):
    from django.urls import reverse

    page = client.get(reverse("account_reset_password_from_key_done")).content.decode()
    assert "<h1>Your password is changed</h1>" in page or "Your password is changed</h1>" in page
    assert f'<a class="button" href="{reverse("account_login")}">Sign in</a>' in page
