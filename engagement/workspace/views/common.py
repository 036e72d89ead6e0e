"""What every workspace page shares: loading the locality and refusing the wrong people."""

from __future__ import annotations

from engagement import access
from engagement.core.guarded import guarded
from engagement.models import LocalityPage


def workspace_view(check=access.can_view_workspace):
    """Load the locality from the URL and refuse with 404 unless ``check(user, locality)``."""
    return guarded(
        lambda slug: LocalityPage.objects.live().filter(slug=slug).first(),
        check,
        param="slug",
        missing="No workspace here",
    )


def workspace_context(request, locality, **extra):
    return {
        "locality": locality,
        "programme": locality.programme,
        "can_edit_plan": access.can_edit_plan(request.user, locality),
        "can_add_entry": access.can_add_entry(request.user, locality),
        "can_manage_actions": access.can_manage_actions(request.user, locality),
        "can_report_milestones": access.can_report_milestones(request.user, locality),
        **extra,
    }
