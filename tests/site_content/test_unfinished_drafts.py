"""Starting a page again after leaving a half-made one offers the draft Wagtail kept."""

import pytest
from django.contrib.auth import get_user_model

from site_content.models import HomePage, StandardPage
from tests import factories as f


@pytest.fixture
def draft(db):
    home = HomePage.objects.get(depth=2)
    editor = f.UserFactory(is_superuser=True, is_staff=True)
    page = StandardPage(title="Carers' week", slug="carers-week", live=False, owner=editor)
    home.add_child(instance=page)
    page.save_revision(user=editor)
    return home, editor, page


def test_the_draft_is_offered_when_starting_again(draft, client):
    home, editor, page = draft
    client.force_login(editor)
    url = f"/admin/pages/add/site_content/standardpage/{home.pk}/"
    html = client.get(url).content.decode()
    assert "You started “Carers&#x27; week”" in html or "You started “Carers' week”" in html
    assert f"/admin/pages/{page.pk}/edit/" in html
    clash = client.post(
        url,
        {"title": "Carers' week", "slug": "carers-week", "introduction": "x", "body-count": "0"},
    )
    body = clash.content.decode()
    assert "Continue the draft" in body and f"/admin/pages/{page.pk}/edit/" in body
    assert StandardPage.objects.filter(slug="carers-week").count() == 1


def test_someone_elses_or_a_published_page_is_not_offered(draft, client):
    home, editor, page = draft
    other = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(other)
    url = f"/admin/pages/add/site_content/standardpage/{home.pk}/"
    assert "Continue the draft" not in client.get(url).content.decode()
    page.save_revision(user=editor).publish()
    client.force_login(editor)
    assert "Continue the draft" not in client.get(url).content.decode()
    assert get_user_model().objects.count() >= 2


@pytest.mark.parametrize("odd", ["carers\x00week", "carers week", "x" * 300, "carers/week"])
def test_an_odd_slug_gets_the_form_again_not_an_error(draft, client, odd):
    home, editor, page = draft
    client.force_login(editor)
    url = f"/admin/pages/add/site_content/standardpage/{home.pk}/"
    typed = {"title": "Carers' week again", "slug": odd, "introduction": "x", "body-count": "0"}
    response = client.post(url, typed)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Carers&#x27; week again" in body or "Carers' week again" in body
    assert StandardPage.objects.count() == 1
