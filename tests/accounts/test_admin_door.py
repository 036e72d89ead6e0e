"""The admin's door: people who may use it get in, people signed in without it get a plain
"no access" page (never a loop of redirects), people not signed in are asked to sign in."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PATHS = ["/admin/", "/admin/pages/", "/admin/snippets/", "/admin/login/", "/admin/audit/"]


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_signed_in_without_admin_access_is_told_plainly(client, path):
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have access to the admin" in html
    assert 'href="/accounts/logout/"' in html


def test_not_signed_in_is_asked_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_people_allowed_the_admin_get_in(client):
    editor = UserFactory()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.force_login(UserFactory(is_superuser=True))
    assert client.get("/admin/").status_code == 200
