"""Every upload is checked by what it contains (not its name) and passed to a virus scanner
when one is installed. ``check`` is the one rule; every upload route reaches it through
``site_content.fields.CheckedFileField`` (attachments, story files, review-round documents) or
the Wagtail document and image forms in ``site_content.forms_admin``."""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 - runs the configured scanner, never user input
import tempfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from site_content import pictures

# What each extension's content must be. Plain text has no signature: it must decode.
CONTENT_TYPES = {
    "pdf": {"application/pdf"},
    "docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
    },
    "xlsx": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/zip",
    },
    "pptx": {
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/zip",
    },
    "odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet", "application/zip"},
    "rtf": {"application/rtf"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "png": {"image/png"},
    "gif": {"image/gif"},
    "webp": {"image/webp"},
    "csv": "text",
    "txt": "text",
    "heic": {"image/heic"},
    "mp3": {"audio/mpeg"},
    "m4a": {"audio/mp4", "video/mp4"},
    "mp4": {"video/mp4", "audio/mp4"},
    "wav": {"audio/x-wav"},
    "ogg": {"audio/ogg"},
    "aac": {"audio/aac"},
    "amr": {"audio/amr"},
    "flac": {"audio/x-flac"},
    "webm": {"video/webm"},
}

# What people call each kind, in messages and hints.
KIND_NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument text",
    "ods": "OpenDocument spreadsheet",
    "rtf": "RTF",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "gif": "GIF",
    "webp": "WEBP",
    "heic": "HEIC",
    "csv": "CSV",
    "txt": "plain text",
    "mp3": "MP3",
    "m4a": "M4A",
    "mp4": "MP4",
    "wav": "WAV",
    "ogg": "OGG",
    "aac": "AAC",
    "amr": "AMR",
    "flac": "FLAC",
    "webm": "WEBM",
}

DOCUMENTS = ("pdf", "docx", "odt", "png", "jpg", "jpeg")
IMAGES = ("jpg", "jpeg", "png", "webp", "heic")
RECORDINGS = ("mp3", "m4a", "mp4", "wav", "ogg", "aac", "amr", "flac", "webm")


def content_matches(upload, extension: str) -> bool:
    """Whether the file's bytes are what its extension says."""
    expected = CONTENT_TYPES.get(extension.lower().lstrip("."))
    if expected is None:
        return False
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if expected == "text":
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the sample is still text; so is a file
            # saved by Windows programs (cp1252), when it holds no control characters.
            if exc.start < len(head) - 4 and not _windows_text(head):
                return False
        return True
    if extension.lower() == "rtf":
        return head.startswith(b"{\\rtf")
    kind = filetype.guess(head)
    return kind is not None and kind.mime in expected


# Pictures are shown in the page, so one must not also be a web page: a GIF or PNG with markup
# hidden after the picture opens as a page (running its script) wherever a server or bucket
# names it by guessing rather than by its extension.
PICTURES = {"jpg", "jpeg", "png", "gif", "webp", "heic"}
# Each at least five bytes long, so that compressed picture data does not hold one by chance.
MARKUP = (
    b"<html",
    b"<script",
    b"<svg",
    b"<iframe",
    b"<body",
    b"<!doctype",
    b"<?php",
    b"<object",
    b"<embed",
    b"<img ",
    b"<style",
    b"<meta",
    b"<link",
    b"<form",
    b"<base",
    b"javascript:",
    b"onerror=",
    b"onload=",
)


def holds_markup(upload) -> bool:
    """Whether web page code stands anywhere in the file (read in pieces that overlap, so a
    tag cut between two pieces is still found)."""
    overlap = max(len(m) for m in MARKUP) - 1
    upload.seek(0)
    tail = b""
    try:
        while chunk := upload.read(1 << 16):
            piece = (tail + chunk).lower()
            if any(m in piece for m in MARKUP):
                return True
            tail = piece[-overlap:]
    finally:
        upload.seek(0)
    return False


def _windows_text(head: bytes) -> bool:
    try:
        text = head.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)


@dataclass(frozen=True)
class ScanResult:
    scanned: bool
    clean: bool
    detail: str = ""


def scanner_command() -> list[str] | None:
    """The scanner to run: UPLOAD_SCANNER_COMMAND if set, else ClamAV when it is installed
    with its signatures; None when no scanner can run."""
    configured = getattr(settings, "UPLOAD_SCANNER_COMMAND", None)
    if configured:
        return list(configured)
    signatures = Path(getattr(settings, "CLAMAV_DATABASE_DIR", "/var/lib/clamav"))
    has_signatures = signatures.is_dir() and any(
        p.suffix in (".cvd", ".cld") for p in signatures.iterdir()
    )
    for name in ("clamdscan", "clamscan"):
        path = shutil.which(name)
        if path and has_signatures:
            return [path, "--no-summary"]
    return None


