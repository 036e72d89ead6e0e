from django.core.management.base import BaseCommand

from site_content.background.periodic import enqueue_due, registered


class Command(BaseCommand):
    help = (
        "Enqueue the periodic background tasks that are due, once (run_worker does this "
        "every few seconds). Safe on several hosts: each run is enqueued once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the periodic tasks.")

    def handle(self, *args, list=False, **options):
        if list:
            for periodic in registered():
                self.stdout.write(f"{periodic.name}  every {periodic.every}  {periodic.what}")
            return
        enqueued = enqueue_due()
        for name in enqueued:
            self.stdout.write(f"enqueued {name}")
        if not enqueued:
            self.stdout.write("Nothing was due.")
