"""Every upload route passes the one rule (``site_content.uploads.check``): found by walking
every form the project and both admins build, then tried route by route with the same
disguised and infected files."""

import importlib
import io
import pkgutil
import stat
import wave

import pytest
from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form, get_document_multi_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form, get_image_multi_form
from wagtail.models import Collection, get_page_models

from engagement.models import (
    EntryAttachment,
    Panel,
    PanelMember,
    ProgrammeRole,
    ReviewRound,
    Story,
)
from site_content import uploads
from site_content.fields import CheckedFileField
from site_content.forms_admin import CheckedDocumentForm, CheckedImageForm
from tests import factories as f

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("accounts", "engagement", "events", "guide", "site_content")
SIGNATURE = b"THIS-IS-A-TEST-VIRUS-SIGNATURE"


def _project_form_classes():
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or module.name.endswith(".apps"):
                continue
            importlib.import_module(module.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return {c for c in seen if c.__module__.split(".")[0] in PROJECT_APPS}


def _admin_form_classes():
    image_model, document_model = get_image_model(), get_document_model()
    # Wagtail's image and document views build their forms with these (the viewsets' generic
    # get_form_class is not what their add, edit and multiple-upload views use).
    found = {
        get_image_form(image_model),
        get_image_multi_form(image_model),
        get_document_form(document_model),
        get_document_multi_form(document_model),
    }
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet) and viewset.model not in (image_model, document_model):
            found.add(viewset.get_form_class())
    for model in get_page_models():
        found.add(model.get_edit_handler().get_form_class())
    request = RequestFactory().get("/")
    request.user = f.UserFactory(is_superuser=True, is_staff=True)
    for model_admin in admin.site._registry.values():
        found.add(model_admin.get_form(request))
    return found


def test_every_form_that_takes_a_file_uses_the_one_checked_field():
    form_classes = _project_form_classes() | _admin_form_classes()
    assert len(form_classes) > 40  # the walk really found the forms
    file_fields, unchecked = 0, []
    for form_class in form_classes:
        for name, field in getattr(form_class, "base_fields", {}).items():
            if not isinstance(field, forms.FileField):
                continue
            file_fields += 1
            if isinstance(field, CheckedFileField):
                continue
            if issubclass(form_class, CheckedDocumentForm | CheckedImageForm) and name == "file":
                continue
            unchecked.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert file_fields >= 6
    assert unchecked == []


@pytest.fixture
def scanner(tmp_path, settings):
    script = tmp_path / "scanner.sh"
    script.write_text(f'#!/bin/sh\ngrep -q "{SIGNATURE.decode()}" "$1" && exit 1\nexit 0\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    settings.UPLOAD_SCANNER_COMMAND = [str(script)]


PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _wav():
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * 800)
    return buffer.getvalue()


def _attachments(client, upload):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    client.force_login(f.add_member(locality))
    phase = programme.phases.first()
    data = {
        "entry_date": phase.start_date.isoformat(),
        "phase": phase.pk,
        "what_we_did": "Met the providers",
        "submit": "1",
        "attachments": upload,
    }
    return client.post(reverse("workspace:entry_new", args=[locality.slug]), data), EntryAttachment


def _story(field):
    def post(client, upload):
        inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
        data = {"teller": "A carer", "consent_learning": "on", "picture_description": "A garden"}
        data[field] = upload
        return client.post(reverse("stories:tell", args=[inquiry.pk]), data), Story

    return post


def _in_person_scan(client, upload):
    locality = f.make_locality(f.make_programme())
    inquiry = f.make_inquiry(locality)
    client.force_login(f.add_member(locality))
    data = {
        "text": "She told us about the day centre.",
        "teller": "An older person",
        "consent_learning": "on",
        "collected": Story.DROP_IN,
        "consent_method": "verbal",
        "consent_taken_by": "Our facilitator",
        "scan": upload,
    }
    return client.post(reverse("inquiries:story_new", args=[inquiry.pk]), data), Story