def scan(upload) -> ScanResult:
    """Run the scanner over the upload (exit 0 clean, 1 infected, as ClamAV answers)."""
    command = scanner_command()
    if command is None:
        return ScanResult(scanned=False, clean=True, detail="no scanner is installed")
    upload.seek(0)
    with tempfile.NamedTemporaryFile(prefix="cg-scan-") as handle:
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            handle.write(chunk)
        handle.flush()
        upload.seek(0)
        try:
            done = subprocess.run(  # noqa: S603 - a fixed, configured scanner command
                [*command, handle.name], capture_output=True, timeout=120, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return ScanResult(scanned=False, clean=False, detail=f"the scanner failed: {exc}")
    if done.returncode == 0:
        return ScanResult(scanned=True, clean=True)
    if done.returncode == 1:
        return ScanResult(scanned=True, clean=False, detail="the virus scanner found a threat")
    return ScanResult(scanned=False, clean=False, detail="the virus scanner could not check it")


def kinds_text(extensions) -> str:
    """ "PDF, Word or PNG": the kinds these extensions allow, as people call them."""
    names = list(dict.fromkeys(KIND_NAMES.get(e, e.upper()) for e in extensions))
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def extension_of(name: str) -> str:
    return Path(name or "").suffix.lower().lstrip(".")


def check(upload, *, extensions, max_bytes: int | None, keep_name: bool = True):
    """The one upload rule. Refuses (``ValidationError``, in plain words) an empty file, one
    over ``max_bytes``, one whose content is not one of ``extensions``, a picture that hides
    web page code, and one the scanner flags. With ``keep_name`` the name's extension must be
    allowed and the content must be what it says; without, the content alone decides and the
    file is renamed ``upload.<kind>`` (the name a phone gives a recording can hold a person's
    name). A picture is kept without the hidden details a camera writes into it
    (``site_content.pictures``), so the file returned may be a copy, and a HEIC photo comes
    back as JPEG: use it."""
    name = upload.name
    if upload.size == 0:
        raise ValidationError(f"“{name}” is empty. Choose another file.")
    if max_bytes is not None and upload.size > max_bytes:
        raise ValidationError(
            f"“{name}” is {filesizeformat(upload.size)}. It must be "
            f"{filesizeformat(max_bytes)} or smaller."
        )
    if keep_name:
        extension = extension_of(name)
        if extension not in extensions:
            raise ValidationError(
                f"“{name}” is not a file type we accept. Use {kinds_text(extensions)}."
            )
        if not content_matches(upload, extension):
            raise ValidationError(
                f"“{name}” is not really a .{extension} file. Save it again as "
                f".{extension}, or choose another file."
            )
    else:
        binary = [e for e in extensions if CONTENT_TYPES.get(e) != "text"]
        extension = next((e for e in binary if content_matches(upload, e)), None)
        if extension is None:
            raise ValidationError(
                f"“{name}” must be one of these kinds of file: {kinds_text(extensions)}. "
                "It is not one of them, whatever its name says."
            )
    if extension in PICTURES and holds_markup(upload):
        raise ValidationError(
            f"“{name}” has web page code hidden inside it, so it cannot be used as a picture. "
            "Open it in a picture program, save it again, and choose the new copy."
        )
    result = scan(upload)
    if not result.clean:
        raise ValidationError(f"“{name}” cannot be accepted: {result.detail}.")
    if extension in pictures.CLEANED_ON_UPLOAD:
        try:
            upload = pictures.without_metadata(upload)
        except pictures.NotAPicture as exc:
            raise ValidationError(
                f"“{name}” could not be opened as a picture. Save it again from a picture "
                "program, or choose another file."
            ) from exc
    if not keep_name:
        upload.name = f"upload.{pictures.KEPT_AS.get(extension, extension)}"
    return upload


def _bucket_errors() -> tuple[type[BaseException], ...]:
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # object storage not installed: local disk only
        return ()
    return (BotoCoreError, ClientError)


# What the bucket's client raises when the bucket does not answer (or refuses).
BUCKET_ERRORS = _bucket_errors()
# What saving a file raises when its storage (the disk, or the bucket) cannot take it now.
STORAGE_ERRORS = (OSError, *BUCKET_ERRORS)
STORAGE_DOWN = (
    "We could not save your file just now, so nothing has been sent yet. What you wrote is "
    "still here: choose the file again and send in a few minutes, or send without the file."
)
