"""Who may see or do what. The one home for these rules.

Views, templates (through the ``workspace_tags`` template tags), the admin and exports all ask
these functions; none repeats a rule. Roles:

- programme admin and programme team (ProgrammeRole), expert by experience (ProgrammeRole)
- locality lead and locality member (LocalityMembership)
- signed-in public (an account with no role), anonymous

A superuser counts as a programme admin of every programme.
"""

from engagement.access.admin import ProgrammeScope
from engagement.access.panels import (
    can_give_feedback,
    can_open_round,
    can_respond,
    can_see_all_feedback,
    can_see_panel_finance,
    can_view_panel,
    can_view_responses,
    can_view_round,
    is_facilitator,
    is_invited,
    panel_seat,
    panels_for,
)
from engagement.access.people import (
    administered_programmes,
    audit_events_for,
    can_handle_person,
    people_of,
)
from engagement.access.programme import (
    can_add_to_register,
    can_edit_project,
    can_edit_register_item,
    can_manage_programme,
    can_open_projects,
    can_read_programme,
    can_view_project,
    programmes_run_by,
    projects_for,
)
from engagement.access.roles import (
    is_any_programme_admin,
    is_any_programme_staff,
    is_board_member,
    is_locality_lead,
    is_programme_admin,
    is_programme_staff,
    membership,
    programme_role,
)
from engagement.access.stories import (
    STORY_READERS,
    can_analyse_inquiry,
    can_decide_safeguarding,
    can_enter_story,
    can_moderate_stories,
    can_see_storyteller_details,
    inquiries_for,
    may_read_story_part,
    quotable_stories,
    stories_to_moderate,
    story_parts_for,
    story_reader,
)
from engagement.access.workspace import (
    can_add_entry,
    can_edit_entry,
    can_edit_plan,
    can_manage_actions,
    can_organise_in,
    can_report_milestones,
    can_view_dashboard,
    can_view_entry,
    can_view_workspace,
    dashboards_for,
    visible_entries_q,
    workspaces_for,
)

__all__ = [
    "ProgrammeScope",
    "administered_programmes",
    "audit_events_for",
    "can_handle_person",
    "people_of",
    "programme_role",
    "membership",
    "is_programme_admin",
    "is_programme_staff",
    "is_locality_lead",
    "is_any_programme_admin",
    "is_any_programme_staff",
    "is_board_member",
    "can_view_workspace",
    "can_edit_plan",
    "can_add_entry",
    "can_view_entry",
    "can_edit_entry",
    "visible_entries_q",
    "can_manage_actions",
    "can_report_milestones",
    "can_view_dashboard",
    "workspaces_for",
    "dashboards_for",
    "can_organise_in",
    "panel_seat",
    "is_facilitator",
    "can_view_panel",
    "can_open_round",
    "is_invited",
    "can_view_round",
    "can_give_feedback",
    "can_see_all_feedback",
    "can_respond",
    "can_view_responses",
    "can_see_panel_finance",
    "panels_for",
    "can_moderate_stories",
    "quotable_stories",
    "stories_to_moderate",
    "STORY_READERS",
    "can_see_storyteller_details",
    "may_read_story_part",
    "story_parts_for",
    "story_reader",
    "can_analyse_inquiry",
    "inquiries_for",
    "can_enter_story",
    "can_decide_safeguarding",
    "can_manage_programme",
    "can_read_programme",
    "programmes_run_by",
    "can_open_projects",
    "projects_for",
    "can_view_project",
    "can_edit_project",
    "can_edit_register_item",
    "can_add_to_register",
]
