"""Registration rules: exact capacity, a waiting list in order, offers that expire. Each
function locks the event row first, so two people cannot both take the last place.

Places come in pools: each locality an event sets places aside for has its own pool and its
own waiting list; every other booking takes the everyone pool (the capacity less what is set
aside). A booking takes its locality's places when the booker (signed in) is a member of a
locality with places; a member of several chooses which on the form. When a locality's places
are full its members wait on its own list, even if everyone places are free. A freed place
goes first to the list of its pool; a locality's freed place that none of its own people wait
for goes to the everyone list (and stays that locality's place, so when it is freed again its
own people come first)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.addresses import address_is_theirs, holder_of
from site_content.formatting import plain_time
from site_content.links import absolute_url
from site_content.mail import queue_email

from .calendar import event_calendar
from .models import AttendanceDay, EventPage, Registration

OFFER_HOURS = 48


class RegistrationRefused(Exception):
    """The registration cannot be taken; the message says why in plain words."""


class AlreadyRegistered(RegistrationRefused):
    """This email address has a place (or a place on the waiting list) already."""


class BookingLapsed(RegistrationRefused):
    """The booking's link was not used in time to confirm it, so the booking has gone."""


class NotInvited(RegistrationRefused):
    """The event is for invited people and this email address is not on the list."""


def answer_by_email(*, event, email: str, refusal: RegistrationRefused) -> None:
    """Tell the owner of ``email``, not whoever typed it, why a booking in that address's name
    was not taken: whether an address is booked, or invited, is theirs to know. Someone who
    typed another person's address learns nothing from the page."""
    email = email.strip().lower()
    if isinstance(refusal, AlreadyRegistered):
        booked = (
            event.registrations.exclude(status__in=[Registration.CANCELLED, Registration.EXPIRED])
            .filter(email=email)
            .first()
        )
        if booked is None:
            return
        body = (
            # No name: it was typed by whoever booked, perhaps not the owner of the address.
            f"Hello,\n\nSomeone, perhaps you, asked for a place at {event.title} "
            "with this email address. You are already registered, so nothing has changed. To "
            f"see, change or cancel your place:\n{_link(booked)}\n"
        )
    else:
        body = (
            f"Hello,\n\nSomeone, perhaps you, asked for a place at {event.title} with this "
            "email address. The event is for invited people only, and this address is not on "
            "the list, so no place has been booked. If you were invited, use the address the "
            "invitation was sent to, or contact the organiser.\n"
        )
    queue_email(email, f"Your booking for {event.title}", body)


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


def confirm_within() -> datetime.timedelta:
    """How long a booking's emailed link may confirm it (after that the booking is deleted)."""
    return datetime.timedelta(days=settings.RETENTION_DAYS["unconfirmed_registrations"])


@transaction.atomic
def register(*, event, data: dict, user=None) -> Registration:
    """Take a booking. When the address is the signed-in booker's own, the place is decided
    now (``place``); otherwise the booking waits, holding nothing, until the address's owner
    confirms it by the emailed link (``confirm``). So nobody can fill an event, or learn
    from the places left whether an address is booked, with addresses that are not theirs."""
    event = _locked(event)
    _still_open(event)
    companions = data.get("companions", 0)
    if companions > event.max_companions:
        raise RegistrationRefused(
            f"You can bring up to {event.max_companions} people with you to this event."
        )
    data = dict(data)
    chosen, days = data.pop("booking_locality", None), data.pop("days", None) or []
    email = data["email"].strip().lower()
    refusal = event.booking_refusal(email, user)
    if refusal:
        raise (NotInvited if event.open_to == EventPage.INVITED else RegistrationRefused)(refusal)
    pool = _pool_for_booker(event, user, chosen)
    days = _days_for(event, days)
    if not event.is_multi_day:
        data["overnight"], data["overnight_notes"] = False, ""
    active = event.registrations.exclude(status__in=[Registration.CANCELLED, Registration.EXPIRED])
    # A booking nobody has confirmed gives way to the new one (the owner of the address may
    # be putting right what someone else typed); its link stops working.
    active.filter(email=email, status=Registration.PENDING).delete()
    if active.filter(email=email).exists():
        raise AlreadyRegistered(
            "This email address is already registered for this event. Use the link in your "
            "confirmation email to see or change your place."
        )
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=user,
                status=Registration.PENDING,
                places_from_id=pool,
                **{**data, "email": email},
            )
    except IntegrityError as exc:
        raise AlreadyRegistered("This email address is already registered for this event.") from exc
    AttendanceDay.objects.bulk_create(
        AttendanceDay(registration=registration, day=day, coming=True) for day in days
    )
    if address_is_theirs(user, email):
        return _place(event, registration)
    _email(
        registration,
        f"Confirm your booking for {event.title}",
        # Not the name typed: the address is not yet known to be theirs, and the platform
        # must not carry a stranger's words to it.
        "Hello,\n\nSomeone, we hope you, asked for a place at "
        f"{event.title} ({event.local_start:%A %-d %B %Y} at {plain_time(event.local_start)}) "
        "with this email address.\n\n"
        'To confirm the booking, open this link and press "Confirm my booking":\n'
        f"{_link(registration)}\n\nNo place is kept for you until you do. If you did not ask "
        f"for a place, do nothing: the booking will be deleted in "
        f"{confirm_within().days} days.\n",
    )
    return registration


