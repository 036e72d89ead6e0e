from django.core.management.base import BaseCommand

from site_content.mail import send_due


class Command(BaseCommand):
    help = "Send queued email and retry failed sends that are due (safe to run every minute)."

    def handle(self, *args, **options):
        counts = send_due()
        if not counts:
            self.stdout.write("No email was waiting.")
        for outcome, n in sorted(counts.items()):
            self.stdout.write(f"{n} {outcome}")
