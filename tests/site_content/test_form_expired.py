"""A form sent with an out-of-date security token (the person signed in or out in another tab)
gets the site's own page in plain words, with its header and a way on, not Django's
technical "CSRF verification failed" page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_form_with_an_old_token_gets_a_plain_page(signed_in):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(f.UserFactory())
    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    response = client.post(reverse("stories:tell", args=[inquiry.pk]), {"text": "Tea."})
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Your form was not sent</h1>" in html
    assert "Go back to the form with your browser's Back button" in html
    assert "CSRF" not in html and "DEBUG" not in html
    assert '<a href="/">Go to the home page</a>' in html


def test_long_text_is_never_cut_by_the_browser_but_refused_in_words_and_kept():
    """No maxlength on any box: a browser silently cuts pasted text at it. Too long is said in
    words, and every character typed comes back to shorten."""
    from tests.events.test_registration import make_event, person

    client = Client()
    event = make_event(f.make_programme(), capacity=3)
    url = reverse("events:register", args=[event.pk])
    assert "maxlength" not in client.get(url).content.decode()
    needs = "Gluten free, please. " * 75  # 1,575 characters: the box keeps 1,000
    response = client.post(url, {**person(1), "companions": "0", "dietary_needs": needs})
    html = response.content.decode()
    assert response.status_code == 400  # the form again, with the problem said
    assert "1,000 characters" in html
    assert needs.strip() in html
