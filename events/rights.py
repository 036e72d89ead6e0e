"""What events holds about a person: registrations (with access, food and overnight needs,
and the days they said they would come and came)."""

from django.db.models import Q
from django.utils import timezone

from engagement.models import ProgrammePage

from .models import EventRecord, Registration, TopicSuggestion


def _theirs(email, user):
    """Their bookings, by the one rule of whose a booking is (``Registration.of_person``)."""
    return Registration.of_person(user=user, email=email)


def _programmes_of(events) -> set:
    """The programmes the events sit under, read in one query however many events."""
    if not events:
        return set()
    return {
        pk
        for pk, path in ProgrammePage.objects.values_list("pk", "path")
        for event in events
        if event.path.startswith(path)
    }


class EventData:
    def programmes(self, email, user) -> set:
        """Programmes of the events they booked (a booking confirmed from the address, or made
        signed in), wrote a record of or suggested a topic for while signed in."""
        held = _theirs(email, user).exclude(status=Registration.PENDING)
        events = {r.event for r in held.select_related("event")}
        if user is not None:
            # Records they wrote and topics they suggested signed in, as organiser or guest.
            events |= {
                r.event for r in EventRecord.objects.filter(author=user).select_related("event")
            }
            events |= {
                t.event for t in TopicSuggestion.objects.filter(user=user).select_related("event")
            }
        return _programmes_of(events)

    def named_in(self, email, user) -> set:
        """Bookings with the address that nobody has confirmed: anyone may type any address."""
        pending = _theirs(email, user).filter(status=Registration.PENDING)
        return _programmes_of({r.event for r in pending.select_related("event")})

    def export(self, email, user):
        return [
            {
                "event": r.event.title,
                "status": r.get_status_display(),
                "name": r.name,
                "email": r.email,
                "taking_part_as": r.get_taking_part_as_display(),
                "may_contact_about_the_event": r.consent_to_contact,
                "booked": r.created_at,
                "offer_expires": r.offer_expires_at,
                "attended": r.attended,
                "access_needs": r.access_needs,
                "dietary_needs": r.dietary_needs,
                "companions": r.companions,
                "places_of": r.places_from.title if r.places_from_id else "",
                "needs_overnight_accommodation": r.overnight,
                "overnight_needs": r.overnight_notes,
                "days_coming": [d.day.isoformat() for d in r.attendance_days.all() if d.coming],
                "days_attended": [d.day.isoformat() for d in r.attendance_days.all() if d.attended],
            }
            for r in _theirs(email, user)
            .select_related("event", "places_from")
            .prefetch_related("attendance_days")
        ]

    def erase(self, email, user, names):
        """Places stay counted (the event's figures) but no longer say who or what they need."""
        changed = 0
        for registration in _theirs(email, user):
            Registration.objects.filter(pk=registration.pk).update(
                name="Erased",
                email=f"erased-{registration.pk}@erased.invalid",
                access_needs="",
                dietary_needs="",
                overnight=False,
                overnight_notes="",
                consent_to_contact=False,
                user=None,
            )
            changed += 1
        return changed


class TopicData:
    """Topics they suggested: those sent while signed in as them, and those sent with their
    name (on their account or a booking) for an event they booked. A name alone is not
    enough: a namesake's suggestion to another event is not theirs to read."""

    def _theirs(self, email, user):
        bookings = _theirs(email, user)
        names = {r.name for r in bookings}
        if user is not None:
            names.add(user.get_full_name())
        by_name = Q(pk__in=[])
        for name in {n.strip() for n in names if len(n.split()) >= 2}:
            by_name |= Q(name__iexact=name)
        found = by_name & Q(event__in=bookings.values("event"))
        if user is not None:
            found |= Q(user=user)
        return TopicSuggestion.objects.filter(found)

    def export(self, email, user):
        return [
            {"event": t.event.title, "topic": t.topic, "name": t.name, "suggested": t.created_at}
            for t in self._theirs(email, user).select_related("event")
        ]

    def erase(self, email, user, names):
        """The topic stays for the organisers; who suggested it goes (accounts.scrub also
        removes their name wherever else it was typed)."""
        return self._theirs(email, user).update(name="", user=None)


def forget_old_topic_names(cutoff):
    """Who suggested a topic, for events that ended before ``cutoff``: the topics stay."""
    count = (
        TopicSuggestion.objects.filter(event__ends_at__lt=cutoff)
        .exclude(name="", user=None)
        .update(name="", user=None)
    )
    return ("names removed from topics suggested for past events", count)


def wipe_old_event_needs(cutoff):
    """Access, food and overnight needs of events that ended before ``cutoff``."""
    count = (
        Registration.objects.filter(event__ends_at__lt=cutoff)
        .exclude(access_needs="", dietary_needs="", overnight=False, overnight_notes="")
        .update(access_needs="", dietary_needs="", overnight=False, overnight_notes="")
    )
    return ("access and food needs wiped from past events", count)


def delete_old_ended_registrations(cutoff):
    """Bookings that never became a place, made before ``cutoff``: cancelled, lapsed, or
    still waiting (or holding an offer) when the event ended."""
    never_came = Q(status__in=[Registration.CANCELLED, Registration.EXPIRED]) | Q(
        status__in=[Registration.WAITING, Registration.OFFERED],
        event__ends_at__lt=timezone.now(),
    )
    old = Registration.objects.filter(never_came, created_at__lt=cutoff)
    return [
        ("cancelled, lapsed or waiting-list registrations deleted", old.delete()[0]),
        ("admin history of registrations no longer held deleted", _history_of_gone(cutoff)),
    ]


def _history_of_gone(cutoff) -> int:
    """The admin's history of registrations that are gone (deleted here or by hand), once
    older than ``cutoff``: each entry's label names the person ("Name – Event")."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast
    from wagtail.models import ModelLogEntry

    held = Registration.objects.annotate(key=Cast("pk", CharField())).values("key")
    gone = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration), timestamp__lt=cutoff
    ).exclude(object_id__in=held)
    return gone.delete()[0]


def delete_unconfirmed_registrations(cutoff):
    """Bookings whose address was never confirmed: they held no place, and whoever typed
    them may not be the person named."""
    old = Registration.objects.filter(status=Registration.PENDING, created_at__lt=cutoff)
    return ("bookings never confirmed deleted", old.delete()[0])
