"""python manage.py restore SRC [--force]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from site_content.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder made by `backup` into this (empty) installation."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--force", action="store_true", help="Replace existing data.")

    def handle(self, *args, source, force, **options):
        try:
            manifest = restore(source, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored the backup made at {manifest['created']}"))
