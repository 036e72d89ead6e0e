"""Every upload route checks content, not names, and passes files to the scanner hook."""

import io
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from site_content import uploads
from tests import factories as f

pytestmark = pytest.mark.django_db

EICAR_LIKE = b"THIS-IS-A-TEST-VIRUS-SIGNATURE"


@pytest.fixture
def fake_scanner(tmp_path, settings):
    """A scanner that answers like ClamAV: exit 1 when the file holds the test signature."""
    script = tmp_path / "scanner.sh"
    script.write_text(f'#!/bin/sh\ngrep -q "{EICAR_LIKE.decode()}" "$1" && exit 1\nexit 0\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    settings.UPLOAD_SCANNER_COMMAND = [str(script)]
    return script


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "name,content,ok",
    [
        ("notes.txt", b"Plain notes, with an \xc3\xa9.", True),
        ("notes.txt", b"MZ\x00\x00binary", False),
        ("minutes.pdf", b"%PDF-1.4\n%\xe2\xe3\n", True),
        ("minutes.pdf", b"<html>not a pdf</html>", False),
        ("photo.png", png_bytes(), True),
        ("photo.jpg", png_bytes(), False),  # a PNG named .jpg
        ("report.docx", b"%PDF-1.4\n", False),
        ("letter.rtf", b"{\\rtf1\\ansi hello}", True),
    ],
)
def test_content_must_match_the_extension(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    assert uploads.content_matches(upload, name.rsplit(".", 1)[1]) is ok


def test_without_a_scanner_uploads_are_not_scanned_and_the_admin_says_so(settings, client):
    settings.UPLOAD_SCANNER_COMMAND = []
    settings.CLAMAV_DATABASE_DIR = "/nonexistent"
    assert uploads.scanner_command() is None
    result = uploads.scan(SimpleUploadedFile("a.txt", b"hello"))
    assert not result.scanned and result.clean
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    assert "No virus scanner is running" in client.get("/admin/").content.decode()


def test_the_scanner_hook_refuses_an_infected_attachment(fake_scanner, client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    member = f.add_member(locality)
    client.force_login(member)
    phase = programme.phases.first()
    url = reverse("workspace:entry_new", args=[locality.slug])
    data = {
        "entry_date": phase.start_date.isoformat(),
        "phase": phase.pk,
        "what_we_did": "Met the providers",
        "submit": "1",
    }
    bad = client.post(url, {**data, "attachments": SimpleUploadedFile("n.txt", EICAR_LIKE)})
    assert bad.status_code == 400
    assert "the virus scanner found a threat" in bad.content.decode()
    good = client.post(url, {**data, "attachments": SimpleUploadedFile("n.txt", b"clean notes")})
    assert good.status_code == 302
    assert "Uploads are checked by type and size, and scanned" in _admin_home(client)


def _admin_home(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    return client.get("/admin/").content.decode()


def test_wagtail_documents_are_checked_by_content_and_scanned(fake_scanner, client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtaildocs:add")
    from wagtail.models import Collection

    root = Collection.get_first_root_node().pk
    disguised = client.post(
        url,
        {"title": "x", "collection": root, "file": SimpleUploadedFile("x.pdf", b"<html>no</html>")},
    )
    assert "is not really a .pdf file" in disguised.content.decode()
    infected = client.post(
        url,
        {"title": "y", "collection": root, "file": SimpleUploadedFile("y.txt", EICAR_LIKE)},
    )
    assert "the virus scanner found a threat" in infected.content.decode()
    from wagtail.documents import get_document_model

    assert not get_document_model().objects.exists()


def test_story_uploads_are_scanned(fake_scanner, client):
    programme = f.make_programme()
    inquiry = f.make_inquiry(f.make_locality(programme))
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]),
        {
            "teller": "A carer",
            "consent_learning": "on",
            "picture": SimpleUploadedFile("p.png", png_bytes() + EICAR_LIKE),
            "picture_description": "A garden",
        },
    )
    assert response.status_code == 400
    assert "the virus scanner found a threat" in response.content.decode()


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("leaflet.pdf", b"<html><script>alert(1)</script></html>", "is not really a .pdf file"),
        ("leaflet.png", b"%PDF-1.4\n", "is not really a .png file"),
        ("leaflet.pdf", b"%PDF-1.4\n" + EICAR_LIKE, "the virus scanner found a threat"),
    ],
)
def test_review_round_documents_are_checked_by_content_and_scanned(
    fake_scanner, client, name, content, message
):
    from engagement.models import Panel, PanelMember, ProgrammeRole, ReviewRound

    programme = f.make_programme()
    facilitator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    panel = Panel.objects.create(programme=programme, name="P", slug="p", facilitator=facilitator)
    seat = PanelMember.objects.create(
        panel=panel, user=f.add_programme_role(programme, ProgrammeRole.EXPERT)
    )
    client.force_login(facilitator)
    for field in ("document", "easy_read_document"):
        data = {
            "title": "Leaflet",
            "closes_on": "2036-01-01",
            "standard_questions": ["Is anything missing?"],
            "invited": [seat.pk],
            "document": SimpleUploadedFile("fine.pdf", b"%PDF-1.4\n"),
            field: SimpleUploadedFile(name, content),
        }
        response = client.post(reverse("panels:round_new", args=[panel.slug]), data)
        assert response.status_code == 400, field
        assert message in response.content.decode(), field
    assert not ReviewRound.objects.exists()
