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


@pytest.mark.parametrize("odd", ["abc", "1.5", "1,5", " ", "2026-01-01", None])
def test_an_odd_row_id_in_a_pages_inline_list_is_no_server_error(odd):
    """A programme's phases are rows in its edit form, each with a hidden id: one that is not
    an id is taken as a new row, as Django's own formsets take it, and the form is checked."""
    from engagement.models import ProgrammePage

    programme = ProgrammePage.objects.get(pk=f.make_programme().pk)
    form_class = ProgrammePage.get_edit_handler().get_form_class()
    data = {
        "title": programme.title,
        "slug": programme.slug,
        "phases-TOTAL_FORMS": "1",
        "phases-INITIAL_FORMS": "1",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
        "phases-0-id": odd,
        "phases-0-title": "Finding out",
    }
    if odd is None:
        del data["phases-0-id"]  # no id sent at all
    form = form_class(data, instance=programme, for_user=f.UserFactory(is_superuser=True))
    rows = form.formsets["phases"].forms
    assert rows[0].instance.pk is None
    form.is_valid()  # answers, with the form's own errors; never raises


@pytest.mark.parametrize("odd", ["99999999999999999999", "1" * 23])
def test_a_list_of_ids_with_one_too_big_is_not_a_choice_not_an_error(client, odd):
    """An event's teams in the page editor, a person's groups in Django's admin: an id too
    big for the database (only a hand-made request sends one) is "not one of the choices"."""
    from django import forms
    from django.contrib.auth.models import Group

    from engagement.models import LocalityPage

    for queryset in (LocalityPage.objects.all(), Group.objects.all()):
        field = forms.ModelMultipleChoiceField(queryset=queryset)
        with pytest.raises(forms.ValidationError) as refused:
            field.clean([odd])
        assert refused.value.code == "invalid_choice"
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    person = f.UserFactory()
    answer = client.post(
        f"/django-admin/accounts/user/{person.pk}/change/",
        {"email": person.email, "groups": [odd], "date_joined_0": "2026-01-01"},
    )
    assert answer.status_code == 200 and "Select a valid choice" in answer.content.decode()
