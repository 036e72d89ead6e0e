"""Running the programme: overview, projects, registers; each check beside its query."""

from __future__ import annotations

from django.db.models import Q

from engagement.access.roles import (
    _led_localities,
    _roles,
    _signed_in,
    is_board_member,
    is_programme_staff,
)
from engagement.models import ProgrammePage, ProgrammeRole, Project


def programme_is_public(programme_id: int) -> bool:
    """Whether anyone may read the programme's public pages: its page is live and not made
    private (no password, sign-in or group restriction on it or above it). The pages served
    outside Wagtail's page tree ("you said, we did") follow the page's own rule."""
    return ProgrammePage.objects.live().public().filter(pk=programme_id).exists()


def can_manage_programme(user, programme_id: int) -> bool:
    """Edit the vision, benefits, tranches, projects, registers, stakeholders, reports and
    consultations: programme admins and the programme team."""
    return is_programme_staff(user, programme_id)


def can_read_programme(user, programme_id: int) -> bool:
    """Read everything in programme management, reports included: staff and board members."""
    return is_programme_staff(user, programme_id) or is_board_member(user, programme_id)


def programmes_run_by(user):
    """Programmes whose management pages ``user`` may open: staff and board of each, and
    anyone who manages a project or leads a locality with projects in it."""
    if not _signed_in(user):
        return ProgrammePage.objects.none()
    if user.is_superuser:
        return ProgrammePage.objects.live()
    readers = [
        pid
        for pid, r in _roles(user)[0].items()
        if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM, ProgrammeRole.BOARD)
    ]
    with_projects = Project.objects.filter(
        Q(manager=user) | Q(locality_id__in=_led_localities(user))
    ).values("programme_id")
    return ProgrammePage.objects.filter(Q(pk__in=readers) | Q(pk__in=with_projects)).live()


def can_open_projects(user, programme) -> bool:
    return can_read_programme(user, programme.pk) or projects_for(user, programme).exists()


def projects_for(user, programme):
    """The projects of ``programme`` that ``user`` may see: all for staff and the board; a
    project manager's own; a locality lead's locality's."""
    projects = Project.objects.filter(programme=programme)
    if can_read_programme(user, programme.pk):
        return projects
    if not _signed_in(user):
        return projects.none()
    return projects.filter(Q(manager=user) | Q(locality_id__in=_led_localities(user)))


def can_view_project(user, project) -> bool:
    if can_read_programme(user, project.programme_id):
        return True
    if not _signed_in(user):
        return False
    return project.manager_id == user.pk or project.locality_id in _led_localities(user)


def can_edit_project(user, project) -> bool:
    """Staff, and the project's own manager."""
    return can_manage_programme(user, project.programme_id) or (
        _signed_in(user) and project.manager_id == user.pk
    )


def can_reassign_project(user, project) -> bool:
    """Who manages a project and which locality it belongs to decide who reads it and its
    register: the programme's to change, not its manager's own."""
    return can_manage_programme(user, project.programme_id)


def can_edit_register_item(user, item) -> bool:
    """Staff edit the whole register; a project manager edits their project's register."""
    if can_manage_programme(user, item.programme_id):
        return True
    return item.project_id is not None and can_edit_project(user, item.project)


def register_items_editable(user, programme, items) -> set[int]:
    """Which of ``items`` (of ``programme``, with their projects) ``user`` may edit, by the
    rule of ``can_edit_register_item``: for the links and buttons of a register list."""
    if can_manage_programme(user, programme.pk):
        return {item.pk for item in items}
    if not _signed_in(user):
        return set()
    return {
        item.pk
        for item in items
        if item.project_id is not None and item.project.manager_id == user.pk
    }


def can_add_to_register(user, programme, project=None) -> bool:
    if can_manage_programme(user, programme.pk):
        return True
    return project is not None and can_edit_project(user, project)
