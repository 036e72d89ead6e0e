"""Who may publish the guide. The rule itself lives in engagement.permissions."""

from engagement import access as engagement_permissions


def can_publish_guide(user) -> bool:
    """Programme admins and programme team members of any programme."""
    return engagement_permissions.is_any_programme_staff(user)
