"""Print a web page to PDF with the system Chromium (the guide's PDFs and the data-protection
pack). Nothing is fetched from the network: the page is a local file."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# How the system Chromium is run here, headless and offline (the browser tests use the same).
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_FLAGS = [*BROWSER_FLAGS, "--no-pdf-header-footer", "--virtual-time-budget=8000"]


class PdfError(Exception):
    """No PDF was made; the message says why in plain words."""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def print_to_pdf(url: str, out: Path) -> None:
    """Print ``url`` (a file:// address) to ``out``."""
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("Chromium is not installed")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # noqa: S603 - fixed program and arguments
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", url],
            check=True,
            capture_output=True,
            timeout=180,
        )
    if not out.exists() or out.stat().st_size == 0:
        raise PdfError(f"Chromium did not write {out.name}.")


def html_to_pdf(html: str) -> bytes:
    """A PDF of a whole HTML document (with its styles inline)."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(html, encoding="utf-8")
        out = Path(folder) / "page.pdf"
        print_to_pdf(page.as_uri(), out)
        return out.read_bytes()