def _review(field):
    def post(client, upload):
        programme = f.make_programme()
        facilitator = f.add_programme_role(programme, ProgrammeRole.TEAM)
        panel = Panel.objects.create(
            programme=programme, name="P", slug="p", facilitator=facilitator
        )
        seat = PanelMember.objects.create(
            panel=panel, user=f.add_programme_role(programme, ProgrammeRole.EXPERT)
        )
        client.force_login(facilitator)
        data = {
            "title": "Leaflet",
            "closes_on": "2036-01-01",
            "standard_questions": ["Is anything missing?"],
            "invited": [seat.pk],
            field: upload,
        }
        return client.post(reverse("panels:round_new", args=[panel.slug]), data), ReviewRound

    return post


def _wagtail(kind):
    def post(client, upload):
        client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
        root = Collection.get_first_root_node().pk
        url = reverse(f"wagtail{kind}:add")
        model = get_document_model() if kind == "docs" else get_image_model()
        return client.post(url, {"title": "x", "collection": root, "file": upload}), model

    return post


# Each route, and a name and content it accepts.
ROUTES = {
    "progress attachments": (_attachments, "notes.pdf", PDF),
    "story recording": (_story("recording"), "voice.wav", _wav()),
    "story picture": (_story("picture"), "garden.png", _png()),
    "in-person story scan": (_in_person_scan, "form.pdf", PDF),
    "review document": (_review("document"), "leaflet.pdf", PDF),
    "review Easy Read": (_review("easy_read_document"), "easy.pdf", PDF),
    "Wagtail document": (_wagtail("docs"), "leaflet.pdf", PDF),
}


DISGUISED = b"<html><script>alert(1)</script></html>"
MESSAGES = {
    # Routes that keep the file's name say the name lies; the others say what it must be.
    "disguised": ("is not really a .", "whatever its name says"),
    "infected": ("the virus scanner found a threat",),
    "empty": ("is empty",),
}


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("problem", MESSAGES)
def test_each_route_refuses_bad_files_in_the_same_words(scanner, client, route, problem):
    post, name, good = ROUTES[route]
    content = {"disguised": DISGUISED, "infected": good + SIGNATURE, "empty": b""}[problem]
    response, model = post(client, SimpleUploadedFile(name, content))
    html = response.content.decode()
    assert response.status_code in (200, 400), route  # the form again, never a crash
    assert any(m in html for m in MESSAGES[problem]), (route, problem)
    assert not model.objects.exists(), route


@pytest.mark.parametrize("route", ROUTES)
def test_each_route_accepts_a_good_file(scanner, client, route):
    post, name, good = ROUTES[route]
    response, _ = post(client, SimpleUploadedFile(name, good))
    html = response.content.decode()
    for messages in MESSAGES.values():
        assert not any(m in html for m in messages), route


def test_an_image_disguised_as_a_document_is_refused_by_the_wagtail_image_route(scanner, client):
    response, model = _wagtail("images")(
        client, SimpleUploadedFile("photo.png", b"%PDF-1.4\n" + SIGNATURE)
    )
    assert response.status_code in (200, 400)
    assert not model.objects.exists()


def test_django_admin_offers_no_unchecked_way_to_upload_documents_or_images(client):
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for url in (
        "/django-admin/wagtaildocs/document/add/",
        "/django-admin/wagtailimages/image/add/",
    ):
        assert client.get(url).status_code == 404, url


def test_a_file_the_form_does_not_ask_for_is_never_kept(client):
    """The public story form has no "scan" field: a scan posted to it anyway is ignored."""
    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    response = client.post(
        reverse("stories:tell", args=[inquiry.pk]),
        {
            "text": "The day centre staff knew my name.",
            "teller": "A carer",
            "consent_learning": "on",
            "scan": SimpleUploadedFile("evil.html", DISGUISED),
        },
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert not story.scan


def _gif():
    buffer = io.BytesIO()
    Image.new("P", (4, 4)).save(buffer, format="GIF")
    return buffer.getvalue()


# A real picture with a web page after it: it opens as a page wherever a server guesses.
HIDDEN_PAGE = b"<!DOCTYPE html><HTML><script>alert(document.cookie)</script></html>"


@pytest.mark.parametrize(
    "post, name, picture",
    [
        (_story("picture"), "garden.png", _png()),
        (_in_person_scan, "form.png", _png()),
        (_wagtail("images"), "banner.gif", _gif()),
        (_wagtail("images"), "banner.png", _png()),
    ],
    ids=["story picture", "in-person scan", "Wagtail GIF", "Wagtail PNG"],
)
def test_a_picture_with_a_web_page_hidden_in_it_is_refused(scanner, client, post, name, picture):
    response, model = post(client, SimpleUploadedFile(name, picture + HIDDEN_PAGE))
    assert response.status_code in (200, 400)
    assert "has web page code hidden inside it" in response.content.decode()
    assert not model.objects.exists()
    # The same picture without the page is taken.
    response, model = post(client, SimpleUploadedFile(name, picture))
    assert model.objects.exists(), name


def test_markup_cut_between_two_pieces_of_the_file_is_still_found():
    padding = b"\x00" * ((1 << 16) - 3)
    assert uploads.holds_markup(SimpleUploadedFile("a.png", padding + b"<script>"))
    assert not uploads.holds_markup(SimpleUploadedFile("a.png", padding + b"<scrip t>"))


def _photo_with_details(kind="JPEG"):
    """A photo as a phone writes it: the author, where it was taken, and turned on its side."""
    exif = Image.Exif()
    exif[0x013B] = "Ulla Quarrington ulla@example.org"  # Artist
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 39.0)}  # GPS
    exif[0x0112] = 6  # Orientation: turn the picture a quarter
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "orange").save(buffer, format=kind, exif=exif)
    return buffer.getvalue()


