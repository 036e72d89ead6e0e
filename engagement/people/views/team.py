"""A locality's team: who is in it, invitations waiting, inviting one person or a CSV file."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from engagement import access
from engagement.core.guarded import guarded
from engagement.models import (
    Invitation,
    LocalityMembership,
    LocalityPage,
    ProgrammePage,
    WorkingGroup,
)
from engagement.people import csv_invites, services
from engagement.people.forms import CsvInviteForm, InviteForm
from site_content.once import once_only

team_view = guarded(
    lambda slug: LocalityPage.objects.live().filter(slug=slug).first(),
    access.can_manage_team,
    param="slug",
    missing="No team here",
)


def invite_form(request, place, data=None):
    return InviteForm(
        data,
        roles=[  # only the roles they may give (a lead offers no facilitator's place)
            (role, label)
            for role, label in services.role_choices(place)
            if access.can_invite(request.user, place, as_lead=access.gives_charge(place, role))
        ],
        may_invite_leads=not isinstance(place, WorkingGroup)
        and access.can_invite(request.user, place, as_lead=True),
    )


def send_invitation(request, place, data):
    """Invite one person into ``place`` from a valid InviteForm's data and say so; a refusal
    (services.Refused) is the caller's to show on its form."""
    invitation, note = services.invite(
        by=request.user,
        place=place,
        email=data["email"],
        role=data["role"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        is_lead=data.get("is_lead", False),
        days=data["days"],
    )
    messages.success(request, f"{note} An email is on its way to {invitation.email}.")


def people_in(user, place, members):
    """The members of ``place`` and its pending invitations, each with whether ``user`` may
    remove or withdraw it."""
    return {
        "members": [(m, access.can_remove_member(user, m)) for m in members],
        "invitations": [
            (i, access.can_withdraw_invitation(user, i)) for i in access.pending_invitations(place)
        ],
    }


def remove_from(request, places, pk, back, *, team, gone_from):
    """Confirm, then take one person (membership ``pk`` among ``places``) out of their place."""
    place = get_object_or_404(places.select_related("user"), pk=pk)
    if not access.can_remove_member(request.user, place):
        raise Http404("No one to remove here")
    if request.method == "POST":
        services.remove_member(by=request.user, place_of_person=place)
        messages.success(request, f"{place.user.display_name} is no longer in {gone_from}.")
        return redirect(*back)
    return render(
        request,
        "engagement/people/remove_confirm.html",
        {"person": place.user, "team": team, "back": back},
    )


@team_view
def team(request, locality):
    form = invite_form(request, locality, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            send_invitation(request, locality, form.cleaned_data)
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("people:team", locality.slug)
    return render(
        request,
        "engagement/people/team.html",
        {
            "locality": locality,
            "programme": locality.programme,
            **people_in(request.user, locality, locality.members.select_related("user")),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@team_view
def remove_member(request, locality, pk):
    places = LocalityMembership.objects.filter(locality=locality)
    back = ("people:team", locality.slug)
    return remove_from(
        request, places, pk, back, team=f"the {locality.title} team", gone_from="the team"
    )


@require_POST
@login_required
def withdraw(request, pk):
    invitation = get_object_or_404(Invitation.objects.select_related("locality", "group"), pk=pk)
    if not access.can_withdraw_invitation(request.user, invitation):
        may_manage = access.can_invite(request.user, invitation.place, as_lead=True) or (
            invitation.locality_id and access.can_manage_team(request.user, invitation.locality)
        )
        if not may_manage:
            raise Http404("No invitation to withdraw here")
        messages.info(request, f"The invitation to {invitation.email} had already ended.")
    else:
        services.withdraw(by=request.user, invitation=invitation)
        messages.success(request, f"The invitation to {invitation.email} has been withdrawn.")
    if invitation.group_id:
        return redirect("people:group_members", invitation.group_id)
    return redirect("people:team", invitation.locality.slug)


programme_invite_view = guarded(
    lambda slug: ProgrammePage.objects.live().filter(slug=slug).first(),
    lambda user, programme: access.can_invite_in_programme(user, programme.pk),
    param="slug",
    missing="No programme here",
)


REPORT = "csv_invite_report"  # the session's key for the report of the last file sent


@programme_invite_view
@once_only
def invite_csv(request, programme):
    """Post, then redirect to the report (kept in the session), so that reloading the report
    sends nothing and the same file sent twice is done once."""
    form = CsvInviteForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            results = csv_invites.invite_from_csv(
                by=request.user,
                programme=programme,
                data=form.cleaned_data["file"].read(),
                days=form.cleaned_data["days"],
            )
        except csv_invites.UnreadableFile as problem:
            form.add_error("file", f"{problem} Nobody has been invited.")
        else:
            rows = [dataclasses.asdict(row) for row in results]
            request.session[REPORT] = {"programme": programme.pk, "rows": rows}
            return redirect(f"{request.path}?report=1#report-h")
    results = None
    # Shown when asked for; a new file sent from the report page shows only its own answer.
    report = request.session.get(REPORT) if request.method == "GET" else None
    if "report" in request.GET and report and report["programme"] == programme.pk:
        results = [csv_invites.RowResult(**row) for row in report["rows"]]
    return render(
        request,
        "engagement/people/invite_csv.html",
        {
            "programme": programme,
            "form": form,
            "results": results,
            "invited": sum(1 for r in results or [] if r.done),
        },
        status=400 if form.errors else 200,
    )
