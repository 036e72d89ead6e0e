"""Expert panels, their members, training, involvement and payments in the Wagtail admin."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement import access
from engagement.models import Involvement, MemberTraining, Panel, PanelMember, Payment
from site_content.admin_scope import ScopedViewSetMixin


class PanelViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Panel
    scope = access.ProgrammeScope("programme")
    icon = "group"
    menu_label = "Expert panels"
    list_select_related = ("programme", "locality", "facilitator")
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


class PanelMemberViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = PanelMember
    scope = access.ProgrammeScope("panel__programme")
    icon = "user"
    menu_label = "Panel members"
    list_select_related = ("user", "panel")
    list_display = ["user", "panel", "show_name_publicly"]
    list_filter = ["panel"]
    panels = [
        FieldPanel("panel"),
        FieldPanel("user"),
        FieldPanel("show_name_publicly"),
        FieldPanel("boards"),
    ]


class MemberTrainingViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = MemberTraining
    scope = access.ProgrammeScope("member__panel__programme")
    icon = "date"
    menu_label = "Panel training"
    list_select_related = ("member__user", "member__panel")
    list_display = ["member", "name", "completed_on"]


class InvolvementViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Involvement
    scope = access.ProgrammeScope("member__panel__programme")
    icon = "time"
    menu_label = "Panel involvement"
    list_select_related = ("member__user", "member__panel")
    list_display = ["member", "kind", "on", "hours"]
    list_filter = ["kind"]


class PaymentViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Payment
    scope = access.ProgrammeScope("member__panel__programme")
    icon = "doc-full"
    menu_label = "Panel payments"
    list_select_related = ("member__user", "member__panel")


VIEWSETS = (
    PanelViewSet,
    PanelMemberViewSet,
    MemberTrainingViewSet,
    InvolvementViewSet,
    PaymentViewSet,
)
