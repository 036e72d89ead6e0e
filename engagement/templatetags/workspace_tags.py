"""Template access to engagement.access (templates never re-derive a rule)."""

from django import template

from engagement import access
from engagement.models import InquiryPage

register = template.Library()


@register.filter
def editable_by(entry, user) -> bool:
    return access.can_edit_entry(user, entry)


@register.filter
def phase_state(phase, today) -> str:
    return phase.state(today)


@register.filter
def overdue(action, today) -> bool:
    return action.is_overdue(today)


@register.filter
def reads_programme(user, programme) -> bool:
    """Whether ``user`` may read all of ``programme``'s management pages."""
    return access.can_read_programme(user, programme.pk)


@register.filter
def opens_workspace(user, locality) -> bool:
    """Whether ``user`` may open ``locality``'s private workspace."""
    return access.can_view_workspace(user, locality)


@register.filter
def analyses_inquiry(user, inquiry) -> bool:
    """Whether ``user`` is on ``inquiry``'s team (stories and analysis)."""
    return access.can_analyse_inquiry(user, inquiry)


@register.inclusion_tag("engagement/includes/open_inquiries.html")
def open_inquiries(page):
    """The open inquiries under a programme or locality page, inviting stories."""
    return {"inquiries": InquiryPage.open_under(page)}
