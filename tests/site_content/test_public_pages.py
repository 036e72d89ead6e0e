import datetime
import re
from unittest import mock

import pytest
from django.utils import timezone

from tests import factories as f


@pytest.mark.django_db
def test_programme_page_shows_timeline_localities_and_milestones(client):
    programme = f.make_programme()
    f.make_locality(programme, "Ashvale")
    second = programme.phases.all()[1]
    with mock.patch.object(
        timezone, "localdate", return_value=second.start_date + datetime.timedelta(days=3)
    ):
        html = client.get(programme.url).content.decode()
    assert "We are here" in html
    assert html.index("We are here") > html.index(second.name)
    assert 'aria-current="step"' in html
    assert "Ashvale" in html
    assert "People on a personal budget" in html and "10%" in html


@pytest.mark.django_db
def test_home_lists_programmes_and_locality_page_hides_workspace_link_from_public(client):
    programme = f.make_programme(title="Open Doors")
    locality = f.make_locality(programme, "Brookfield")
    assert "Open Doors" in client.get("/").content.decode()
    html = client.get(locality.url).content.decode()
    assert "We test." in html and "/workspace/" not in html
    client.force_login(f.add_member(locality))
    assert locality.get_workspace_url() in client.get(locality.url).content.decode()


@pytest.mark.django_db
def test_a_phase_within_one_month_names_the_month_once(client):
    programme = f.make_programme(
        phases=[
            ("Design days", datetime.date(2027, 8, 2), datetime.date(2027, 8, 27)),
            ("Trying it out", datetime.date(2027, 9, 1), datetime.date(2028, 2, 28)),
        ]
    )
    html = client.get(programme.url).content.decode()
    assert "August 2027 to August 2027" not in html and "August 2027" in html
    assert "September 2027 to February 2028" in html


@pytest.mark.django_db
def test_the_home_page_offers_sign_in_only_to_people_signed_out(client):
    f.make_programme(title="Open Doors")
    signed_out = client.get("/").content.decode()
    assert "Working in a locality team?" in signed_out
    client.force_login(f.UserFactory())
    signed_in = client.get("/").content.decode()
    assert "Working in a locality team?" not in signed_in
    assert "Go to your workspace" in signed_in
    workspace = client.get("/workspace/")
    assert workspace.status_code == 200
    # Someone in no team is not sent to a coordinator they do not have: the way on is shown.
    html = workspace.content.decode()
    assert "You do not need to be, to book a place at an event or to tell us a story" in html
    assert '<a class="button" href="/">Find events and stories on the home page</a>' in html
    assert "programme coordinator" not in html


@pytest.mark.django_db
def test_a_guide_edition_is_dated_as_people_say_it():
    from guide.models import GuidePage

    assert GuidePage(publication_date="2026-11").edition_said == "November 2026"
    assert GuidePage(publication_date="2026-11-05").edition_said == "5 November 2026"
    assert GuidePage(publication_date="2026-13").edition_said == "2026-13"


@pytest.mark.django_db
def test_the_workspace_list_does_not_say_a_locality_kind_twice(client):
    from engagement.models import LocalityPage

    programme = f.make_programme()
    locality = f.make_locality(programme, "Brookfield")
    LocalityPage.objects.filter(pk=locality.pk).update(
        kind="Demonstrator site", region="Demonstrator site"
    )
    member = f.add_member(locality)
    f.add_member(f.make_locality(programme, "Elmside"), user=member)  # a list, not a redirect
    client.force_login(member)
    html = client.get("/workspace/").content.decode()
    assert "Demonstrator site" in html and "Demonstrator site, Demonstrator site" not in html


@pytest.mark.django_db
def test_the_home_page_says_the_sites_name_once_and_has_an_icon(client):
    from django.contrib.staticfiles import finders

    home = f.home_page()
    home.title = "Common Ground"
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert re.search(r"<title>\s*Common Ground\s*</title>", html)
    icon = re.search(r'<link rel="icon" href="/static/([^"]+)"', html)[1]
    assert finders.find(icon)  # the icon is ours, served with the site: no 404 on every page
