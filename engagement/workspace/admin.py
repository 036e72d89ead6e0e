"""Workspace records in the Wagtail admin (for programme staff)."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement.models import (
    Action,
    LocalityMembership,
    MilestoneReport,
    ProgrammeRole,
    ProgressEntry,
)


class MembershipViewSet(SnippetViewSet):
    model = LocalityMembership
    icon = "group"
    menu_label = "Locality teams"
    list_display = ["user", "locality", "role", "is_lead"]
    list_filter = ["role", "is_lead", "locality"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    panels = [FieldPanel("locality"), FieldPanel("user"), FieldPanel("role"), FieldPanel("is_lead")]


class ProgrammeRoleViewSet(SnippetViewSet):
    model = ProgrammeRole
    icon = "user"
    menu_label = "Programme roles"
    list_display = ["user", "programme", "role"]
    list_filter = ["role", "programme"]
    panels = [FieldPanel("programme"), FieldPanel("user"), FieldPanel("role")]


class ProgressEntryViewSet(SnippetViewSet):
    model = ProgressEntry
    icon = "doc-full"
    menu_label = "Progress entries"
    list_display = ["__str__", "locality", "author", "entry_date", "status", "is_learning"]
    list_filter = ["status", "is_learning", "locality"]
    inspect_view_enabled = True
    ordering = ["-entry_date"]
    panels = [
        FieldPanel("entry_date"),
        FieldPanel("phase"),
        FieldPanel("what_we_did"),
        FieldPanel("what_we_learned"),
        FieldPanel("next_steps"),
        FieldPanel("is_learning"),
    ]


class ActionViewSet(SnippetViewSet):
    model = Action
    icon = "tasks"
    menu_label = "Actions"
    list_display = ["title", "locality", "owner", "due_date", "status"]
    list_filter = ["status", "locality"]
    search_fields = ["title", "description"]
    panels = [
        FieldPanel("locality"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("status"),
        FieldPanel("source_note"),
    ]


class MilestoneReportViewSet(SnippetViewSet):
    model = MilestoneReport
    icon = "date"
    menu_label = "Milestone figures"
    list_display = ["milestone", "locality", "reported_on", "value"]
    list_filter = ["locality"]
    panels = [
        FieldPanel("locality"),
        FieldPanel("milestone"),
        FieldPanel("reported_on"),
        FieldPanel("value"),
        FieldPanel("note"),
    ]


VIEWSETS = (
    MembershipViewSet,
    ProgrammeRoleViewSet,
    ProgressEntryViewSet,
    ActionViewSet,
    MilestoneReportViewSet,
)
