"""Background work for events, run on the worker (registered in apps.py)."""

from django.db import transaction
from django.utils import timezone

from site_content.background.retry import retrying_task

from . import services
from .models import EventPage, Registration


def expire_lapsed_offers() -> int:
    """Pass every lapsed offer of a place to the next person; returns how many lapsed. Offers
    also lapse whenever someone views, registers for or cancels at the event; this tells the
    next person on time even when nobody visits."""
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
    return expired


@retrying_task(max_attempts=3)
def expire_event_offers() -> int:
    return expire_lapsed_offers()
