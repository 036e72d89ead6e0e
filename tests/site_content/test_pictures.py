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
    assert not pictures.holds_details(kept)


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
        assert not pictures.holds_details(kept), field_file.name
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


def _saved(picture, kind, **options):
    buffer = io.BytesIO()
    picture.save(buffer, format=kind, **options)
    return buffer.getvalue()


def _png_with_a_private_part():
    import zlib

    plain = _saved(Image.new("RGB", (8, 8), "red"), "PNG")
    part = b"prVt" + b"Ulla Quarrington"
    chunk = (16).to_bytes(4, "big") + part + zlib.crc32(part).to_bytes(4, "big")
    return plain[:33] + chunk + plain[33:]  # after the header part


def _gif_with_xmp_before_its_looping():
    moving = _saved(
        Image.new("RGB", (8, 8), "red"),
        "GIF",
        save_all=True,
        append_images=[Image.new("RGB", (8, 8), "blue")],
        loop=0,
    )
    xmp = b"\x21\xff\x0bXMP DataXMP" + b"\x10Ulla Quarrington" + b"\x00"
    return moving[: 13 + 6] + xmp + moving[13 + 6 :]  # after the two-colour table


RED = Image.new("RGB", (8, 8), "red")
HIDDEN = {
    "text after a JPEG's end": _saved(RED, "JPEG") + b"Ulla Quarrington",
    "a JPEG app block": _saved(RED, "JPEG")[:2]
    + b"\xff\xec\x00\x12Ulla Quarrington"
    + _saved(RED, "JPEG")[2:],
    "a PNG private part": _png_with_a_private_part(),
    "text after a PNG's end": _saved(RED, "PNG") + b"Ulla Quarrington",
    "a GIF comment": _saved(RED, "GIF", comment=b"Ulla Quarrington"),
    "GIF XMP before the looping block": _gif_with_xmp_before_its_looping(),
    "WEBP XMP": _saved(RED, "WEBP", xmp=b"Ulla Quarrington"),
}


@pytest.mark.parametrize("kind", HIDDEN)
def test_details_pillow_does_not_report_are_found_and_cleaned(kind):
    picture = HIDDEN[kind]
    assert pictures.holds_details(picture)
    out = io.BytesIO()
    pictures.write_without_metadata(io.BytesIO(picture), out)
    assert b"Quarrington" not in out.getvalue()
    assert not pictures.holds_details(out.getvalue())


MOVING = {
    "WEBP": {"duration": [100, 250], "loop": 0},
    "PNG": {"duration": [100, 250], "loop": 0},
}


@pytest.mark.parametrize("kind", MOVING)
def test_a_moving_webp_or_png_keeps_its_frames(kind):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    exif = Image.Exif()
    exif[0x013B] = "Ulla Quarrington"
    sent = _saved(
        frames[0], kind, save_all=True, append_images=frames[1:], exif=exif, **MOVING[kind]
    )
    out = io.BytesIO()
    pictures.write_without_metadata(io.BytesIO(sent), out)
    with Image.open(io.BytesIO(out.getvalue())) as kept:
        assert kept.n_frames == 2
    assert b"Quarrington" not in out.getvalue()
    assert not pictures.holds_details(out.getvalue())


def test_a_jpeg_holding_several_pictures_is_kept_as_one_jpeg():
    from site_content import uploads

    frames = [Image.new("RGB", (40, 20), colour) for colour in ("orange", "blue")]
    sent = _saved(frames[0], "MPO", save_all=True, append_images=frames[1:])
    kept = uploads.check(
        SimpleUploadedFile("IMG_1.jpg", sent), extensions=uploads.IMAGES, max_bytes=None
    )
    data = kept.read()
    assert data.startswith(b"\xff\xd8") and kept.name == "IMG_1.jpg"
    assert Image.open(io.BytesIO(data)).format == "JPEG"
    assert not pictures.holds_details(data)


def test_two_rows_naming_one_file_both_follow_it_when_it_is_cleaned(capsys):
    story, attachment, _broken, _image = _stored_before_cleaning()
    twin = EntryAttachment.objects.create(
        entry=attachment.entry, file=attachment.file.name, original_name="day.heic", size=1
    )
    call_command("clean_pictures")
    attachment.refresh_from_db()
    twin.refresh_from_db()
    assert twin.file.name == attachment.file.name
    assert b"Quarrington" not in _bytes(twin.file)


def test_a_row_changed_while_it_is_cleaned_is_left_as_it_now_is(monkeypatch, capsys):
    story, _attachment, _broken, _image = _stored_before_cleaning()
    Story.objects.exclude(pk=story.pk).delete()
    writing = pictures.write_without_metadata
    theirs = _bytes(story.picture)

    def someone_replaces_the_picture(source, target):
        if source.getvalue() == theirs:  # while the story's own picture is being cleaned
            Story.objects.filter(pk=story.pk).update(picture="stories/their-new-picture.jpg")
        return writing(source, target)

    monkeypatch.setattr(pictures, "write_without_metadata", someone_replaces_the_picture)
    call_command("clean_pictures")
    story.refresh_from_db()
    assert story.picture.name == "stories/their-new-picture.jpg"
    out = capsys.readouterr().out
    assert f"changed: engagement.Story {story.pk}" in out
    assert "1 changed" in out
