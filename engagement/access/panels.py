"""Experts-by-experience panels and review rounds: each check beside the query of what it allows."""

from __future__ import annotations

from django.db.models import Q

from engagement.access.programme import programme_is_public
from engagement.access.roles import _roles, _signed_in, is_programme_admin, is_programme_staff
from engagement.models import Panel, PanelMember, ProgrammeRole


def panel_seat(user, panel):
    """The user's seat on ``panel`` (a PanelMember), or None."""
    if not _signed_in(user):
        return None
    cache = user.__dict__.setdefault("_common_ground_seats", {})
    if panel.pk not in cache:
        cache[panel.pk] = PanelMember.objects.filter(panel=panel, user=user).first()
    return cache[panel.pk]


def is_facilitator(user, panel) -> bool:
    return _signed_in(user) and (
        panel.facilitator_id == user.pk or is_programme_admin(user, panel.programme_id)
    )


def can_view_panel(user, panel) -> bool:
    return (
        is_facilitator(user, panel)
        or is_programme_staff(user, panel.programme_id)
        or panel_seat(user, panel) is not None
    )


def can_open_round(user, panel) -> bool:
    return is_facilitator(user, panel)


def is_invited(user, review_round) -> bool:
    seat = panel_seat(user, review_round.panel)
    return seat is not None and review_round.invited.filter(pk=seat.pk).exists()


def can_view_round(user, review_round) -> bool:
    panel = review_round.panel
    return (
        is_facilitator(user, panel)
        or is_programme_staff(user, panel.programme_id)
        or is_invited(user, review_round)
    )


def rounds_for(user, panel):
    """The review rounds of ``panel`` that ``user`` may open (the same rule as can_view_round,
    in one query)."""
    if is_facilitator(user, panel) or is_programme_staff(user, panel.programme_id):
        return panel.rounds.all()
    seat = panel_seat(user, panel)
    if seat is None:
        return panel.rounds.none()
    return panel.rounds.filter(invited=seat)


def can_give_feedback(user, review_round) -> bool:
    """Invited members give their own feedback; the facilitator may enter it for them."""
    return is_invited(user, review_round) or is_facilitator(user, review_round.panel)


def can_see_all_feedback(user, review_round) -> bool:
    """Before publication only the facilitator and the programme team see everyone's feedback."""
    panel = review_round.panel
    return is_facilitator(user, panel) or is_programme_staff(user, panel.programme_id)


def can_respond(user, review_round) -> bool:
    """The owner of the reviewed thing: the programme team."""
    return is_programme_staff(user, review_round.panel.programme_id)


def can_view_responses(user, review_round) -> bool:
    """'You said, we did': once published, for invited members and staff, or for everyone if
    the round is public and its programme's pages are public."""
    if review_round.status != review_round.PUBLISHED:
        return can_see_all_feedback(user, review_round)
    if review_round.public and programme_is_public(review_round.panel.programme_id):
        return True
    return can_view_round(user, review_round)


def can_see_panel_finance(user, panel) -> bool:
    """The involvement and payments report: facilitator and programme team."""
    return is_facilitator(user, panel) or is_programme_staff(user, panel.programme_id)


def can_mark_paid(user, panel) -> bool:
    """A payment is marked made by who answers for the panel's money: its facilitator (or a
    programme admin). The rest of the programme team reads the report and changes nothing."""
    return is_facilitator(user, panel)


def panels_for(user):
    """The panels ``user`` may open (the same rule as can_view_panel, in one query)."""
    if not _signed_in(user):
        return Panel.objects.none()
    if user.is_superuser:
        return Panel.objects.all()
    programme_roles, _ = _roles(user)
    staff_of = [
        pid for pid, r in programme_roles.items() if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ]
    return Panel.objects.filter(
        Q(facilitator=user) | Q(programme_id__in=staff_of) | Q(members__user=user)
    ).distinct()
