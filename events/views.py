"""Public event pages' extra views: registration, the private registration link, calendars,
listings; and the organisers' attendee list."""

from __future__ import annotations

import datetime

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from wagtail.models import Page

from engagement import access
from engagement.models import LocalityPage, ProgrammePage
from engagement.workspace.hub import ActionFromForm, action_from, action_lists_for
from site_content.exports import csv_download
from site_content.fields import id_from_query
from site_content.once import once_only

from . import services
from .calendar import event_calendar, feed
from .forms import RegistrationForm
from .models import KIND_CHOICES, EventPage, Registration


def _event(page_id) -> EventPage:
    return get_object_or_404(EventPage.objects.live().public(), pk=page_id)


@once_only
def register(request, page_id):
    event = _event(page_id)
    user = request.user if request.user.is_authenticated else None
    # Booking for someone else (a carer for the person they support): nothing of the
    # booker's own is filled in.
    for_someone_else = request.GET.get("for") == "someone-else"
    form = RegistrationForm(
        request.POST or None, event=event, user=user, for_someone_else=for_someone_else
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and not ratelimit.consume(request, action="event_register"):
            form.add_error(
                None,
                "A lot of registrations have come from this connection in a short time, so we "
                "cannot take this one just now. Nothing you typed has been lost: please try "
                "again in an hour, or contact the event organiser.",
            )
            status = 429
        elif form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            # Signed in with this address: it is theirs, so the page may say what happened.
            theirs = services.address_is_theirs(user, email)
            try:
                registration = services.register(event=event, data=form.cleaned_data, user=user)
            except (services.AlreadyRegistered, services.NotInvited) as exc:
                if theirs:
                    form.add_error(None, str(exc))
                else:
                    services.answer_by_email(event=event, email=email, refusal=exc)
                    return _emailed(request, event, email)
            except services.RegistrationRefused as exc:
                form.add_error(None, str(exc))
            else:
                if theirs:
                    return redirect("events:registration", registration.token)
                return _emailed(request, event, email)
    # For an event of chosen localities, say before anything is typed if this person may not
    # book (for invited people, the email decides, so the booking service answers).
    not_for_you = (
        event.booking_refusal("", request.user) if event.open_to == event.LOCALITIES else None
    )
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "form": form,
            "not_for_you": not_for_you,
            "for_someone_else": for_someone_else,
            "booking_localities": event.booking_localities(user),
            **event.places_context(user),
        },
        status=status,
    )


SENT_TO = "events_emailed"  # the session's note of the address a booking answer went to


def _emailed(request, event, email):
    """Anyone may type any address, so the answer goes to the address; the page says only
    that it has gone (the same whether a place was booked, was booked before, or is for
    invited people), and the link to the place is in the email."""
    request.session[SENT_TO] = {"event": event.pk, "email": email}
    return redirect("events:emailed", event.pk)


def emailed(request, page_id):
    event = _event(page_id)
    sent = request.session.get(SENT_TO) or {}
    email = sent.get("email") if sent.get("event") == event.pk else None
    return render(request, "events/emailed.html", {"event": event, "email": email})


def registration(request, token):
    found = Registration.objects.select_related("event").filter(token=token).first()
    if found is None:
        return render(request, "events/link_not_found.html", status=404)
    if request.method == "POST":
        asked = request.POST.get("action")
        held = found.status not in (Registration.CANCELLED, Registration.EXPIRED)
        if asked == "cancel" and held and request.POST.get("confirm") != "yes":
            # One press could give the place away to the next person: ask first.
            return render(
                request,
                "events/cancel_confirm.html",
                {"registration": found, "event": found.event.specific},
            )
        try:
            if asked == "cancel" and held:
                services.cancel(registration=found)
                messages.success(
                    request,
                    "Your booking has been cancelled."
                    if found.status == Registration.PENDING
                    else "Your place has been cancelled. Thank you for telling us.",
                )
            elif asked == "accept":
                services.accept_offer(registration=found)
                messages.success(request, "The place is yours. We have emailed you the details.")
            elif asked == "confirm" and found.status == Registration.PENDING:
                placed = services.confirm(registration=found)
                messages.success(
                    request,
                    "Thank you, your booking is confirmed. We have emailed you the details."
                    if placed.status == Registration.CONFIRMED
                    else "Thank you, your booking is confirmed. The event is full, so you are "
                    "on the waiting list. We have emailed you.",
                )
        except services.BookingLapsed as exc:
            messages.error(request, str(exc))
            return redirect("events:register", found.event_id)
        except services.RegistrationRefused as exc:
            messages.error(request, str(exc))
        return redirect("events:registration", token)
    held = found.status not in (Registration.CANCELLED, Registration.EXPIRED)
    if request.GET.get("cancel") and held:
        # A page of its own (not the answer to a form), so Back after cancelling shows it
        # again instead of the browser's "resubmit the form?" error.
        return render(
            request,
            "events/cancel_confirm.html",
            {"registration": found, "event": found.event.specific},
        )
    if found.status == Registration.OFFERED:
        found = services.refresh_offer(registration=found)
    yours = (
        request.user.is_authenticated
        and Registration.held_by(request.user).filter(pk=found.pk).exists()
    )
    return render(
        request,
        "events/registration.html",
        {"registration": found, "event": found.event.specific, "yours": yours},
    )


