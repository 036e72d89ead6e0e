"""Expert panels, their members, training, involvement and payments in the Wagtail admin."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from engagement.models import Involvement, MemberTraining, Panel, PanelMember, Payment


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


VIEWSETS = (
    PanelViewSet,
    PanelMemberViewSet,
    MemberTrainingViewSet,
    InvolvementViewSet,
    PaymentViewSet,
)
