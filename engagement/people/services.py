"""The one place people join or leave a team or group, and invitations are sent, withdrawn
and accepted. Each function checks the access rule itself, so every door passes it."""

from __future__ import annotations

import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.names import WrittenInLetters, has_letters
from engagement import access
from engagement.models import (
    Action,
    GroupMembership,
    GroupNote,
    Invitation,
    LocalityMembership,
    WorkingGroup,
)
from engagement.workspace import services as workspace_services
from site_content.fields import clean_text
from site_content.links import absolute_url
from site_content.mail import queue_email

MAX_DAYS = 60
NAME_LENGTH = 150  # a first or last name, as the account and the invitation keep it


class Refused(Exception):
    """What was asked cannot be done; the message says why, in plain words."""


EVALUATORS_STAY_OUTSIDE = access.EVALUATORS_STAY_OUTSIDE
ENDED = {
    "accepted": "This invitation has already been used.",
    "withdrawn": "This invitation was withdrawn.",
    "expired": "This invitation has ended.",
}


def _user_with_email(email: str):
    return get_user_model().objects.filter(email__iexact=email).first()


def _already_in(place, user) -> bool:
    if isinstance(place, WorkingGroup):
        return GroupMembership.objects.filter(group=place, user=user).exists()
    return LocalityMembership.objects.filter(locality=place, user=user).exists()


def _gives_roles(by, place) -> bool:
    """Who gives the programme's roles knows who holds them."""
    return by.is_superuser or access.is_programme_admin(by, place.programme_id)


def team_name(place) -> str:
    return place.name if isinstance(place, WorkingGroup) else f"the {place.title} team"


def role_choices(place) -> list[tuple[str, str]]:
    if isinstance(place, WorkingGroup):
        return GroupMembership.ROLE_CHOICES
    return LocalityMembership.ROLE_CHOICES


def invite(
    *,
    by,
    place,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    is_lead: bool = False,
    days: int | None = None,
) -> tuple[Invitation, str]:
    """Invite ``email`` into ``place`` (a locality or a working group) and queue the email in
    the same transaction. Returns the invitation and a plain note for the inviter."""
    email = email.strip().lower()
    if len(email) > 254:  # what an address can be, and what the database keeps
        raise Refused("An email address has 254 characters at the most.")
    first_name, last_name = clean_text(first_name), clean_text(last_name)
    for part, value in (("first", first_name), ("last", last_name)):
        if len(value) > NAME_LENGTH:  # what the account keeps; never cut short unsaid
            raise Refused(f"A {part} name has {NAME_LENGTH} characters at the most.")
        if not has_letters(value):
            raise Refused(f"Write the {part} name using letters, for example Sam.")
        try:
            WrittenInLetters(f"the {part} name")(value)  # one line, nothing hidden
        except ValidationError as problem:
            raise Refused(f"{problem.messages[0]}.") from problem
    is_group = isinstance(place, WorkingGroup)
    if is_group:
        is_lead = False
    if role not in dict(role_choices(place)):
        raise Refused(f"“{role}” is not a role here.")
    in_charge = access.gives_charge(place, role, is_lead=is_lead)
    if not access.can_invite(by, place, as_lead=in_charge):
        if is_group and place.is_closed:
            raise Refused(f"{place.name} has closed, so no one new can join it.")
        if role == GroupMembership.CONVENER:
            raise Refused("Only the programme team can invite a convener.")
        if is_lead:
            raise Refused("Only programme admins can invite a locality lead.")
        if in_charge:
            label = dict(role_choices(place))[role].lower()
            raise Refused(
                f"Only programme admins can invite a {label}: they run the team's work, and "
                "read who booked and who told a story, as a lead does."
            )
        raise Refused(f"You cannot invite people to {team_name(place)}.")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise Refused(f"An invitation can last from 1 to {MAX_DAYS} days.")
    existing = _user_with_email(email)
    if existing and _already_in(place, existing):
        raise Refused(f"{email} is already in {team_name(place)}.")
    if existing and not access.may_join(existing, place) and _gives_roles(by, place):
        # Only those who give the programme's roles hear why now; anyone else's invitation
        # goes as any other (whose address is the evaluator's is not theirs to learn), and
        # accepting it is refused with the same words.
        raise Refused(EVALUATORS_STAY_OUTSIDE)
    waiting = access.pending_invitations(place).filter(email=email).first()
    if waiting:
        raise Refused(
            f"{email} was already invited on {waiting.created_at:%-d %B %Y}. That invitation "
            f"lasts until {waiting.expires_at:%-d %B %Y}; withdraw it to send a new one."
        )
    token, now = secrets.token_urlsafe(32), timezone.now()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            programme_id=place.programme_id,
            email=email,
            first_name=first_name,
            last_name=last_name,
            locality=None if is_group else place,
            group=place if is_group else None,
            role=role,
            is_lead=is_lead,
            token_digest=Invitation.token_digest_of(token),
            invited_by=by,
            created_at=now,
            expires_at=Invitation.expiry(days, now),
        )
        queue_email(
            email,
            f"You are invited to join {team_name(place)}",
            render_to_string(
                "engagement/people/invitation_email.txt",
                {
                    "invitation": invitation,
                    "team": team_name(place),
                    "inviter": by.display_name,
                    "link": absolute_url(reverse("people:accept", args=[token])),
                },
            ),
        )
    # The same words whether or not the address has an account: having one can say something
    # about a person (an expert by experience), and it is not the inviter's to know.
    return invitation, "Invited."