def _still_open(event) -> None:
    if event.cancelled:
        raise RegistrationRefused("This event has been cancelled, so you cannot register for it.")
    if event.ends_at < timezone.now():
        raise RegistrationRefused("This event has already happened.")


def confirm(*, registration) -> Registration:
    """The owner of the address confirms a booking by its link: it takes a place, or a place
    on the waiting list, as things stand now. Confirming twice changes nothing."""
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.PENDING:
            return registration
        lapsed = registration.created_at < timezone.now() - confirm_within()
        if lapsed:
            # Deleted even though the person is refused: the link has stopped working.
            registration.delete()
        else:
            _still_open(event)
            # Who may book is asked again, of the person the place is for (the invited list
            # or the teams may have changed): a team's event, or its set-aside places, are not
            # for whoever a member of the team typed in.
            owner = holder_of(registration.email, claimed_by=registration.user)
            refusal = event.booking_refusal(registration.email, owner)
            if refusal:
                raise RegistrationRefused(refusal)
            if registration.places_from_id not in _pools_of(event, owner):
                registration.places_from = None  # everyone's places, as they would book
            # Booked for someone else: the booking is the address owner's now (their account's,
            # when the address is verified on one, so "My bookings" lists it), not the
            # booker's (whose export or erasure must not carry it, nor say it was taken).
            registration.user = owner
            # It joins the waiting list (if it must) now, not when it was typed: holding
            # nothing meanwhile, it holds no place in the queue either.
            registration.created_at = timezone.now()
            return _place(event, registration)
    raise BookingLapsed(
        "This booking was not confirmed in time, so it has been deleted. You can book again."
    )


def _pools_of(event, user) -> set[int | None]:
    """The places ``user`` may take: everyone's, and those set aside for their teams."""
    return {None, *(locality.pk for locality in event.booking_localities(user))}


def _place(event, registration) -> Registration:
    """Give a booking whose address is confirmed a place if one is free and nobody is waiting
    for it, else a place on the waiting list; email the person which."""
    expire_offers(event)
    pool = _pool_of(event, registration)
    fits = _fits(event, pool, registration.places) and not _waiting_in(event, pool).exists()
    registration.status = Registration.CONFIRMED if fits else Registration.WAITING
    registration.save(update_fields=["status", "user", "places_from", "created_at"])
    if fits:
        _email(
            registration,
            f"Your place at {event.title}",
            f"Hello {registration.name},\n\nYour place at {event.title} is confirmed for "
            f"{event.local_start:%A %-d %B %Y} at {plain_time(event.local_start)}.\n"
            + (f"\nHow to join online:\n{event.online_joining}\n" if event.online_joining else "")
            + "\nThe calendar file is attached. To see or cancel your place:\n"
            + f"{_link(registration)}\n",
            with_calendar=True,
        )
    else:
        _email(
            registration,
            f"You are on the waiting list for {event.title}",
            f"Hello {registration.name},\n\n{_full(registration)}, so you are on the waiting "
            "list. "
            f"If a place comes free we will email you.\nTo see or cancel:\n{_link(registration)}\n",
        )
    return registration


def _full(registration) -> str:
    if registration.places_from_id:
        return (
            f"The places for {registration.places_from.title} at {registration.event.title} "
            "are full"
        )
    return f"{registration.event.title} is full"


