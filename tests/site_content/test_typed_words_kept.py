"""A form that cannot be saved gives back what was typed, to copy: sent after its sender was
signed out, or to a record deleted while they wrote. Never passwords or the form's own
fields, and never for a post from another site."""

import pytest
from django.test import Client
from django.urls import reverse

from engagement.models import Action, ProgressEntry
from site_content.typed import typed_words
from tests import factories as f

pytestmark = pytest.mark.django_db

WORDS = "Talked to six carers at the market about short breaks."


@pytest.fixture
def team():
    locality = f.make_locality(f.make_programme())
    return locality, f.add_member(locality)


def test_signed_out_before_sending_gets_the_words_back_and_a_way_back(team, client):
    locality, member = team
    url = reverse("workspace:entry_new", args=[locality.slug])
    answer = client.post(url, {"what_we_did": WORDS, "entry_date_day": "3", "submit": "1"})
    html = answer.content.decode()
    assert answer.status_code == 403 and "Not saved: you were signed out" in html
    assert WORDS in html
    assert f'href="/accounts/login/?next={url}"' in html
    assert answer["Cache-Control"].startswith("max-age=0") or "no-store" in answer["Cache-Control"]
    assert not ProgressEntry.objects.exists()
    # Nothing typed (a button alone): the sign-in page as before.
    bare = client.post(reverse("workspace:actions", args=[locality.slug]))
    assert bare.status_code == 302


def test_a_record_deleted_while_writing_gives_the_words_back(team, client):
    locality, member = team
    entry = f.make_entry(locality, member)
    action = f.make_action(locality, title="Ask the library for a room")
    client.force_login(member)
    entry_url = reverse("workspace:entry_edit", args=[locality.slug, entry.pk])
    action_url = reverse("workspace:action_edit", args=[locality.slug, action.pk])
    ProgressEntry.objects.filter(pk=entry.pk).delete()
    Action.objects.filter(pk=action.pk).delete()
    for url, typed in (
        (entry_url, {"what_we_did": WORDS, "version": "3", "phase": "7"}),
        (action_url, {"title": "Ask the library for a monthly room", "status": "open"}),
    ):
        answer = client.post(url, typed)
        html = answer.content.decode()
        assert answer.status_code == 404
        assert "Not saved: what you were changing is no longer here" in html
        said = typed.get("what_we_did") or typed["title"]
        assert said in html and 'value="open"' not in html
    # An address that does not exist, opened as a page: the plain "not found".
    assert "Page not found" in client.get(entry_url).content.decode()


def test_a_post_from_another_site_is_not_given_back(team):
    locality, member = team
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    answer = strict.post("/no-such-page/", {"what_we_did": WORDS})
    assert answer.status_code in (403, 404) and WORDS not in answer.content.decode()


def test_only_words_are_given_back():
    from django.http import QueryDict

    post = QueryDict(mutable=True)
    for key, value in (
        ("csrfmiddlewaretoken", "abcdefABCDEF"),
        ("password", "Secret words here"),
        ("password2", "Secret words here"),
        ("once", "0123abcd"),
        ("version", "4"),
        ("fingerprint", "deadbeef"),
        ("status", "open"),
        ("owner", "12"),
        ("entry_date_day", "3"),
        ("title", "Ask the library"),
        ("notes", "Ask the library"),
        ("form-0-id", "7"),
        ("story", " \u200b "),
        ("what", "Carers' café on Tuesdays"),
        ("code", "ABCD EFGH"),
        ("recovery_codes", "Words here too"),
        ("credential", "Some key data"),
        ("otp", "One Two"),
    ):
        post.appendlist(key, value)
    assert typed_words(post) == ["Ask the library", "Carers' café on Tuesdays"]


def test_pages_say_how_long_is_left_and_stay_signed_in_starts_it_again(team, client, settings):
    """Before the site signs a quiet person out it warns them (the page knows the seconds
    left); "Stay signed in" answers the page's script with the time now left, or takes a
    person without the script back to the page they were on."""
    import re

    from accounts.middleware import STARTED

    locality, member = team
    client.force_login(member)
    home = reverse("workspace:home", args=[locality.slug])
    html = client.get(home).content.decode()
    left = int(re.search(r'data-session-left="(\d+)"', html)[1])
    assert settings.SESSION_COOKIE_AGE - 5 <= left <= settings.SESSION_COOKIE_AGE
    assert "data-session-final" not in html
    session = client.session
    session[STARTED] -= settings.SESSION_ABSOLUTE_SECONDS - 600  # signed in nearly 8 hours ago
    session.save()
    html = client.get(home).content.decode()
    assert 590 <= int(re.search(r'data-session-left="(\d+)"', html)[1]) <= 600
    assert "data-session-final" in html  # the fixed limit comes first: no more time to give
    url = reverse("still_here")
    answer = client.post(url, {"next": home}, HTTP_ACCEPT="application/json")
    assert 590 <= answer.json()["seconds_left"] <= 600 and answer.json()["can_extend"] is False
    assert client.post(url, {"next": home})["Location"] == home
    assert client.post(url, {"next": "https://elsewhere.example/"})["Location"] == "/"
    assert client.get(url).status_code == 405
    client.logout()
    assert "data-session-left" not in client.get("/").content.decode()
    assert client.post(url, HTTP_ACCEPT="application/json").status_code == 302


def test_words_are_given_back_only_for_the_sites_own_forms():
    """Not for the account pages (sign-in codes, security keys), not for the admins (a page's
    blocks as data), and not for a post that did not pass the forgery check."""
    from django.test import RequestFactory

    from site_content.typed import may_give_back

    factory = RequestFactory()

    def checked(path, passed=True):
        request = factory.post(path, {"title": "Ask the library"})
        request.csrf_processing_done = passed
        return may_give_back(request)

    assert checked("/workspace/ashcombe/actions/new/")
    assert not checked("/workspace/ashcombe/actions/new/", passed=False)
    for path in ("/accounts/2fa/authenticate/", "/admin/pages/3/edit/", "/django-admin/x/"):
        assert not checked(path), path
    assert not may_give_back(factory.get("/workspace/"))
