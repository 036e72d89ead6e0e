"""Events: pages for design days, network meetings, residentials and the rest (pages.py), the
parts edited with them (parts.py), and what people do at them: registrations, attendance,
records and topics (registrations.py)."""

from .pages import KIND_CHOICES, LONDON, EventPage
from .parts import AgendaSession, EventRole, LocalityPlaces
from .registrations import AttendanceDay, EventRecord, Registration, TopicSuggestion, new_token

__all__ = [
    "KIND_CHOICES",
    "LONDON",
    "AgendaSession",
    "AttendanceDay",
    "EventPage",
    "EventRecord",
    "EventRole",
    "LocalityPlaces",
    "Registration",
    "TopicSuggestion",
    "new_token",
]
