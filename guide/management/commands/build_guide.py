"""python manage.py build_guide [--guide SLUG | --all] [--skip-refused] [--no-pdf] [--site-dir D]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guide.build import BuildError, default_guide
from guide.models import GuideBuild, GuidePage
from guide.tasks import run_build


class Command(BaseCommand):
    help = (
        "Export a guide to Markdown (through the publication gate) and build it into "
        "GUIDE_SITE_DIR/<slug>/ (or object storage, when there is a bucket). Without "
        "--guide, the default guide (GUIDE_DEFAULT, or the "
        "first in the page tree)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--guide", metavar="SLUG", help="The guide to build (its slug).")
        which.add_argument("--all", action="store_true", help="Build every live guide.")
        parser.add_argument(
            "--skip-refused",
            action="store_true",
            help="Leave out what the publication gate refuses (and list it) instead of stopping.",
        )
        parser.add_argument("--no-pdf", action="store_true", help="Do not make the PDFs.")
        parser.add_argument(
            "--site-dir", type=Path, help="Where to put this guide's site (default: site/<slug>/)."
        )

    def handle(self, *args, guide, all, skip_refused, no_pdf, site_dir, **options):
        if all:
            guides = list(GuidePage.objects.live().order_by("path"))
            if site_dir:
                raise CommandError("--site-dir builds one guide; leave it out with --all.")
        elif guide:
            found = GuidePage.objects.live().filter(slug=guide).first()
            if found is None:
                slugs = ", ".join(GuidePage.objects.live().values_list("slug", flat=True))
                raise CommandError(
                    f"There is no published guide “{guide}”. Guides: {slugs or 'none yet'}."
                )
            guides = [found]
        else:
            found = default_guide()
            if found is None:
                raise CommandError("There is no published guide page to build yet.")
            guides = [found]
        failed = []
        for one in guides:
            build = GuideBuild.objects.create(
                guide=one, skip_refused=skip_refused, from_command=True
            )
            self.stdout.write(f"Building “{one.title}” ({one.slug})")
            try:
                result = run_build(build, pdf=not no_pdf, site_dir=site_dir, echo=self._progress)
            except BuildError as exc:
                message = (
                    f"{exc}\nThe last published guide (“{one.title}”) has been left as it was."
                    if one.is_built
                    else f"{exc}\n“{one.title}” has not been published; nothing was published."
                )
                if len(guides) == 1:
                    raise CommandError(message) from exc
                failed.append(one.slug)
                self.stderr.write(message)
                continue
            for refusal in result.skipped:
                self.stdout.write(self.style.WARNING(f"left out: {refusal}"))
            for warning in result.warnings:
                self.stdout.write(self.style.WARNING(warning))
            self.stdout.write(
                self.style.SUCCESS(
                    f"Guide built in {result.seconds:.1f}s: {result.pages} pages in "
                    f"{result.where}" + (f", with {', '.join(result.pdfs)}" if result.pdfs else "")
                )
            )
        if failed:
            raise CommandError(f"Not built: {', '.join(failed)}.")

    def _progress(self, percent, step):
        self.stdout.write(f"[{percent:3d}%] {step}")
