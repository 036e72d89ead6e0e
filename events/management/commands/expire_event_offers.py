"""python manage.py expire_event_offers: pass lapsed offers of places to the next person.

Offers also lapse whenever someone views, registers for or cancels at the event; run this
every few minutes (cron, or a scheduled task) so the next person is told on time even when
nobody visits.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from events import services
from events.models import EventPage, Registration


class Command(BaseCommand):
    help = "Expire offers of places that were not accepted in time, and offer them onwards."

    def handle(self, *args, **options):
        event_ids = (
            Registration.objects.filter(
                status=Registration.OFFERED, offer_expires_at__lt=timezone.now()
            )
            .values_list("event_id", flat=True)
            .distinct()
        )
        expired = 0
        for event in EventPage.objects.filter(pk__in=list(event_ids)):
            with transaction.atomic():
                expired += services.expire_offers(services.lock_event(event))
        self.stdout.write(f"{expired} offer(s) expired and passed on.")
