"""Opening an invitation link: sign up with your name, or sign in, and join."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect, render
from django.urls import reverse

from engagement.models import WorkingGroup
from engagement.people import services
from engagement.people.forms import InvitationSignupForm

BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _home(place):
    if isinstance(place, WorkingGroup):
        return reverse("people:group", args=[place.pk])
    return reverse("workspace:home", args=[place.slug])


def accept(request, token):
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(
            request, "engagement/people/invitation_ended.html", {"state": "unknown"}, status=404
        )
    state = invitation.state()
    if state != "pending":
        return render(
            request,
            "engagement/people/invitation_ended.html",
            {"state": state, "invitation": invitation},
            status=410,
        )
    user = request.user
    context = {"invitation": invitation, "team": services.team_name(invitation.place)}
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            context["wrong_account"] = True
            return render(request, "engagement/people/invitation.html", context, status=403)
        if request.method == "POST":
            try:
                place = services.accept(invitation=invitation, user=user)
            except services.Refused as refusal:
                messages.error(request, str(refusal))
                return redirect(request.path)
            messages.success(request, f"Welcome to {context['team']}.")
            return redirect(_home(place))
        return render(request, "engagement/people/invitation.html", context)
    if get_user_model().objects.filter(email__iexact=invitation.email).exists():
        context["sign_in"] = f"{reverse('account_login')}?next={request.path}"
        return render(request, "engagement/people/invitation.html", context)
    form = InvitationSignupForm(
        request.POST or None,
        email=invitation.email,
        initial={"first_name": invitation.first_name, "last_name": invitation.last_name},
    )
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.sign_up_and_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.Refused as refusal:
            form.add_error(None, str(refusal))
        else:
            login(request, new_user, backend=BACKEND)
            messages.success(request, f"Your account is ready. Welcome to {context['team']}.")
            return redirect(_home(invitation.place))
    context["form"] = form
    return render(
        request,
        "engagement/people/invitation.html",
        context,
        status=400 if form.errors else 200,
    )