def withdraw(*, by, invitation: Invitation) -> None:
    if not access.can_withdraw_invitation(by, invitation):
        raise Refused("This invitation cannot be withdrawn: it has been answered or has ended.")
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(token_digest=Invitation.token_digest_of(token))
        .select_related("locality", "group", "programme", "invited_by")
        .first()
    )


def accept(*, invitation: Invitation, user):
    """Give ``user`` the place the invitation offers. Only the person it was sent to may."""
    if invitation.email.lower() != user.email.lower():
        raise Refused("This invitation was sent to a different email address.")
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.state() != "pending":
            raise Refused(ENDED[current.state()])
        place = current.place
        if current.group_id and place.is_closed:
            raise Refused(f"{place.name} has closed, so no one new can join it.")
        if not access.may_join(user, place):
            raise Refused(EVALUATORS_STAY_OUTSIDE)
        if current.group_id:
            GroupMembership.objects.get_or_create(
                group=place,
                user=user,
                defaults={"role": current.role, "locality": _home_locality(user, place)},
            )
        else:
            LocalityMembership.objects.get_or_create(
                locality=place,
                user=user,
                defaults={"role": current.role, "is_lead": current.is_lead},
            )
        current.accepted_at, current.accepted_by = timezone.now(), user
        current.save(update_fields=["accepted_at", "accepted_by"])
        if not user.first_name and current.first_name:
            user.first_name, user.last_name = current.first_name, current.last_name
            user.save(update_fields=["first_name", "last_name"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    return place


def sign_up_and_accept(*, invitation: Invitation, first_name: str, last_name: str, password):
    """A new account for the person invited (their email is proved by the link), then the
    place. Nothing is kept if either part fails."""
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                email=invitation.email,
                password=password,
                first_name=clean_text(first_name),
                last_name=clean_text(last_name),
            )
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            accept(invitation=invitation, user=user)
    except IntegrityError as exc:
        raise Refused("An account with this email address already exists: sign in.") from exc
    return user


def _home_locality(user, group: WorkingGroup):
    place = (
        LocalityMembership.objects.filter(user=user, locality__programme_id=group.programme_id)
        .order_by("-is_lead", "pk")
        .first()
    )
    return place.locality if place else None


def remove_member(*, by, place_of_person) -> None:
    """Take someone out of a team or group: they lose access with their next request."""
    if not access.can_remove_member(by, place_of_person):
        raise Refused("You cannot remove this person.")
    place_of_person.delete()


def add_to_group(*, by, group: WorkingGroup, user, role=GroupMembership.MEMBER, locality=None):
    """Add someone already in the programme to a group straight away."""
    if not access.can_invite(by, group, as_lead=role == GroupMembership.CONVENER):
        raise Refused(f"You cannot add people to {group.name}.")
    if not access.may_join(user, group):
        raise Refused(EVALUATORS_STAY_OUTSIDE)
    if group.members.filter(user=user).exists():
        raise Refused(f"{user.display_name} is already in {group.name}.")
    if not access.group_candidates(group).filter(pk=user.pk).exists():
        raise Refused("Only people in the programme can be added; invite others by email.")
    place, created = GroupMembership.objects.get_or_create(
        group=group,
        user=user,
        defaults={"role": role, "locality": locality or _home_locality(user, group)},
    )
    if not created:
        raise Refused(f"{user.display_name} is already in {group.name}.")
    return place


def create_group(*, by, programme, **fields) -> WorkingGroup:
    if not access.can_create_group(by, programme.pk):
        raise Refused("Only the programme team can start a group.")
    return WorkingGroup.objects.create(programme=programme, created_by=by, **fields)


def update_group(*, by, group: WorkingGroup, **fields) -> WorkingGroup:
    if not access.can_manage_group(by, group):
        raise Refused("Only the group's conveners and the programme team can change it.")
    if group.is_closed:
        raise Refused(f"{group.name} has closed, so its details stay as they were.")
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    return group


def close_group(*, by, group: WorkingGroup, report: str, is_learning: bool) -> WorkingGroup:
    if not access.can_manage_group(by, group):
        raise Refused("Only the group's conveners and the programme team can close it.")
    if group.is_closed:
        raise Refused(f"{group.name} closed on {group.closed_on:%-d %B %Y}.")
    with transaction.atomic():
        group.closing_report, group.report_is_learning = report, is_learning
        group.closed_on = timezone.localdate()
        group.save(update_fields=["closing_report", "report_is_learning", "closed_on"])
        # No one new joins a closed group: invitations still waiting are withdrawn.
        access.pending_invitations(group).update(withdrawn_at=timezone.now())
    return group


def add_note(*, by, group: WorkingGroup, text: str, written_on, upload=None) -> GroupNote:
    if not access.can_write_in_group(by, group):
        raise Refused(f"You cannot add to {group.name}'s log.")
    note = GroupNote(group=group, author=by, text=text, written_on=written_on)
    if upload is not None:
        note.original_name = upload.name[:255]
        # Stored first: if the storage cannot take it, no record is written.
        note.file.save(upload.name, upload, save=False)
    note.save()
    return note


def add_group_action(*, by, group: WorkingGroup, data: dict) -> Action:
    """Put an action on the group's list (through the one workspace service for actions)."""
    if not access.can_write_in_group(by, group):
        raise Refused(f"You cannot add to {group.name}'s actions.")
    return workspace_services.create_action(group=group, creator=by, data=data)


def update_group_action(*, by, action: Action, data: dict, expected_version=None) -> Action:
    """Change one of a group's actions. Raises workspace_services.StaleEdit when someone
    else saved it first."""
    if action.group is None or not access.can_write_in_group(by, action.group):
        raise Refused("You cannot change this action.")
    return workspace_services.update_action(
        action=action, data=data, expected_version=expected_version
    )
