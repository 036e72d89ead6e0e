"""The outgoing email screen: superusers see what is waiting or failed, never the bodies."""

import pytest
from django.contrib.auth.models import Permission

from site_content.models import OutgoingEmail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_superusers_see_failures_but_not_bodies(client):
    OutgoingEmail.objects.create(
        to="teller@example.net",
        subject="Thank you for your story",
        body="secret private link /stories/mine/abc/",
        status=OutgoingEmail.FAILED,
        attempts=8,
        last_error="ConnectionRefusedError: mail server down",
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = client.get("/admin/outgoing_email/").content.decode()
    assert "Thank you for your story" in page and "mail server down" in page
    assert "secret private link" not in page
    staff = UserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    assert client.get("/admin/outgoing_email/").status_code in (302, 403)
