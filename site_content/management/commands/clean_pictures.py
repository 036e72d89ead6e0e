"""python manage.py clean_pictures: keep pictures stored before uploads were cleaned again
without the details a phone hides in them (once, after upgrading; safe to run again)."""

from django.core.management.base import BaseCommand

from site_content.picture_cleaning import clean_stored_pictures


class Command(BaseCommand):
    help = (
        "Find every stored picture that still holds hidden details (where it was taken, the "
        "camera, the author's name) and keep it again with its pixels only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say which pictures would be cleaned."
        )

    def handle(self, *args, dry_run=False, **options):
        def report(number, outcome, what):
            if outcome != "already clean" or options["verbosity"] > 1:
                self.stdout.write(f"{number}. {outcome}: {what}")

        cleaning = clean_stored_pictures(dry_run=dry_run, report=report)
        counts = cleaning.counts
        self.stdout.write(
            f"Checked {counts['checked']} pictures: "
            + ", ".join(
                f"{counts[outcome]} {outcome}"
                for outcome in (
                    "cleaned",
                    "to clean",
                    "already clean",
                    "changed",
                    "unreadable",
                    "missing",
                )
                if counts[outcome] or outcome == "already clean"
            )
            + "."
        )
        if cleaning.unreadable or cleaning.missing:
            self.stderr.write(
                "Some files could not be checked (listed above): look at them by hand."
            )
