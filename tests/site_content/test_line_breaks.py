"""A line break typed into a box counts as one character, as the browser counted it against
the box's limit, whichever form it is sent to."""

import json

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from events.models import Registration
from site_content.middleware import TypedTextMiddleware
from tests import factories as f
from tests.events.test_registration import make_event, person


def _seen(request):
    return HttpResponse(json.dumps(request.POST.getlist("note")))


def test_a_box_filled_to_its_limit_with_line_breaks_is_taken(db, client):
    event = make_event(f.make_programme())
    # 20 lines of 99 letters: 2,000 characters as the browser counts them, 2,040 as sent.
    needs = "\r\n".join(["x" * 99] * 20) + "\r\n"
    response = client.post(
        reverse("events:register", args=[event.pk]), {**person(1), "access_needs": needs}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Registration.objects.get(event=event).access_needs
    assert "\r" not in saved and saved.count("\n") == 19 and len(saved) == 1999


def test_every_form_post_has_single_line_breaks_and_other_bodies_are_left_alone():
    factory, middleware = RequestFactory(), TypedTextMiddleware(_seen)
    typed = {"note": ["one\r\ntwo\rthree", "four"], "other": "five\r\n"}
    as_form = factory.post("/", typed)  # multipart, as a form with a file box sends it
    assert json.loads(middleware(as_form).content) == ["one\ntwo\nthree", "four"]
    assert as_form.POST["other"] == "five\n" and not as_form.POST._mutable
    encoded = factory.post("/", "note=a%0D%0Ab", content_type="application/x-www-form-urlencoded")
    assert json.loads(middleware(encoded).content) == ["a\nb"]
    raw = factory.post("/", '{"note": "a\\r\\nb"}', content_type="application/json")
    middleware(raw)
    assert raw.body == b'{"note": "a\\r\\nb"}'


def test_a_box_holding_only_what_shows_nothing_is_empty():
    """Zero-width spaces, a word joiner, accents with no letter: nothing a reader would see,
    so the box is empty (a required one says so) instead of saving a blank-looking title.
    Words with such characters inside them are kept as typed, and so are plain spaces."""
    factory, middleware = RequestFactory(), TypedTextMiddleware(_seen)
    typed = {
        "note": [
            "\u200b\u200b",
            "\u200b\u2060\u200b",
            "\u0301\u0301\u0301",
            " \u200b\n",
            "caf\u00e9\u200b",
            "e\u0301",
            "   ",
        ]
    }
    said = json.loads(middleware(factory.post("/", typed)).content)
    assert said == ["", "", "", "", "caf\u00e9\u200b", "e\u0301", "   "]


def test_an_action_titled_with_zero_width_spaces_is_refused(db, client):
    from engagement.models import Action

    locality = f.make_locality(f.make_programme())
    client.force_login(f.add_member(locality))
    url = reverse("workspace:action_new", args=[locality.slug])
    response = client.post(url, {"title": "\u200b\u200b", "status": "open"})
    assert response.status_code == 400
    assert "Enter a title for the action" in response.content.decode()
    assert not Action.objects.exists()
