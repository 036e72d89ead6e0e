"""Pictures kept with their pixels only. A phone writes hidden details into a photo: where it
was taken, when, the camera, sometimes the owner's name. Uploads are kept without them, and
the published guide writes its pictures the same way."""

from __future__ import annotations

import io
from pathlib import Path

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, ImageSequence

from .picture_parts import PLAIN_STRUCTURE

# iPhones save photos as HEIC, which Pillow reads only with this plugin.
pillow_heif.register_heif_opener()

# The kinds re-encoded on upload.
CLEANED_ON_UPLOAD = {"jpg", "jpeg", "png", "webp", "gif", "heic"}
# HEIC is kept as JPEG: most computers cannot open HEIC, and every one can open JPEG.
KEPT_AS = {"heic": "jpg"}
# What a file written here still says about itself: its kind's own settings, no details.
PLAIN_SETTINGS = {
    "jfif",
    "jfif_version",
    "jfif_unit",
    "jfif_density",
    "dpi",
    "progressive",
    "progression",
    "loop",
    "duration",
    "background",
    "version",
    "transparency",
    "timestamp",
    # A moving PNG's frames.
    "default_image",
    "disposal",
    "blend",
    "bbox",
}

LOOPING = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


class NotAPicture(ValueError):
    """The file could not be read as a picture."""


def _pixels_only(picture: Image.Image, kind: str) -> Image.Image:
    if picture.mode == "P":
        picture = picture.convert("RGBA")
    if kind == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)
    return clean


# The kinds that may move: they keep their frames.
MOVING = ("GIF", "WEBP", "PNG")


def _write_moving(original: Image.Image, target, kind: str) -> None:
    """A picture that moves keeps its frames, their timing and its looping; nothing else."""
    frames, durations = [], []
    for frame in ImageSequence.Iterator(original):
        durations.append(frame.info.get("duration", 100))
        frames.append(_pixels_only(frame.convert("RGBA"), kind))
    looping = {"loop": original.info["loop"]} if "loop" in original.info else {}
    frames[0].save(
        target,
        format=kind,
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        **({"disposal": 2} if kind == "GIF" else {}),
        **looping,
    )


def write_without_metadata(source, target) -> str:
    """Re-encode a picture with its pixels only: no EXIF (GPS position, camera, the author's
    name), no XMP, IPTC or comments. Orientation is applied first, so the picture still stands
    the right way up. ``target`` is a path or a binary file. Returns the kind written (a HEIC
    photo is written as JPEG)."""
    try:
        with Image.open(source) as original:
            kind = original.format if original.format in ("JPEG", "PNG", "GIF", "WEBP") else "PNG"
            # A HEIC photo, and a JPEG holding several pictures (a phone's HDR or depth
            # photo), are kept as one JPEG.
            if original.format in ("HEIF", "MPO"):
                kind = "JPEG"
            if kind in MOVING and getattr(original, "n_frames", 1) > 1:
                _write_moving(original, target, kind)
                return kind
            picture = _pixels_only(ImageOps.exif_transpose(original), kind)
            picture.save(target, format=kind, **({"quality": 90} if kind == "JPEG" else {}))
            return kind
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAPicture(str(exc)) from exc


def holds_details(data: bytes) -> bool:
    """Whether a picture still carries anything beyond its pixels and its kind's own
    settings: any part a file written here does not have (EXIF, XMP, comments, colour
    profiles, text, data after its end), or anything Pillow reports beside the pixels."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            plain = PLAIN_STRUCTURE.get(picture.format)
            if plain is None or not plain(data):
                return True
            frames = ImageSequence.Iterator(picture) if picture.format == "GIF" else [picture]
            return any(_details_in(frame.info) for frame in frames) or bool(picture.getexif())
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise NotAPicture(str(exc)) from exc


def _details_in(info: dict) -> bool:
    extra = set(info) - PLAIN_SETTINGS
    # A GIF's looping is written in an "application extension"; any other one is kept data.
    if "extension" in extra and info["extension"][0].startswith(LOOPING):
        extra.discard("extension")
    return bool(extra)


def kept_name(name: str) -> str:
    """The name a picture is kept under: a HEIC photo becomes ``.jpg``."""
    path = Path(name)
    kind = path.suffix.lower().lstrip(".")
    return str(path.with_suffix(f".{KEPT_AS[kind]}")) if kind in KEPT_AS else name


def without_metadata(upload):
    """A copy of an uploaded picture with its pixels only (under the same name, but for a
    HEIC photo, which is kept as JPEG)."""
    upload.seek(0)
    out = io.BytesIO()
    kind = write_without_metadata(upload, out)
    upload.seek(0)
    content_type = "image/jpeg" if kind == "JPEG" else getattr(upload, "content_type", None)
    return SimpleUploadedFile(kept_name(upload.name), out.getvalue(), content_type=content_type)
