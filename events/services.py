"""Registration rules: exact capacity, a waiting list in order, offers that expire. Each
function locks the event row first, so two people cannot both take the last place."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from site_content.links import absolute_url
from site_content.mail import queue_email

from .calendar import event_calendar
from .models import EventPage, Registration

OFFER_HOURS = 48


class RegistrationRefused(Exception):
    """The registration cannot be taken; the message says why in plain words."""


def lock_event(event) -> EventPage:
    """The event row, locked until the transaction ends (serialises changes to its places)."""
    return _locked(event)


def _locked(event) -> EventPage:
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event.pk)


def _link(registration) -> str:
    return absolute_url(reverse("events:registration", args=[registration.token]))


def _email(registration, subject, body, *, with_calendar=False):
    calendar = (
        [("event.ics", event_calendar(registration.event), "text/calendar")]
        if with_calendar
        else []
    )
    queue_email(registration.email, subject, body, attachments=calendar)


@transaction.atomic
def register(*, event, data: dict, user=None) -> Registration:
    event = _locked(event)
    if event.cancelled:
        raise RegistrationRefused("This event has been cancelled, so you cannot register for it.")
    if event.ends_at < timezone.now():
        raise RegistrationRefused("This event has already happened.")
    companions = data.get("companions", 0)
    if companions > event.max_companions:
        raise RegistrationRefused(
            f"You can bring up to {event.max_companions} people with you to this event."
        )
    email = data["email"].strip().lower()
    refusal = event.booking_refusal(email, user)
    if refusal:
        raise RegistrationRefused(refusal)
    active = event.registrations.exclude(status__in=[Registration.CANCELLED, Registration.EXPIRED])
    if active.filter(email=email).exists():
        raise RegistrationRefused(
            "This email address is already registered for this event. Use the link in your "
            "confirmation email to see or change your place."
        )
    expire_offers(event)
    someone_waiting = active.filter(status=Registration.WAITING).exists()
    fits = event.places_taken() + 1 + companions <= event.capacity
    status = Registration.CONFIRMED if fits and not someone_waiting else Registration.WAITING
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event, user=user, status=status, **{**data, "email": email}
            )
    except IntegrityError as exc:
        raise RegistrationRefused(
            "This email address is already registered for this event."
        ) from exc
    if status == Registration.CONFIRMED:
        _email(
            registration,
            f"Your place at {event.title}",
            f"Hello {registration.name},\n\nYour place at {event.title} is confirmed for "
            f"{event.local_start:%A %-d %B %Y at %H:%M}.\n"
            + (f"\nHow to join online:\n{event.online_joining}\n" if event.online_joining else "")
            + "\nThe calendar file is attached. To see or cancel your place:\n"
            + f"{_link(registration)}\n",
            with_calendar=True,
        )
    else:
        _email(
            registration,
            f"You are on the waiting list for {event.title}",
            f"Hello {registration.name},\n\n{event.title} is full, so you are on the waiting list. "
            f"If a place comes free we will email you.\nTo see or cancel:\n{_link(registration)}\n",
        )
    return registration


def offer_next(event) -> Registration | None:
    """Offer freed places to the first person waiting (in order), if their party fits."""
    first = (
        event.registrations.filter(status=Registration.WAITING).order_by("created_at", "pk").first()
    )
    if first is None or event.places_taken() + first.places > event.capacity:
        return None
    first.status = Registration.OFFERED
    first.offer_expires_at = timezone.now() + datetime.timedelta(hours=OFFER_HOURS)
    first.save(update_fields=["status", "offer_expires_at"])
    _email(
        first,
        f"A place has come free at {event.title}",
        f"Hello {first.name},\n\nA place has come free at {event.title}. It is yours if you "
        f"accept it by {timezone.localtime(first.offer_expires_at):%A %-d %B at %H:%M}:\n"
        f"{_link(first)}\n\nAfter that it passes to the next person on the list.",
    )
    return first


def expire_offers(event) -> int:
    """Offers not taken in time pass to the next person."""
    late = list(
        event.registrations.filter(status=Registration.OFFERED, offer_expires_at__lt=timezone.now())
    )
    for registration in late:
        registration.status = Registration.EXPIRED
        registration.save(update_fields=["status"])
    while late and offer_next(event):
        pass
    return len(late)


@transaction.atomic
def cancel(*, registration) -> Registration:
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status in (Registration.CANCELLED, Registration.EXPIRED):
        return registration
    held_place = registration.status in Registration.HOLDING
    registration.status = Registration.CANCELLED
    registration.save(update_fields=["status"])
    if held_place:
        expire_offers(event)
        while offer_next(event):
            pass
    return registration


def accept_offer(*, registration) -> Registration:
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.OFFERED:
            raise RegistrationRefused("There is no place waiting for you to accept.")
        expired = registration.offer_expires_at < timezone.now()
        if expired:
            # Kept even though the person is refused: the place moves on to the next person.
            expire_offers(event)
        else:
            registration.status = Registration.CONFIRMED
            registration.save(update_fields=["status"])
            _email(
                registration,
                f"Your place at {event.title}",
                f"Hello {registration.name},\n\nYour place at {event.title} is confirmed. The "
                f"calendar file is attached.\n{_link(registration)}\n",
                with_calendar=True,
            )
    if expired:
        raise RegistrationRefused(
            "Sorry, the time to accept this place has passed, so it was offered to the next person."
        )
    return registration


@transaction.atomic
def refresh_offer(*, registration) -> Registration:
    """Before showing an offer, let it lapse if its time has passed."""
    expire_offers(_locked(registration.event))
    return Registration.objects.get(pk=registration.pk)


@transaction.atomic
def message_registered(*, event, subject: str, message: str) -> int:
    """Email everyone holding a place. Returns how many were sent."""
    people = list(event.registrations.filter(status__in=Registration.HOLDING))
    for registration in people:
        queue_email(
            registration.email,
            f"{event.title}: {subject}",
            f"Hello {registration.name},\n\n{message}\n\nYour place: {_link(registration)}\n",
        )
    return len(people)