def _pool_for_booker(event, user, chosen) -> int | None:
    """Whose places a booking takes: the locality chosen (one of the booker's localities with
    places here), their only such locality, or None for everyone's places."""
    choices = event.booking_localities(user)
    if chosen is not None:
        if chosen.pk not in {loc.pk for loc in choices}:
            raise RegistrationRefused(
                f"You can book {chosen.title}'s places only as a member of its team."
            )
        return chosen.pk
    if len(choices) > 1:
        raise RegistrationRefused("Choose which locality's places you are booking.")
    return choices[0].pk if choices else None


def _days_for(event, days) -> list[datetime.date]:
    if not event.is_multi_day:
        return []
    days = sorted(set(days))
    if not days:
        raise RegistrationRefused("Choose the days you will come.")
    if not set(days) <= set(event.days):
        raise RegistrationRefused("Choose days on which the event runs.")
    return days


def _pool_of(event, registration) -> int | None:
    pools = event.place_pools()
    return registration.places_from_id if registration.places_from_id in pools else None


def _waiting_in(event, pool):
    """The waiting list of a pool, in order (None: the everyone list)."""
    waiting = event.registrations.filter(status=Registration.WAITING)
    if pool is None:
        set_aside = [key for key in event.place_pools() if key is not None]
        waiting = waiting.exclude(places_from_id__in=set_aside)
    else:
        waiting = waiting.filter(places_from_id=pool)
    return waiting.order_by("created_at", "pk")


def _fits(event, pool, places) -> bool:
    return (
        event.places_taken_by_pool()[pool] + places <= event.place_pools()[pool]
        and event.places_taken() + places <= event.capacity
    )


def offer_next(event, pool=None) -> Registration | None:
    """Offer a free place of ``pool`` to the first person on its waiting list, if their party
    fits."""
    first = _waiting_in(event, pool).first()
    if first is None or not _fits(event, pool, first.places):
        return None
    _offer(first, event, pool)
    return first


def _pass_on(event, pool, freed: int) -> None:
    """Offer places freed in ``pool``: to its own waiting list in order; a locality's freed
    places that none of its own people wait for go on to the everyone list."""
    for key in event.place_pools():
        while offered := offer_next(event, key):
            if key == pool:
                freed -= offered.places
    if pool is None or freed <= 0 or _waiting_in(event, pool).exists():
        return
    while freed > 0:
        first = _waiting_in(event, None).first()
        if first is None or first.places > freed or not _fits(event, pool, first.places):
            return
        _offer(first, event, pool)
        freed -= first.places


def _offer(first, event, pool) -> None:
    first.status = Registration.OFFERED
    first.places_from_id = pool
    first.offer_expires_at = timezone.now() + datetime.timedelta(hours=OFFER_HOURS)
    first.save(update_fields=["status", "places_from", "offer_expires_at"])
    _email(
        first,
        f"A place has come free at {event.title}",
        f"Hello {first.name},\n\nA place has come free at {event.title}. It is yours if you "
        f"accept it by {timezone.localtime(first.offer_expires_at):%A %-d %B} at "
        f"{plain_time(timezone.localtime(first.offer_expires_at))}:\n"
        f"{_link(first)}\n\nAfter that it passes to the next person on the list.",
    )


def expire_offers(event) -> int:
    """Offers not taken in time pass to the next person."""
    late = list(
        event.registrations.filter(status=Registration.OFFERED, offer_expires_at__lt=timezone.now())
    )
    for registration in late:
        registration.status = Registration.EXPIRED
        registration.save(update_fields=["status"])
    for registration in late:
        _pass_on(event, _pool_of(event, registration), registration.places)
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
        _pass_on(event, _pool_of(event, registration), registration.places)
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


@transaction.atomic
def record_attendance(*, registration, attended: bool, day=None) -> Registration:
    """Mark whether a person with a confirmed place came: to the event, or for a multi-day
    event on one of its days (they came to the event if they came on any day)."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    refusal = registration.attendance_refusal(day)
    if refusal:
        raise RegistrationRefused(refusal)
    if day is None:
        registration.attended = attended
    else:
        AttendanceDay.objects.update_or_create(
            registration=registration,
            day=day,
            defaults={"attended": attended},
            create_defaults={"attended": attended, "coming": False},
        )
        registration.attended = registration.attendance_days.filter(attended=True).exists()
    registration.save(update_fields=["attended"])
    return registration
