"""python manage.py import_practice_examples PATH [--guide SLUG] [--programme SLUG] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guide.importer import ImportFailed, apply, read_folder
from guide.models import GuidePage


class Command(BaseCommand):
    help = "Import a folder of practice examples, a glossary and useful links (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the folder, say what would change and what the publication gate would "
            "refuse; write nothing.",
        )
        parser.add_argument(
            "--guide",
            metavar="SLUG",
            help="Import into this existing guide (default: the collection's own guide, made "
            "on its first import).",
        )

        parser.add_argument(
            "--programme",
            metavar="SLUG",
            help="The programme a guide made by this import belongs to (default: none, an "
            "organisation's guide).",
        )

    def handle(self, *args, path, dry_run, guide, programme, **options):
        from engagement.models import ProgrammePage

        owner = None
        if programme:
            owner = ProgrammePage.objects.filter(slug=programme).first()
            if owner is None:
                raise CommandError(f"There is no programme “{programme}”.")
        target = None
        if guide:
            target = GuidePage.objects.filter(slug=guide).first()
            if target is None:
                raise CommandError(f"There is no guide “{guide}”.")
        try:
            plan = read_folder(path, guide=target, programme=owner)
            report = apply(plan, guide=target, programme=owner, dry_run=dry_run)
        except ImportFailed as failed:
            for problem in failed.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(failed)) from failed
        prefix = "Would have " if dry_run else ""
        if dry_run:
            for label, keys in (
                ("create", report.created),
                ("update", report.updated),
                ("leave alone", report.unchanged),
            ):
                for key in keys:
                    self.stdout.write(f"would {label}: {key}")
            for refusal in report.refusals:
                self.stdout.write(self.style.WARNING(f"the gate would refuse: {refusal}"))
            if not report.refusals:
                self.stdout.write("The publication gate would refuse nothing.")
        for edit in report.overwritten:
            self.stdout.write(
                self.style.WARNING(
                    f"{'would overwrite' if dry_run else 'overwrote'} an edit made in the "
                    f"admin: {edit}"
                )
            )
        if report.moved_from:
            self.stdout.write(
                self.style.WARNING(
                    f"This collection was imported into “{report.moved_from}” before; it "
                    f"{'would now go' if dry_run else 'now goes'} into “{report.guide.title}”."
                )
            )
        where = f"/guides/{report.guide.slug}/" if report.guide else ""
        if report.guide_created:
            self.stdout.write(
                f"{'Would make' if dry_run else 'Made'} the guide “{report.guide.title}” ({where})."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}imported: "
                f"{len(report.created)} examples created, {len(report.updated)} updated, "
                f"{len(report.unchanged)} unchanged; {report.glossary} glossary terms; "
                f"{report.links} links." + (" Nothing was written (dry run)." if dry_run else "")
            )
        )
