"""Workspace records in the Wagtail admin (for programme staff)."""

from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement import access
from engagement.models import (
    Action,
    LocalityMembership,
    MilestoneReport,
    ProgrammeRole,
    ProgressEntry,
)
from site_content.admin_scope import ScopedViewSetMixin


class MembershipForm(WagtailAdminModelForm):
    """A place in a locality team given here keeps the rule an invitation keeps."""

    def clean(self):
        cleaned = super().clean()
        user, locality = cleaned.get("user"), cleaned.get("locality")
        if user is not None and locality is not None and not access.may_join(user, locality):
            self.add_error("user", access.EVALUATORS_STAY_OUTSIDE)
        return cleaned


class MembershipViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = LocalityMembership
    scope = access.ProgrammeScope("locality__programme")
    icon = "group"
    menu_label = "Locality teams"
    list_select_related = ("user", "locality")
    list_display = ["user", "locality", "role", "is_lead"]
    list_filter = ["role", "is_lead", "locality"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    edit_handler = ObjectList(
        [FieldPanel("locality"), FieldPanel("user"), FieldPanel("role"), FieldPanel("is_lead")],
        base_form_class=MembershipForm,
    )


class ProgrammeRoleForm(WagtailAdminModelForm):
    """Making someone an evaluator keeps the rule that evaluators are in no team or group."""

    def clean(self):
        cleaned = super().clean()
        user, programme = cleaned.get("user"), cleaned.get("programme")
        if (
            cleaned.get("role") == ProgrammeRole.EVALUATOR
            and user is not None
            and programme is not None
            and not access.may_become_evaluator(user, programme.pk)
        ):
            self.add_error(
                "role",
                f"{user.display_name} is in a locality team or a group of this programme. "
                "Evaluators stay outside them: take them out of those first.",
            )
        return cleaned


class ProgrammeRoleViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = ProgrammeRole
    scope = access.ProgrammeScope("programme")
    icon = "user"
    menu_label = "Programme roles"
    list_select_related = ("user", "programme")
    list_display = ["user", "programme", "role"]
    list_filter = ["role", "programme"]
    edit_handler = ObjectList(
        [FieldPanel("programme"), FieldPanel("user"), FieldPanel("role")],
        base_form_class=ProgrammeRoleForm,
    )


class ProgressEntryViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = ProgressEntry
    scope = access.ProgrammeScope("locality__programme")
    icon = "doc-full"
    menu_label = "Progress entries"
    list_select_related = ("locality", "author")
    list_display = ["__str__", "locality", "author", "entry_date", "status", "is_learning"]
    list_filter = ["status", "is_learning", "locality"]
    inspect_view_enabled = True
    ordering = ["-entry_date"]
    # Entries are written in the workspace, which keeps every revision; here they are read.
    panels = [
        HelpPanel(content="Change an entry in its locality's workspace, which keeps its history."),
        FieldPanel("entry_date", read_only=True),
        FieldPanel("phase", read_only=True),
        FieldPanel("what_we_did", read_only=True),
        FieldPanel("what_we_learned", read_only=True),
        FieldPanel("next_steps", read_only=True),
        FieldPanel("is_learning", read_only=True),
    ]


class ActionForm(WagtailAdminModelForm):
    """An action changed here is a new version of it, so a workspace form opened before this
    save is told that someone else saved changes instead of writing over them."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and self.has_changed():
            self.instance.version += 1
        return cleaned


class ActionViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Action
    scope = access.ProgrammeScope("locality__programme", where=Q(locality__isnull=False))
    icon = "tasks"
    menu_label = "Actions"
    list_select_related = ("locality", "owner")
    list_display = ["title", "locality", "owner", "due_date", "status"]
    list_filter = ["status", "locality"]
    search_fields = ["title", "description"]
    edit_handler = ObjectList(
        [
            FieldPanel("locality"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("owner"),
            FieldPanel("due_date"),
            # Done-ness goes through the workspace service (it records when, and tells the
            # storytellers behind the action): change it on the locality's action list.
            FieldPanel("status", read_only=True),
            FieldPanel("completed_at", read_only=True),
            FieldPanel("source_note"),
        ],
        base_form_class=ActionForm,
    )


class MilestoneReportForm(WagtailAdminModelForm):
    """A recorded figure changed here says who changed it, as a correction in the workspace
    does (the model keeps when, and the figure first given)."""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and self.has_changed():
            self.instance.corrected_by = self.for_user
        return cleaned


class MilestoneReportViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = MilestoneReport
    scope = access.ProgrammeScope("locality__programme")
    icon = "date"
    menu_label = "Milestone figures"
    list_select_related = ("milestone", "locality")
    list_display = ["milestone", "locality", "reported_on", "value"]
    list_filter = ["locality"]
    edit_handler = ObjectList(
        [
            FieldPanel("locality"),
            FieldPanel("milestone"),
            FieldPanel("reported_on"),
            FieldPanel("value"),
            FieldPanel("note"),
        ],
        base_form_class=MilestoneReportForm,
    )


VIEWSETS = (
    MembershipViewSet,
    ProgrammeRoleViewSet,
    ProgressEntryViewSet,
    ActionViewSet,
    MilestoneReportViewSet,
)
