"""python manage.py restore SRC [--force] [--allow-unsigned]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from site_content.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup folder made by `backup` into this (empty) installation."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)
        parser.add_argument("--force", action="store_true", help="Replace existing data.")
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help="Also restore a backup with no signature (made before backups were signed). "
            "Its checksums are still checked; a signature that does not match is still refused.",
        )

    def handle(self, *args, source, force, allow_unsigned, **options):
        try:
            manifest = restore(source, force=force, allow_unsigned=allow_unsigned)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if "signature" not in manifest:
            # Only reached with --allow-unsigned: say what was not checked.
            self.stderr.write(
                self.style.WARNING(
                    "This backup was not signed: its files matched its checksums, but nothing "
                    "shows that the backup itself was not changed after it was made. Restore "
                    "only a backup you have kept safe, and make a new (signed) backup now."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"Restored the backup made at {manifest['created']}"))
