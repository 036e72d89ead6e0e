"""python manage.py expire_event_offers: pass lapsed offers of places to the next person.

The worker does this every 5 minutes (events.tasks); the command does it now, by hand.
"""

from django.core.management.base import BaseCommand

from events.tasks import expire_lapsed_offers


class Command(BaseCommand):
    help = "Expire offers of places that were not accepted in time, and offer them onwards."

    def handle(self, *args, **options):
        self.stdout.write(f"{expire_lapsed_offers()} offer(s) expired and passed on.")
