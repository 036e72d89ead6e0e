"""Who must use a second factor. Staff and anyone who can open the Wagtail admin always;
other apps add their own rules (engagement: programme admins and the programme team), so
this app imports none of them."""

from collections.abc import Callable

_RULES: list[Callable] = []


def register_rule(rule: Callable) -> None:
    """``rule(user) -> bool``: True if this user must have a second factor."""
    if rule not in _RULES:
        _RULES.append(rule)


def needs_second_factor(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(rule(user) for rule in _RULES)
