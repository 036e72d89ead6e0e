"""Wagtail admin registration for workspace records (for programme staff)."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import permissions, story_admin
from .admin_views import audit_view, people_view, plain_english_view
from .models import (
    Action,
    Involvement,
    LocalityMembership,
    MemberTraining,
    MilestoneReport,
    Panel,
    PanelMember,
    Payment,
    ProgrammeRole,
    ProgressEntry,
    SafeguardingTerm,
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


class PanelViewSet(SnippetViewSet):
    model = Panel
    icon = "group"
    menu_label = "Expert panels"
    list_display = ["name", "programme", "locality", "facilitator"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("programme"),
        FieldPanel("locality"),
        FieldPanel("description"),
        FieldPanel("facilitator"),
        FieldPanel("chair"),
    ]


class PanelMemberViewSet(SnippetViewSet):
    model = PanelMember
    icon = "user"
    menu_label = "Panel members"
    list_display = ["user", "panel", "show_name_publicly"]
    list_filter = ["panel"]
    panels = [
        FieldPanel("panel"),
        FieldPanel("user"),
        FieldPanel("show_name_publicly"),
        FieldPanel("boards"),
    ]


class MemberTrainingViewSet(SnippetViewSet):
    model = MemberTraining
    icon = "date"
    menu_label = "Panel training"
    list_display = ["member", "name", "completed_on"]


class InvolvementViewSet(SnippetViewSet):
    model = Involvement
    icon = "time"
    menu_label = "Panel involvement"
    list_display = ["member", "kind", "on", "hours"]
    list_filter = ["kind"]


class PaymentViewSet(SnippetViewSet):
    model = Payment
    icon = "doc-full"
    menu_label = "Panel payments"
    list_display = ["member", "kind", "amount", "owed_on", "paid_on"]


class SafeguardingTermViewSet(SnippetViewSet):
    model = SafeguardingTerm
    icon = "warning"
    menu_label = "Safeguarding words"
    list_display = ["phrase"]
    search_fields = ["phrase"]
    panels = [FieldPanel("phrase")]


class WorkspaceGroup(SnippetViewSetGroup):
    menu_label = "Workspaces"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        MembershipViewSet,
        ProgrammeRoleViewSet,
        ProgressEntryViewSet,
        ActionViewSet,
        MilestoneReportViewSet,
        PanelViewSet,
        PanelMemberViewSet,
        MemberTrainingViewSet,
        InvolvementViewSet,
        PaymentViewSet,
        SafeguardingTermViewSet,
    )


register_snippet(WorkspaceGroup)


@hooks.register("register_admin_urls")
def register_plain_english_url():
    return [
        path("plain-english/<int:page_id>/", plain_english_view, name="plain_english"),
        path("audit/", audit_view, name="audit_log"),
        path("people/", people_view, name="people_data"),
        path("stories/", include((story_admin.urlpatterns, "story_admin"))),
    ]


@hooks.register("register_admin_viewset")
def register_story_viewset():
    return story_admin.StoryViewSet("story_moderation")


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_any_programme_admin(request.user)


@hooks.register("register_admin_menu_item")
def register_people_menu_item():
    return AuditMenuItem("People's data", reverse("people_data"), icon_name="user", order=901)


@hooks.register("register_admin_menu_item")
def register_audit_menu_item():
    return AuditMenuItem("Audit log", reverse("audit_log"), icon_name="history", order=900)


@hooks.register("register_page_listing_more_buttons")
def plain_english_listing_button(page, user, next_url=None):
    yield Button("Plain English check", reverse("plain_english", args=[page.pk]), priority=55)


@hooks.register("register_page_header_buttons")
def plain_english_header_button(page, user, view_name, next_url=None):
    yield Button(
        "Plain English check",
        reverse("plain_english", args=[page.pk]),
        icon_name="doc-full",
        priority=66,
    )
