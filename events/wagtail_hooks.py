"""Wagtail admin: registrations, records and topic suggestions for organisers."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import EventRecord, Registration, TopicSuggestion


class RegistrationViewSet(SnippetViewSet):
    model = Registration
    icon = "user"
    menu_label = "Registrations"
    list_display = ["name", "event", "status", "companions", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email"]


class EventRecordViewSet(SnippetViewSet):
    model = EventRecord
    icon = "doc-full"
    menu_label = "Notes and group work"
    list_display = ["event", "kind", "question", "created_at"]


class TopicViewSet(SnippetViewSet):
    model = TopicSuggestion
    icon = "help"
    menu_label = "Topic suggestions"
    list_display = ["topic", "event", "created_at"]


class EventsGroup(SnippetViewSetGroup):
    menu_label = "Events"
    menu_icon = "date"
    menu_order = 205
    items = (RegistrationViewSet, EventRecordViewSet, TopicViewSet)


register_snippet(EventsGroup)
