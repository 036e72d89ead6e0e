"""/.well-known/security.txt (RFC 9116) and the "Report a security problem" page: published
only with a real contact and a future expiry date, both set in the admin."""

import datetime

import pytest
from django.utils import timezone

from site_content.models import SecurityContact

pytestmark = pytest.mark.django_db


def test_nothing_is_made_up_while_the_contact_is_missing(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 404
    assert "no security contact email is set" in response.content.decode()
    page = client.get("/security/").content.decode()
    assert "We have not yet published a contact" in page


def test_security_txt_follows_rfc_9116(client):
    contact = SecurityContact.load()
    contact.contact_email = "security@example.org"
    contact.expires_on = timezone.localdate() + datetime.timedelta(days=200)
    contact.save()
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@example.org"
    assert datetime.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").date() == (
        contact.expires_on
    )
    assert fields["Canonical"].endswith("/.well-known/security.txt")
    assert fields["Policy"].endswith("/security/")
    page = client.get("/security/").content.decode()
    assert 'href="mailto:security@example.org"' in page and "within 5 working days" in page


def test_an_expired_file_is_withdrawn_and_says_why(client):
    contact = SecurityContact.load()
    contact.contact_email = "security@example.org"
    contact.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    contact.save()
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 404
    assert "has passed" in response.content.decode()


def test_the_dashboard_says_what_is_missing_before_going_live(client):
    from tests import factories as f

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    home = client.get("/admin/").content.decode()
    assert "Before going live:" in home and "no security contact email is set" in home
    contact = SecurityContact.load()
    contact.contact_email = "security@example.org"
    contact.expires_on = timezone.localdate() + datetime.timedelta(days=30)
    contact.save()
    assert "no security contact email is set" not in client.get("/admin/").content.decode()
