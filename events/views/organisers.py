"""The organisers' views of an event: who booked (with their access needs, as a CSV too),
who came, and the event's record: notes, actions agreed and messages to the people booked."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from engagement import access
from engagement.models import Action, LocalityPage
from engagement.workspace.hub import ActionFromForm, action_from, action_lists_for
from site_content.exports import csv_download
from site_content.fields import id_from_query
from site_content.once import once_only

from .. import services
from ..forms import MessageForm, RecordForm
from ..models import EventPage, EventRecord, Registration


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
