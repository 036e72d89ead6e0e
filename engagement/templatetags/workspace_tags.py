"""Template access to engagement.permissions (templates never re-derive a rule)."""

from django import template

from engagement import permissions

register = template.Library()


@register.filter
def editable_by(entry, user) -> bool:
    return permissions.can_edit_entry(user, entry)


@register.filter
def phase_state(phase, today) -> str:
    return phase.state(today)


@register.filter
def overdue(action, today) -> bool:
    return action.is_overdue(today)


@register.filter
def reads_programme(user, programme) -> bool:
    """Whether ``user`` may read all of ``programme``'s management pages."""
    return permissions.can_read_programme(user, programme.pk)
