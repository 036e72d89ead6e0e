"""Moving GIFs and iPhone (HEIC) photos lose their hidden details too, and pictures stored
before uploads were cleaned are cleaned once by ``manage.py clean_pictures``."""

import io

import pillow_heif  # noqa: F401 - registers HEIC with Pillow, as the site does
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image, ImageSequence
from wagtail.images import get_image_model
from wagtail.models import Collection

from engagement.models import EntryAttachment, Story
from site_content import pictures
from tests import factories as f
from tests.site_content.test_upload_routes import _photo_with_details, _story, _wagtail
from tests.site_content.test_upload_routes import scanner as scanner  # a fixture

pytestmark = pytest.mark.django_db


def _moving_gif_with_a_comment():
    frames = [Image.new("RGB", (30, 20), colour) for colour in ("red", "blue", "green")]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=[200, 300, 400],
        loop=0,
        comment=b"Ulla Quarrington, 4 Mill Lane",
    )
    return buffer.getvalue()


def _heic_with_details():
    exif = Image.Exif()
    exif[0x013B] = "Ulla Quarrington ulla@example.org"
    exif[0x0112] = 6
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "orange").save(
        buffer, format="HEIF", exif=exif.tobytes(), xmp=b"<x:xmpmeta>Quarrington</x:xmpmeta>"
    )
    return buffer.getvalue()


@pytest.mark.usefixtures("scanner")
def test_a_moving_gif_keeps_its_frames_and_timing_but_not_its_comment(client):
    sent = _moving_gif_with_a_comment()
    assert b"Quarrington" in sent
    _wagtail("images")(client, SimpleUploadedFile("wave.gif", sent))
    with get_image_model().objects.get().file.open("rb") as stored:
        kept = stored.read()
    assert b"Quarrington" not in kept
    with Image.open(io.BytesIO(kept)) as gif:
        assert [frame.info["duration"] for frame in ImageSequence.Iterator(gif)] == [200, 300, 400]
        assert gif.info["loop"] == 0
    assert not pictures.holds_details(io.BytesIO(kept))


@pytest.mark.usefixtures("scanner")
def test_an_iphone_photo_is_kept_as_a_jpeg_without_its_details(client):
    response, _ = _story("picture")(
        client, SimpleUploadedFile("IMG_0042.HEIC", _heic_with_details())
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.picture.name.endswith(".jpg")
    with story.picture.open("rb") as stored:
        kept = stored.read()
    assert b"Quarrington" not in kept
    with Image.open(io.BytesIO(kept)) as photo:
        assert photo.format == "JPEG"
        assert photo.size == (20, 40)  # stood the right way up
        assert not photo.getexif()


def _stored_before_cleaning():
    """Pictures as they were kept before uploads were cleaned: written straight to storage."""
    locality = f.make_locality(f.make_programme())
    author = f.add_member(locality)
    story = f.make_story(f.make_inquiry(locality))
    story.picture.save("garden.jpg", ContentFile(_photo_with_details()), save=True)
    story.scan.save("form.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    entry = f.make_entry(locality, author)
    heic = _heic_with_details()
    attachment = EntryAttachment(entry=entry, original_name="day.heic", size=len(heic))
    attachment.file.save("day.heic", ContentFile(heic), save=True)
    broken = EntryAttachment(entry=entry, original_name="cut.png", size=20)
    broken.file.save("cut.png", ContentFile(b"\x89PNG\r\n\x1a\n broken"), save=True)
    image = get_image_model()(
        title="Banner",
        collection=Collection.get_first_root_node(),
        file=ContentFile(_photo_with_details("PNG"), name="banner.png"),
        focal_point_x=30,
        focal_point_y=10,
        focal_point_width=4,
        focal_point_height=4,
    )
    image.save()
    image.get_rendition("width-20")
    return story, attachment, broken, image


def _bytes(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


def test_clean_pictures_cleans_what_was_stored_before_and_leaves_the_rest(capsys):
    story, attachment, broken, image = _stored_before_cleaning()
    old_picture, old_image = story.picture.name, image.file.name
    storage = story.picture.storage
    assert image.width == 40 and image.renditions.count() == 1
    scan_before = _bytes(story.scan)

    call_command("clean_pictures", "--dry-run")
    assert "3 to clean" in capsys.readouterr().out
    story.refresh_from_db()
    assert story.picture.name == old_picture and b"Quarrington" in _bytes(story.picture)

    call_command("clean_pictures")
    out = capsys.readouterr()
    assert "3 cleaned" in out.out and "1 unreadable" in out.out
    assert f"unreadable: engagement.EntryAttachment {broken.pk}: {broken.file.name}" in out.out
    assert "by hand" in out.err

    story.refresh_from_db()
    attachment.refresh_from_db()
    image.refresh_from_db()
    for field_file in (story.picture, attachment.file, image.file):
        kept = _bytes(field_file)
        assert b"Quarrington" not in kept, field_file.name
        assert not pictures.holds_details(io.BytesIO(kept)), field_file.name
    assert not storage.exists(old_picture)
    assert not image.file.storage.exists(old_image)
    assert attachment.file.name.endswith(".jpg") and attachment.original_name == "day.jpg"
    assert attachment.size == len(_bytes(attachment.file))
    assert _bytes(story.scan) == scan_before  # not a picture: left alone
    # The image says what its file now is, and is made again from the clean picture.
    assert (image.width, image.height) == (20, 40)
    assert image.file_size == len(_bytes(image.file))
    assert image.focal_point_x is None
    assert image.renditions.count() == 0
    assert b"Quarrington" not in _bytes(image.get_rendition("width-20").file)


def test_clean_pictures_a_second_time_changes_nothing(capsys):
    story, _attachment, _broken, image = _stored_before_cleaning()
    call_command("clean_pictures")
    story.refresh_from_db()
    image.refresh_from_db()
    once = (story.picture.name, _bytes(story.picture), image.file.name, image.file_hash)
    capsys.readouterr()

    call_command("clean_pictures")
    assert "0 cleaned" not in capsys.readouterr().out  # nothing left to clean is not said
    story.refresh_from_db()
    image.refresh_from_db()
    assert (story.picture.name, _bytes(story.picture), image.file.name, image.file_hash) == once
