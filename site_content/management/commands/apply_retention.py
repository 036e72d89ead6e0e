"""python manage.py apply_retention: remove personal data past its retention period (daily)."""

from django.core.management.base import BaseCommand

from accounts.retention import apply_retention


class Command(BaseCommand):
    help = "Remove personal data that is past its retention period. Safe to run daily."

    def handle(self, *args, **options):
        for label, count in apply_retention():
            self.stdout.write(f"{label}: {count}")
