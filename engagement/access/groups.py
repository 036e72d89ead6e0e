"""Working groups and invitations: who sees inside a group, who brings people in, who may
take them out. Each check sits beside the query that lists what it allows."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from engagement.access.roles import (
    _signed_in,
    is_evaluator,
    is_locality_lead,
    is_programme_admin,
    is_programme_staff,
)
from engagement.access.workspace import ORGANISING_ROLES
from engagement.models import (
    GroupMembership,
    Invitation,
    LocalityMembership,
    LocalityPage,
    ProgrammeRole,
    WorkingGroup,
)

_CACHE = "_common_ground_group_places"


def _places(user) -> dict[int, GroupMembership]:
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = {p.group_id: p for p in GroupMembership.objects.filter(user=user)}
        setattr(user, _CACHE, cached)
    return cached


def group_place(user, group: WorkingGroup) -> GroupMembership | None:
    if not _signed_in(user):
        return None
    return _places(user).get(group.pk)


def is_convener(user, group: WorkingGroup) -> bool:
    place = group_place(user, group)
    return bool(place and place.is_convener)


def can_view_group(user, group: WorkingGroup) -> bool:
    """Inside a group: its members and the programme team. Nobody else, evaluators included."""
    return group_place(user, group) is not None or is_programme_staff(user, group.programme_id)


def can_write_in_group(user, group: WorkingGroup) -> bool:
    """Add to the group's log while it is open."""
    return not group.is_closed and can_view_group(user, group)


def can_manage_group(user, group: WorkingGroup) -> bool:
    """Change the remit, bring people in and out, close it: conveners and the programme team."""
    return is_convener(user, group) or is_programme_staff(user, group.programme_id)


EVALUATORS_STAY_OUTSIDE = (
    "Evaluators read the programme's plans, logs and figures, not the inside of its locality "
    "teams and groups, so they cannot join one."
)


def may_become_evaluator(user, programme_id: int) -> bool:
    """The other side of ``may_join``: someone with a place in one of the programme's locality
    teams or groups leaves it before they can be its evaluator."""
    return not (
        LocalityMembership.objects.filter(user=user, locality__programme_id=programme_id).exists()
        or GroupMembership.objects.filter(user=user, group__programme_id=programme_id).exists()
    )


def may_join(user, place) -> bool:
    """Evaluators of the programme stay outside its locality teams and its groups (``place``
    is either): they read plans, logs and figures, never a team's stories or the inside of a
    group, and change nothing."""
    return not is_evaluator(user, place.programme_id)


def group_candidates(group: WorkingGroup):
    """Who may be added to ``group``: the programme's people (a role, a locality place or a
    group place in it) not in it yet, evaluators apart (the query beside may_join)."""
    from engagement.access.people import people_of

    return (
        people_of([group.programme_id])
        .exclude(group_places__group=group)
        .exclude(
            programme_roles__programme_id=group.programme_id,
            programme_roles__role=ProgrammeRole.EVALUATOR,
        )
    )


def can_create_group(user, programme_id: int) -> bool:
    return is_programme_staff(user, programme_id)


def groups_for(user):
    """The groups whose space ``user`` may open."""
    if not _signed_in(user):
        return WorkingGroup.objects.none()
    if user.is_superuser:
        return WorkingGroup.objects.all()
    staff_of = ProgrammeRole.objects.filter(
        user=user, role__in=(ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ).values("programme_id")
    return WorkingGroup.objects.filter(Q(pk__in=list(_places(user))) | Q(programme_id__in=staff_of))


def reportable_groups(user):
    """Closed groups whose closing report is offered as learning, in the programmes whose
    team ``user`` is on (all, for superusers): what an editor may put in a guide."""
    closed = WorkingGroup.objects.filter(closed_on__isnull=False, report_is_learning=True)
    if not _signed_in(user):
        return WorkingGroup.objects.none()
    if user.is_superuser:
        return closed
    staff_of = ProgrammeRole.objects.filter(
        user=user, role__in=(ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ).values("programme_id")
    return closed.filter(programme_id__in=staff_of)


def can_manage_team(user, locality: LocalityPage) -> bool:
    """See the team's invitations and bring people in or out: the lead and programme admins."""
    return is_locality_lead(user, locality) or is_programme_admin(user, locality.programme_id)


def gives_charge(place, role: str, *, is_lead: bool = False) -> bool:
    """Whether a place offered in ``place`` puts someone in charge: a group's convener; a
    locality's lead, or a role that runs the team's work (``runs_locality_work``), which reads
    who booked and who told a story as the lead does."""
    if isinstance(place, WorkingGroup):
        return role == GroupMembership.CONVENER
    return is_lead or role in ORGANISING_ROLES


def can_invite(user, place, *, as_lead: bool = False) -> bool:
    """Invite into ``place`` (a locality or a group). Leads and conveners invite members only;
    programme admins (and, for groups, the programme team) invite anyone."""
    if isinstance(place, WorkingGroup):
        if place.is_closed:
            return False
        if is_programme_staff(user, place.programme_id):
            return True
        return not as_lead and is_convener(user, place)
    if is_programme_admin(user, place.programme_id):
        return True
    return not as_lead and is_locality_lead(user, place)


def can_invite_in_programme(user, programme_id: int) -> bool:
    """Open the programme's "invite from a CSV file" page: anyone who may invite somewhere."""
    if is_programme_staff(user, programme_id):
        return True
    if not _signed_in(user):
        return False
    leads = LocalityMembership.objects.filter(
        user=user, is_lead=True, locality__programme_id=programme_id
    )
    conveners = GroupMembership.objects.filter(
        user=user, role=GroupMembership.CONVENER, group__programme_id=programme_id
    )
    return leads.exists() or conveners.exists()


def can_withdraw_invitation(user, invitation: Invitation) -> bool:
    return invitation.is_pending and can_invite(
        user, invitation.place, as_lead=invitation.is_lead or invitation.role == "convener"
    )


def pending_invitations(place):
    """The invitations to ``place`` still waiting for an answer."""
    field = "group" if isinstance(place, WorkingGroup) else "locality"
    return Invitation.objects.filter(
        **{field: place},
        accepted_at__isnull=True,
        withdrawn_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by", "locality", "group")


def can_remove_member(user, place_of_person) -> bool:
    """Take someone out of a team or group. Leads and conveners remove members, not their
    peers; programme admins (and, for groups, the programme team) remove anyone."""
    if isinstance(place_of_person, GroupMembership):
        group = place_of_person.group
        if is_programme_staff(user, group.programme_id):
            return True
        return is_convener(user, group) and not place_of_person.is_convener
    locality = place_of_person.locality
    if is_programme_admin(user, locality.programme_id):
        return True
    return is_locality_lead(user, locality) and not place_of_person.is_lead
