"""python manage.py build_guide [--skip-refused] [--no-pdf] [--site-dir DIR]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guide.build import BuildError, build_guide


class Command(BaseCommand):
    help = "Export the published guide to Markdown (through the publication gate) and build it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-refused",
            action="store_true",
            help="Leave out what the publication gate refuses (and list it) instead of stopping.",
        )
        parser.add_argument("--no-pdf", action="store_true", help="Do not make the PDFs.")
        parser.add_argument("--site-dir", type=Path, help="Where to put the site (default: site/).")

    def handle(self, *args, skip_refused, no_pdf, site_dir, **options):
        def progress(percent, step):
            self.stdout.write(f"[{percent:3d}%] {step}")

        try:
            result = build_guide(
                site_dir=site_dir, skip_refused=skip_refused, pdf=not no_pdf, progress=progress
            )
        except BuildError as exc:
            raise CommandError(f"{exc}\nThe last published guide has been left as it was.") from exc
        for refusal in result.skipped:
            self.stdout.write(self.style.WARNING(f"left out: {refusal}"))
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                f"Guide built in {result.seconds:.1f}s: {result.pages} pages in {result.site_dir}"
                + (f", with {', '.join(result.pdfs)}" if result.pdfs else "")
            )
        )
