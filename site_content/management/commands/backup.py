"""python manage.py backup DEST"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

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
        # What was backed up, so a backup of the wrong database (say, manage.py run without
        # the environment file, which backs up an empty development database) is noticed.
        db = connection.settings_dict
        accounts = get_user_model().objects.count()
        self.stdout.write(
            f"Database: {db['NAME']} ({connection.vendor}), {accounts} "
            f"account{'s' if accounts != 1 else ''}."
        )
        if not accounts:
            self.stderr.write(
                self.style.WARNING(
                    "This database has no accounts. If that is not expected, check the "
                    "settings: deploy/manage loads /etc/common-ground/env; manage.py alone "
                    "does not."
                )
            )
        if settings.OBJECT_STORAGE_BUCKET:
            self.stdout.write(
                f"Uploaded files are in the bucket {settings.OBJECT_STORAGE_BUCKET}, not in this "
                "backup: keep the bucket's versioning on (README, Backups)."
            )
