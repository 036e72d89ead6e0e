"""Pages met at the doors of the site, in a real browser with axe."""

import re

import pytest

from .conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_admin_access_page_ends_the_loop(live_server, page, demo, axe):
    sign_in(page, live_server.url, "public@example.org")
    response = page.goto(live_server.url + "/admin/")
    assert response.status == 403
    assert page.get_by_role("heading", name="You do not have access to the admin").is_visible()
    assert page.url == live_server.url + "/admin/"
    axe(page, "no admin access")


def _code_for(secret):
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def test_first_admin_enrols_a_second_factor_from_a_cold_browser(
    live_server, page, demo, axe, settings
):
    """A fresh browser (its own favicon request and all): the secret on screen survives a
    reload, and the code for it is accepted at the first try."""
    settings.MFA_REQUIRED_FOR_STAFF = True
    sign_in(page, live_server.url, "admin@example.org")
    page.goto(live_server.url + "/admin/")
    if "/accounts/reauthenticate/" in page.url:  # allauth asks for the password again first
        page.get_by_label("Password").fill("common-ground-demo")
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm").click()
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    # The key is text anyone can read or copy (in groups of four), not a disabled box.
    secret = page.locator("#authenticator-key").inner_text().replace(" ", "")
    assert len(secret) >= 16
    alt = page.get_by_role("img", name=re.compile("QR code")).get_attribute("alt")
    assert secret not in alt
    axe(page, "set up an authenticator")
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    axe(page, "set up an authenticator at 320px")
    page.reload()
    assert page.locator("#authenticator-key").inner_text().replace(" ", "") == secret
    page.get_by_label("Code from your authenticator app").fill(_code_for(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on").click()
    assert "/accounts/2fa/totp/activate/" not in page.url
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/admin/"


def test_a_buttons_address_opened_as_a_page(live_server, page, demo, axe):
    """Signed out before pressing "Mark as done", a lead signs in again and lands on the
    button's address: a page in the site's layout, not the browser's blank error."""
    from engagement.models import Action

    action = Action.objects.filter(locality__slug="ashcombe").first()
    address = f"{live_server.url}/workspace/ashcombe/actions/{action.pk}/status/"
    page.goto(f"{live_server.url}/accounts/login/?next={address[len(live_server.url) :]}")
    page.get_by_label("Email").fill("lead@ashcombe.example.org")
    page.get_by_label("Password").fill("common-ground-demo")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.url == address
    assert page.get_by_role("heading", name="This address is for a button").is_visible()
    assert page.get_by_role("link", name="Go to your workspaces").is_visible()
    axe(page, "a button's address")
