"""Wagtail admin: registrations, records and topic suggestions for organisers."""

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from engagement import access
from site_content.admin_scope import ScopedViewSetMixin

from .models import EventRecord, Registration, TopicSuggestion


class RegistrationViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = Registration
    # A place is taken through the event's own form, which keeps capacity and the waiting list.
    actions = ("view", "change", "delete")
    scope = access.ProgrammeScope("event", by_page=True)
    icon = "user"
    menu_label = "Registrations"
    list_select_related = ("event",)
    list_display = ["name", "event", "status", "companions", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email"]
    # A place (its status, and the places companions take) changes only through the
    # registration service, which keeps capacity exact and offers freed places to the next
    # person waiting: the organisers' attendee page and the person's own link do that.
    panels = [
        HelpPanel(
            content="To cancel a place or take someone off the waiting list, use the event's "
            "attendee page or the person's own link, so the place goes to the next person."
        ),
        FieldPanel("event", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("companions", read_only=True),
        FieldPanel("places_from", read_only=True),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("taking_part_as"),
        FieldPanel("access_needs"),
        FieldPanel("dietary_needs"),
        FieldPanel("overnight"),
        FieldPanel("overnight_notes"),
        FieldPanel("consent_to_contact"),
        FieldPanel("attended"),
    ]


class EventRecordViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = EventRecord
    scope = access.ProgrammeScope("event", by_page=True)
    icon = "doc-full"
    menu_label = "Notes and group work"
    list_select_related = ("event",)
    list_display = ["event", "kind", "question", "created_at"]


class TopicViewSet(ScopedViewSetMixin, SnippetViewSet):
    model = TopicSuggestion
    scope = access.ProgrammeScope("event", by_page=True)
    icon = "help"
    menu_label = "Topic suggestions"
    list_select_related = ("event",)
    list_display = ["topic", "event", "created_at"]
    # Not the account a suggestion came from: that is kept only for the person's own copy of
    # their data (events.rights.TopicData).
    panels = [FieldPanel("event"), FieldPanel("topic"), FieldPanel("name")]


class EventsGroup(SnippetViewSetGroup):
    menu_label = "Events"
    menu_icon = "date"
    menu_order = 205
    items = (RegistrationViewSet, EventRecordViewSet, TopicViewSet)


register_snippet(EventsGroup)
