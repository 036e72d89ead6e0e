"""Every sign-in route that exists (found by walking the URL patterns, not listed by hand)
gives no session to a staff member who has a second factor until that factor is given, and
none of them checks a password except allauth's, whose limits are tested in test_mfa."""

import pytest
from allauth.mfa.models import Authenticator

from tests import factories as f
from tests import url_walk

pytestmark = pytest.mark.django_db


def sign_in_routes():
    routes = sorted(
        {
            "/" + r.replace("^", "").replace("$", "")
            for r in url_walk.routes()
            if "login" in r and "<" not in r and "(" not in r
        }
    )
    return routes


def test_the_walk_finds_every_kind_of_sign_in_route():
    routes = sign_in_routes()
    for expected in ("/accounts/login/", "/admin/login/", "/django-admin/login/", "/_util/login/"):
        assert expected in routes, routes


@pytest.mark.parametrize("route", sign_in_routes())
def test_no_route_gives_a_staff_session_without_the_second_factor(client, route):
    staff = f.UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    for fields in (
        {"login": staff.email, "password": f.PASSWORD},
        {"username": staff.email, "password": f.PASSWORD},
        {"email": staff.email, "password": f.PASSWORD},
    ):
        client.post(route, fields)
        assert "_auth_user_id" not in client.session, (route, fields)
    # Whatever the route, the one place that checks the password then asks for the code.
    client.post("/accounts/login/", {"login": staff.email, "password": f.PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/2fa/authenticate/").status_code == 200


def test_django_admin_sends_people_to_the_one_sign_in(client):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(f.UserFactory())
    assert client.get("/django-admin/").status_code in (302, 403)


def test_passwords_are_reset_only_through_allauth(client):
    """Wagtail's own reset form would send reset emails with no rate limit."""
    f.UserFactory(email="staff@example.org", is_staff=True)
    for route in ("/admin/password_reset/", "/admin/password_reset/done/"):
        assert client.get(route).status_code == 404
        client.post(route, {"email": "staff@example.org"})
    from django.core import mail

    assert mail.outbox == []
    assert client.get("/accounts/password/reset/").status_code == 200


def test_the_walk_finds_the_private_page_password_route_and_it_is_ours():
    from django.urls import resolve

    from site_content.views import page_password

    routes = [r for r in url_walk.routes() if "authenticate_with_password" in r]
    assert routes  # Wagtail's route exists ...
    match = resolve("/_util/authenticate_with_password/1/2/")
    assert match.func is page_password  # ... and the limited view answers it


@pytest.mark.parametrize(
    "path",
    [
        "/_util/authenticate_with_password/1/2/",
        "/_util/authenticate_with_password/0000000000000000001/0000000000000000002/",
        "/documents/authenticate_with_password/1/",
        "/documents/authenticate_with_password/00000000000000000001/",
    ],
)
def test_every_spelling_of_a_password_route_reaches_the_limited_view(path):
    """A zero-padded id used to reach Wagtail's own, unlimited, view."""
    from django.urls import resolve

    from site_content.views import document_password, page_password

    assert resolve(path).func in (page_password, document_password)


def test_a_private_collections_password_is_limited_like_the_sign_in(client):
    from django.core.cache import cache
    from wagtail.models import Collection, CollectionViewRestriction

    cache.clear()
    papers = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=papers, restriction_type="password", password="correct-horse"
    )
    url = f"/documents/authenticate_with_password/{restriction.pk}/"
    for attempt in range(5):
        wrong = client.post(url, {"password": f"guess-{attempt}", "return_url": "/"})
        assert wrong.status_code == 200, attempt
    limited = client.post(url, {"password": "correct-horse", "return_url": "/"})
    assert limited.status_code == 429


def test_a_private_page_password_is_limited_like_the_sign_in(client):
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    cache.clear()
    page = f.home_page()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="correct-horse"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    right = {"password": "correct-horse", "return_url": "/"}
    assert client.post(url, right).status_code == 302  # the right one works at first
    for attempt in range(5):
        wrong = client.post(url, {"password": f"guess-{attempt}", "return_url": "/"})
        assert wrong.status_code == 200, attempt  # the form again, with its error
    limited = client.post(url, right)  # limit + 1: refused, even with the right password
    assert limited.status_code == 429
    assert "Too many tries" in limited.content.decode()


def test_passwords_change_only_through_allauth(client):
    staff = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/django-admin/password_change/")
    assert response.status_code == 302 and response["Location"] == "/accounts/password/change/"


def test_password_tries_sent_at_once_are_all_counted(monkeypatch):
    """Each try is counted before the password is checked: tries that arrive while others
    are being checked cannot all get through."""
    from django.core.cache import cache
    from django.http import HttpResponse
    from django.test import RequestFactory
    from wagtail import views as wagtail_views

    from site_content.views import page_password

    cache.clear()
    checked = []

    def slow_check(request, restriction_id, page_id):
        checked.append(restriction_id)
        if len(checked) < 10:  # another try arrives while this one is being checked
            page_password(RequestFactory().post("/", {"password": "x"}), restriction_id, page_id)
        return HttpResponse("the form again")  # a wrong password

    monkeypatch.setattr(wagtail_views, "authenticate_with_password", slow_check)
    page_password(RequestFactory().post("/", {"password": "x"}), 7, 8)
    assert len(checked) == 5


def test_a_right_password_gives_its_try_back(client):
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    cache.clear()
    page = f.home_page()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="correct-horse"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for _ in range(8):  # many people who know the password
        assert client.post(url, {"password": "correct-horse", "return_url": "/"}).status_code == 302
    assert client.post(url, {"password": "guess", "return_url": "/"}).status_code == 200
