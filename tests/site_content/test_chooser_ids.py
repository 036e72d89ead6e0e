"""A chooser's hidden id in a Wagtail edit form that is not an id gets the form back, with
what was typed and a plain error, never a server error."""

import pytest

from guide.models import GuidePage
from site_content.models import HomePage
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("odd", ["abc", "²", "1.5", "1" * 23, "99999999"])
def test_an_odd_chosen_id_gets_the_form_back(client, odd):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    home = HomePage.objects.get(depth=2)
    url = f"/admin/pages/add/guide/guidepage/{home.pk}/"
    typed = {"title": "Our guide to change", "slug": "our-guide", "programme": odd}
    response = client.post(url, {**typed, "introduction": "x", "action-publish": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Our guide to change" in body and "Select a valid choice" in body
    assert not GuidePage.objects.filter(slug="our-guide").exists()


@pytest.mark.parametrize("odd", ["0", "00", "²", "%00", "abc", "1" * 23])
def test_an_odd_id_in_a_chosen_address_is_no_such_record(client, odd):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for prefix in [
        "/admin/quote-a-story",
        "/admin/choose-a-group-report",
        "/admin/snippets/choose/engagement/programmerole",
        "/admin/images/chooser",
        "/admin/documents/chooser",
    ]:
        assert client.get(f"{prefix}/chosen/{odd}/").status_code == 404, (prefix, odd)


@pytest.mark.parametrize("odd", ["abc", "²", "1.5", "1" * 23])
def test_a_chooser_block_given_an_odd_value_holds_nothing(odd):
    from guide.choosers import GroupReportChooserBlock, StoryChooserBlock

    for block in (StoryChooserBlock(), GroupReportChooserBlock()):
        assert block.value_from_form(odd) is None
        assert block.to_python(odd) is None
