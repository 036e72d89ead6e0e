"""Filters in a page's address take whatever is typed there: nonsense or a number too big for
any database shows the unfiltered page (never a server error), and a real id still filters."""

import pytest
from django.urls import reverse

from engagement.models import ProgrammeRole, Project, RegisterItem
from tests import factories as f

pytestmark = pytest.mark.django_db

BAD = ["99999999999999999999999", "-1", "1e3", "ab", "１２", "1;DROP TABLE", "", "0x10", " 7 "]


@pytest.fixture
def programme(client):
    programme = f.make_programme()
    client.force_login(f.add_programme_role(programme, ProgrammeRole.TEAM))
    return programme


@pytest.mark.parametrize("value", BAD)
def test_inquiry_pages_ignore_a_locality_that_cannot_be(programme, client, value):
    inquiry = f.make_inquiry(programme)
    for name in ("inquiries:analysis", "inquiries:stories"):
        response = client.get(reverse(name, args=[inquiry.pk]), {"locality": value})
        assert response.status_code == 200, (name, value)


@pytest.mark.parametrize("value", BAD)
def test_register_ignores_a_project_that_cannot_be(programme, client, value):
    for name in ("programme:register", "programme:register_new"):
        response = client.get(reverse(name, args=[programme.slug]), {"project": value})
        assert response.status_code == 200, (name, value)


def test_a_real_project_still_filters_the_register(programme, client):
    kept = Project.objects.create(programme=programme, title="Kept", purpose="x")
    other = Project.objects.create(programme=programme, title="Other", purpose="x")
    for project, title in ((kept, "Risk of kept"), (other, "Risk of other")):
        RegisterItem.objects.create(programme=programme, project=project, title=title)
    html = client.get(
        reverse("programme:register", args=[programme.slug]), {"project": kept.pk}
    ).content.decode()
    assert "Risk of kept" in html and "Risk of other" not in html
    assert f'<option value="{kept.pk}" selected>' in html
