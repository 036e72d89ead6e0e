"""An address only a button's form is sent to, opened as a page (after signing in again, or
by reloading), answers with a page that says nothing was changed and where to go."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_buttons_address_opened_as_a_page_says_nothing_changed(client):
    locality = f.make_locality(f.make_programme())
    lead = f.add_member(locality, lead=True)
    action = f.make_action(locality)
    client.force_login(lead)
    url = reverse("workspace:action_status", args=[locality.slug, action.pk])
    came_from = f"http://testserver{reverse('workspace:actions', args=[locality.slug])}"
    response = client.get(url, HTTP_REFERER=came_from)
    html = response.content.decode()
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "This address is for a button" in html and "Nothing has been changed" in html
    assert f'href="{came_from}"' in html
    action.refresh_from_db()
    assert action.status == action.OPEN
    # Back to the sign-in page, or to another site, is never offered.
    for elsewhere in ("http://testserver/accounts/login/?next=/", "https://evil.example/"):
        html = client.get(url, HTTP_REFERER=elsewhere).content.decode()
        assert elsewhere not in html and "Go back to the page you were on" not in html


def test_the_admins_keep_their_own_answers(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/logout/")
    assert "This address is for a button" not in response.content.decode()
