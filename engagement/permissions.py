"""Who may see or do what. The one home for these rules.

Views, templates (through the ``workspace_tags`` template tags), the admin and exports all ask
these functions; none repeats a rule. Roles:

- programme admin and programme team (ProgrammeRole), expert by experience (ProgrammeRole)
- locality lead and locality member (LocalityMembership)
- signed-in public (an account with no role), anonymous

A superuser counts as a programme admin of every programme.
"""

from __future__ import annotations

from django.db.models import Q

from .models import LocalityMembership, LocalityPage, ProgrammeRole, ProgressEntry

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


def can_view_workspace(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None or is_programme_staff(user, locality.programme_id)


def can_edit_plan(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None or is_programme_admin(user, locality.programme_id)


def can_add_entry(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None


def can_view_entry(user, entry: ProgressEntry) -> bool:
    """Submitted entries are for everyone in the workspace; drafts for those who may edit them."""
    if not can_view_workspace(user, entry.locality):
        return False
    return entry.status != ProgressEntry.DRAFT or can_edit_entry(user, entry)


def can_edit_entry(user, entry: ProgressEntry) -> bool:
    """The author (while still in the team), the locality lead and programme admins."""
    locality = entry.locality
    if is_programme_admin(user, locality.programme_id) or is_locality_lead(user, locality):
        return True
    return membership(user, locality) is not None and entry.author_id == user.pk


def visible_entries_q(user, locality: LocalityPage) -> Q:
    """A filter for the entries of ``locality`` that ``user`` may see in its workspace."""
    if is_programme_admin(user, locality.programme_id) or is_locality_lead(user, locality):
        return Q()
    return ~Q(status=ProgressEntry.DRAFT) | Q(author_id=user.pk)


def can_manage_actions(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None or is_programme_staff(user, locality.programme_id)


def can_report_milestones(user, locality: LocalityPage) -> bool:
    return membership(user, locality) is not None or is_programme_admin(user, locality.programme_id)


def can_view_dashboard(user, programme_id: int) -> bool:
    return is_programme_staff(user, programme_id)


def workspaces_for(user):
    """The localities whose workspaces ``user`` may open."""
    if not _signed_in(user):
        return LocalityPage.objects.none()
    programme_roles, memberships = _roles(user)
    if user.is_superuser:
        return LocalityPage.objects.live().order_by("title")
    staff_of = [
        pid for pid, r in programme_roles.items() if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ]
    return (
        LocalityPage.objects.filter(Q(pk__in=list(memberships)) | Q(programme_id__in=staff_of))
        .live()
        .order_by("title")
    )


def dashboards_for(user):
    """The programmes whose dashboard ``user`` may open."""
    from .models import ProgrammePage

    if not _signed_in(user):
        return ProgrammePage.objects.none()
    if user.is_superuser:
        return ProgrammePage.objects.live()
    programme_roles, _ = _roles(user)
    ids = [
        pid for pid, r in programme_roles.items() if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ]
    return ProgrammePage.objects.filter(pk__in=ids).live()


# --- Experts by experience: panels, review rounds, feedback --------------------------------


def panel_seat(user, panel):
    """The user's seat on ``panel`` (a PanelMember), or None."""
    if not _signed_in(user):
        return None
    from .models import PanelMember

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
    the round is public."""
    if review_round.status != review_round.PUBLISHED:
        return can_see_all_feedback(user, review_round)
    return review_round.public or can_view_round(user, review_round)


def can_see_panel_finance(user, panel) -> bool:
    """The involvement and payments report: facilitator and programme team."""
    return is_facilitator(user, panel) or is_programme_staff(user, panel.programme_id)


# --- Events (asked by the events app with the page that owns the event) -----------------------


def can_organise_in(user, owner) -> bool:
    """Organise events of ``owner``: a ProgrammePage (its team) or a LocalityPage (its team
    and the programme team)."""
    if isinstance(owner, LocalityPage):
        return can_manage_actions(user, owner)
    return is_programme_staff(user, owner.pk)


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


def panels_for(user):
    """The panels ``user`` may open (the same rule as can_view_panel, in one query)."""
    from .models import Panel

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


# --- Appreciative inquiry: stories --------------------------------------------------------


def _member_in_programme(user, programme_id) -> bool:
    memberships = _roles(user)[1] if _signed_in(user) else {}
    if not memberships:
        return False
    return LocalityPage.objects.filter(pk__in=list(memberships), programme_id=programme_id).exists()


def can_moderate_stories(user, inquiry) -> bool:
    """Moderators: the programme team (they work in the Wagtail admin)."""
    return is_programme_staff(user, inquiry.programme_id)


def can_see_storyteller_details(user, inquiry) -> bool:
    """Names, emails and addresses: moderators and the inquiry's own team only."""
    if can_moderate_stories(user, inquiry):
        return True
    return inquiry.locality_id is not None and membership(user, inquiry.locality) is not None


def can_analyse_inquiry(user, inquiry) -> bool:
    """Read approved stories, code themes, write propositions, export: the inquiry's team and
    moderators; for a programme-wide inquiry, any locality team in the programme too."""
    if can_see_storyteller_details(user, inquiry):
        return True
    return inquiry.locality_id is None and _member_in_programme(user, inquiry.programme_id)


def can_enter_story(user, inquiry) -> bool:
    """Enter a story collected in person: the same people as can analyse it."""
    return can_analyse_inquiry(user, inquiry)


def can_decide_safeguarding(user, story) -> bool:
    """The programme's named safeguarding lead; programme admins only when none is named."""
    if not _signed_in(user):
        return False
    programme = story.inquiry.programme
    if programme is None:
        return user.is_superuser
    if programme.safeguarding_lead_id:
        return programme.safeguarding_lead_id == user.pk
    return is_programme_admin(user, programme.pk)


def inquiries_for(user):
    """The inquiries whose stories ``user`` may analyse (the same rule, as one query)."""
    from .models import InquiryPage

    if not _signed_in(user):
        return InquiryPage.objects.none()
    if user.is_superuser:
        return InquiryPage.objects.all()
    programme_roles, memberships = _roles(user)
    staff_of = [
        pid for pid, r in programme_roles.items() if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ]
    member_programmes = LocalityPage.objects.filter(pk__in=list(memberships)).values("programme_id")
    return InquiryPage.objects.filter(
        Q(programme_id__in=staff_of)
        | Q(locality_id__in=list(memberships))
        | Q(locality__isnull=True, programme_id__in=member_programmes)
    )


# --- Programme management: projects, registers, reports ----------------------------------


def is_board_member(user, programme_id: int) -> bool:
    return programme_role(user, programme_id) == ProgrammeRole.BOARD


def can_manage_programme(user, programme_id: int) -> bool:
    """Edit the vision, benefits, tranches, projects, registers, stakeholders, reports and
    consultations: programme admins and the programme team."""
    return is_programme_staff(user, programme_id)


def can_read_programme(user, programme_id: int) -> bool:
    """Read everything in programme management, reports included: staff and board members."""
    return is_programme_staff(user, programme_id) or is_board_member(user, programme_id)


def _led_localities(user) -> list[int]:
    return [pk for pk, m in _roles(user)[1].items() if m.is_lead] if _signed_in(user) else []


def projects_for(user, programme):
    """The projects of ``programme`` that ``user`` may see: all for staff and the board; a
    project manager's own; a locality lead's locality's."""
    from .models import Project

    projects = Project.objects.filter(programme=programme)
    if can_read_programme(user, programme.pk):
        return projects
    if not _signed_in(user):
        return projects.none()
    return projects.filter(Q(manager=user) | Q(locality_id__in=_led_localities(user)))


def can_open_projects(user, programme) -> bool:
    return can_read_programme(user, programme.pk) or projects_for(user, programme).exists()


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


def can_edit_register_item(user, item) -> bool:
    """Staff edit the whole register; a project manager edits their project's register."""
    if can_manage_programme(user, item.programme_id):
        return True
    return item.project_id is not None and can_edit_project(user, item.project)


def can_add_to_register(user, programme, project=None) -> bool:
    if can_manage_programme(user, programme.pk):
        return True
    return project is not None and can_edit_project(user, project)


def programmes_run_by(user):
    """Programmes whose management pages ``user`` may open: staff and board of each, and
    anyone who manages a project or leads a locality with projects in it."""
    from .models import ProgrammePage, Project

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


def stories_to_moderate(user):
    """The stories ``user`` may moderate (the same rule as can_moderate_stories, as a query)."""
    from .models import Story

    if not _signed_in(user):
        return Story.objects.none()
    if user.is_superuser:
        return Story.objects.all()
    staff_of = [
        pid for pid, r in _roles(user)[0].items() if r in (ProgrammeRole.ADMIN, ProgrammeRole.TEAM)
    ]
    return Story.objects.filter(inquiry__programme_id__in=staff_of)
