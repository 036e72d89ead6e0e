"""Signal handlers (connected in EngagementConfig.ready)."""

from django.db.models.signals import post_delete, post_save

from accounts.audit import record
from accounts.models import AuditEvent


def role_changed(sender, instance, created=None, **kwargs):
    """Programme roles, locality memberships, group places and panel seats are audited: the
    person who made the change, from where, and whose role it was (in the detail)."""
    what = "removed" if created is None else ("given" if created else "changed")
    record(AuditEvent.ROLE_CHANGE, detail=f"{what}: {instance}")


def connect():
    from engagement.models import (
        GroupMembership,
        LocalityMembership,
        PanelMember,
        ProgrammeRole,
    )

    for model in (ProgrammeRole, LocalityMembership, PanelMember, GroupMembership):
        uid = f"audit-{model.__name__}"
        post_save.connect(role_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(role_changed, sender=model, dispatch_uid=f"{uid}-delete")
