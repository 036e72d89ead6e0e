"""Pictures kept with their pixels only. A phone writes hidden details into a photo: where it
was taken, when, the camera, sometimes the owner's name. Uploads are kept without them, and
the published guide writes its pictures the same way."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

# The kinds re-encoded on upload. GIFs are kept as sent (re-encoding would stop them moving;
# they seldom carry details, but can); HEIC cannot be opened here.
CLEANED_ON_UPLOAD = {"jpg", "jpeg", "png", "webp"}


class NotAPicture(ValueError):
    """The file could not be read as a picture."""


def write_without_metadata(source, target) -> None:
    """Re-encode a picture with its pixels only: no EXIF (GPS position, camera, the author's
    name), no XMP, IPTC or comments. Orientation is applied first, so the picture still stands
    the right way up. ``target`` is a path or a binary file."""
    try:
        with Image.open(source) as original:
            kind = original.format if original.format in ("JPEG", "PNG", "GIF", "WEBP") else "PNG"
            picture = ImageOps.exif_transpose(original)
            if picture.mode == "P":
                picture = picture.convert("RGBA")
            if kind == "JPEG" and picture.mode not in ("RGB", "L"):
                picture = picture.convert("RGB")
            clean = Image.new(picture.mode, picture.size)
            clean.paste(picture)
            clean.save(target, format=kind, **({"quality": 90} if kind == "JPEG" else {}))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAPicture(str(exc)) from exc


def without_metadata(upload):
    """A copy of an uploaded picture with its pixels only, under the same name."""
    upload.seek(0)
    out = io.BytesIO()
    write_without_metadata(upload, out)
    upload.seek(0)
    return SimpleUploadedFile(
        upload.name, out.getvalue(), content_type=getattr(upload, "content_type", None)
    )
