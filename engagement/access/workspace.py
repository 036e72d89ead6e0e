"""Locality workspaces and the programme dashboard: each check beside the query it matches."""

from __future__ import annotations

from django.db.models import Q

from engagement.access.roles import (
    _roles,
    _signed_in,
    is_evaluator,
    is_locality_lead,
    is_programme_admin,
    is_programme_staff,
    membership,
)
from engagement.models import LocalityPage, ProgrammePage, ProgrammeRole, ProgressEntry


def can_view_workspace(user, locality: LocalityPage) -> bool:
    """The locality's team, the programme team, and the programme's evaluators (who read)."""
    return (
        membership(user, locality) is not None
        or is_programme_staff(user, locality.programme_id)
        or is_evaluator(user, locality.programme_id)
    )


def can_edit_plan(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None or is_programme_admin(user, locality.programme_id)


def can_add_entry(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None


def can_view_entry(user, entry: ProgressEntry) -> bool:
    """Submitted entries are for everyone in the workspace; drafts for those who may edit them."""
    if not can_view_workspace(user, entry.locality):
        return False
    return entry.status != ProgressEntry.DRAFT or can_edit_entry(user, entry)


def _leads(user, locality: LocalityPage) -> bool:
    """The locality lead and the programme's admins: they may change any of its records."""
    return is_programme_admin(user, locality.programme_id) or is_locality_lead(user, locality)


def _writer_or_lead(user, locality: LocalityPage, writer_id) -> bool:
    """Whoever wrote a record (while still in the team), the locality lead and admins."""
    if _leads(user, locality):
        return True
    return membership(user, locality) is not None and writer_id == user.pk


def can_edit_entry(user, entry: ProgressEntry) -> bool:
    return _writer_or_lead(user, entry.locality, entry.author_id)


def visible_entries_q(user, locality: LocalityPage) -> Q:
    """A filter for the entries of ``locality`` that ``user`` may see in its workspace."""
    if _leads(user, locality):
        return Q()
    return ~Q(status=ProgressEntry.DRAFT) | Q(author_id=user.pk)


def can_manage_actions(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None or is_programme_staff(user, locality.programme_id)


def can_report_milestones(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None or is_programme_admin(user, locality.programme_id)


def can_correct_figure(user, report) -> bool:
    """Who may put a milestone figure right: the same rule as ``correctable_figures_q``."""
    return _writer_or_lead(user, report.locality, report.reported_by_id)


def correctable_figures_q(user, locality: LocalityPage) -> Q:
    """A filter for the figures of ``locality`` that ``user`` may correct."""
    if _leads(user, locality):
        return Q()
    if membership(user, locality) is None:
        return Q(pk__in=[])
    return Q(reported_by_id=user.pk)


def can_view_dashboard(user, programme_id: int) -> bool:
    return is_programme_staff(user, programme_id) or is_evaluator(user, programme_id)


def workspaces_for(user):
    """The localities whose workspaces ``user`` may open."""
    if not _signed_in(user):
        return LocalityPage.objects.none()
    programme_roles, memberships = _roles(user)
    if user.is_superuser:
        return LocalityPage.objects.live().order_by("title")
    readers = (ProgrammeRole.ADMIN, ProgrammeRole.TEAM, ProgrammeRole.EVALUATOR)
    staff_of = [pid for pid, r in programme_roles.items() if r in readers]
    return (
        LocalityPage.objects.filter(Q(pk__in=list(memberships)) | Q(programme_id__in=staff_of))
        .live()
        .order_by("title")
    )


def dashboards_for(user):
    """The programmes whose dashboard ``user`` may open."""
    if not _signed_in(user):
        return ProgrammePage.objects.none()
    if user.is_superuser:
        return ProgrammePage.objects.live()
    programme_roles, _ = _roles(user)
    readers = (ProgrammeRole.ADMIN, ProgrammeRole.TEAM, ProgrammeRole.EVALUATOR)
    ids = [pid for pid, r in programme_roles.items() if r in readers]
    return ProgrammePage.objects.filter(pk__in=ids).live()


ORGANISING_ROLES = {"facilitator"}  # besides the lead, who in a locality's team runs its work


def runs_locality_work(place) -> bool:
    """A place in a locality team that runs the team's events and inquiries: the lead's, or a
    facilitator's. They read who booked and who told a story; the rest of the team does not."""
    return place.is_lead or place.role in ORGANISING_ROLES


def can_organise_in(user, owner) -> bool:
    """Organise events of ``owner`` (read who booked, with their access needs; record the
    day; write to the people booked): a ProgrammePage's staff; for a LocalityPage, its lead
    and facilitators as well. Other team members book as anyone does: a carer in the team
    does not read the other carers' needs."""
    if isinstance(owner, LocalityPage):
        place = membership(user, owner)
        if place is not None and runs_locality_work(place):
            return True
        return is_programme_staff(user, owner.programme_id)
    return is_programme_staff(user, owner.pk)
