"""Roles: who someone is in a programme or locality, loaded once per request user."""

from __future__ import annotations

from engagement.models import LocalityMembership, LocalityPage, ProgrammeRole

_CACHE = "_common_ground_roles"


def _roles(user):
    """The user's programme roles and memberships, loaded once per user object (two queries)."""
    cached = getattr(user, _CACHE, None)
    if cached is None:
        programme_roles = dict(
            ProgrammeRole.objects.filter(user=user).values_list("programme_id", "role")
        )
        memberships = {m.locality_id: m for m in LocalityMembership.objects.filter(user=user)}
        cached = (programme_roles, memberships)
        setattr(user, _CACHE, cached)
    return cached


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def programme_role(user, programme_id: int) -> str | None:
    if not _signed_in(user):
        return None
    if user.is_superuser:
        return ProgrammeRole.ADMIN
    return _roles(user)[0].get(programme_id)


def membership(user, locality: LocalityPage) -> LocalityMembership | None:
    if not _signed_in(user):
        return None
    return _roles(user)[1].get(locality.pk)


def is_programme_admin(user, programme_id: int) -> bool:
    return programme_role(user, programme_id) == ProgrammeRole.ADMIN


def is_programme_staff(user, programme_id: int) -> bool:
    """Programme admins and the programme team."""
    return programme_role(user, programme_id) in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)


def is_locality_lead(user, locality: LocalityPage) -> bool:
    m = membership(user, locality)
    return bool(m and m.is_lead)


def is_any_programme_admin(user) -> bool:
    """Programme admins of any programme (and superusers): they may read the audit log."""
    if not _signed_in(user):
        return False
    return user.is_superuser or ProgrammeRole.ADMIN in _roles(user)[0].values()


def is_any_programme_staff(user) -> bool:
    """Admin or team of any programme (and superusers): they may publish the guide."""
    if not _signed_in(user):
        return False
    return user.is_superuser or any(
        r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM) for r in _roles(user)[0].values()
    )


def is_evaluator(user, programme_id: int) -> bool:
    """Research and evaluation support: reads every locality's plans, logs and figures and
    the dashboard of the programme, changes nothing, and reads no stories."""
    return programme_role(user, programme_id) == ProgrammeRole.EVALUATOR


def is_board_member(user, programme_id: int) -> bool:
    return programme_role(user, programme_id) == ProgrammeRole.BOARD


def _member_in_programme(user, programme_id) -> bool:
    memberships = _roles(user)[1] if _signed_in(user) else {}
    if not memberships:
        return False
    return LocalityPage.objects.filter(pk__in=list(memberships), programme_id=programme_id).exists()


def _led_localities(user) -> list[int]:
    return [pk for pk, m in _roles(user)[1].items() if m.is_lead] if _signed_in(user) else []