def _stored(model, field):
    with getattr(model.objects.get(), field).open("rb") as stored:
        return stored.read()


@pytest.mark.parametrize(
    "post, name, field",
    [
        (_story("picture"), "garden.jpg", "picture"),
        (_in_person_scan, "form.jpg", "scan"),
        (_attachments, "day.png", "file"),
        (_wagtail("images"), "banner.webp", "file"),
    ],
    ids=["story picture", "in-person scan", "progress attachment", "Wagtail image"],
)
def test_pictures_are_kept_without_the_details_a_phone_hides_in_them(
    scanner, client, post, name, field
):
    kind = {"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[name.rsplit(".", 1)[1]]
    photo = _photo_with_details(kind)
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)  # the test photo has them
    _response, model = post(client, SimpleUploadedFile(name, photo))
    kept = _stored(model, field)
    assert b"Quarrington" not in kept
    with Image.open(io.BytesIO(kept)) as picture:
        assert not picture.getexif()
        assert "xmp" not in picture.info
        assert picture.size == (20, 40)  # stood the right way up before its details went


def test_a_picture_that_cannot_be_opened_is_refused_in_plain_words():
    broken = SimpleUploadedFile("photo.png", _png()[:40])  # a PNG's start, then nothing
    with pytest.raises(forms.ValidationError, match="could not be opened as a picture"):
        uploads.check(broken, extensions=("png",), max_bytes=None)


def test_wagtail_multiple_upload_holds_a_picture_without_its_details_when_its_title_fails(
    scanner, client
):
    """When another field fails, Wagtail keeps the file to make the image later, without the
    form: it is kept as the checks keep it."""
    from wagtail.models import UploadedFile

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    root = Collection.get_first_root_node().pk
    response = client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "title": "x" * 300,
            "collection": root,
            "files[]": SimpleUploadedFile("gps.jpg", _photo_with_details()),
        },
    )
    held = UploadedFile.objects.get(pk=response.json()["uploaded_file_id"])
    with held.file.open("rb") as stored:
        assert b"Quarrington" not in stored.read()
    client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[held.pk]),
        {f"uploaded-image-{held.pk}-title": "Garden", f"uploaded-image-{held.pk}-collection": root},
    )
    kept = _stored(get_image_model(), "file")
    assert b"Quarrington" not in kept and not Image.open(io.BytesIO(kept)).getexif()


def test_a_picture_cut_short_is_refused_by_wagtail_in_plain_words_not_as_storage_down(
    scanner, client
):
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "orange").save(buffer, format="JPEG")
    response, model = _wagtail("images")(
        client, SimpleUploadedFile("cut.jpg", buffer.getvalue()[:600])
    )
    assert response.status_code in (200, 400)
    assert "could not be saved just now" not in response.content.decode()
    assert not model.objects.exists()


def test_a_gif_with_an_image_tag_after_it_is_refused(scanner, client):
    response, model = _wagtail("images")(
        client, SimpleUploadedFile("b.gif", _gif() + b"<img src=x onerror=alert(1)>")
    )
    assert "has web page code hidden inside it" in response.content.decode()
    assert not model.objects.exists()
