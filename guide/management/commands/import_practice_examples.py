"""python manage.py import_practice_examples PATH [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guide.importer import ImportFailed, apply, read_folder


class Command(BaseCommand):
    help = "Import a folder of practice examples, a glossary and useful links (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the folder and say what would change."
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            plan = read_folder(path)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(failed)) from failed
        report = apply(plan, dry_run=dry_run)
        prefix = "Would have " if dry_run else ""
        if dry_run:
            for label, keys in (
                ("create", report.created),
                ("update", report.updated),
                ("leave alone", report.unchanged),
            ):
                for key in keys:
                    self.stdout.write(f"would {label}: {key}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}imported: "
                f"{len(report.created)} examples created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} unchanged; {report.glossary} glossary terms; "
                f"{report.links} links." + (" Nothing was written (dry run)." if dry_run else "")
            )
        )
