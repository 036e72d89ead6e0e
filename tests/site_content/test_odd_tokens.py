"""A private link's secret that could not have been made by the platform (a NUL, a space,
accents, a very long paste) is "no such link" (404) before any database sees it: every URL
pattern with a token is found by walking the patterns."""

import contextlib
import re

import pytest
from django.urls import Resolver404, resolve

from tests import factories as f
from tests import url_walk
from tests.events.booking import book

pytestmark = pytest.mark.django_db
ODD = ["a\x00b", "a b", "é", "x" * 200, "a.b", "%00"]


def token_routes():
    """Our routes with a token (Wagtail's own password reset under admin/ is Django's)."""
    return sorted(
        "/" + route
        for route in url_walk.routes()
        if re.search(r"<(\w+:)?token>", route) and not route.startswith("admin/")
    )


def test_every_private_link_route_takes_only_a_token():
    routes = token_routes()
    assert {
        "/events/registration/<token:token>/",
        "/stories/mine/<token:token>/",
        "/workspace/invitations/<token:token>/",
    } <= set(routes)
    assert all(re.search(r"<token:token>", route) for route in routes), routes


@pytest.mark.parametrize("signed_in", [False, True])
def test_odd_tokens_are_no_such_link(client, signed_in):
    if signed_in:
        client.force_login(f.UserFactory())
    for route in token_routes():
        for odd in ODD:
            path = route.replace("<token:token>", odd)
            with contextlib.suppress(Resolver404):  # Wagtail's page route may take it ...
                assert "token" not in resolve(path).kwargs, path  # ... the link's view never
            assert client.get(path).status_code == 404, path
            assert client.post(path, {}).status_code in (403, 404), path


def test_pages_reached_by_a_private_link_or_signed_in_are_kept_by_no_browser_or_proxy(client):
    from django.urls import reverse

    from tests.events.test_registration import make_event, person

    registration = book(event=make_event(f.make_programme()), data=person(1))
    own = client.get(reverse("events:registration", args=[registration.token]))
    assert own.status_code == 200 and "no-store" in own["Cache-Control"]
    assert "private" in own["Cache-Control"]
    for route in token_routes():  # a made-up link is private too: nothing to cache
        made_up = "/" + route.strip("/").replace("<token:token>", "x" * 20) + "/"
        if "<" not in made_up:
            assert "no-store" in client.get(made_up).get("Cache-Control", ""), route
    public = client.get("/")
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(f.UserFactory())
    assert "no-store" in client.get("/").get("Cache-Control", "")
    assert "no-store" in client.get("/healthz").get("Cache-Control", "")  # its own


def test_account_pages_and_answers_given_before_any_view_are_not_kept_either(client):
    """The account pages (with their emailed links, such as a password reset) signed out, and
    a refusal a middleware gives a signed-in person (the admin, to someone who may not use
    it)."""
    assert "no-store" in client.get("/accounts/login/").get("Cache-Control", "")
    reset = client.get("/accounts/password/reset/key/4-made-up/")
    assert "no-store" in reset.get("Cache-Control", "")
    client.force_login(f.UserFactory())
    refused = client.get("/admin/")
    assert refused.status_code in (302, 403) and "no-store" in refused["Cache-Control"]
