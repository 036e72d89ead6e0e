"""Build the static guide: export Markdown through the gate, run MkDocs, make the PDFs, and
swap the new site into place only when every step worked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from site_content.page_cache import bump_pages_version
from site_content.pdf import PdfError, print_to_pdf

from . import sites
from .export import ExportError, export
from .export.documents import plain_label
from .models.pages import BUILT_FOR


def guide_policy() -> str:
    """The site's Content-Security-Policy as the guide's <meta> tag carries it (a <meta> tag
    cannot set frame-ancestors; the server's header does)."""
    return "; ".join(
        f"{k} {v}"
        for k, v in settings.CONTENT_SECURITY_POLICY.items()
        if k not in ("frame-ancestors", "report-uri", "sandbox")
    )


class BuildError(Exception):
    """The build stopped; the previously published guide is untouched."""


@dataclass
class BuildResult:
    where: str  # the folder, or the object storage prefix
    pages: int
    skipped: list
    pdfs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def make_pdf(html: Path, out: Path, *, large_print: bool = False) -> None:
    url = html.resolve().as_uri() + ("#large-print" if large_print else "")
    try:
        print_to_pdf(url, out)
    except PdfError as exc:
        raise BuildError(str(exc)) from exc


ASSETS = Path(__file__).resolve().parent / "assets"


def default_guide():
    """The guide that /guide/ and a bare build_guide mean: GUIDE_DEFAULT (a slug) if set,
    else the first guide in the page tree."""
    from .models import GuidePage

    guides = GuidePage.objects.live().order_by("path")
    wanted = getattr(settings, "GUIDE_DEFAULT", "")
    return (guides.filter(slug=wanted).first() if wanted else None) or guides.first()


def guide_site_dir(guide) -> Path:
    return guide.site_dir


def _description(guide) -> str:
    first = (guide.introduction or "").strip().splitlines()
    return first[0][:300] if first else ""


def build_guide(
    guide=None,
    *,
    site_dir: Path | None = None,
    skip_refused: bool = False,
    pdf: bool = True,
    progress: Callable[[int, str], None] = lambda percent, step: None,
) -> BuildResult:
    started = time.perf_counter()
    guide = guide or default_guide()
    if guide is None:
        raise BuildError("There is no published guide page to build. Add a guide in the admin.")
    if sites.in_storage(site_dir):
        # Built on this machine's disk, then uploaded; nothing is left here afterwards.
        work = Path(tempfile.mkdtemp(prefix=f"guide-{guide.slug}-building-"))
    else:
        site_dir = Path(site_dir or guide_site_dir(guide)).resolve()
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        sites.recover_disk(site_dir)
        # Next to the published folder, so that the swap is a rename on one file system.
        work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-building-", dir=site_dir.parent))
    try:
        docs_dir = work / "docs"
        progress(5, "Checking and exporting the content")
        try:
            result = export(docs_dir, guide=guide, skip_refused=skip_refused)
        except ExportError as exc:
            raise BuildError(str(exc)) from exc
        shutil.copytree(ASSETS, docs_dir / "assets")
        config = work / "mkdocs.yml"
        new_site = work / "site"
        config.write_text(
            yaml.safe_dump(
                {
                    "INHERIT": str(Path(settings.BASE_DIR) / "mkdocs.yml"),
                    "site_name": plain_label(guide.title),
                    "site_description": plain_label(_description(guide)),
                    "docs_dir": str(docs_dir),
                    "site_dir": str(new_site),
                    "nav": result.nav,
                    "hooks": [str(Path(__file__).resolve().parent / "mkdocs_hooks.py")],
                    "extra": {
                        "print_order": result.print_order,
                        "content_security_policy": guide_policy(),
                    },
                    "copyright": f"Last published {result.last_published}",
                },
                sort_keys=False,
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        progress(30, "Building the web pages")
        run = subprocess.run(  # noqa: S603 - fixed program and arguments
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            timeout=1800,
        )
        if run.returncode != 0:
            detail = (run.stderr or run.stdout).strip().splitlines()[-15:]
            raise BuildError("MkDocs could not build the guide:\n" + "\n".join(detail))
        warnings = []
        pdfs = []
        if pdf:
            progress(70, "Making the PDFs")
            print_page = new_site / "print_page.html"
            try:
                make_pdf(print_page, new_site / "guide.pdf")
                make_pdf(print_page, new_site / "guide-large-print.pdf", large_print=True)
                pdfs = ["guide.pdf", "guide-large-print.pdf"]
            except FileNotFoundError:
                warnings.append(
                    "No PDF was made: Chromium is not installed (apt-get install chromium)."
                )
            except subprocess.SubprocessError as exc:
                raise BuildError(f"The PDF could not be made: {exc}") from exc
        (new_site / BUILT_FOR).write_text(f"{guide.pk}\n", encoding="utf-8")
        pages = sum(1 for _ in new_site.rglob("*.html"))
        progress(90, "Putting the new guide in place")
        try:
            placed = sites.put_in_place(guide, new_site, site_dir)
        except sites.UploadError as exc:
            raise BuildError(str(exc)) from exc
        warnings += placed.warnings
        bump_pages_version()  # the programme page lists built guides
    finally:
        shutil.rmtree(work, ignore_errors=True)
    progress(100, "Published")
    return BuildResult(
        placed.where, pages, result.skipped, pdfs, warnings, time.perf_counter() - started
    )
