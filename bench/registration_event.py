"""make bench helper: create (or reset) an event with 500 places; print its id, or with
--check, print places taken against capacity."""

import datetime
import sys

import django

django.setup()

from django.utils import timezone  # noqa: E402

from engagement.models import ProgrammePage  # noqa: E402
from events.models import LONDON, EventPage, Registration  # noqa: E402

if "--check" in sys.argv:
    event = EventPage.objects.get(slug="bench-registration-event")
    taken = event.places_taken()
    waiting = event.registrations.filter(status=Registration.WAITING).count()
    verdict = "OK" if taken <= event.capacity else "OVER CAPACITY"
    print(f"places taken {taken} of {event.capacity}, {waiting} waiting: {verdict}")
    sys.exit(0 if taken <= event.capacity else 1)

event = EventPage.objects.filter(slug="bench-registration-event").first()
if event is None:
    day = timezone.localdate() + datetime.timedelta(days=60)
    start = datetime.datetime.combine(day, datetime.time(10), tzinfo=LONDON)  # ends the same day
    event = EventPage(
        title="Bench registration event",
        slug="bench-registration-event",
        kind="conference",
        purpose="Load testing.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=6),
        capacity=500,
    )
    ProgrammePage.objects.get(slug="bench-programme").add_child(instance=event)
    event.save_revision().publish()
Registration.objects.filter(event=event).delete()
print(event.pk)
