"""python manage.py load_demo: the demo programme, workspaces and guide. Safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from site_content.demo import demo_loaders


class Command(BaseCommand):
    help = "Load the demo content of every app (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        # The demo's people are fictional: keep its invitations and confirmations out of any
        # real mailbox (and off the console).
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            for name, loader in demo_loaders():
                self.stdout.write(f"Loading demo: {name}")
                loader(self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Demo ready. The demo accounts are listed in README.md.")
        )
