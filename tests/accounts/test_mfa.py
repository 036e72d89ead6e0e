"""Staff must use a second factor; the admin signs people in through allauth."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests import factories as f


@pytest.mark.django_db
def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    staff = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # The setup page is reachable (allauth may first ask for the password again).
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200 or setup["Location"].startswith("/accounts/reauthenticate/")
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_people_who_are_not_staff_are_not_asked(client, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    client.force_login(f.UserFactory())
    assert client.get(reverse("workspace:index")).status_code == 200


@pytest.mark.django_db
def test_admin_sign_in_goes_through_allauth_and_its_rate_limit(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    from django.core.cache import cache

    cache.clear()
    f.UserFactory(email="staff@example.org", is_staff=True)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "staff@example.org", "password": "x"})
    blocked = client.post(reverse("account_login"), {"login": "staff@example.org", "password": "x"})
    assert "That password has been wrong too many times. Wait 5 minutes" in blocked.content.decode()


@pytest.mark.django_db
def test_people_can_end_their_other_sessions(client):
    from django.test import Client

    user = f.UserFactory(email="two@example.org")
    other = Client()
    firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
    other.defaults["HTTP_USER_AGENT"] = firefox
    for c in (client, other):
        c.post(reverse("account_login"), {"login": "two@example.org", "password": f.PASSWORD})
    page = client.get(reverse("usersessions_list")).content.decode()
    assert "<h1>Where you are signed in</h1>" in page
    assert "Firefox on a Windows computer" in page and "Gecko" not in page
    assert "Sign out everywhere else" in page and "This browser" in page
    client.post(reverse("usersessions_list"))
    assert other.get(reverse("workspace:index")).status_code == 302  # signed out elsewhere
    assert client.get(reverse("workspace:index")).status_code == 200
    assert user.is_authenticated


@pytest.mark.django_db
def test_programme_admins_and_team_need_a_second_factor_without_admin_access(client, settings):
    from engagement.models import ProgrammeRole

    settings.MFA_REQUIRED_FOR_STAFF = True
    programme = f.make_programme()
    for role in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM):
        person = f.add_programme_role(programme, role)
        assert not person.is_staff
        client.force_login(person)
        response = client.get(reverse("workspace:index"))
        assert response.status_code == 302, role
        assert response["Location"] == reverse("mfa_activate_totp")
    board = f.add_programme_role(programme, ProgrammeRole.BOARD)
    client.force_login(board)
    assert client.get(reverse("workspace:index")).status_code == 200


@pytest.mark.django_db
def test_password_reset_is_limited_per_address(client):
    from django.core import mail
    from django.core.cache import cache

    cache.clear()
    f.UserFactory(email="reset@example.org")
    url = reverse("account_reset_password")
    answers = [client.post(url, {"email": "reset@example.org"}).status_code for _ in range(6)]
    assert answers[:5] == [302] * 5
    assert answers[5] == 429
    assert len(mail.outbox) == 5


def _current_code(secret):
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


@pytest.mark.django_db
def test_enrolling_keeps_one_secret_and_the_browser_own_requests_are_not_sent_there(
    client, settings
):
    """A first admin on a fresh browser: the favicon request is not redirected to the set-up
    page, reloading the page keeps the secret it shows, and the code for it is accepted."""
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    settings.MFA_REQUIRED_FOR_STAFF = True
    staff = f.UserFactory(email="first.admin@example.org", is_staff=True, is_superuser=True)
    client.post(
        reverse("account_login"), {"login": staff.email, "password": f.PASSWORD}, follow=True
    )
    page = client.get("/admin/", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert page["Location"] == reverse("mfa_activate_totp")
    favicon = client.get("/favicon.ico", HTTP_ACCEPT="image/avif,image/webp,*/*;q=0.8")
    assert favicon.status_code == 403
    posted = client.post("/workspace/ashcombe/log/new/", {"what_we_did": "x"})
    assert posted.status_code == 403  # a form post never slips past the rule
    first = client.get(reverse("mfa_activate_totp"))
    if first.status_code == 302:  # allauth asks for the password again before set-up
        assert first["Location"].startswith(reverse("account_reauthenticate"))
        client.post(first["Location"], {"password": f.PASSWORD})
        first = client.get(reverse("mfa_activate_totp"))
    assert first.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    client.get("/favicon.ico", HTTP_ACCEPT="image/avif,image/webp,*/*;q=0.8")
    client.get(reverse("mfa_activate_totp"))  # a reload
    assert client.session[SECRET_SESSION_KEY] == secret
    shown = re.search(r'id="authenticator-key"><code>([^<]+)</code>', first.content.decode())[1]
    assert shown.replace(" ", "") == secret  # in groups of four, to read and type
    done = client.post(reverse("mfa_activate_totp"), {"code": _current_code(secret)})
    assert done.status_code == 302, done.content.decode()[:2000]
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200
