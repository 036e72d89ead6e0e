"""python manage.py backup DEST"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from site_content.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a new timestamped folder under DEST."

    def add_arguments(self, parser):
        parser.add_argument("dest", type=Path)

    def handle(self, *args, dest, **options):
        try:
            target = backup(dest)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
        if settings.OBJECT_STORAGE_BUCKET:
            self.stdout.write(
                f"Uploaded files are in the bucket {settings.OBJECT_STORAGE_BUCKET}, not in this "
                "backup: keep the bucket's versioning on (README, Backups)."
            )
