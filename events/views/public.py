"""The event pages' public views: booking a place (for oneself or someone else), the private
link to a booking, the signed-in person's own bookings, calendar files, the listings of a
programme's or locality's events, and topic suggestions for a congress."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from wagtail.models import Page

from engagement.models import LocalityPage, ProgrammePage
from site_content.once import once_only

from .. import services
from ..calendar import event_calendar, feed
from ..forms import RegistrationForm, TopicForm
from ..models import KIND_CHOICES, EventPage, Registration, TopicSuggestion


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


@once_only(new_each_time=True)
def suggest_topic(request, page_id):
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
