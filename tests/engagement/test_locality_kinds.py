"""Each programme names its own kinds of locality (partner authority, health and social care
partnership, ...); the old "regional project / demonstrator site" are a new programme's
defaults, and a locality's kind is chosen from its own programme's list."""

import pytest

from engagement.models import LocalityPage
from tests import factories as f

pytestmark = pytest.mark.django_db


def _form(locality, parent, data=None):
    form_class = LocalityPage.get_edit_handler().get_form_class()
    return form_class(data, instance=locality, parent_page=parent, for_user=None)


def test_a_new_programme_starts_with_the_usual_kinds():
    programme = f.make_programme()
    assert programme.kinds() == ["Regional project", "Demonstrator site"]


def test_a_locality_chooses_its_kind_from_its_own_programmes_list(client):
    day_services = f.make_programme(title="Day services")
    day_services.locality_kinds = (
        "Partner authority\nHealth and social care partnership\n\nPartner authority"
    )
    day_services.save_revision().publish()
    other = f.make_programme()
    form = _form(LocalityPage(), day_services)
    assert [c for c, _ in form.fields["kind"].choices] == [
        "Partner authority",
        "Health and social care partnership",
    ]
    assert [c for c, _ in _form(LocalityPage(), other).fields["kind"].choices] == [
        "Regional project",
        "Demonstrator site",
    ]
    data = {"title": "Eastbrook", "slug": "eastbrook", "summary": "We test.", "kind": "Nowhere"}
    refused = _form(LocalityPage(), day_services, data)
    assert not refused.is_valid()
    assert refused.errors["kind"] == ["Choose a kind from the programme's list"]
    # Saved with the programme's own words, and shown with them.
    locality = f.make_locality(day_services, "Eastbrook")
    locality.kind = "Health and social care partnership"
    locality.save_revision().publish()
    assert (
        "Health and social care partnership in Day services"
        in client.get(locality.url).content.decode()
    )


def test_a_kind_taken_off_the_list_stays_on_its_localities():
    programme = f.make_programme()
    locality = f.make_locality(programme)
    locality.kind = "Demonstrator site"
    locality.save()
    programme.locality_kinds = "Partner authority"
    programme.save()
    form = _form(locality, programme)
    assert [c for c, _ in form.fields["kind"].choices] == ["Partner authority", "Demonstrator site"]


def test_kinds_saved_as_codes_before_show_as_words():
    locality = LocalityPage(kind="demonstrator")
    assert locality.kind_label == "Demonstrator site"


def test_an_emptied_list_falls_back_to_the_usual_one():
    programme = f.make_programme()
    programme.locality_kinds = programme.storyteller_kinds = "\n  \n"
    programme.storyteller_strengths = ""
    assert programme.kinds() == ["Regional project", "Demonstrator site"]
    assert programme.tellers()[0] == "An older person"
    assert programme.strengths()[0] == "Being listened to"


def test_the_public_page_says_how_to_reach_the_team_not_only_who_to_ask_for(client):
    programme = f.make_programme()
    base = {"title": "Eastbrook", "slug": "eastbrook", "summary": "We test."}
    base["kind"] = "Regional project"
    refused = _form(LocalityPage(), programme, {**base, "contact_role": "locality lead"})
    assert not refused.is_valid()
    assert refused.errors["contact_email"] == [
        "Add the team's email or phone number, so people can reach the locality lead"
    ]
    by_phone = {**base, "contact_role": "locality lead", "contact_phone": "01632 960 123"}
    assert _form(LocalityPage(), programme, by_phone).is_valid()
    locality = f.make_locality(programme, "Eastbrook")
    locality.contact_role = "locality lead"
    locality.contact_email = "eastbrook-team@example.org"
    locality.contact_phone = "01632 960 123"
    locality.save_revision().publish()
    html = client.get(locality.url).content.decode()
    assert (
        'Ask for the locality lead (email <a href="mailto:eastbrook-team@example.org">'
        "eastbrook-team@example.org</a> or phone "
        '<a href="tel:01632960123">01632 960 123</a>).' in html
    )


def test_a_page_saved_before_with_a_role_and_no_contact_can_still_be_edited():
    """Taking back the agreement to publish (say) is never held up by the contact rule: it is
    asked when the role is given or changed."""
    programme = f.make_programme()
    locality = f.make_locality(programme, "Eastbrook")
    LocalityPage.objects.filter(pk=locality.pk).update(contact_role="locality lead")
    locality.refresh_from_db()
    data = {"title": "Eastbrook", "slug": locality.slug, "summary": "We test."}
    data |= {"kind": "Regional project", "contact_role": "locality lead"}
    assert _form(locality, programme, data).is_valid()
    changed = _form(locality, programme, {**data, "contact_role": "team coordinator"})
    assert not changed.is_valid() and "contact_email" in changed.errors
