"""python manage.py load_demo: the demo programme, workspaces and guide. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction

from site_content.demo import demo_loaders


class Command(BaseCommand):
    help = "Load the demo content of every app (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for name, loader in demo_loaders():
                self.stdout.write(f"Loading demo: {name}")
                loader(self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Demo ready. The demo accounts are listed in README.md.")
        )
