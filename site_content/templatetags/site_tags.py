"""Template helpers shared by every app's templates."""

import copy

from django import template
from django.forms import BaseForm
from django.utils.html import format_html

from site_content import plain_errors
from site_content.formatting import figure_with_unit, plain_time
from site_content.once import FIELD, new_key

register = template.Library()


@register.simple_tag
def once_field():
    """The key that makes a form that creates something do it once (site_content.once)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_key())


@register.filter
def with_unit(value, unit):
    """A figure with its unit, as the target beside it is shown: ``7.6%``, ``12 people``."""
    return figure_with_unit(value, unit or "")


@register.filter(name="plain_time")
def plain_time_filter(value):
    """A clock time as people write it: ``10am``, ``2:30pm``, ``midday``."""
    return plain_time(value)


@register.filter
def plain_error(error, bound_field):
    """A field's error in plain words for that field (site_content.plain_errors)."""
    return plain_errors.plain(error, bound_field)


@register.filter
def error_target(bound_field):
    """The id an error summary links to: the field, or the first option of a group of them."""
    several = bound_field.widget_type in ("checkboxselectmultiple", "radioselect", "date")
    return f"{bound_field.auto_id}_0" if several else bound_field.auto_id


def forms_with_errors(context):
    """The forms of the page that came back with errors, in the order the view named them.

    Every form the view passed (``form``, ``theme_form``, ``invite_form``...) is looked at,
    once each, however many names it has: a page with several forms reports the one that
    failed, and nothing when none did (an unbound form has no errors)."""
    found, seen = [], set()
    if context.get("token_fail"):
        return found  # allauth's page for a link that no longer works: it shows no form
    for value in context.flatten().values():
        if isinstance(value, BaseForm) and id(value) not in seen:
            seen.add(id(value))
            if value.errors:
                found.append(value)
    return found


@register.inclusion_tag("site_content/includes/error_summary.html", takes_context=True)
def error_summary(context):
    """The one error summary of a page, at the top of its main content (GOV.UK's pattern),
    for every form of the page that has errors. base.html puts it there, so no form or page
    includes one of its own."""
    return {"forms": forms_with_errors(context)}


@register.simple_tag(takes_context=True)
def error_title_prefix(context):
    """``Error: `` before the page's title when a form of the page has errors."""
    return "Error: " if forms_with_errors(context) else ""


@register.simple_tag
def field_widget(bound_field):
    """Render a field's input with the classes and ARIA links the form pattern needs."""
    described = []
    # A date's hint and error describe its group of boxes (field.html), said once, not per box.
    if bound_field.help_text and bound_field.widget_type != "date":
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors and bound_field.widget_type != "date":
        described.append(f"{bound_field.auto_id}-error")
    css = {"textarea": "textarea", "select": "select"}.get(bound_field.widget_type, "input")
    if bound_field.errors:
        css += f" {css}--error"
    attrs = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    # No maxlength: a browser silently cuts pasted text at it. The form says in words what
    # is too long, and keeps all of it to shorten (as GOV.UK's character count does).
    widget = copy.copy(bound_field.field.widget)
    widget.attrs = {k: v for k, v in widget.attrs.items() if k != "maxlength"}
    return bound_field.as_widget(widget=widget, attrs=attrs)


@register.simple_tag(takes_context=True)
def privacy_notice_links(context):
    """The privacy notice and its Easy Read version ({} when the site has no notice), for
    forms that collect personal information to link to."""
    from site_content.models import PrivacyNoticePage

    request = context.get("request")
    page = PrivacyNoticePage.objects.live().first()
    url = page.get_url(request) if page else None
    if not url:
        return {}
    easy_read = url + page.reverse_subpage("easy_read")
    return {
        "full": url,
        "easy_read": easy_read,
        "easy_read_absolute": request.build_absolute_uri(easy_read) if request else easy_read,
    }
