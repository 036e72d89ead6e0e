"""Every upload is checked by what it contains (not its name) and passed to a virus scanner
when one is installed. Used by attachments, story files and Wagtail documents and images."""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 - runs the configured scanner, never user input
import tempfile
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings

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
}


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
            # A multi-byte character cut at the end of the sample is still text.
            if exc.start < len(head) - 4:
                return False
        return True
    if extension.lower() == "rtf":
        return head.startswith(b"{\\rtf")
    kind = filetype.guess(head)
    return kind is not None and kind.mime in expected


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


def problem_with(upload, extension: str) -> str | None:
    """A plain sentence saying why this upload is refused, or None if it may be kept."""
    if not content_matches(upload, extension):
        return (
            f"“{upload.name}” is not really a .{extension} file. Save it again as "
            f".{extension}, or choose another file."
        )
    result = scan(upload)
    if not result.clean:
        return f"“{upload.name}” cannot be accepted: {result.detail}."
    return None