@login_required
def mine(request):
    """The signed-in person's bookings: coming up (with the way to see or cancel each), then
    the last few they went to. Bookings are theirs only once made or confirmed from their own
    address, so nobody sees here a booking that someone else typed their address into."""
    held = Registration.held_by(request.user).select_related("event", "places_from")
    now = timezone.now()
    return render(
        request,
        "events/mine.html",
        {
            "upcoming": held.filter(event__ends_at__gte=now).order_by("event__starts_at"),
            "past": held.filter(event__ends_at__lt=now, status=Registration.CONFIRMED).order_by(
                "-event__starts_at"
            )[:10],
        },
    )


def event_ics(request, page_id):
    event = _event(page_id)
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def _owner_by_slug(slug):
    page = Page.objects.live().public().filter(slug=slug).specific().first()
    if not isinstance(page, ProgrammePage | LocalityPage):
        raise Http404("No programme or locality here")
    return page


def owner_feed(request, slug):
    owner = _owner_by_slug(slug)
    events = EventPage.objects.live().public().descendant_of(owner).order_by("starts_at")
    response = HttpResponse(
        feed(f"{owner.title} events", events), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{owner.slug}-events.ics"'
    return response


def event_list(request, slug):
    owner = _owner_by_slug(slug)
    kind = request.GET.get("kind", "")
    events = EventPage.objects.live().public().descendant_of(owner)
    # The filter offers only the kinds this place has events of: a choice never leads nowhere.
    held = set(events.order_by().values_list("kind", flat=True).distinct())
    if kind in dict(KIND_CHOICES):
        events = events.filter(kind=kind)
    now = timezone.now()
    return render(
        request,
        "events/event_list.html",
        {
            "owner": owner,
            "upcoming": events.filter(ends_at__gte=now).order_by("starts_at"),
            "past": events.filter(ends_at__lt=now).order_by("-starts_at")[:50],
            "kinds": [(code, label) for code, label in KIND_CHOICES if code in held],
            "kind": kind,
        },
    )


@login_required
def attendees(request, page_id):
    event, _owner = _organised_event_or_404(request, page_id)
    if request.method == "POST":
        found = event.registrations.filter(
            pk=id_from_query(request.POST.get("registration"))
        ).first()
        day = _day_from(request.POST.get("day"))
        if found is not None:
            try:
                services.record_attendance(
                    registration=found, day=day, attended=request.POST.get("attended") == "yes"
                )
            except services.RegistrationRefused as exc:
                messages.error(request, str(exc))
        return redirect("events:attendees", event.pk)
    people = (
        event.registrations.exclude(
            status__in=[Registration.CANCELLED, Registration.EXPIRED, Registration.PENDING]
        )
        .select_related("places_from")
        .prefetch_related("attendance_days")
    )
    if request.GET.get("format") == "csv":
        return csv_download(
            request,
            filename=f"{event.slug}-attendees.csv",
            header=[
                "Name",
                "Email",
                "Status",
                "Taking part as",
                "Companions",
                "Access needs",
                "Food and drink",
                "Places of",
                "Days coming",
                "Days attended",
                "Overnight accommodation",
                "Overnight needs",
                "May contact",
            ],
            rows=(
                [
                    r.name,
                    r.email,
                    r.get_status_display(),
                    r.get_taking_part_as_display(),
                    r.companions,
                    r.access_needs,
                    r.dietary_needs,
                    r.places_from.title if r.places_from_id else "",
                    " ".join(d.day.isoformat() for d in r.attendance_days.all() if d.coming),
                    " ".join(d.day.isoformat() for d in r.attendance_days.all() if d.attended),
                    "yes" if r.overnight else "no",
                    r.overnight_notes,
                    "yes" if r.consent_to_contact else "no",
                ]
                for r in people
            ),
            what=f"Attendee CSV of {event.title}",
        )
    return render(
        request,
        "events/attendees.html",
        {
            "event": event,
            "people": [_with_days(r, event) for r in people],
            "places_taken": event.places_taken(),
            "started": event.starts_at <= timezone.now(),
            "days_begun": event.days_begun(),
            "pools": _pools_for_display(event),
        },
    )


def _day_from(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _with_days(registration, event):
    """The registration, with one row per day of a multi-day event (coming, attended)."""
    if event.is_multi_day:
        kept = {d.day: d for d in registration.attendance_days.all()}
        registration.day_rows = [(day, kept.get(day)) for day in event.days]
    return registration


def _pools_for_display(event):
    pools, taken = event.place_pools(), event.places_taken_by_pool()
    if len(pools) == 1:
        return []
    names = dict(LocalityPage.objects.filter(pk__in=pools).values_list("pk", "title"))
    rows = [(names.get(key, ""), taken[key], places) for key, places in pools.items() if key]
    rows.sort()
    return [*rows, ("Everyone else", taken[None], pools[None])]


def _organised_event_or_404(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    owner = event.organised_by()
    if owner is None or not access.can_organise_in(request.user, owner):
        raise Http404("No event here")
    return event, owner


@login_required
@once_only
def record(request, page_id):
    """Notes, group work, actions agreed, and messages to the people registered."""
    from .forms import MessageForm, RecordForm
    from .models import EventRecord

    event, owner = _organised_event_or_404(request, page_id)
    localities = (
        LocalityPage.objects.filter(pk=owner.pk)
        if isinstance(owner, LocalityPage)
        else LocalityPage.objects.filter(programme=owner).order_by("title")
    )
    which = request.POST.get("form")
    record_form = RecordForm(request.POST if which == "record" else None)
    # A meeting of a working group: what it agrees goes on the group's own list, never a
    # locality's (where people outside the group would read it).
    group = event.group if event.group_id else None
    if group is not None and access.can_write_in_group(request.user, group):
        action_form = ActionFromForm(request.POST if which == "action" else None, group=group)
    elif group is not None:
        action_form = None
    else:
        action_form = ActionFromForm(
            request.POST if which == "action" else None,
            localities=action_lists_for(request.user, localities),
        )
    message_form = MessageForm(request.POST if which == "message" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if which == "record" and record_form.is_valid():
            EventRecord.objects.create(event=event, author=request.user, **record_form.cleaned_data)
            messages.success(request, "Saved.")
            return redirect("events:record", event.pk)
        if which == "action" and action_form is not None and action_form.is_valid():
            action_from(
                event,
                by=request.user,
                group=group,
                note=f"Agreed at {event.title}",
                **action_form.cleaned_data,
            )
            where = f"{group.name}'s" if group else "the locality's"
            messages.success(request, f"The action has been added to {where} list.")
            return redirect("events:record", event.pk)
        if which == "message" and message_form.is_valid():
            sent = services.message_registered(event=event, **message_form.cleaned_data)
            messages.success(
                request,
                f"Your message was sent to {sent} {'person' if sent == 1 else 'people'}.",
            )
            return redirect("events:record", event.pk)
    from engagement.models import Action

    return render(
        request,
        "events/record.html",
        {
            "event": event,
            "record_form": record_form,
            "action_form": action_form,
            "message_form": message_form,
            "records": event.records.select_related("author"),
            "actions": Action.objects.filter(
                source_type__model="eventpage", source_id=event.pk
            ).select_related("owner", "locality", "group"),
            "topics": event.topics.all(),
        },
        status=status,
    )


@once_only(new_each_time=True)
def suggest_topic(request, page_id):
    from .forms import TopicForm
    from .models import TopicSuggestion

    event = _event(page_id)
    if event.kind != "congress":
        raise Http404("Topics are suggested for congresses only")
    form = TopicForm(request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        # Anyone may suggest, without an account: the same limiter as the other public forms.
        if not ratelimit.consume(request, action="topic_suggest"):
            form.add_error(
                None,
                "A lot of topics have come from this connection in a short time, so we cannot "
                "take this one just now. Nothing you typed has been lost: please try again in "
                "an hour, or contact the event organiser.",
            )
            status = 429
        else:
            TopicSuggestion.objects.create(
                event=event,
                user=request.user if request.user.is_authenticated else None,
                **form.cleaned_data,
            )
            messages.success(request, "Thank you. The organisers will see your topic.")
            return redirect(event.url)
    return render(request, "events/suggest.html", {"event": event, "form": form}, status=status)
