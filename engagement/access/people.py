"""People's data and the audit log: a programme admin acts on people, and reads what people
did, only within the programmes they administer; superusers alone see everyone."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from accounts.models import AuditEvent
from accounts.rights import programmes_of_person
from engagement.access.roles import _roles, _signed_in, is_programme_admin
from engagement.models import ProgrammePage, ProgrammeRole


def administered_programmes(user) -> list[int]:
    if not _signed_in(user):
        return []
    return [pid for pid, role in _roles(user)[0].items() if role == ProgrammeRole.ADMIN]


def can_handle_person(user, email: str) -> bool:
    """Export or erase the person with ``email``: superusers anyone; a programme admin only
    someone who has joined or done something in a programme they administer, and whose every
    role, place, record and mention is in programmes they administer. A record that only
    names the address (an invitation not taken up, a story or a booking anyone could have
    typed it into) is not enough, and anyone who works in the admin (staff, or given admin
    rights) is handled by a superuser."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    target = get_user_model().objects.filter(email__iexact=email).first()
    if target is not None and (
        target.is_superuser
        or target.is_staff
        or target.groups.exists()
        or target.user_permissions.exists()
    ):
        return False
    if not programmes_of_person(email, proven_only=True):
        return False
    return all(is_programme_admin(user, pid) for pid in programmes_of_person(email))


def people_of(programme_ids):
    """Everyone with a role in, or a place in a locality or group of, these programmes: the people
    choosers offer, and whose actions a programme admin may read in the audit log."""
    return (
        get_user_model()
        .objects.filter(
            Q(programme_roles__programme_id__in=programme_ids)
            | Q(memberships__locality__programme_id__in=programme_ids)
            | Q(group_places__group__programme_id__in=programme_ids)
        )
        .distinct()
    )


def audit_events_for(user):
    """The audit log as ``user`` may read it: all of it for superusers; for a programme admin,
    what the people of their programmes did, when those people are in no other programme (an
    event does not say which programme it was about: someone also in another programme did
    things there, which are that programme's, and a superuser's to read)."""
    if not _signed_in(user):
        return AuditEvent.objects.none()
    if user.is_superuser:
        return AuditEvent.objects.all()
    programmes = administered_programmes(user)
    if not programmes:
        return AuditEvent.objects.none()
    others = ProgrammePage.objects.exclude(pk__in=programmes).values("pk")
    return AuditEvent.objects.filter(actor__in=people_of(programmes).values("pk")).exclude(
        actor__in=people_of(others).values("pk")
    )
