"""Who may publish the guide: asks engagement.permissions, the one home for role rules."""

from engagement import permissions as engagement_permissions
from engagement.models import ProgrammePage


def can_publish_guide(user) -> bool:
    """Programme admins and programme team members of any programme."""
    if not (user and user.is_authenticated):
        return False
    return any(
        engagement_permissions.is_programme_staff(user, pid)
        for pid in ProgrammePage.objects.values_list("pk", flat=True)
    )
